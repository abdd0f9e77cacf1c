# Edge event clocks on the gpio-sim chip (sourced by guest-tests.sh, after harness.sh).
#
# This lane's qdot is built on Debian 12's libgpiod 1.6 (the GPIO uAPI v1), which cannot choose an
# event clock: the kernel stamps v1 edges with CLOCK_MONOTONIC. So qdot itself must refuse hte and
# realtime before asking the kernel, and monotonic must come back on CLOCK_MONOTONIC. What the
# kernel answers a uAPI v2 request (libgpiod 2.x's) for each clock is shown by a raw-ioctl probe:
# this kernel has no CONFIG_HTE, so hte is refused with EOPNOTSUPP (95).

edge_clock() { qdot-bench edge-clock --chip "$CHIP" --line SPARE "$@" 2>&1; }

for clock in hte realtime; do
    out=$(edge_clock --clock "$clock"); status=$?
    echo "$out" | sed 's/^/    /'
    check "qdot (libgpiod 1.6) refuses event clock $clock: exit 3, unsupported, before the kernel is asked (no errno)" \
        expect_match "$(echo "$status $out" | tr '\n' ' ')" "^3 .*edge-clock-result clock=$clock granted=0 kind=unsupported errno=-"
    check "the refusal of $clock names the board's choice and this libgpiod" \
        expect_match "$out" "asks for event clock $clock .*on SPARE.*libgpiod 1\.6\.[0-9]+.*cannot choose an event clock"
done
check "the refusal of hte says what to do: libgpiod 2.x and a kernel with HTE support" \
    expect_match "$(edge_clock --clock hte)" "Install libgpiod 2\.x .*kernel with HTE support"

# Monotonic through qdot's own request and read path: 3 injected clicks, 6 edges, each stamped
# between the request and the read on CLOCK_MONOTONIC.
edge_clock --clock monotonic --edges 6 --timeout-ms 20000 > /tmp/edge-clock.out &
probe=$!
tries=0
while ! grep -q '^edge-clock-ready' /tmp/edge-clock.out 2>/dev/null && [ "$tries" -lt 100 ]; do
    sleep 0.1; tries=$((tries + 1))
done
inject_clicks SPARE 3 0.05
wait "$probe"
status=$?
sed 's/^/    /' /tmp/edge-clock.out
check "qdot (libgpiod 1.6) takes event clock monotonic and reads the 6 edges stamped on CLOCK_MONOTONIC" \
    expect_match "$(echo "$status $(cat /tmp/edge-clock.out)" | tr '\n' ' ')" "^0 .*edge-clock-result clock=monotonic granted=1 edges=6 on-monotonic=6"

# The kernel's answer to a uAPI v2 request (what qdot's libgpiod 2.x path gets).
kernel=$(gpio-event-clock-probe /dev/gpiochip0 "$(line_offset SPARE)" 2>&1)
echo "$kernel" | sed 's/^/    kernel: /'
check "the kernel (uAPI v2) grants event clock monotonic" expect_match "$kernel" "^event-clock monotonic granted"
check "the kernel (uAPI v2) grants event clock realtime (qdot refuses it itself)" expect_match "$kernel" "event-clock realtime granted"
check "the kernel (uAPI v2, no CONFIG_HTE) refuses event clock hte with EOPNOTSUPP (errno 95)" \
    expect_match "$kernel" "event-clock hte refused errno 95 "
