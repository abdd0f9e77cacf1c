#!/bin/sh
# Creates gpio-sim chip sim0 (label gpio-sim.0-node0) through configfs, one line per [line.*]
# section of the board file, named as the file names them and in its order, plus one SPARE line
# that qdot does not own (gpiomon watches it beside qdot). Writes the name -> offset table
# to /tmp/lane-lines for the harness.
set -e
board=$1
config=/sys/kernel/config/gpio-sim/sim0
names=$(awk '/^\[/ { inline = ($0 ~ /^\[line\./) }
             inline && /^name[ \t]*=/ { split($0, part, "\""); print part[2] }' "$board")
names="$names SPARE"

mkdir "$config" "$config/bank0"
offset=0
: > /tmp/lane-lines
for name in $names; do
    mkdir "$config/bank0/line$offset"
    echo "$name" > "$config/bank0/line$offset/name"
    echo "$name $offset" >> /tmp/lane-lines
    offset=$((offset + 1))
done
echo "$offset" > "$config/bank0/num_lines"
echo 1 > "$config/live"
echo "QDOT-LANE: gpio-sim chip $(cat "$config/bank0/chip_name") live with $offset named lines"
