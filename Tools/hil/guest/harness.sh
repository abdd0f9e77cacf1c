# The guest-side test harness (sourced): plays the world around the board through gpio-sim's
# sysfs attributes, and counts checks. Lines are named as in the board file; the table written
# by gpio-sim-setup.sh (/tmp/lane-lines) maps a name to its offset.

LANE_FAILURES=0
LANE_CHECKS=0

# The offset of line NAME on the gpio-sim chip.
line_offset() {
    awk -v name="$1" '$1 == name { print $2; found = 1 } END { exit !found }' /tmp/lane-lines
}

# The sysfs folder of line NAME's simulator attributes (value, pull).
sim_dir() {
    local offset
    offset=$(line_offset "$1") || { echo "harness: no line named $1" >&2; return 1; }
    echo /sys/devices/platform/gpio-sim.0/gpiochip*/sim_gpio"$offset"
}

# What output NAME is driven to, or what input NAME reads: 0 or 1 (electrical level).
sim_value() {
    local value
    read -r value < $(sim_dir "$1")/value
    echo "$value"
}

# Moves input NAME: `sim_pull NAME up` makes a rising edge (if it was low), `down` a falling one.
sim_pull() {
    echo "pull-$2" > $(sim_dir "$1")/pull
}

# Injects COUNT clicks (rising then falling edge) on input NAME: `inject_clicks NAME COUNT` as
# fast as the shell writes (a reader that shares the CPU sees them in bursts, one scheduler slice
# of the shell at a time); `inject_clicks NAME COUNT PAUSE` sleeps PAUSE seconds after each click,
# so a reader (qdot, SCHED_OTHER on the guest's one CPU) drains each edge before the next arrives.
inject_clicks() {
    local pull i=0
    pull=$(sim_dir "$1")/pull
    while [ "$i" -lt "$2" ]; do
        echo pull-up > $pull
        echo pull-down > $pull
        if [ -n "${3:-}" ]; then sleep "$3"; fi
        i=$((i + 1))
    done
}

# Samples output NAME COUNT times as fast as the shell reads (no fork per read) and prints
# "<highs> <transitions>".
sample_output() {
    local file value previous="" highs=0 transitions=0 i=0
    file=$(sim_dir "$1")/value
    while [ "$i" -lt "$2" ]; do
        read -r value < $file
        [ "$value" = 1 ] && highs=$((highs + 1))
        [ -n "$previous" ] && [ "$value" != "$previous" ] && transitions=$((transitions + 1))
        previous=$value
        i=$((i + 1))
    done
    echo "$highs $transitions"
}

# Milliseconds of guest uptime (for timings printed by the tests).
uptime_ms() {
    awk '{ printf "%d", $1 * 1000 }' /proc/uptime
}

# Runs "$@" as check DESCRIPTION; prints ok / not ok (TAP-like) and counts failures.
check() {
    local description=$1
    shift
    LANE_CHECKS=$((LANE_CHECKS + 1))
    if "$@"; then
        echo "ok $LANE_CHECKS - $description"
    else
        echo "not ok $LANE_CHECKS - $description"
        LANE_FAILURES=$((LANE_FAILURES + 1))
    fi
}

# Passes when "$1" matches extended regular expression "$2"; says what it saw otherwise.
expect_match() {
    if echo "$1" | grep -Eq -- "$2"; then return 0; fi
    echo "    expected to match: $2" >&2
    echo "    got: $(echo "$1" | head -20)" >&2
    return 1
}

# Passes when integer "$1" equals "$2".
expect_equal() {
    [ "$1" = "$2" ] && return 0
    echo "    expected $2, got $1" >&2
    return 1
}
