# `qdot run` on the gpio-sim chip (sourced by guest-tests.sh, after harness.sh): the real firmware,
# LinuxHAL and libgpiod against the kernel's GPIO character device, with the harness playing
# the detectors, the interlock and an oscilloscope.

OUTPUTS="TRIGGER GATE BASIS_A0 BASIS_A1 BASIS_B0 BASIS_B1 STATUS"

# Waits up to $2 tenths of a second for output $1 to toggle; fails if it never does.
wait_for_toggling() {
    local tries=0
    while [ "$tries" -lt "$2" ]; do
        set -- "$1" "$2" $(sample_output "$1" 200)
        [ "$4" -gt 0 ] && return 0
        sleep 0.1
        tries=$((tries + 1))
    done
    echo "    $1 never toggled" >&2
    return 1
}

# Waits up to $3 tenths of a second for line $1 to read $2.
wait_for_value() {
    local tries=0
    while [ "$tries" -lt "$3" ]; do
        [ "$(sim_value "$1")" = "$2" ] && return 0
        sleep 0.1
        tries=$((tries + 1))
    done
    echo "    $1 never read $2" >&2
    return 1
}

# A field of the last result: json FILE JQ-FILTER.
json() { jq -r "$2" "$1"; }

# ---- a run: toggling outputs, basis lines per step, injected clicks per channel and step ------
# 200 000 cycles: about 6 s per step at the ~15 000 cycles/s qdot sustains under TCG.
sim_pull INTERLOCK up                      # loop closed: laser permitted
qdot run --board "$BOARD" --cycles 200000 --output /tmp/run.json > /tmp/run.out 2>&1 &
qdot_pid=$!
check "qdot run starts pulsing the trigger on TRIGGER" wait_for_toggling TRIGGER 100
# Step 1 (A0/B0): basis codes 0 on both arms; 20 clicks on A+, paced.
check "step A0/B0: every basis line is 0" expect_equal \
    "$(sim_value BASIS_A0)$(sim_value BASIS_A1)$(sim_value BASIS_B0)$(sim_value BASIS_B1)" 0000
inject_clicks CLICK_A_PLUS 20 0.02   # paced: one click every ~20 ms
check "the 20 A+ clicks went in during step A0/B0 (BASIS_A0 still 0)" expect_equal "$(sim_value BASIS_A0)" 0

set -- $(sample_output TRIGGER 2000); trigger_highs=$1; trigger_transitions=$2
set -- $(sample_output GATE 2000); gate_highs=$1; gate_transitions=$2
echo "    sampled 2000 reads each: TRIGGER high $trigger_highs times, $trigger_transitions transitions; GATE high $gate_highs, $gate_transitions transitions"
check "TRIGGER is seen both high and low while running" test "$trigger_transitions" -gt 2
check "GATE is seen both high and low while running" test "$gate_transitions" -gt 2
check "STATUS is active while the experiment runs" expect_equal "$(sim_value STATUS)" 1
info=$(gpioinfo "$CHIP")
check "gpioinfo shows qdot's consumer on TRIGGER while it runs" expect_match "$info" '"TRIGGER" +"qdot" +output'
check "gpioinfo shows qdot's consumer on CLICK_A_PLUS while it runs" expect_match "$info" '"CLICK_A_PLUS" +"qdot" +input'
check "gpioinfo shows SPARE unused beside qdot" expect_match "$info" '"SPARE" +unused'

# An outside client beside qdot: gpiomon on SPARE sees the harness's edges.
gpiomon -b --num-events=6 --format='%e %s.%n' "$CHIP" "$(line_offset SPARE)" > /tmp/gpiomon-beside.out &
monitor=$!
sleep 0.3
inject_clicks SPARE 3
sleep 0.5
kill "$monitor" 2>/dev/null; wait "$monitor" 2>/dev/null
check "gpiomon on SPARE sees the harness's 6 edges while qdot runs" expect_equal "$(wc -l < /tmp/gpiomon-beside.out)" 6

