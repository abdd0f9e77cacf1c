#!/usr/bin/env bash
# Builds (or finds in the cache) a small x86_64 kernel with gpio-sim from Debian's
# linux-source-6.1, and prints the path of its bzImage on stdout.
#
# The cache key is a hash of kernel.config and the installed linux-source-6.1 version,
# so a second run with the same inputs skips the ~4 minute build.
# Usage: build-kernel.sh   (env: QDOT_KERNEL_CACHE, default /var/cache/qdot-gpio-sim-kernel)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lane-common.sh"

source_package=linux-source-6.1
lane_apt_install "$source_package" build-essential flex bison bc libelf-dev libssl-dev cpio

source_version=$(dpkg-query -W -f='${Version}' "$source_package")
fragment="$HIL_DIR/kernel.config"
key=$( { cat "$fragment"; echo "$source_package $source_version"; } | sha256sum | cut -c1-16)
entry="$QDOT_KERNEL_CACHE/$key"

if [ -f "$entry/bzImage" ]; then
    lane_log "kernel: cache hit $entry ($source_package $source_version)"
    echo "$entry/bzImage"
    exit 0
fi

lane_log "kernel: cache miss, building $source_package $source_version into $entry"
mkdir -p "$QDOT_KERNEL_CACHE" || lane_fail "cannot create kernel cache $QDOT_KERNEL_CACHE"
available_kib=$(df -Pk "$QDOT_KERNEL_CACHE" | awk 'NR == 2 { print $4 }')
[ "$available_kib" -ge $((3 * 1024 * 1024)) ] \
    || lane_fail "kernel build needs ~3 GB free under $QDOT_KERNEL_CACHE, only $((available_kib / 1024)) MB"

work=$(mktemp -d "$QDOT_KERNEL_CACHE/build.XXXXXX")
trap 'rm -rf "$work"' EXIT
started=$(lane_now)
tarball=$(ls /usr/src/linux-source-6.1.tar.xz) || lane_fail "no /usr/src/linux-source-6.1.tar.xz"
tar -xJf "$tarball" -C "$work"
tree="$work/linux-source-6.1"
cd "$tree"
make -s tinyconfig >&2
scripts/kconfig/merge_config.sh -m .config "$fragment" >&2
make -s olddefconfig >&2

# Options drop silently when a dependency is missing: check every one survived.
lost=()
while IFS= read -r option; do
    case "$option" in CONFIG_*=y) ;; *) continue ;; esac
    grep -qx "$option" .config || lost+=("$option")
done < "$fragment"
[ ${#lost[@]} -eq 0 ] || lane_fail "kernel options lost after olddefconfig: ${lost[*]}"

make -s -j"$(nproc)" bzImage >&2 || lane_fail "kernel build failed (see the make output above)"
mkdir -p "$work/entry"
cp arch/x86/boot/bzImage .config "$work/entry/"
echo "$source_package $source_version" > "$work/entry/source-version"
rm -rf "$entry"
mv "$work/entry" "$entry"
lane_log "kernel: built in $(lane_elapsed "$started" "$(lane_now)") s"
echo "$entry/bzImage"
