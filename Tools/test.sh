#!/usr/bin/env bash
# Quick start, part 2: installs what the build needs and runs the whole test suite (debug build).
# Arguments go to `swift test` (e.g. --filter SUITE), in one run.
set -euo pipefail
cd "$(dirname "$0")/.."
Tools/scripts/install-dependencies.sh
swift build --build-tests
if [[ $# -gt 0 ]]; then
    exec swift test --skip-build "$@"
fi
# The socket and timer suites (loopback servers, the link transport, the key store's timers) run
# first, on their own, as in Tools/ci/sanitizers.sh. Swift Testing runs every test on the
# cooperative thread pool, one thread per core; in one run, the long synchronous tests (the physics
# end-to-end statistics, the two-node link run) can hold both threads of a 2-core machine for
# minutes while these tests' 60 s limits run out (a CI run on a loaded machine: two link transport
# tests "Time limit was exceeded" at 230 s).
sockets='^(ServiceTests|LinkTransportTests|KeyStoreTests|KeyDeliveryServerTests)\.'
swift test --skip-build --filter "$sockets"
swift test --skip-build --skip "$sockets"
