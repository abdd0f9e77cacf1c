# Shared helpers for the gpio-sim lane's scripts (sourced, not run).
# Every failure is loud: a banner on stderr naming the step and the reason.

HIL_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$HIL_DIR/../.." && pwd)

# Where the built kernel is kept between runs (outside the clone: CI clones fresh).
QDOT_KERNEL_CACHE=${QDOT_KERNEL_CACHE:-/var/cache/qdot-gpio-sim-kernel}

lane_log() { printf '[gpio-sim lane] %s\n' "$*" >&2; }

# Prints a loud banner and exits non-zero: the lane never skips silently.
lane_fail() {
    {
        printf '\n'
        printf '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n'
        printf '!!! gpio-sim lane FAILED: %s\n' "$*"
        printf '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n'
    } >&2
    exit 1
}

# Seconds since the epoch with milliseconds, for step timings.
lane_now() { date +%s.%N; }

# Elapsed seconds between two lane_now readings, to 0.1 s.
lane_elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# Installs Debian packages the lane needs, if any is missing.
lane_apt_install() {
    local missing=()
    local package
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' \
            || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    command -v apt-get >/dev/null || lane_fail "apt-get not found; cannot install: ${missing[*]}"
    lane_log "apt-get install ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -o DPkg::Lock::Timeout=600 >&2 \
        || lane_fail "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends \
        -o DPkg::Lock::Timeout=600 "${missing[@]}" >&2 \
        || lane_fail "apt-get install failed for: ${missing[*]}"
}
