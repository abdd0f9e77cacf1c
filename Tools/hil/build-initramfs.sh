#!/usr/bin/env bash
# Builds the gpio-sim lane's initramfs: busybox, the gpiod tools, the guest scripts, the lane's
# board file, and the given programs, with every shared library they need (followed with ldd)
# and the dynamic loader.
# Usage: build-initramfs.sh OUTPUT.cpio.gz PROGRAM...   (programs land in /lane of the guest)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lane-common.sh"

output=$1
shift
lane_apt_install busybox-static gpiod cpio jq

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,sbin,usr/bin,lib,lib64,proc,sys,dev,tmp,lane}

# busybox, with a link per applet.
cp /bin/busybox "$root/bin/busybox"
for applet in $("$root/bin/busybox" --list); do
    [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
done

# Copies a binary and its shared libraries (as ldd resolves them on this host) into the image.
copy_with_libraries() {
    local binary=$1 destination=$2 library
    cp "$binary" "$root$destination"
    for library in $(ldd "$binary" 2>/dev/null | awk '/=> \// { print $3 } /^\t\/[^ ]+ \(/ { print $1 }'); do
        mkdir -p "$root$(dirname "$library")"
        cp -L "$library" "$root$library"
    done
}

for tool in gpiodetect gpioinfo gpioget gpioset gpiomon gpiofind jq chrt; do
    copy_with_libraries "$(command -v "$tool")" "/usr/bin/$tool"
done
for program in "$@"; do
    [ -f "$program" ] || lane_fail "initramfs: no $program"
    copy_with_libraries "$program" "/lane/$(basename "$program")"
done
cp "$HIL_DIR"/guest/*.sh "$root/lane/"
cp "$HIL_DIR/guest/init" "$root/init"
cp "$REPO_ROOT/Board/gpio-sim.board.toml" "$root/lane/"
chmod +x "$root/init" "$root"/lane/*.sh

(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) > "$output"
lane_log "initramfs: $(du -h "$output" | cut -f1) with $(find "$root" -type f | wc -l) files"
