#!/usr/bin/env bash
# Quick start, part 1: builds qdot (release) and runs its main job on the simulated board with the
# built-in defaults. Extra arguments go to `qdot sim` (try --help).
set -euo pipefail
cd "$(dirname "$0")/.."
Tools/scripts/install-dependencies.sh
swift build -c release --product qdot
exec .build/release/qdot sim "$@"
