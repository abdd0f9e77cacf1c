#!/usr/bin/env bash
# CI lane: the soak. 10⁹ simulated BBM92 cycles with the click record written, then the record
# analysed again. Fails unless
#   - the run completes every cycle, drops no click (clickEventsDropped = 0, lostEdges = 0) and no
#     cycle slot (missedSlots = 0);
#   - memory stays flat: the resident set of `qdot sim` and of `qdot analyze`, sampled four times
#     a second, grows by at most QDOT_SOAK_RSS_GROWTH_MB (default 8) from its plateau after
#     start-up (a tenth to a fifth of the run) to the end, whatever the record's length (several GB);
#   - `qdot analyze` of the record gives exactly the live run's settings counts and figures.
# Usage: Tools/ci/soak.sh [CYCLES]   (default 1000000000: ~3 min sim + ~15 s analyze on 2 cores,
#        a ~7.4 GB record in a scratch folder, deleted afterwards; QDOT_SOAK_DIR picks the folder)
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
cycles="${1:-1000000000}"
growth_limit_mb="${QDOT_SOAK_RSS_GROWTH_MB:-8}"
scratch=$(mktemp -d "${QDOT_SOAK_DIR:-${TMPDIR:-/tmp}}/qdot-soak.XXXXXX")
step="start"
trap 'status=$?; rm -rf "$scratch"; [[ $status -ne 0 ]] && echo "soak: FAILED at: $step (exit $status)" >&2; exit $status' EXIT
fail() { echo "soak: $*" >&2; exit 1; }

step="release build of qdot (CI's release flags, Tools/ci/release-flags.sh: the gpio-sim lane's build is reused)"
echo "== $step"
source "$repo/Tools/ci/release-flags.sh"
(cd "$repo" && swift build "${QDOT_RELEASE_FLAGS[@]}" --product qdot >&2)
qdot="$(cd "$repo" && swift build "${QDOT_RELEASE_FLAGS[@]}" --show-bin-path)/qdot"

# The record of 10⁹ cycles needs ~7.4 bytes per cycle; refuse early rather than fill the disk.
step="free space in $scratch"
need_kb=$(( cycles / 1000 * 9 + 1048576 ))
free_kb=$(df -Pk "$scratch" | awk 'NR == 2 { print $4 }')
(( free_kb >= need_kb )) || fail "$scratch has $(( free_kb / 1024 )) MB free, the record needs about $(( need_kb / 1024 )) MB (set QDOT_SOAK_DIR)"

sed -e "s/^cycles-per-setting = .*/cycles-per-setting = $cycles/" \
    "$repo/Experiments/bbm92.experiment.toml" > "$scratch/soak.experiment.toml"

# Runs "$@" with its resident set sampled four times a second into $scratch/$name.rss (kB per line):
# the re-analysis of the 10⁹-cycle record takes about 15 s, and a trend needs 20 samples or more.
sampled() {
    local name="$1"; shift
    "$@" > "$scratch/$name.out" 2> "$scratch/$name.err" &
    local pid=$!
    : > "$scratch/$name.rss"
    while kill -0 "$pid" 2>/dev/null; do
        awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null >> "$scratch/$name.rss" || true
        sleep 0.25
    done
    wait "$pid"
}

# Growth of the resident set, in MB, from the plateau after start-up (the samples between a tenth
# and a fifth of the run) to the largest after it; fails above the limit. Too short a run (under 20
# samples) has no meaningful trend and is refused.
check_flat() {
    local name="$1"
    python3 - "$scratch/$name.rss" "$growth_limit_mb" "$name" <<'EOF'
import sys
samples = [int(line) for line in open(sys.argv[1]) if line.strip()]
limit_mb, name = float(sys.argv[2]), sys.argv[3]
if len(samples) < 20:
    sys.exit(f"soak: {name}: only {len(samples)} RSS samples; run more cycles for a memory trend")
tenth, fifth = len(samples) // 10, len(samples) // 5
early = max(samples[tenth:fifth])
late = max(samples[fifth:])
growth_mb = (late - early) / 1024
print(f"== {name}: resident set {early / 1024:.1f} MB at a tenth to a fifth of the run, {late / 1024:.1f} MB at most after it, "
      f"growth {growth_mb:+.1f} MB over {len(samples)} samples (limit {limit_mb:g} MB)")
if growth_mb > limit_mb:
    sys.exit(f"soak: {name}: memory grew by {growth_mb:.1f} MB (limit {limit_mb:g} MB)")
EOF
}

step="qdot sim: $cycles BBM92 cycles with the record"
echo "== $step"
sim_start=$(date +%s)
sampled sim "$qdot" sim --experiment "$scratch/soak.experiment.toml" --record "$scratch/soak.qdotrec" \
    --output "$scratch/soak.result.json" || { status=$?; cat "$scratch/sim.err" >&2; fail "qdot sim exited $status"; }
sim_seconds=$(( $(date +%s) - sim_start ))
record_bytes=$(stat -c %s "$scratch/soak.qdotrec")
echo "== sim: ${sim_seconds} s, record $(( record_bytes / 1048576 )) MB"
cat "$scratch/sim.out"

step="qdot analyze of the record"
echo "== $step"
analyze_start=$(date +%s)
sampled analyze "$qdot" analyze "$scratch/soak.qdotrec" --output "$scratch/soak.findings.json" \
    || { status=$?; cat "$scratch/analyze.err" >&2; fail "qdot analyze exited $status"; }
echo "== analyze: $(( $(date +%s) - analyze_start )) s ($(( record_bytes / 1048576 / ( $(date +%s) - analyze_start + 1 ) )) MB/s)"

step="memory flat"
check_flat sim
check_flat analyze

step="every cycle run, nothing dropped, re-analysis equal to the live figures"
python3 - "$scratch/soak.result.json" "$scratch/soak.findings.json" "$cycles" <<'EOF'
import json, sys
live, again, cycles = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), int(sys.argv[3])
# The result holds the live findings; the findings file is the re-analysed findings object itself.
report = live["report"]
problems = []
for key, expected in [("complete", True), ("cyclesRun", cycles), ("clickEventsDropped", 0), ("lostEdges", 0)]:
    if report.get(key) != expected:
        problems.append(f"report.{key} = {report.get(key)!r}, expected {expected!r}")
if report["timingBudget"]["missedSlots"] != 0:
    problems.append(f"missedSlots = {report['timingBudget']['missedSlots']}")
for key in ["settings", "figures", "correlationHistogram", "eventsAnalysed"]:
    if live["findings"][key] != again[key]:
        problems.append(f"findings.{key}: live {live['findings'][key]!r} ≠ re-analysed {again[key]!r}")
if problems:
    sys.exit("soak: " + "; ".join(problems))
print(f"== {cycles} cycles, {live['findings']['eventsAnalysed']} clicks: none dropped; "
      f"re-analysis equals the live figures ({len(live['findings']['figures'])} figures, bit for bit)")
EOF
