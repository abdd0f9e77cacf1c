#!/usr/bin/env bash
# CI lane: the shipped systemd units (Tools/deploy/*.service) stay hardened. For each unit:
# `systemd-analyze verify` (with ExecStart= pointed at a stand-in executable, since qdot is not
# installed here) and `systemd-analyze security --offline=yes`, whose exposure score must be
# ≤ 3.0 (qdot.service: 0.8, 8.4 before issue 15; qdot-serve.service: 1.5, the network it needs
# costs 0.9: AF_INET/AF_INET6, no PrivateNetwork, an IP allow list of localhost). The serve unit
# must also keep what docs/service.md relies on: loopback only, the token as a credential, SIGTERM
# with time to write the result. Installs systemd (apt) when systemd-analyze is missing.
# Usage: Tools/ci/systemd-unit.sh   (a few seconds)
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
limit=3.0
scratch=$(mktemp -d "${TMPDIR:-/tmp}/qdot-systemd.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

if ! command -v systemd-analyze >/dev/null 2>&1; then
    echo "systemd-unit: installing systemd (apt) for systemd-analyze"
    sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq -o DPkg::Lock::Timeout=600
    $sudo apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 systemd
fi
echo "systemd-unit: $(systemd-analyze --version | head -1)"

printf '#!/bin/sh\nexit 0\n' > "$scratch/qdot"
chmod +x "$scratch/qdot"
failed=0
for unit in "$repo"/Tools/deploy/*.service; do
    name=$(basename "$unit")
    # verify: the unit as shipped but for the binary's path.
    sed "s|/usr/local/bin/qdot|$scratch/qdot|g" "$unit" > "$scratch/$name"
    if ! systemd-analyze verify "$scratch/$name"; then
        echo "systemd-unit: $name: systemd-analyze verify failed" >&2
        failed=1
    fi
    report=$(systemd-analyze security --offline=yes "$unit" 2>&1) || true
    score=$(sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p' <<<"$report")
    if [[ -z $score ]]; then
        echo "$report" >&2
        echo "systemd-unit: $name: no exposure score from systemd-analyze security" >&2
        failed=1
        continue
    fi
    if awk -v s="$score" -v l="$limit" 'BEGIN { exit !(s > l) }'; then
        grep '✗' <<<"$report" >&2 || true
        echo "systemd-unit: $name: exposure $score > $limit (the settings above are open)" >&2
        failed=1
    else
        echo "systemd-unit: $name: exposure $score (≤ $limit)"
    fi
done

# The serve unit's network and stop settings: a unit that verifies and scores well could still
# have lost them.
serve_unit="$repo/Tools/deploy/qdot-serve.service"
for setting in 'IPAddressDeny=any' 'IPAddressAllow=localhost' 'RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6' \
               'LoadCredential=serve.token:/etc/qdot/serve.token' 'KillSignal=SIGTERM' 'TimeoutStopSec=120' \
               'StateDirectory=qdot qdot/serve'; do
    if ! grep -qxF "$setting" "$serve_unit"; then
        echo "systemd-unit: qdot-serve.service: missing the line $setting" >&2
        failed=1
    fi
done
grep -q -- '--listen 127.0.0.1:' "$serve_unit" || { echo "systemd-unit: qdot-serve.service: ExecStart does not listen on 127.0.0.1" >&2; failed=1; }
grep -q -- '--token-file %d/serve.token' "$serve_unit" || { echo "systemd-unit: qdot-serve.service: the token is not the credential" >&2; failed=1; }
exit $failed
