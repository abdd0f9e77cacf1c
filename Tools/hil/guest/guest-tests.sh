#!/bin/sh
# The gpio-sim lane's tests, inside the guest, on the kernel's GPIO character device.
# Each check prints "ok N - ..." or "not ok N - ..."; the script fails if any check failed.
. /lane/harness.sh
CHIP=gpio-sim.0-node0
BOARD=/lane/gpio-sim.board.toml

# ---- the chip, as outside clients see it ------------------------------------------------------
detect=$(gpiodetect)
echo "$detect"
check "gpiodetect lists the gpio-sim chip by its label" expect_match "$detect" "\[$CHIP\] \(13 lines\)"
info=$(gpioinfo "$CHIP")
for name in $(awk '{ print $1 }' /tmp/lane-lines); do
    check "gpioinfo names line $name as the board file does" expect_match "$info" "\"$name\""
done
check "gpiofind finds TRIGGER by name at its offset" \
    expect_equal "$(gpiofind TRIGGER)" "gpiochip0 $(line_offset TRIGGER)"

# ---- the harness reads outputs: gpioset drives TRIGGER, sim_gpioN/value shows it --------------
gpioset --mode=signal "$CHIP" "$(line_offset TRIGGER)=1" &
holder=$!
sleep 0.3
check "an output driven to 1 by gpioset reads 1 through sim_gpioN/value" expect_equal "$(sim_value TRIGGER)" 1
check "gpioinfo shows the holder's consumer name on the held line" \
    expect_match "$(gpioinfo "$CHIP")" "\"TRIGGER\" +\"gpioset\" +output"
kill "$holder"; wait "$holder" 2>/dev/null
check "a released output falls back to its pull (0)" expect_equal "$(sim_value TRIGGER)" 0

# ---- the harness injects edges: gpiomon on SPARE sees them with CLOCK_MONOTONIC stamps --------
gpiomon -b --num-events=10 --format='%e %s.%n' "$CHIP" "$(line_offset SPARE)" > /tmp/gpiomon.out &
monitor=$!
sleep 0.3
before_ms=$(uptime_ms)
inject_clicks SPARE 5
after_ms=$(uptime_ms)
sleep 0.5
kill "$monitor" 2>/dev/null; wait "$monitor" 2>/dev/null
events=$(cat /tmp/gpiomon.out)
echo "$events" | sed 's/^/    gpiomon: /'
check "gpiomon sees the 5 injected clicks as 5 rising edges" expect_equal "$(grep -c '^1 ' /tmp/gpiomon.out)" 5
check "gpiomon sees the 5 injected clicks as 5 falling edges" expect_equal "$(grep -c '^0 ' /tmp/gpiomon.out)" 5
# gpiomon's %n is not zero-padded: rebuild milliseconds from seconds and nanoseconds.
stamps_ok() {
    awk -v low="$before_ms" -v high="$after_ms" '
        { split($2, t, "."); ms = t[1] * 1000 + int(t[2] / 1000000)
          if (ms < low - 20 || ms > high + 20) { print "    stamp " ms " ms outside " low "..." high " ms of uptime" > "/dev/stderr"; bad = 1 }
          if (NR > 1 && t[1] * 1e9 + t[2] < previous) { print "    stamps go backwards" > "/dev/stderr"; bad = 1 }
          previous = t[1] * 1e9 + t[2] }
        END { exit bad || NR != 10 }' /tmp/gpiomon.out
}
check "edge stamps are CLOCK_MONOTONIC (within the injection window of uptime) and increase" stamps_ok
echo "    injected 10 edges in $((after_ms - before_ms)) ms of guest time"

# ---- qdot runs in the guest ------------------------------------------------------------------
check "qdot runs in the guest (release, static Swift runtime)" expect_match "$(qdot --version 2>&1)" "qdot"

# ---- performance: a line write through qdot's backend beside a minimal C loop on libgpiod ------
# Interleaved (C, qdot, C, qdot, ...) so a change in the host's load hits both alike; each run
# reports the median of 3 rounds of 20 000 writes, and the figure is the median of 3 runs.
c_runs=""; qdot_runs=""
for run in 1 2 3; do
    c_report=$(gpio-write-loop "$CHIP" SPARE 20000 3 2>&1)
    qdot_report=$(qdot-bench gpio-write --chip "$CHIP" --line SPARE --writes 20000 --rounds 3 2>&1)
    echo "$c_report" | sed 's/^/    /'
    echo "$qdot_report" | sed 's/^/    /'
    c_runs="$c_runs $(echo "$c_report" | sed -n 's/^gpio-write-result backend=c ns-per-write=//p')"
    qdot_runs="$qdot_runs $(echo "$qdot_report" | sed -n 's/^gpio-write-result backend=qdot ns-per-write=//p')"
done
median_of() { echo "$@" | tr ' ' '\n' | grep -E '^[0-9]+$' | sort -n | awk '{ v[NR] = $1 } END { if (NR == 3) print v[2] }'; }
c_ns=$(median_of $c_runs)
qdot_ns=$(median_of $qdot_runs)
check "the C loop reports its time per write in all 3 runs" expect_match "$c_ns" '^[0-9]+$'
check "qdot's backend reports its time per write in all 3 runs" expect_match "$qdot_ns" '^[0-9]+$'
if [ -n "$c_ns" ] && [ -n "$qdot_ns" ]; then
    ratio=$(awk -v c="$c_ns" -v q="$qdot_ns" 'BEGIN { printf "%.2f", c / q }')
    verdict=$(awk -v r="$ratio" 'BEGIN { print (r >= 0.9 ? "meets the 0.9 target" : "BELOW the 0.9 target") }')
    # Reported, not gated: under TCG the figure moves with the host's load (see Tools/hil/README.md).
    echo "QDOT-LANE-PERF: line write under TCG: qdot backend $qdot_ns ns, C loop on libgpiod $c_ns ns (runs: qdot$qdot_runs; C$c_runs ns); qdot rate / C rate = $ratio, $verdict"
fi

# ---- qdot run on the chip ----------------------------------------------------------------------
. /lane/qdot-run-tests.sh

echo "QDOT-LANE: $LANE_CHECKS checks, $LANE_FAILURES failed, $(cut -d' ' -f1 /proc/uptime) s of guest uptime"
[ "$LANE_FAILURES" -eq 0 ]
