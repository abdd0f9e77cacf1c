# Sourced (bash): puts libgpiod 2.x from bookworm-backports into a private prefix and exports
#   GPIOD2_VERSION   the libgpiod version unpacked (2.x);
#   GPIOD2_INCLUDE   the folder holding its gpiod.h (for -Xcc -I, before /usr/include);
#   GPIOD2_LIBDIR    the folder holding libgpiod.so.3 (for LD_LIBRARY_PATH: qdot dlopens it);
#   GPIOD2_PKG_CONFIG_PATH  the folder of the unpacked libgpiod.pc (the caller's PKG_CONFIG_PATH
#                    is left alone, so later builds still find the distribution's 1.6).
# Used by Tools/ci/build-with-libgpiod2.sh and by the AddressSanitizer lane (Tools/ci/sanitizers.sh),
# whose build is the one CI compiles against 2.x.
#
# Works on a fresh Debian 12 (bookworm) machine as root. The backports suite is added from the
# Debian mirror the machine's own apt sources already name, read here at run time; no package
# host is written in this repository. The machine's apt configuration is not changed: the
# backports index lives in a private apt state under $work, and the 2.x packages are unpacked
# (dpkg-deb -x) into a private prefix rather than installed.
# Environment: QDOT_GPIOD2_WORK (default <repo>/.build-gpiod2-prefix) for the private prefix.

libgpiod2_prefix() {
    local repo work mirror keyring file apt_dir version pc libdir apt_private deb
    repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
    work=${QDOT_GPIOD2_WORK:-$repo/.build-gpiod2-prefix}

    # 1. The Debian mirror and its keyring, from the machine's own sources (deb822 first, then
    #    one-line format). Only an entry that serves bookworm's main archive qualifies.
    mirror="" keyring=""
    for file in /etc/apt/sources.list.d/*.sources; do
        [[ -f "$file" ]] || continue
        # Paragraphs are separated by blank lines; take the first whose Suites has bookworm.
        read -r mirror keyring < <(awk '
            BEGIN { RS = ""; FS = "\n" }
            {
                uris = ""; suites = ""; key = ""
                for (i = 1; i <= NF; i++) {
                    if ($i ~ /^URIs:/)      { sub(/^URIs:[ \t]*/, "", $i); uris = $i }
                    if ($i ~ /^Suites:/)    { sub(/^Suites:[ \t]*/, "", $i); suites = $i }
                    if ($i ~ /^Signed-By:/) { sub(/^Signed-By:[ \t]*/, "", $i); key = $i }
                }
                if (suites ~ /(^| )bookworm( |$)/ && uris !~ /security/) {
                    split(uris, u, " "); print u[1], (key == "" ? "-" : key); exit
                }
            }' "$file") || true
        [[ -n "$mirror" ]] && break
    done
    if [[ -z "$mirror" ]]; then
        for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
            [[ -f "$file" ]] || continue
            mirror=$(awk '$1 == "deb" && $0 ~ / bookworm / && $0 !~ /security/ {
                         for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' "$file")
            [[ -n "$mirror" ]] && break
        done
    fi
    if [[ -z "$mirror" ]]; then
        echo "error: no Debian bookworm mirror found in /etc/apt/sources.list or /etc/apt/sources.list.d/" >&2
        echo "       (expected a 'deb <mirror> bookworm main' line or a deb822 entry with Suites: bookworm)" >&2
        return 2
    fi
    [[ -z "$keyring" || "$keyring" == "-" ]] && keyring=/usr/share/keyrings/debian-archive-keyring.gpg
    echo "bookworm-backports from the machine's mirror: $mirror"

    # 2. A private apt state holding only bookworm-backports.
    apt_dir=$work/apt
    mkdir -p "$apt_dir/lists/partial" "$apt_dir/archives/partial" "$apt_dir/debs" "$work/root"
    cat > "$apt_dir/backports.sources" <<SOURCES
Types: deb
URIs: $mirror
Suites: bookworm-backports
Components: main
Signed-By: $keyring
SOURCES
    apt_private=(-o "Dir::Etc::SourceList=$apt_dir/backports.sources" -o "Dir::Etc::SourceParts=/dev/null"
                 -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache::Archives=$apt_dir/archives"
                 -o "Dir::Cache::pkgcache=$apt_dir/pkgcache.bin" -o "Dir::Cache::srcpkgcache=$apt_dir/srcpkgcache.bin"
                 -o "APT::Default-Release=bookworm-backports")
    apt-get "${apt_private[@]}" update -q

    # 3. Download the 2.x development package and its runtime library, unpack into the prefix.
    version=$(apt-cache "${apt_private[@]}" policy libgpiod-dev | awk '/Candidate:/ { print $2 }')
    if [[ -z "$version" || "$version" == "(none)" || "$version" == 1.* ]]; then
        echo "error: bookworm-backports offers no libgpiod-dev 2.x (candidate: ${version:-none})" >&2
        return 2
    fi
    echo "libgpiod-dev $version"
    (cd "$apt_dir/debs" && rm -f ./*.deb && apt-get "${apt_private[@]}" download "libgpiod-dev=$version" "libgpiod3=$version")
    for deb in "$apt_dir"/debs/*.deb; do dpkg-deb -x "$deb" "$work/root"; done

    # 4. Point pkg-config at the unpacked copy (the .pc says prefix=/usr; rewrite it).
    pc=$(find "$work/root" -name libgpiod.pc | head -n 1)
    if [[ -z "$pc" ]]; then echo "error: libgpiod.pc not found in the unpacked packages" >&2; return 2; fi
    sed -i "s|^prefix=.*|prefix=$work/root/usr|" "$pc"
    libdir=$(dirname "$(dirname "$pc")")
    export GPIOD2_VERSION GPIOD2_INCLUDE GPIOD2_LIBDIR GPIOD2_PKG_CONFIG_PATH
    GPIOD2_PKG_CONFIG_PATH=$(dirname "$pc")
    GPIOD2_VERSION=$(PKG_CONFIG_PATH=$GPIOD2_PKG_CONFIG_PATH pkg-config --modversion libgpiod)
    GPIOD2_INCLUDE=$(PKG_CONFIG_PATH=$GPIOD2_PKG_CONFIG_PATH pkg-config --variable=includedir libgpiod)
    GPIOD2_LIBDIR=$libdir
    echo "libgpiod $GPIOD2_VERSION in $work/root: header $GPIOD2_INCLUDE, library $GPIOD2_LIBDIR"
}
