#!/usr/bin/env bash
# Quick start, part 2: installs what the build needs and runs the whole test suite (debug build).
set -euo pipefail
cd "$(dirname "$0")/.."
Tools/scripts/install-dependencies.sh
swift build --build-tests
swift test --skip-build "$@"
