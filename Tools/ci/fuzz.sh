#!/usr/bin/env bash
# CI lane: libFuzzer on qdot's readers (Tools/fuzz). Builds the harnesses with
# -sanitize=fuzzer,address, replays the committed regression inputs (Tools/fuzz/regressions/<harness>/),
# then fuzzes each harness for a bounded time from seeds made of the shipped files. Fails on any
# crash, trap or sanitizer report, and prints the crashing input as base64 and hex so the CI log
# alone reproduces it:  base64 -d > crash.bin; Tools/fuzz/.build/release/<harness> crash.bin
#
# Usage: Tools/ci/fuzz.sh [harness …]   (default: all; about 4.5 min on 2 cores: build ~1 min warm,
#   4 min cold; fuzzing 9 × 30 s + 90 s for the PTU reader, two harnesses at a time: 3 min)
#   FUZZ_SECONDS=<s>   time per harness (default 30; the PTU reader gets 3×: it runs ~20× faster than
#                      the text readers and brings the lane to ≥ 10⁶ executions; a longer hunt: 600)
#   FUZZ_JOBS=<n>      harnesses at once (default: 2, or 1 on one core)
#   FUZZ_CORPUS=<dir>  keep the grown corpora there (default: a scratch directory, removed)
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
fuzz="$repo/Tools/fuzz"
seconds=${FUZZ_SECONDS:-30}
# Harnesses fuzzed at once: one per core, at most 2 (CI has 2 cores).
jobs=${FUZZ_JOBS:-$(( $(nproc) < 2 ? 1 : 2 ))}
# Allocation stacks cost a third of each execution (ASan unwinds at every malloc); the faulting
# access's stack is still printed, and a replay without this option shows the allocation too.
export ASAN_OPTIONS=${ASAN_OPTIONS:-malloc_context_size=0}
step=""
scratch=$(mktemp -d "${TMPDIR:-/tmp}/qdot-fuzz.XXXXXX")
trap 'status=$?; rm -rf "$scratch"; [[ $status -ne 0 ]] && echo "fuzz: FAILED at: $step (exit $status)" >&2; exit $status' EXIT
start=$(date +%s)

all_harnesses=(fuzz-config fuzz-board fuzz-station fuzz-profile fuzz-experiment fuzz-record fuzz-record-salvage fuzz-ptu
               fuzz-link-frame fuzz-key-messages)
harnesses=("${@:-${all_harnesses[@]}}")