# Step 2 (A1/B1): basis code 1 on both arms (bit 0 set); 30 clicks on B-, paced.
check "step A1/B1 comes: BASIS_A0 rises" wait_for_value BASIS_A0 1 300
check "step A1/B1: basis bits A0 A1 B0 B1 are 1 0 1 0" expect_equal \
    "$(sim_value BASIS_A0)$(sim_value BASIS_A1)$(sim_value BASIS_B0)$(sim_value BASIS_B1)" 1010
inject_clicks CLICK_B_MINUS 30 0.02   # paced: one click every ~20 ms
wait "$qdot_pid"
status=$?
sed 's/^/    qdot: /' /tmp/run.out
check "qdot run completes (exit 0)" expect_equal "$status" 0
check "the JSON result is written" test -s /tmp/run.json
check "the result is a hardware run on the gpio-sim board" expect_equal \
    "$(json /tmp/run.json '.kind + " " + .board.name')" "hardware gpio-sim"
check "step A0/B0 counted the 20 A+ clicks, nothing on the other channels" expect_equal \
    "$(json /tmp/run.json '.report.settings[0].singles | map(tostring) | join(" ")')" "20 0 0 0"
check "step A1/B1 counted the 30 B- clicks, nothing on the other channels" expect_equal \
    "$(json /tmp/run.json '.report.settings[1].singles | map(tostring) | join(" ")')" "0 0 0 30"
check "no click fell outside a cycle and the backend reported no lost edge" expect_equal \
    "$(json /tmp/run.json '[.report.clicksOutsideCycle, .report.lostEdges] | map(tostring) | join(" ")')" "0 0"
cycles_per_second=$(json /tmp/run.json '.wallClock.cyclesPerSecond | floor')
echo "QDOT-LANE-PERF: qdot run on gpio-sim sustains $cycles_per_second trigger cycles per second" \
     "($(json /tmp/run.json '.report.cyclesRun') cycles in $(json /tmp/run.json '.wallClock.seconds') s; lateness p50" \
     "$(json /tmp/run.json '.report.timingBudget.latenessP50Nanoseconds') ns, p99" \
     "$(json /tmp/run.json '.report.timingBudget.latenessP99Nanoseconds') ns, max" \
     "$(json /tmp/run.json '.report.timingBudget.latenessMaximumNanoseconds') ns;" \
     "missed slots $(json /tmp/run.json '.report.timingBudget.missedSlots'))"
check "lateness figures are reported from the kernel's clock" \
    test "$(json /tmp/run.json '.report.timingBudget.samples')" -gt 0

# ---- a burst larger than the kernel's per-line event buffer (16 for the v1 uAPI) ---------------
# The harness writes at SCHED_FIFO 40: above qdot (SCHED_OTHER), below the kernel's GPIO IRQ
# threads (FIFO 50), so every rising edge reaches the line's buffer and qdot cannot read during the
# burst. qdot requests click lines for rising edges only; with libgpiod 1.6 (no sequence numbers)
# nothing then shows how many the kernel dropped, and the result must say so rather than claim none
# were lost. (libgpiod 2.x counts them exactly; the lower bound 1.6 gives on a both-edge line is
# shown in edge-selection-tests.sh.)
qdot run --board "$BOARD" --cycles 60000 --output /tmp/burst.json > /tmp/burst.out 2>&1 &
qdot_pid=$!
wait_for_toggling TRIGGER 100 >/dev/null 2>&1
chrt -f 40 sh -c '. /lane/harness.sh; inject_clicks CLICK_A_MINUS 100; sim_pull CLICK_A_MINUS up'
sleep 0.3
sim_pull CLICK_A_MINUS down
wait "$qdot_pid"
sed 's/^/    qdot: /' /tmp/burst.out
lost=$(json /tmp/burst.json '.report.lostEdges')
counted=$(json /tmp/burst.json '.report.settings | map(.singles[1]) | add')
undetectable=$(json /tmp/burst.json '.hardware.lostEdgesUndetectableOn // [] | join(" ")')
echo "    burst of 101 clicks on CLICK_A_MINUS: $counted counted, $lost edges reported lost; not detectable on: ${undetectable:-none}"
check "fewer clicks than injected were counted (the kernel dropped some)" test "$counted" -lt 101
if [ "$(json /tmp/burst.json '.hardware.libgpiodAPIMajor')" = 1 ]; then
    check "the burst's losses are not claimed counted: the result lists click-a-minus as undetectable (libgpiod 1.6)" \
        expect_match "$lost $undetectable" "^0 .*click-a-minus"
