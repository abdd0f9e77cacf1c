#!/usr/bin/env bash
# CI lane: the QKD link end to end (issue 14, "Done when", first two bullets). Alice's and Bob's
# `qdot link` processes run in two network namespaces joined by a veth pair (10.77.0.1 ↔ 10.77.0.2),
# on simulated boards, with ETSI GS QKD 014 over mutual TLS checked by curl with SAE client
# certificates from inside each node's namespace (Tools/ci/link_etsi.py). Scenarios, each from
# fresh state folders and printing its seconds, blocks and keys:
#   1. clean: N blocks; enc_keys at Alice (master SAE) and dec_keys at Bob (slave SAE) give
#      identical bytes for every key_ID; a second dec_keys is refused; another CA's certificate and
#      no certificate are refused in the handshake; unknown SAE / key_ID and wrong pairs get the
#      standard error body (400/401, docs/key-delivery.md).
#   2. loss: nftables `numgen random mod 20 0 drop` on each namespace's input from the veth, so 5 %
#      of the packets of both directions are lost.
#   3. rate limit: tc tbf 1 mbit (burst 32 kbit, latency 400 ms) on both ends of the veth.
#   4. relay (Tools/ci/link_relay.py, in Bob's namespace; Alice's --link points at it): 20 ms delay,
#      every connection cut every 3 s, two chunks of one direction swapped every 5 s (a corrupted stream
#      the nodes must close and resume).
#   5. kill/restart: Alice SIGKILLed when a block of hers is pending (else mid-block), restarted on
#      the same state folder; then the same for Bob, 1 s after his start-up alignment (5b) and frozen
#      before it, with Alice's block 0 unacknowledged (5c); Alice as she answers Bob's alignment
#      request (5d); no block may end on a protocol violation but the one Bob's restart ended. Every key_ID handed out at Alice is decodable
#      exactly once at Bob with the same bytes, and both KMEs' stored_key_count are equal.
# In 2–5 the keys delivered are checked the same way as in 1. Runs as root (ip netns, nft, tc);
# installs nftables with apt when missing. Every process and namespace it made is removed on every
# way out; every wait is bounded. Builds qdot with the KeyDeliveryTLS trait (release) and prints how
# long that took. Logs and result files are kept in ${QDOT_ARTIFACTS:-.ci-artifacts}/link/.
# Usage: Tools/ci/link.sh   (QDOT_BIN=PATH: a qdot built with --traits KeyDeliveryTLS;
#                            LINK_BLOCKS=N: blocks per run, default 2;
#                            LINK_WORLD=small|shipped: the lane's small blocks (default) or the
#                            shipped node files' [blocks] and [world], below;
#                            LINK_SCENARIOS="clean relay": only those of clean loss rate relay kill-alice kill-bob kill-bob-aligning kill-alice-aligning)
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
start=$(date +%s)
step="start"
scratch=$(mktemp -d "${TMPDIR:-/tmp}/qdot-link.XXXXXX")
blocks=${LINK_BLOCKS:-2}
world=${LINK_WORLD:-small}
[[ $world == small || $world == shipped ]] || { echo "link: LINK_WORLD must be small or shipped, found $world" >&2; exit 64; }
artifacts=${QDOT_ARTIFACTS:-$repo/.ci-artifacts}/link
scenarios=" ${LINK_SCENARIOS:-clean loss rate relay kill-alice kill-bob kill-bob-aligning kill-alice-aligning} "
ns_alice="qdl-alice-$$"
ns_bob="qdl-bob-$$"
veth_alice="qla$$"
veth_bob="qlb$$"
alice_address=10.77.0.1
bob_address=10.77.0.2
link_port=9471
relay_port=9571
alice_kme=127.0.0.1:8471
bob_kme=127.0.0.1:8472
python=python3; [[ -x /usr/bin/python3 ]] && python=/usr/bin/python3
declare -A node_pid=()        # alice/bob/relay → pid of the running process
run=""                        # the current scenario's folder

