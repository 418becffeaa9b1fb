#!/usr/bin/env bash
# Python anchors of near-duplicates and stories, pinned, in the shared venv:
# datasketch (pure Python/NumPy) and rensa (Rust-backed) for the MinHash-LSH
# speed comparison (`cargo bench -p marsad-cluster --bench minhash` runs them
# as subprocesses), and scikit-learn for the batch story anchor of `marsad
# eval stories` (crates/marsad-eval/anchors/story_anchor.py).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="$root/.anchors/venv"
pins=(datasketch==2.0.0 rensa==0.5.0 scikit-learn==1.9.1)

[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
if ! "$venv/bin/python" - "${pins[@]}" <<'PY' 2>/dev/null
import sys
from importlib.metadata import version
for pin in sys.argv[1:]:
    name, want = pin.split("==")
    assert version(name) == want, name
PY
then
    echo "setup-anchors: installing ${pins[*]} into $venv" >&2
    "$venv/bin/pip" install -q "${pins[@]}"
fi
echo "setup-anchors: python duplicate and story anchors ready (${pins[*]})"