else
    check "a burst beyond the kernel's buffer is reported as lost edges (exact, libgpiod 2.x)" test "$lost" -gt 0
fi

# ---- the interlock opens mid-run: trigger stops, outputs safe, fault recorded ------------------
# Outputs are pulled up first: while qdot holds a line its driven value shows, once released
# gpio-sim shows the pull (1). The harness records every distinct output state it sees from the
# interlock's opening until qdot exits; --hold-safe 2 keeps the lines requested at the safe levels
# qdot drives (all inactive in the lane's board file: 0000000) for two seconds before release.
for name in $OUTPUTS; do sim_pull "$name" up; done
sim_pull INTERLOCK up
qdot run --board "$BOARD" --cycles 2000000 --hold-safe 2 --output /tmp/interlock.json > /tmp/interlock.out 2>&1 &
qdot_pid=$!
wait_for_toggling TRIGGER 100 >/dev/null 2>&1
sleep 1
sim_pull INTERLOCK down
opened_ms=$(uptime_ms)
states=""
previous=""
while kill -0 "$qdot_pid" 2>/dev/null; do
    sample=""
    for name in $OUTPUTS; do sample="$sample$(sim_value "$name")"; done
    [ "$sample" != "$previous" ] && states="$states $sample"
    previous=$sample
done
wait "$qdot_pid"
status=$?
stopped_ms=$(uptime_ms)
sed 's/^/    qdot: /' /tmp/interlock.out
echo "    interlock opened; qdot exited $((stopped_ms - opened_ms)) ms later; output states seen (TRIGGER GATE BASIS_A0 BASIS_A1 BASIS_B0 BASIS_B1 STATUS):$states"
trigger_after_stop() { set -- $(sample_output TRIGGER 500); test "$2" -eq 0; }
check "the trigger does not pulse after qdot stops" trigger_after_stop
check "every output went to its safe level (0000000 seen while qdot held the lines)" \
    expect_match "$states" ' 0000000( |$)' 
check "qdot run stops early (exit 4)" expect_equal "$status" 4
check "the result records the interlock fault and a safe final state" expect_match \
    "$(json /tmp/interlock.json '[.report.complete, .report.finalState, .report.stopReason] | map(tostring) | join(" ")')" \
    '^false safe.*interlock'
check "the run stopped long before its planned cycles" \
    test "$(json /tmp/interlock.json '.report.cyclesRun')" -lt "$(json /tmp/interlock.json '.report.cyclesPlanned')"
for name in $OUTPUTS; do sim_pull "$name" down; done

# ---- errors on real GPIO -----------------------------------------------------------------------
sed 's/"GATE"/"NO_SUCH_LINE"/' "$BOARD" > /tmp/missing-line.board.toml
qdot run --board /tmp/missing-line.board.toml --cycles 100 --output /tmp/missing.json > /tmp/missing.out 2>&1
status=$?
sed 's/^/    qdot: /' /tmp/missing.out
check "a line name the chip does not have: exit 3" expect_equal "$status" 3
check "... and the message names the line and lists the chip's lines" \
    expect_match "$(cat /tmp/missing.out)" 'no line named "NO_SUCH_LINE".*TRIGGER'

gpioset --mode=signal "$CHIP" "$(line_offset GATE)=0" &
holder=$!
sleep 0.3
qdot run --board "$BOARD" --cycles 100 --output /tmp/busy.json > /tmp/busy.out 2>&1
status=$?
kill "$holder"; wait "$holder" 2>/dev/null
sed 's/^/    qdot: /' /tmp/busy.out
check "a line held by another consumer: exit 3" expect_equal "$status" 3
check "... and the message names the holder" expect_match "$(cat /tmp/busy.out)" 'GATE is held by "gpioset"'
