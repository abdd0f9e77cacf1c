#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages qdot builds against, if they are missing:
# libgpiod-dev (the Linux GPIO backend, found through pkg-config) and pkg-config itself, and
# prometheus for its promtool (the ServiceTests check qdot serve's /metrics text with it).
# Safe to run again: it does nothing when everything is there.
set -euo pipefail

needed=()
command -v pkg-config >/dev/null 2>&1 || needed+=(pkg-config)
pkg-config --exists libgpiod 2>/dev/null || needed+=(libgpiod-dev)
command -v promtool >/dev/null 2>&1 || needed+=(prometheus)
[ ${#needed[@]} -eq 0 ] && exit 0

echo "qdot: installing ${needed[*]} (apt)"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "qdot: need root or sudo to install ${needed[*]}" >&2; exit 1; }
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq -o DPkg::Lock::Timeout=600
$sudo apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 "${needed[@]}"
