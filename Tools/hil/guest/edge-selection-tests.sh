# Which edges qdot requests a line for, on the gpio-sim chip (sourced by guest-tests.sh, after
# harness.sh and qdot-run-tests.sh, whose wait_for_toggling and json it uses).
#
# A click is a short pulse. With both edges requested, the kernel's threaded IRQ handler reads the
# line's level to tell an edge's direction (drivers/gpio/gpiolib-cdev.c: lineevent_irq_thread for
# the uAPI v1 this lane's libgpiod 1.6 speaks, edge_irq_thread for v2); a pulse already over by then
# is reported as a falling edge, and the click is lost. short_pulses makes such pulses: the harness
# writes each rise and fall at SCHED_FIFO 60, above the kernel's GPIO IRQ threads (FIFO 50), so the
# thread runs only once the pulse has ended (as a 50 ns detector pulse does on a Pi, whose handler
# runs microseconds later); then it sleeps 20 ms. Requested for rising edges only, the kernel takes
# the direction from the request and reads nothing: every pulse is one rising edge. qdot requests
# the click lines that way, the interlock for both edges.

# short_pulses NAME COUNT: COUNT pulses on input NAME, each over before the IRQ thread runs.
short_pulses() { chrt -f 60 sh -c ". /lane/harness.sh; inject_clicks $1 $2 0.02"; }

# probe_edges PULSER EDGE-DETECTION EDGES: requests SPARE through qdot's backend for EDGE-DETECTION,
# runs PULSER (a command line) once the request is granted, and prints the probe's result line.
# The output file is removed first, by this shell: the probe's own redirection truncates it only once
# the background job has started, and until then the previous probe's ready line would still be there.
probe_edges() {
    rm -f /tmp/edge-selection.out
    qdot-bench edge-clock --chip "$CHIP" --line SPARE --clock monotonic --edge-detection "$2" \
        --edges "$3" --timeout-ms 5000 > /tmp/edge-selection.out 2>&1 &
    local probe=$! tries=0
    while ! grep -q '^edge-clock-ready' /tmp/edge-selection.out 2>/dev/null && [ "$tries" -lt 100 ]; do
        sleep 0.1; tries=$((tries + 1))
    done
    eval "$1"
    wait "$probe"
    grep -v '^edge-clock-edge' /tmp/edge-selection.out | sed 's/^/    /' >&2
    grep '^edge-clock-result' /tmp/edge-selection.out
}

# ---- the kernel's answer to short pulses, through qdot's own request (qdot-bench edge-clock) ----
result=$(probe_edges "short_pulses SPARE 5" both 5)
check "requested for both edges, 5 short pulses come back as 5 falling edges and no rising one: the kernel read the level after each pulse ended" \
    expect_match "$result" "edges=5 on-monotonic=5 rising=0 falling=5 edge-detection=both"
result=$(probe_edges "short_pulses SPARE 5" rising 5)
check "requested for rising edges only, the same 5 short pulses come back as 5 rising edges" \
    expect_match "$result" "edges=5 on-monotonic=5 rising=5 falling=0 edge-detection=rising"
check "libgpiod 1.6 cannot see a rising-only line's lost edges, and qdot says so" \
    expect_match "$result" "lost=0 lost-edge-detection=undetectable$"

# A both-edge line on libgpiod 1.6 still shows losses as a lower bound (the interlock's case): a
# burst of 201 edges written at FIFO 40 (below the IRQ threads, above the probe) fills the line's
# 16-event buffer; the burst ends high, and the falling edge after it follows a stored falling edge.
result=$(probe_edges "chrt -f 40 sh -c '. /lane/harness.sh; inject_clicks SPARE 100; sim_pull SPARE up'; sleep 0.3; sim_pull SPARE down" both 17)
lost=$(echo "$result" | sed -n 's/.* lost=\([0-9]*\) .*/\1/p')
check "a both-edge line on libgpiod 1.6 reports a burst beyond its buffer as lost edges, a lower bound" \
    expect_match "$result lost-greater-than-0=$([ "${lost:-0}" -gt 0 ] && echo yes)" "lost-edge-detection=lower-bound lost-greater-than-0=yes$"

# ---- qdot run counts short click pulses by their rising edges ---------------------------------
# 100 000 cycles, about 6 s under TCG; 25 short pulses on B+ while it runs.
sim_pull INTERLOCK up
qdot run --board "$BOARD" --cycles 100000 --output /tmp/rising.json > /tmp/rising.out 2>&1 &
qdot_pid=$!
wait_for_toggling TRIGGER 100 >/dev/null 2>&1
short_pulses CLICK_B_PLUS 25
wait "$qdot_pid"
status=$?
sed 's/^/    qdot: /' /tmp/rising.out
check "qdot run with 25 short pulses on B+ completes (exit 0)" expect_equal "$status" 0
check "qdot counts the 25 short B+ pulses, each by its rising edge, and nothing on the other channels" expect_equal \
    "$(json /tmp/rising.json '.report.settings as $steps | [0, 1, 2, 3] | map(. as $channel | $steps | map(.singles[$channel]) | add) | map(tostring) | join(" ")')" \
    "0 0 25 0"
if [ "$(json /tmp/rising.json '.hardware.libgpiodAPIMajor')" = 1 ]; then
    check "the result names the click lines whose lost edges libgpiod 1.6 cannot detect" expect_equal \
        "$(json /tmp/rising.json '.hardware.lostEdgesUndetectableOn | join(" ")')" "click-a-plus click-a-minus click-b-plus click-b-minus"
    check "the summary says lost edges are not detectable on the click lines" \
        expect_match "$(cat /tmp/rising.out)" "lost edges +not detectable on click-a-plus, click-a-minus, click-b-plus, click-b-minus: "
else
    check "with libgpiod 2.x every line's lost edges are counted exactly" expect_equal \
        "$(json /tmp/rising.json '[.hardware.lostEdgesExact, .hardware.lostEdgesUndetectableOn] | map(tostring) | join(" ")')" "true null"
    check "the summary says lost edges are counted exactly" expect_match "$(cat /tmp/rising.out)" "lost edges counted exactly"
fi
