#!/usr/bin/env bash
# Instructions per simulated trigger cycle, counted by callgrind: the hot-path figure the README
# and issue 16 quote. Counts do not depend on the machine's load, so a change to the loop, the
# simulated board or the physics can be judged to a few instructions on a shared machine.
#
# Each figure is the difference of two runs that differ only in their length, divided by the
# difference in cycles run (read from each run's result), so start-up, analysis and report
# writing cancel out. Each run works in a folder of its own: runs sharing a folder would write
# the same click record.
#
# Usage: Tools/scripts/instructions-per-cycle.sh [--binary QDOT] [--bench QDOT_BENCH]
#                                                [--cycles SHORT,LONG] [WORKLOAD ...]
#   WORKLOAD: bbm92, bell-chsh (the shipped experiments with the physics station and recording
#             on; SHORT and LONG are cycles per setting) or stand-in (`qdot-bench
#             simulator-once stand-in`: the plain two-setting cycle, no recording; SHORT and LONG
#             are cycles). Default: all three.
#   --binary, --bench: the builds to count (default: `swift build -c release` of qdot and
#             qdot-bench here). --cycles: default 50000,100000.
set -euo pipefail
cd "$(dirname "$0")/../.."

qdot="" bench="" short=50000 long=100000 workloads=()
while (( $# > 0 )); do
    case "$1" in
        --binary) qdot=$2; shift 2 ;;
        --bench) bench=$2; shift 2 ;;
        --cycles)
            IFS=, read -r short long <<< "$2"; shift 2
            if ! [[ $short =~ ^[0-9]+$ && $long =~ ^[0-9]+$ ]] || (( short <= 0 || long <= short )); then
                echo "instructions-per-cycle: --cycles wants SHORT,LONG with 0 < SHORT < LONG, found $short,$long" >&2
                exit 2
            fi ;;
        bbm92|bell-chsh|stand-in) workloads+=("$1"); shift ;;
        *) echo "instructions-per-cycle: unknown argument '$1' (workloads: bbm92, bell-chsh, stand-in)" >&2; exit 2 ;;
    esac
done
(( ${#workloads[@]} > 0 )) || workloads=(bbm92 bell-chsh stand-in)

for tool in valgrind objcopy python3; do
    command -v "$tool" > /dev/null || {
        echo "instructions-per-cycle: '$tool' not found (Debian/Ubuntu: sudo apt-get install valgrind binutils python3)" >&2
        exit 2
    }
done

needs_bench=0
for workload in "${workloads[@]}"; do [[ $workload == stand-in ]] && needs_bench=1; done
if [[ -z $qdot ]]; then
    swift build -c release --product qdot > /dev/null
    qdot=.build/release/qdot
fi
if [[ -z $bench && $needs_bench == 1 ]]; then
    swift build -c release --product qdot-bench > /dev/null
    bench=.build/release/qdot-bench
fi

work=$(mktemp -d /tmp/qdot-instructions.XXXXXX)
trap 'rm -rf "$work"' EXIT
# Valgrind 3.19 (Debian 12) cannot read Swift 6.3's DWARF 5 and gives up; a copy without debug
# information keeps the symbols.
objcopy --strip-debug "$qdot" "$work/qdot"
libraries=""
if [[ -n $bench ]]; then
    objcopy --strip-debug "$bench" "$work/qdot-bench"
    libraries=$(cd "$(dirname "$bench")" && pwd)
fi

# Counts the instructions of one run in its own folder; prints "instructions cycles".
count() {
    local name=$1 length=$2 folder="$work/$1-$2"
    mkdir -p "$folder"
    local run=(sim --experiment run.toml --output result.json) program=$work/qdot
    if [[ $name == stand-in ]]; then
        run=(simulator-once stand-in "$length") program=$work/qdot-bench
    else
        sed "s/^cycles-per-setting = .*/cycles-per-setting = $length/" "Experiments/$name.experiment.toml" > "$folder/run.toml"
    fi
    # (qdot-bench finds its malloc interposer next to the original build.)
    (cd "$folder" && LD_LIBRARY_PATH=$libraries valgrind --error-exitcode=99 --tool=callgrind \
        --callgrind-out-file=callgrind.out "$program" "${run[@]}" > run.log 2>&1) || {
        echo "instructions-per-cycle: $name ($length cycles) failed under valgrind; its output:" >&2
        tail -n 20 "$folder/run.log" >&2
        return 1
    }
    if [[ $name == stand-in ]]; then
        cycles=$length
    else
        cycles=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["report"]["cyclesRun"])' "$folder/result.json")
    fi
    echo "$(awk '/^(summary|totals):/ { print $2; exit }' "$folder/callgrind.out") $cycles"
}

for workload in "${workloads[@]}"; do
    # The two runs in parallel (the counts do not depend on it).
    count "$workload" "$short" > "$work/$workload.short" &
    first=$!
    count "$workload" "$long" > "$work/$workload.long" || exit 1
    wait "$first" || exit 1
    read -r shortInstructions shortCycles < "$work/$workload.short"
    read -r longInstructions longCycles < "$work/$workload.long"
    python3 - "$workload" "$shortInstructions" "$shortCycles" "$longInstructions" "$longCycles" <<'EOF'
import sys
name, i1, c1, i2, c2 = sys.argv[1], *map(int, sys.argv[2:])
print(f"{name}: {(i2 - i1) / (c2 - c1):,.0f} instructions per cycle".replace(",", " ")
      + f" (callgrind: {i2 - i1:,} instructions over {c2 - c1:,} more cycles)".replace(",", " "))
EOF
done
