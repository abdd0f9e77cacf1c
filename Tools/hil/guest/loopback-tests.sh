# `qdot profile --loopback` on the gpio-sim chip (sourced by guest-tests.sh, after harness.sh and
# qdot-run-tests.sh): the whole real path — LinuxHAL, libgpiod 1.6, the kernel's edge stamps, the
# profile file, its reading back by `qdot check` and `qdot sim --profile`.
#
# gpio-sim cannot wire an output to an input, so a helper plays the jumper: it copies what TRIGGER
# is driven to (sim_gpioN/value) into LOOPBACK's pull, polling in a loop. The figures are therefore
# qemu's and the helper's (its polling, on the guest's one CPU shared with qdot), not a board's;
# the code path is the real one.

# The jumper: runs until killed, appending each level it copies to /tmp/jumper.log.
jumper() {
    local value previous="" trigger loopback
    trigger=$(sim_dir TRIGGER)/value
    loopback=$(sim_dir LOOPBACK)/pull
    while :; do
        read -r value < $trigger
        if [ "$value" != "$previous" ]; then
            if [ "$value" = 1 ]; then echo pull-up > $loopback; else echo pull-down > $loopback; fi
            echo "$value" >> /tmp/jumper.log
            previous=$value
        fi
    done
}

profile() { qdot profile --loopback --board "$BOARD" "$@" > /tmp/profile.out 2>&1; }

sim_pull TRIGGER down
sim_pull LOOPBACK down

# ---- no jumper: the measurement says which wire is missing ---------------------------------------
sim_pull INTERLOCK down                    # loop open: laser not permitted
profile --samples 20 --edge-timeout-ms 300 --output /tmp/nowire.profile.toml
status=$?
sed 's/^/    qdot: /' /tmp/profile.out
check "qdot profile without the jumper: exit 3" expect_equal "$status" 3
check "... says no edge came on LOOPBACK and asks about the wire" expect_match "$(cat /tmp/profile.out)" \
    "no edge on $CHIP/LOOPBACK within 300 ms of driving $CHIP/TRIGGER active: is the trigger wired to it\?"
check "... and writes no profile" test ! -e /tmp/nowire.profile.toml

# ---- the jumper on, the interlock closed: refused before any pulse ------------------------------
: > /tmp/jumper.log
jumper &
jumper_pid=$!
sim_pull INTERLOCK up                      # loop closed: laser permitted
profile --samples 20 --output /tmp/closed.profile.toml
status=$?
sed 's/^/    qdot: /' /tmp/profile.out
check "qdot profile with the interlock closed: exit 3" expect_equal "$status" 3
check "... says the laser would fire and what to do" expect_match "$(cat /tmp/profile.out)" \
    "interlock $CHIP/INTERLOCK is closed \(laser permitted\).*--laser-disconnected"
check "... and never pulsed the trigger (the jumper copied no 1)" test "$(grep -c '^1$' /tmp/jumper.log)" -eq 0

# ---- the jumper on, the interlock open: the profile is measured, written and used -----------------
sim_pull INTERLOCK down
started_ms=$(uptime_ms)
profile --samples 100 --edge-timeout-ms 5000 --output /tmp/gpio-sim.profile.toml
status=$?
took_ms=$(( $(uptime_ms) - started_ms ))
kill "$jumper_pid" 2>/dev/null; wait "$jumper_pid" 2>/dev/null
sed 's/^/    qdot: /' /tmp/profile.out
check "qdot profile --loopback through the jumper: exit 0" expect_equal "$status" 0
check "... measured 100 cycles, 200 edges" expect_match "$(cat /tmp/profile.out)" "100 cycles: 200 edges, 100 wake-ups"
check "... the profile file is written" test -s /tmp/gpio-sim.profile.toml
sed 's/^/    file: /' /tmp/gpio-sim.profile.toml
check "... it names the kernel, libgpiod 1.6 and the clock the edges were stamped on" expect_match \
    "$(cat /tmp/gpio-sim.profile.toml | tr '\n' ' ')" \
    "System:  Linux 6\.1.*Library: libgpiod 1\.6\.[0-9]+; loopback edges stamped on CLOCK_MONOTONIC"
check "... every figure has its comment" test "$(grep -E '^[a-z-]+ = ' /tmp/gpio-sim.profile.toml | grep -vc '# ')" -eq 0
check "... it says what it assumed and what it did not measure" expect_match \
    "$(cat /tmp/gpio-sim.profile.toml | tr '\n' ' ')" "ASSUMPTION: a loopback measures.*NOT MEASURED"
check_out=$(qdot check /tmp/gpio-sim.profile.toml 2>&1)
check "qdot check reads the profile back" expect_match "$check_out" "^ok +/tmp/gpio-sim.profile.toml: timing profile gpio-sim-measured"
qdot sim --profile /tmp/gpio-sim.profile.toml --cycles 2000 --output /tmp/sim-measured.json > /tmp/sim-measured.out 2>&1
status=$?
sed 's/^/    qdot sim: /' /tmp/sim-measured.out | head -4
check "qdot sim --profile takes the measured profile" expect_equal "$status" 0
check "... and runs with it" expect_match "$(head -1 /tmp/sim-measured.out)" "profile gpio-sim-measured"
figure() { sed -n "s/^$1 = \([0-9]*\).*/\1/p" /tmp/gpio-sim.profile.toml | head -1; }
echo "QDOT-LANE-PERF: qdot profile --loopback on gpio-sim (qemu TCG, a shell jumper) in $took_ms ms:" \
     "write cost $(figure cost-ns) ns, wake latency floor $(sed -n 's/^minimum-ns = \([0-9]*\).*/\1/p' /tmp/gpio-sim.profile.toml) ns," \
     "write + stamp floor $(( $(figure latency-ns) + $(figure latency-minimum-ns) )) ns, stamp tail mean $(figure latency-tail-mean-ns) ns"
