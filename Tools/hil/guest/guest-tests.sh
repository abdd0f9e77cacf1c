#!/bin/sh
# The gpio-sim lane's tests, inside the guest, on the kernel's GPIO character device.
# Each check prints "ok N - ..." or "not ok N - ..."; the script fails if any check failed.
. /lane/harness.sh
CHIP=gpio-sim.0-node0
BOARD=/lane/gpio-sim.board.toml

# ---- the chip, as outside clients see it ------------------------------------------------------
detect=$(gpiodetect)
echo "$detect"
check "gpiodetect lists the gpio-sim chip by its label" expect_match "$detect" "\[$CHIP\] \(14 lines\)"
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
# Fair and robust under TCG's noise: both write SPARE, 20 000 toggles a round after 2 000 untimed
# warm-up toggles; 7 pairs of runs of 2 rounds each, interleaved with the order swapped every other
# pair (C qdot, qdot C, ...) so a change in the host's load hits both alike and neither always goes
# first. Per program: the minimum round (the estimator of the intrinsic cost: noise only adds time)
# and the median round; the ratios are C time / qdot time = qdot rate / C rate. The verdict is the
# minimum's ratio against issue 7's 0.9; the median's is printed beside it.
PERF_PAIRS=7
c_rounds=""; qdot_rounds=""; c_runs=0; qdot_runs=0
perf_run() {  # perf_run c|qdot: one run, its report indented, its rounds appended
    if [ "$1" = c ]; then
        report=$(gpio-write-loop "$CHIP" SPARE 20000 2 2>&1)
    else
        report=$(qdot-bench gpio-write --chip "$CHIP" --line SPARE --writes 20000 --rounds 2 2>&1)
    fi
    echo "$report" | sed 's/^/    /'
    rounds=$(echo "$report" | sed -n "s/^gpio-write-rounds backend=$1 ns-per-write=//p" | grep -E '^[0-9]+ [0-9]+$')
    [ -n "$rounds" ] || return 0
    if [ "$1" = c ]; then c_rounds="$c_rounds $rounds"; c_runs=$((c_runs + 1))
    else qdot_rounds="$qdot_rounds $rounds"; qdot_runs=$((qdot_runs + 1)); fi
}
pair=1
while [ "$pair" -le "$PERF_PAIRS" ]; do
    if [ $((pair % 2)) -eq 1 ]; then perf_run c; perf_run qdot; else perf_run qdot; perf_run c; fi
    pair=$((pair + 1))
done
# "min median" of the numbers given (the median of an even count is the mean of the middle two).
min_median_of() {
    echo "$@" | tr ' ' '\n' | grep -E '^[0-9]+$' | sort -n \
        | awk '{ v[NR] = $1 } END { if (NR > 0) printf "%d %d\n", v[1], (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}
check "the C loop reports its rounds in all $PERF_PAIRS runs" expect_equal "$c_runs" "$PERF_PAIRS"
check "qdot's backend reports its rounds in all $PERF_PAIRS runs" expect_equal "$qdot_runs" "$PERF_PAIRS"
if [ "$c_runs" -gt 0 ] && [ "$qdot_runs" -gt 0 ]; then
    c_stats=$(min_median_of $c_rounds); qdot_stats=$(min_median_of $qdot_rounds)
    c_min=${c_stats% *}; c_median=${c_stats#* }; qdot_min=${qdot_stats% *}; qdot_median=${qdot_stats#* }
    min_ratio=$(awk -v c="$c_min" -v q="$qdot_min" 'BEGIN { printf "%.2f", c / q }')
    median_ratio=$(awk -v c="$c_median" -v q="$qdot_median" 'BEGIN { printf "%.2f", c / q }')
    verdict=$(awk -v r="$min_ratio" 'BEGIN { print (r >= 0.9 ? "meets the 0.9 target" : "BELOW the 0.9 target") }')
    echo "    rounds, ns per write in the order run: C$c_rounds; qdot$qdot_rounds"
    echo "    verdict: minimum ratio $c_min / $qdot_min = $min_ratio against 0.9 (median ratio $c_median / $qdot_median = $median_ratio, for the noise)"
    # Reported, not gated: under TCG the figures move with the host's load (see Tools/hil/README.md).
    echo "QDOT-LANE-PERF: line write under TCG, $PERF_PAIRS interleaved run pairs x 2 rounds of 20 000 writes: qdot backend min $qdot_min / median $qdot_median ns, C loop on libgpiod min $c_min / median $c_median ns; qdot rate / C rate = $min_ratio (min), $median_ratio (median); $verdict (judged on the minimum)"
fi

# ---- edge event clocks: qdot's refusals on libgpiod 1.6, the kernel's answer to uAPI v2 --------
. /lane/event-clock-tests.sh

# ---- qdot run on the chip ----------------------------------------------------------------------
. /lane/qdot-run-tests.sh

# ---- edge selection: click lines rising only (short pulses), the interlock both -----------------
. /lane/edge-selection-tests.sh

# ---- qdot profile --loopback: the timing profile through a jumper the harness plays -------------
. /lane/loopback-tests.sh

echo "QDOT-LANE: $LANE_CHECKS checks, $LANE_FAILURES failed, $(cut -d' ' -f1 /proc/uptime) s of guest uptime"
[ "$LANE_FAILURES" -eq 0 ]
