#!/usr/bin/env bash
# The gpio-sim lane (DESIGN.md section 8, lane 3): qdot and its libgpiod backend against the
# kernel's gpio-sim chips, in a small kernel booted under qemu (TCG). The single entry point
# for CI:  bash Tools/hil/gpio-sim-lane.sh
#
# Steps: apt installs; the kernel (built once from Debian's linux-source-6.1, then cached under
# $QDOT_KERNEL_CACHE); the release qdot and qdot-bench with the Swift runtime linked in; the C
# reference loop; the initramfs; the boot under `timeout`. The verdict is the guest's exit-port
# byte AND its result line on the serial console; both must say pass. Anything that keeps the
# lane from running (no qemu, no room, no kernel) fails loudly: the lane never skips.
#
# Environment: QDOT_KERNEL_CACHE (default /var/cache/qdot-gpio-sim-kernel),
# QDOT_LANE_BOOT_TIMEOUT seconds (default 300), QDOT_LANE_WORK (default: a fresh temporary folder).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lane-common.sh"

lane_started=$(lane_now)
boot_timeout=${QDOT_LANE_BOOT_TIMEOUT:-300}
work=${QDOT_LANE_WORK:-$(mktemp -d /tmp/qdot-gpio-sim-lane.XXXXXX)}
mkdir -p "$work"
lane_log "work folder $work"

[ "$(uname -m)" = x86_64 ] || lane_fail "the lane builds an x86_64 guest and needs an x86_64 host, not $(uname -m)"
available_mib=$(df -Pm "$work" | awk 'NR == 2 { print $4 }')
[ "$available_mib" -ge 1024 ] || lane_fail "needs ~1 GB free in $work, only $available_mib MB"

# ---- packages ----------------------------------------------------------------------------------
step=$(lane_now)
lane_apt_install qemu-system-x86 busybox-static gpiod libgpiod-dev pkg-config cpio build-essential
command -v qemu-system-x86_64 >/dev/null || lane_fail "qemu-system-x86_64 not found after installing qemu-system-x86"
command -v swift >/dev/null || lane_fail "swift not found: the lane builds the release qdot"
packages_seconds=$(lane_elapsed "$step" "$(lane_now)")

# ---- kernel (cached) -----------------------------------------------------------------------------
step=$(lane_now)
bzImage=$("$HIL_DIR/build-kernel.sh") || lane_fail "no kernel (see the messages above)"
kernel_seconds=$(lane_elapsed "$step" "$(lane_now)")
if [ "$(awk -v s="$kernel_seconds" 'BEGIN { print (s > 60) }')" = 1 ]; then kernel_how="built"; else kernel_how="cache hit"; fi

# ---- programs --------------------------------------------------------------------------------------
step=$(lane_now)
# The flags CI's other release lanes use too (Tools/ci/release-flags.sh): the soak and the link
# lane reuse this build instead of compiling qdot's modules again.
source "$REPO_ROOT/Tools/ci/release-flags.sh"
(cd "$REPO_ROOT" && swift build "${QDOT_RELEASE_FLAGS[@]}" --product qdot >&2 \
    && swift build "${QDOT_RELEASE_FLAGS[@]}" --product qdot-bench >&2) \
    || lane_fail "release build of qdot / qdot-bench failed"
bin=$(cd "$REPO_ROOT" && swift build "${QDOT_RELEASE_FLAGS[@]}" --show-bin-path)
gcc -O2 -Wall -Wextra -o "$work/gpio-write-loop" "$HIL_DIR/gpio-write-loop.c" -lgpiod \
    || lane_fail "cannot build the C reference loop (libgpiod-dev 1.6 needed)"
gcc -O2 -Wall -Wextra -o "$work/gpio-event-clock-probe" "$HIL_DIR/gpio-event-clock-probe.c" \
    || lane_fail "cannot build the event-clock probe (linux-libc-dev's <linux/gpio.h> with the uAPI v2 needed)"
strip -o "$work/qdot" "$bin/qdot"
strip -o "$work/qdot-bench" "$bin/qdot-bench"
# qdot-bench links the allocation counter's library (found through RUNPATH $ORIGIN); it goes
# beside the binary. Only `qdot-bench simulator` preloads it, so gpio-write runs without it.
cp "$bin/libMallocInterposerSwift.so" "$work/"
programs_seconds=$(lane_elapsed "$step" "$(lane_now)")

# ---- initramfs -------------------------------------------------------------------------------------
step=$(lane_now)
"$HIL_DIR/build-initramfs.sh" "$work/initramfs.cpio.gz" \
    "$work/qdot" "$work/qdot-bench" "$work/libMallocInterposerSwift.so" "$work/gpio-write-loop" \
    "$work/gpio-event-clock-probe"
initramfs_seconds=$(lane_elapsed "$step" "$(lane_now)")

# ---- boot ------------------------------------------------------------------------------------------
# The guest cannot calibrate its TSC under TCG (no PIT reference, no HPET without ACPI) and would
# run on the 4 ms jiffies clock; give it the host's TSC rate, which TCG passes through.
gcc -O2 -o "$work/tsc-khz" "$HIL_DIR/tsc-khz.c" || lane_fail "cannot build tsc-khz.c"
tsc_khz=$("$work/tsc-khz")
step=$(lane_now)
lane_log "booting under qemu (TCG, timeout ${boot_timeout} s); the guest's console follows"
set +e
timeout --kill-after=10 "$boot_timeout" qemu-system-x86_64 -accel tcg -m 1G -smp 1 \
    -nographic -no-reboot -kernel "$bzImage" -initrd "$work/initramfs.cpio.gz" \
    -append "console=ttyS0 quiet panic=-1 tsc_early_khz=$tsc_khz tsc=reliable" \
    -device isa-debug-exit,iobase=0xf4,iosize=0x04 </dev/null 2>&1 | tee "$work/console.log"
qemu_status=${PIPESTATUS[0]}
set -e
boot_seconds=$(lane_elapsed "$step" "$(lane_now)")

# ---- verdict ----------------------------------------------------------------------------------------
result_line=$(tr -d '\r' < "$work/console.log" | grep -E '^QDOT-LANE-RESULT: ' | tail -1 || true)
echo
echo "== gpio-sim lane timings: packages ${packages_seconds} s, kernel ${kernel_seconds} s (${kernel_how}), " \
     "release build ${programs_seconds} s, initramfs ${initramfs_seconds} s, boot + guest tests ${boot_seconds} s, " \
     "whole lane $(lane_elapsed "$lane_started" "$(lane_now)") s"
tr -d '\r' < "$work/console.log" | grep -E '^QDOT-LANE-PERF: ' || true
case "$qemu_status" in
    1) port="pass (exit-port byte 0)" ;;
    3) port="fail (exit-port byte 1)" ;;
    124|137) lane_fail "qemu timed out after ${boot_timeout} s; console log: $work/console.log" ;;
    *) port="no verdict (qemu exit status $qemu_status)" ;;
esac
echo "== gpio-sim lane verdict: exit port: $port; result line: ${result_line:-missing}"
if [ "$qemu_status" = 1 ] && [ "$result_line" = "QDOT-LANE-RESULT: PASS" ]; then
    echo "== gpio-sim lane PASSED"
    rm -f "$work"/qdot "$work"/qdot-bench "$work"/*.so "$work"/initramfs.cpio.gz   # keep console.log
    exit 0
fi
lane_fail "the guest's verdict is not pass (exit port: $port; result line: ${result_line:-missing}); console log: $work/console.log"