wanted() { [[ $scenarios == *" $1 "* ]]; }   # scenario NAME is selected

stop_process() {    # name [signal]: signal (TERM by default), wait up to 30 s, then KILL
    local name=$1 signal=${2:-TERM} pid=${node_pid[$1]:-}
    [[ -n $pid ]] || return 0
    if kill -0 "$pid" 2>/dev/null; then
        kill "-$signal" "$pid" 2>/dev/null || true
        for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    local status=0
    { wait "$pid"; } 2>/dev/null || status=$?
    unset "node_pid[$name]"
    return "$status"
}
finish() {
    local status=$?
    # The waiter is `timeout`, which passes TERM on to its command; the nodes get KILL.
    for name in "${!node_pid[@]}"; do
        if [[ $name == waiter ]]; then stop_process waiter TERM || true; else stop_process "$name" KILL || true; fi
    done
    ip netns del "$ns_alice" 2>/dev/null || true
    ip netns del "$ns_bob" 2>/dev/null || true
    # The nodes' logs and results (never key bytes: the nodes log none) for a look afterwards.
    rm -rf "$artifacts" && mkdir -p "$artifacts"
    (cd "$scratch" && find . -name '*.log' -o -name 'result.json' -o -name 'relay.json') 2>/dev/null | while read -r file; do
        mkdir -p "$artifacts/$(dirname "$file")" && cp "$scratch/$file" "$artifacts/$file"
    done
    if [[ $status -ne 0 ]]; then
        echo "link: FAILED at: $step (exit $status)" >&2
        for log in "$scratch"/*/*.log; do
            [[ -f $log ]] || continue
            echo "---- last lines of ${log#"$scratch"/}" >&2
            tail -n 25 "$log" >&2
        done
    fi
    rm -rf "$scratch"
    exit "$status"
}
trap finish EXIT
trap 'exit 130' INT TERM

step="root, ip netns, nftables"
[[ $(id -u) -eq 0 ]] || { echo "link: needs root (ip netns, nft, tc)" >&2; exit 1; }
if ! command -v nft >/dev/null 2>&1; then
    echo "== $step: apt-get install nftables"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq -o DPkg::Lock::Timeout=600
    apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 nftables
fi
for tool in ip tc nft curl openssl; do command -v "$tool" >/dev/null || { echo "link: $tool is missing" >&2; exit 1; }; done

# Release: a block's simulation is about 3 times slower in a debug build (Bob's start-up alignment
# alone took 2.5 CPU-minutes in debug), and the release build with BoringSSL took 5 min 16 s cold
# here against 4 min 30 s for the debug one after a default build.
step="build qdot with the KeyDeliveryTLS trait (release)"
if [[ -n ${QDOT_BIN:-} ]]; then
    qdot=$QDOT_BIN
else
    echo "== $step"
    build_start=$(date +%s)
    # CI's release flags (Tools/ci/release-flags.sh), which carry the trait: after the gpio-sim
    # and soak lanes this build is already done.
    source "$repo/Tools/ci/release-flags.sh"
    swift build "${QDOT_RELEASE_FLAGS[@]}" --product qdot 2>&1 | { grep -v '^\[' || true; }
    echo "link: qdot with KeyDeliveryTLS built in $(( $(date +%s) - build_start )) s"
    qdot="$(swift build "${QDOT_RELEASE_FLAGS[@]}" --show-bin-path)/qdot"
fi

step="certificates (openssl, test-only, one day)"
pki="$scratch/pki"
mkdir -p "$pki"
master_sae=$(sed -n 's/^master-sae *= *"\(.*\)".*/\1/p' Link/alice.node.toml)
slave_sae=$(sed -n 's/^slave-sae *= *"\(.*\)".*/\1/p' Link/alice.node.toml)
[[ -n $master_sae && -n $slave_sae ]] || { echo "link: no master-sae/slave-sae in Link/alice.node.toml" >&2; exit 1; }
(
    cd "$pki"
    for ca in lab-ca other-ca; do
        openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$ca.key" -out "$ca.pem" \
            -days 1 -subj "/CN=qdot link lane test-only $ca" 2>/dev/null
    done
    issue() {   # name commonName ca extensions
        printf '%b' "$4" > "$1.ext"
        openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$1.key" -out "$1.csr" -subj "/CN=$2" 2>/dev/null
        openssl x509 -req -in "$1.csr" -CA "$3.pem" -CAkey "$3.key" -CAcreateserial -out "$1.pem" -days 1 -extfile "$1.ext" 2>/dev/null
    }
    issue kme-alice kme-alice lab-ca 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n'
    issue kme-bob kme-bob lab-ca 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n'
    issue "$master_sae" "$master_sae" lab-ca 'extendedKeyUsage=clientAuth\n'
    issue "$slave_sae" "$slave_sae" lab-ca 'extendedKeyUsage=clientAuth\n'
    issue "other-ca-$master_sae" "$master_sae" other-ca 'extendedKeyUsage=clientAuth\n'
)

step="namespaces $ns_alice, $ns_bob and the veth pair"
ip netns add "$ns_alice"
ip netns add "$ns_bob"
ip link add "$veth_alice" netns "$ns_alice" type veth peer name "$veth_bob" netns "$ns_bob"
ip -n "$ns_alice" addr add "$alice_address/24" dev "$veth_alice"
ip -n "$ns_bob" addr add "$bob_address/24" dev "$veth_bob"
for ns in "$ns_alice" "$ns_bob"; do ip -n "$ns" link set lo up; done
ip -n "$ns_alice" link set "$veth_alice" up
ip -n "$ns_bob" link set "$veth_bob" up

# bounded COMMAND...: runs it in the background and waits for it, so that SIGTERM or SIGINT reach
# the trap at once (bash runs a trap only after a foreground command ends); the trap kills it.
bounded() {
    "$@" &
    node_pid[waiter]=$!
    local status=0
    wait "${node_pid[waiter]}" || status=$?
    unset "node_pid[waiter]"
    return "$status"
}

# The lane's blocks and world (LINK_WORLD=small, the default): the small blocks of
# Tests/LinkNodeTests/TwoNodeRunTests.swift, which commit keys in seconds. The shipped Link files'
# own [blocks] and [world] (LINK_WORLD=shipped) take minutes of simulation per 10⁷-cycle block, and
# on main b2595a0 their block 0 ended "cycle alignment lost" (tracking peak z = 0.25 < 4).
lane_blocks_and_world() {
    cat <<EOF
[blocks]
cycles = 1000000
count = $blocks
alignment-cycles = 200000
tracking-cycles-per-thousand = 50
search-cycles = 5000
sample-fraction = 0.2
epsilon-secrecy = 1e-4
authentication-replenishment-bits = 2048
[world]
seed = 77
alice-arm-efficiency = 0.5
bob-arm-efficiency = 0.5
cycle-period-ps = 1000000
gate-close-ps = 900000
alice-clock-drift-ppm = 2
bob-clock-offset-ps = 1300000000
bob-clock-drift-ppm = -9
intercept-fraction = 0
EOF
}

# node_file ROLE: the shipped Link/ROLE.node.toml with only addresses, state folder, secret and
# TLS paths changed (and, with LINK_WORLD=small, the lane's [blocks] and [world] in place of the
# file's), written to the current scenario's folder.
node_file() {
    local role=$1 kme link_key link_value
    if [[ $role == alice ]]; then kme=$alice_kme; link_key=peer; link_value="$bob_address:$link_port"
    else kme=$bob_kme; link_key=listen; link_value="$bob_address:$link_port"; fi
    awk -v small="$([[ $world == small ]] && echo 1 || echo 0)" -v link_key="$link_key" -v link_value="$link_value" -v kme="$kme" -v state="state/$role" \
        -v secret="$run/link.secret" -v pki="$pki" -v role="$role" '
        /^\[/ { section = $1 }
        /^#? *tls-(certificate-chain|private-key|client-ca) *=/ { next }
        section == "[node]" && /^state-directory *=/ { print "state-directory = \"" state "\""; next }
        section == "[node]" && /^pre-shared-secret-file *=/ { print "pre-shared-secret-file = \"" secret "\""; next }
        section == "[link]" && $0 ~ "^" link_key " *=" { print link_key " = \"" link_value "\""; next }
        section == "[key-delivery]" && /^listen *=/ {
            print "listen = \"" kme "\""
            print "tls-certificate-chain = \"" pki "/kme-" role ".pem\""
            print "tls-private-key = \"" pki "/kme-" role ".key\""
            print "tls-client-ca = \"" pki "/lab-ca.pem\""
            next
        }
        (section == "[blocks]" || section == "[world]") && small { next }
        { print }' "Link/$role.node.toml" > "$run/$role.node.toml"
    if [[ $world == small ]]; then lane_blocks_and_world >> "$run/$role.node.toml"; fi
}

# start_node ROLE [qdot link arguments...]: the node in its namespace, its log in the scenario folder.
start_node() {
    local role=$1 ns; shift
    if [[ $role == alice ]]; then ns=$ns_alice; else ns=$ns_bob; fi
    ip netns exec "$ns" "$qdot" link --node "$run/$role.node.toml" --blocks "$blocks" "$@" >> "$run/$role.log" 2>&1 &
    node_pid[$role]=$!
}

# new_run NAME: a fresh folder with both node files and a new pre-shared secret.
new_run() {
    run="$scratch/$1"
    mkdir -p "$run"
    head -c 65568 /dev/urandom > "$run/link.secret"
    node_file alice
    node_file bob
    scenario_start=$(date +%s.%N)
}

elapsed() {   # seconds since the scenario started, one decimal
    awk -v now="$(date +%s.%N)" -v since="$scenario_start" 'BEGIN { printf "%.1f", now - since }'
}

etsi() {   # link_etsi.py SUBCOMMAND with the lane's SAEs and KMEs
    local command=$1; shift
    bounded timeout 300 "$python" Tools/ci/link_etsi.py "$command" --pki "$pki" --alice-ns "$ns_alice" --bob-ns "$ns_bob" \
        --alice-url "https://$alice_kme" --bob-url "https://$bob_kme" --master "$master_sae" --slave "$slave_sae" "$@"
}

wait_finished() {   # both results say finished (bounded)
    local per_block=60; [[ $world == small ]] || per_block=450   # seconds a block may take, faults included
    local limit=${1:-$(( 120 + per_block * blocks ))}
    bounded timeout $(( limit + 60 )) "$python" Tools/ci/link_etsi.py wait-finished --timeout-s "$limit" \
        --pid "${node_pid[alice]}" --pid "${node_pid[bob]}" "$run/state/alice/result.json" "$run/state/bob/result.json"
}

# deliver_and_stop NAME: every stored key through ETSI 014 (identical at both ends), then SIGTERM
# to both nodes (exit 0 expected), and the scenario's seconds.
# The simulated world and every block's public randomness are seeded (docs/link-node.md), so the
# faulted runs must deliver the very keys of the clean run: the digest of all delivered bytes in
# key_ID order is compared with the clean run's ("same keys, only later").
clean_digest=""
deliver_and_stop() {
    local figures digest
    etsi deliver --minimum-keys 1 > "$run/delivered.json"
    figures=$(cat "$run/delivered.json")
    echo "link: $1: keys $figures"
    digest=$(sed -n 's/.*"bytesSHA256": "\([0-9a-f]*\)".*/\1/p' <<< "$figures")
    if [[ $1 == clean ]]; then
        clean_digest=$digest
    elif [[ ${2:-} == same-keys && -n $clean_digest ]]; then
        [[ $digest == "$clean_digest" ]] || { echo "link: $1 delivered other keys than the clean run (digest $digest, clean $clean_digest)" >&2; exit 1; }
        echo "link: $1: the same keys as the clean run"
    fi
    stop_process alice || { echo "link: Alice exited $? on SIGTERM (0 expected)" >&2; exit 1; }
    stop_process bob || { echo "link: Bob exited $? on SIGTERM (0 expected)" >&2; exit 1; }
    echo "link: $1: $(elapsed) s"
}

scenario_clean() {
    step="scenario 1, clean"
    echo "== $step"
    new_run clean
    start_node bob
    start_node alice
    wait_finished
    etsi refusals
    deliver_and_stop clean
}

scenario_loss() {
    step="scenario 2, 5 % packet loss both ways (nftables numgen random)"
    echo "== $step"
    new_run loss
    for side in alice bob; do
        if [[ $side == alice ]]; then ns=$ns_alice; dev=$veth_alice; else ns=$ns_bob; dev=$veth_bob; fi
        ip netns exec "$ns" nft -f - <<EOF
table inet qdot_link_lane {
    chain input {
        type filter hook input priority 0; policy accept;
        iifname "$dev" numgen random mod 20 0 counter drop
    }
}
EOF
    done
    start_node bob
    start_node alice
    wait_finished
    for ns in "$ns_alice" "$ns_bob"; do
        dropped=$(ip netns exec "$ns" nft list chain inet qdot_link_lane input | sed -n 's/.*counter packets \([0-9]*\).*/\1/p')
        echo "link: loss: $ns dropped $dropped packets"
        [[ ${dropped:-0} -gt 0 ]] || { echo "link: the loss rule in $ns dropped nothing" >&2; exit 1; }
        ip netns exec "$ns" nft delete table inet qdot_link_lane
    done
    deliver_and_stop loss same-keys
}

scenario_rate() {
    step="scenario 3, rate limit (tc tbf 1 mbit both ways)"
    echo "== $step"
    new_run rate
    ip -n "$ns_alice" link show "$veth_alice" >/dev/null
    ip netns exec "$ns_alice" tc qdisc add dev "$veth_alice" root tbf rate 1mbit burst 32kbit latency 400ms
    ip netns exec "$ns_bob" tc qdisc add dev "$veth_bob" root tbf rate 1mbit burst 32kbit latency 400ms
    start_node bob
    start_node alice
    wait_finished
    for pair in "$ns_alice:$veth_alice" "$ns_bob:$veth_bob"; do
        echo "link: rate: ${pair%%:*} $(ip netns exec "${pair%%:*}" tc -s qdisc show dev "${pair#*:}" | sed -n 's/^ *\(Sent .*\)/\1/p' | head -1)"
        ip netns exec "${pair%%:*}" tc qdisc del dev "${pair#*:}" root
    done
    deliver_and_stop rate same-keys
}

scenario_relay() {
    step="scenario 4, relay: delay, cuts, swapped chunks"
    echo "== $step"
    new_run relay
    ip netns exec "$ns_bob" "$python" Tools/ci/link_relay.py --listen "$bob_address:$relay_port" \
        --upstream "$bob_address:$link_port" --delay-ms 20 --cut-every-s 3 --swap-every-s 5 --stats "$run/relay.json" \
        > "$run/relay.log" 2>&1 &
    node_pid[relay]=$!
    start_node bob
    start_node alice --link "$bob_address:$relay_port"
    wait_finished
    # The relay stays up while keys are delivered: the reservation of the keys handed out at Alice
    # reaches Bob over the link, through the relay's cuts.
    deliver_and_stop relay same-keys
    stop_process relay
    echo "link: relay: $(cat "$run/relay.json")"
    "$python" - "$run/relay.json" <<'EOF'
import json, sys
stats = json.load(open(sys.argv[1]))
problems = [f"{name} is {stats[name]}" for name in ("cuts", "connectionsCut", "swaps") if stats[name] < 1]
if stats["accepted"] < 2:
    problems.append(f"only {stats['accepted']} connection(s) accepted: Alice never reconnected")
if problems:
    sys.exit("link: the relay's faults did not happen: " + ", ".join(problems))
EOF
}

# kill_restart ROLE NAME [KILL POINT…]: ROLE SIGKILLed mid-run and restarted on the same state
# folder, at the kill point given (link_etsi.py kill-when options on ROLE's log); without one, Alice
# when a block of hers is pending (her commit's window: Bob may have committed, she has not).
kill_restart() {
    local victim=$1 name=$2 hit
    shift 2
    new_run "$name"
    start_node bob
    start_node alice
    if [[ $# -eq 0 ]]; then
        bounded timeout 400 "$python" Tools/ci/link_etsi.py kill-when --pid "${node_pid[alice]}" --timeout-s 360 \
            --pending-in "$run/state/alice" > "$run/kill-point.txt"
    else
        bounded timeout 400 "$python" Tools/ci/link_etsi.py kill-when --pid "${node_pid[$victim]}" --timeout-s 360 \
            --log "$run/$victim.log" "$@" > "$run/kill-point.txt"
    fi
    hit=$(cat "$run/kill-point.txt")
    stop_process "$victim" || true
    echo "link: $name: SIGKILL at $(elapsed) s ($hit)"
    start_node "$victim"
    wait_finished
    no_protocol_violations
    deliver_and_stop "$name"
}

# no_protocol_violations: after a restart no block may end on a protocol violation, except the
# block Alice ends because Bob's node restarted in it (at both nodes, when Bob's new process
# answered it late): one that did means a late message of an ended block reached the next one (the
# nodes then run one block apart).
no_protocol_violations() {
    "$python" - "$run/state/alice/result.json" "$run/state/bob/result.json" <<'EOF'
import json, sys
bad = []
for path in sys.argv[1:]:
    for block in json.load(open(path))["blocks"]:
        if block.get("abortReason") == "protocolViolation" and "Bob's node restarted" not in block.get("detail", ""):
            bad.append(f"{path}: block {block['blockID']} {block['outcome']}: {block.get('detail', '')}")
if bad:
    sys.exit("link: a block ended on a protocol violation after the restart:\n  " + "\n  ".join(bad))
EOF
}

scenario_kill-alice() {
    step="scenario 5a, Alice killed mid-block and restarted"
    echo "== $step"
    kill_restart alice kill-alice
}

# Bob 1 s after his start-up alignment: the lane's two blocks take about 0.2 s each at Bob, so the
# kill finds him in the second block or already finished (then the restarted Bob must say so).
scenario_kill-bob() {
    step="scenario 5b, Bob killed mid-block and restarted"
    echo "== $step"
    kill_restart bob kill-bob --log-line "alignment: Bob's cycle" --after-s 1
}

# Bob frozen as his link connects, before Alice's answer to his alignment request and her block 0
# arrive, and killed 1 s later: none of it was acknowledged, so his restarted process gets it all
# again, then her answer to his new request. He aligns on the old answer and answers block 0, which
# Alice ended on his new request; she must ignore those late replies (and he must drop any block
# message that comes before an answer), or each node ends its open block on the other's late
# message and they run one block apart from then on, every block aborted.
scenario_kill-bob-aligning() {
    step="scenario 5c, Bob frozen before his alignment, killed and restarted"
    echo "== $step"
    kill_restart bob kill-bob-aligning --log-line "link: connected" --freeze-s 1
}

# Alice killed as she answers Bob's start-up alignment request (her link has taken it, her
# answer is not sent): her restarted process must still answer him.
scenario_kill-alice-aligning() {
    step="scenario 5d, Alice killed as she answers Bob's alignment request, and restarted"
    echo "== $step"
    kill_restart alice kill-alice-aligning --log-line "link: connected" --after-s 0.05
}

for name in clean loss rate relay kill-alice kill-bob kill-bob-aligning kill-alice-aligning; do
    if wanted "$name"; then "scenario_$name"; fi
done

echo "== link lane finished in $(( $(date +%s) - start )) s"
