#!/usr/bin/env bash
# CI: builds and tests the Linux backend against libgpiod 1.6, the distribution's (Debian 12 /
# Raspberry Pi OS bookworm): the normal build, the LinuxHAL tests and qdot's Linux end-to-end tests.
# The 2.x API (bookworm-backports) is CI's AddressSanitizer build (Tools/ci/sanitizers.sh), which
# runs every test on it; `--with-gpiod2` also builds and tests it here, in a scratch path of its
# own (Tools/ci/build-with-libgpiod2.sh --test: 220 s cold, which is why CI leaves it to ASan).
# Each step says what it does; the first failure stops the script with its exit status and a
# line naming the step. Usage: Tools/ci/linux-backend.sh [--with-gpiod2]
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
step=""
trap 'status=$?; [[ $status -ne 0 ]] && echo "linux-backend: FAILED at: $step (exit $status)" >&2' EXIT

step="libgpiod 1.6 header present (libgpiod-dev)"
echo "== $step"
if ! pkg-config --exists libgpiod; then
    echo "error: libgpiod-dev is not installed (apt-get install libgpiod-dev)" >&2
    exit 2
fi
echo "libgpiod $(pkg-config --modversion libgpiod)"

step="build LinuxHAL and qdot against libgpiod $(pkg-config --modversion libgpiod)"
echo "== $step"
swift build --target LinuxHAL
swift build --product qdot

step="qdot does not link libgpiod (it is loaded with dlopen)"
echo "== $step"
binary=$(swift build --show-bin-path)/qdot
if readelf -d "$binary" | grep -q 'NEEDED.*libgpiod'; then
    echo "error: $binary links libgpiod; it must load it at run time" >&2
    exit 1
fi

step="LinuxHAL tests and the qdot run/latency/boards end-to-end tests (1.6)"
echo "== $step"
swift test --filter 'LinuxHALTests|LibgpiodLoadingTests|LinuxCommandTests|LinuxStationBuilderTests|LinuxStationEdgeSelectionTests'

if [[ "${1:-}" == "--with-gpiod2" ]]; then
    step="build and test LinuxHAL against libgpiod 2.x (bookworm-backports)"
    echo "== $step"
    "$repo/Tools/ci/build-with-libgpiod2.sh" --test
    step="done"
    echo "linux-backend: libgpiod 1.6 and 2.x builds pass"
else
    step="done"
    echo "linux-backend: libgpiod 1.6 build passes (2.x: the AddressSanitizer lane, or --with-gpiod2)"
fi
