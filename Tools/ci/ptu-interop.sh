#!/usr/bin/env bash
# CI lane: PicoQuant PTU interoperability (docs/tagger-ptu.md).
#   (a) qdot writes PTU T2 files (`qdot-bench ptu-files`), and the Python readers ptufile,
#       phconvert and tttrlib read them: every event's time, channel and marker bits must be
#       what qdot wrote (Tools/ci/ptu_interop.py; it names the readers' known deviations).
#   (b) what those packages can write is read by `qdot tags show --json`.
# The packages go into a virtual environment in a scratch folder, deleted afterwards; the
# machine's Python is not changed. Versions are pinned so the lane's verdict does not move under
# it. Needs python3 with venv and the PyPI index; a missing one fails the lane, loudly.
# Usage: Tools/ci/ptu-interop.sh   (about a minute with the packages' wheels: install ~60 s, checks ~10 s)
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
start=$(date +%s)
step="start"
scratch=$(mktemp -d "${TMPDIR:-/tmp}/qdot-ptu-interop.XXXXXX")
trap 'status=$?; rm -rf "$scratch"; [[ $status -ne 0 ]] && echo "ptu-interop: FAILED at: $step (exit $status)" >&2; exit $status' EXIT

packages=(ptufile==2026.2.6 phconvert==0.10.2 tttrlib==0.26.2)

step="python3 with venv"
echo "== $step"
command -v python3 >/dev/null || { echo "error: python3 not found (apt-get install python3 python3-venv)" >&2; exit 2; }
python3 --version
python3 -m venv "$scratch/venv"

step="pip install ${packages[*]} (into $scratch/venv)"
echo "== $step"
timeout 600 "$scratch/venv/bin/pip" install --quiet --disable-pip-version-check --no-input "${packages[@]}"
"$scratch/venv/bin/python" -c 'import ptufile, phconvert, tttrlib; print("ptufile", ptufile.__version__, "phconvert", phconvert.__version__, "tttrlib", tttrlib.__version__)'

step="build qdot and qdot-bench (debug; already built after Tools/test.sh)"
echo "== $step"
swift build --product qdot
swift build --product qdot-bench
bin=$(swift build --show-bin-path)

step="qdot writes PTU files (qdot-bench ptu-files)"
echo "== $step"
"$bin/qdot-bench" ptu-files "$scratch/files"

step="the Python readers read qdot's files; qdot reads theirs (Tools/ci/ptu_interop.py)"
echo "== $step"
mkdir -p "$scratch/written"
timeout 600 "$scratch/venv/bin/python" Tools/ci/ptu_interop.py --qdot "$bin/qdot" --files "$scratch/files" --scratch "$scratch/written"

step="done"
echo "ptu-interop: passed in $(( $(date +%s) - start )) s"
