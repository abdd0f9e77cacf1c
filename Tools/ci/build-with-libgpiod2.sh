#!/usr/bin/env bash
# Builds the Linux backend (CGPIOD + LinuxHAL and their tests) against libgpiod 2.x from
# bookworm-backports, next to the distribution's 1.6 build, so neither API breaks unnoticed.
#
# CI does not call this script: its AddressSanitizer lane (Tools/ci/sanitizers.sh) is the build
# compiled against 2.x, which runs every test under ASan on it (the plain build covers 1.6). This
# script is the same check on its own, for a machine without the sanitizer lanes' time.
#
# Works on a fresh Debian 12 (bookworm) machine as root; the 2.x packages are unpacked into a
# private prefix (Tools/ci/libgpiod2-prefix.sh), the machine's apt configuration is not changed.
#
# Usage: Tools/ci/build-with-libgpiod2.sh [--test]
#   --test   also run the LinuxHAL unit tests against the 2.x build.
# Environment: QDOT_GPIOD2_WORK (default .build-gpiod2-prefix) for the private prefix.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
run_tests=false
[[ "${1:-}" == "--test" ]] && run_tests=true

source "$repo/Tools/ci/libgpiod2-prefix.sh"
libgpiod2_prefix

# Build (and optionally test) in a scratch path of its own. CGPIOD is header-only and loads
# libgpiod with dlopen, so the build needs only the 2.x header (-I before /usr/include, where
# 1.6's may sit); LD_LIBRARY_PATH lets the tests' dlopen find libgpiod.so.3. Without the default
# traits: the server packages have nothing to do with libgpiod.
cd "$repo"
swift build --scratch-path .build-gpiod2 --disable-default-traits -Xcc -I"$GPIOD2_INCLUDE" --target LinuxHAL
if $run_tests; then
    LD_LIBRARY_PATH=$GPIOD2_LIBDIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} \
        swift test --scratch-path .build-gpiod2 --disable-default-traits -Xcc -I"$GPIOD2_INCLUDE" \
        --filter 'LinuxHALTests|LibgpiodLoadingTests'
fi
echo "LinuxHAL builds against libgpiod $GPIOD2_VERSION"
