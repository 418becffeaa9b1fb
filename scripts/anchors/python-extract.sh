#!/usr/bin/env bash
# Python anchors of `marsad eval extract` and `marsad eval dates`: trafilatura,
# newspaper4k (with nltk, which its Arabic tokenizer needs), readability-lxml
# and htmldate, pinned, in the shared venv
# .anchors/venv. Idempotent: a quick import check when all are present.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="$root/.anchors/venv"
pins=(
    trafilatura==2.3.1
    htmldate==1.11.0
    newspaper4k==0.9.6
    readability-lxml==0.9
    lxml_html_clean==0.4.6
    nltk==3.10.4
)

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv" || {
        echo "python-extract: python3 -m venv failed (install python3-venv)" >&2
        exit 1
    }
fi

# The versions installed, compared with the pins: pip runs only on a change.
wanted="$(printf '%s\n' "${pins[@]}" | tr '[:upper:]_' '[:lower:]-' | sort)"
have="$("$venv/bin/python" - "${pins[@]}" <<'PY' 2>/dev/null || true
import sys
from importlib import metadata
out = []
for pin in sys.argv[1:]:
    name = pin.split("==")[0]
    try:
        out.append(f"{name.lower().replace('_', '-')}=={metadata.version(name)}")
    except metadata.PackageNotFoundError:
        pass
print("\n".join(sorted(out)))
PY
)"
if [ "$have" != "$wanted" ]; then
    echo "python-extract: installing ${pins[*]} into $venv" >&2
    # pip 23 (Debian's python3.11 venv) fails to resolve lxml's html-clean
    # extra that trafilatura and newspaper4k both ask for; 25 resolves it.
    "$venv/bin/pip" install --quiet --disable-pip-version-check 'pip==25.2'
    "$venv/bin/pip" install --quiet --disable-pip-version-check "${pins[@]}"
fi
echo "python-extract: trafilatura, newspaper4k, readability-lxml, htmldate ready ($venv)"