# The seed files of each harness: the files qdot ships and the golden files its tests read.
seeds() {
    local golden="$repo/Tests/RecordsTests/Golden"
    case "$1" in
        fuzz-config)     ls "$repo"/Board/*.toml "$repo"/Board/profiles/*.toml "$repo"/Experiments/*.toml ;;
        fuzz-board)      ls "$repo"/Board/*.board.toml ;;
        fuzz-station)    ls "$repo"/Board/*.station.toml ;;
        fuzz-profile)    ls "$repo"/Board/profiles/*.profile.toml ;;
        fuzz-experiment) ls "$repo"/Experiments/*.experiment.toml "$golden"/*.experiment.toml ;;
        fuzz-record|fuzz-record-salvage) ls "$golden"/*.qdotrec "$golden"/*.qdotrec.partial ;;
        fuzz-ptu)        ls "$golden"/*.ptu ;;
        # The link's binary messages: hand-made seeds (Tools/fuzz/seeds/<harness>/, made from the
        # layouts in docs/link-channel.md and docs/key-distillation.md; the frames authenticate
        # with the reference vectors' secret, so mutations reach the payload parsers).
        fuzz-link-frame|fuzz-key-messages) ls "$fuzz/seeds/$1"/*.bin ;;
        *) echo "fuzz: unknown harness $1 (known: ${all_harnesses[*]})" >&2; return 2 ;;
    esac
}
dictionary() {
    case "$1" in
        fuzz-ptu) echo "$fuzz/dictionaries/ptu.dict" ;;
        fuzz-record|fuzz-record-salvage|fuzz-link-frame|fuzz-key-messages) ;;
        *) echo "$fuzz/dictionaries/toml.dict" ;;
    esac
}

# Prints every crashing input libFuzzer saved for $1, as base64 and as hex.
show_crashes() {
    local found=1
    for crash in "$scratch/artifacts/$1"-*; do
        [[ -e $crash ]] || continue
        found=0
        echo "---- $1: crashing input $(basename "$crash") ($(stat -c %s "$crash") bytes), base64:"
        base64 -w 76 "$crash"
        echo "---- hex:"
        od -A x -t x1z -v "$crash" | head -64
        echo "---- reproduce: base64 -d > crash.bin (paste the base64 above); Tools/fuzz/.build/release/$1 crash.bin"
    done
    return $found
}

step="build the harnesses (swift build -c release -sanitize=fuzzer,address, in Tools/fuzz)"
echo "== $step"
build_start=$(date +%s)
# lld: gold fails inside its error reporting (format_file_lineno) on the sanitized objects.
(cd "$fuzz" && swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld 2>&1 | grep -v '^\[' )
[[ ${PIPESTATUS[0]} -eq 0 ]] || exit 1
bin=$(cd "$fuzz" && swift build -c release --show-bin-path)
echo "fuzz: harnesses built in $(( $(date +%s) - build_start )) s"
mkdir -p "$scratch/artifacts"

step="replay the regression inputs (Tools/fuzz/regressions/<harness>/)"
echo "== $step"
for harness in "${harnesses[@]}"; do
    inputs=("$fuzz/regressions/$harness"/*)
    [[ -e ${inputs[0]} ]] || { echo "$harness: no regression inputs"; continue; }
    if ! "$bin/$harness" -artifact_prefix="$scratch/artifacts/$harness-" "${inputs[@]}" > "$scratch/$harness.replay.log" 2>&1; then
        tail -60 "$scratch/$harness.replay.log"
        echo "fuzz: $harness crashes on a regression input (above)" >&2
        exit 1
    fi
    echo "$harness: ${#inputs[@]} regression inputs replayed, no crash"
done

step="fuzz each harness for $seconds s (the PTU reader $(( 3 * seconds )) s), $jobs at a time"
echo "== $step"

# Fuzzes harness $1 into $scratch/$1.log; its exit status goes to $scratch/$1.status.
fuzz_one() {
    local harness=$1 corpus="${FUZZ_CORPUS:-$scratch/corpus}/$1" dict max_len harness_seconds status=0
    mkdir -p "$corpus" "$scratch/seeds/$harness"
    seeds "$harness" | xargs -I{} cp {} "$scratch/seeds/$harness/"
    dict=$(dictionary "$harness")
    # The text files are a few kB. Run records are 7–150 kB, and a 150 kB one takes ~0.1 s to read
    # under ASan: longer seeds are cut at 24 kB (two golden records fit whole; the cut ones
    # exercise the truncated-record paths), which keeps the harness at thousands of inputs a second.
    case $harness in
        fuzz-record*) max_len=24576 ;;
        *) max_len=8192 ;;
    esac
    harness_seconds=$([[ $harness == fuzz-ptu ]] && echo $(( 3 * seconds )) || echo "$seconds")
    "$bin/$harness" -max_total_time="$harness_seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$scratch/artifacts/$harness-" ${dict:+-dict="$dict"} \
        "$corpus" "$scratch/seeds/$harness" > "$scratch/$harness.log" 2>&1 || status=$?
    echo "$status" > "$scratch/$harness.status"
}

# The PTU reader (the longest) first, then the rest, $jobs at a time.
queue=()
for harness in "${harnesses[@]}"; do [[ $harness == fuzz-ptu ]] && queue=("$harness" "${queue[@]}") || queue+=("$harness"); done
for harness in "${queue[@]}"; do
    while [[ $(jobs -rp | wc -l) -ge $jobs ]]; do sleep 1; done
    fuzz_one "$harness" &
done
wait

total=0
failed=()
for harness in "${harnesses[@]}"; do
    log="$scratch/$harness.log"
    status=$(cat "$scratch/$harness.status")
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    coverage=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 || true)
    runs=${runs:-0}
    total=$(( total + runs ))
    printf '%-20s %10d executions (%s/s, %s, corpus %d inputs)\n' "$harness" "$runs" "${rate:-?}" "${coverage:-cov: ?}" \
        "$(ls "${FUZZ_CORPUS:-$scratch/corpus}/$harness" | wc -l)"
    if [[ $status -ne 0 ]]; then
        grep -E -A40 '^==[0-9]+==ERROR|^SUMMARY|Fatal error|Crash|deadly signal|timeout' "$log" | head -80 || true
        show_crashes "$harness" || tail -40 "$log"
        failed+=("$harness")
    fi
done
echo "fuzz: $total executions in all"
[[ $total -ge 1000000 || ${#harnesses[@]} -lt ${#all_harnesses[@]} ]] || echo "fuzz: warning: fewer than 10⁶ executions (a slow or busy machine?)"
if [[ ${#failed[@]} -gt 0 ]]; then
    echo "fuzz: crashes in ${failed[*]}: minimize (<harness> -minimize_crash=1 -runs=100000 crash.bin), commit to Tools/fuzz/regressions/<harness>/ and Tools/fuzz/FINDINGS.md" >&2
    exit 1
fi
echo "fuzz: passed in $(( $(date +%s) - start )) s"
