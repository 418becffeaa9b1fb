#!/usr/bin/env bash
# Python anchor of the story evaluation (`marsad eval stories` runs
# crates/marsad-eval/anchors/story_anchor.py): scikit-learn's TF-IDF and
# average-linkage clustering, pinned, in the shared venv.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="$root/.anchors/venv"
pins=(scikit-learn==1.9.1)

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
echo "setup-anchors: python story anchor ready (${pins[*]})"
