#!/usr/bin/env bash
# warcio, the WARC writer the WARC reader's tests use (they write their
# test files with it, so the reader is checked against files it did not
# make). Pinned; installed into the shared venv .anchors/venv. Idempotent:
# a no-op in well under a second when the pinned version is present.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="$root/.anchors/venv"
want="1.7.5"

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv" 2>/dev/null || {
        # Debian splits venv support off into python3-venv.
        if [ "$(id -u)" -eq 0 ]; then
            DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3-venv >/dev/null 2>&1 || {
                apt-get update -qq
                DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3-venv >/dev/null
            }
            python3 -m venv "$venv"
        else
            echo "python-warc: cannot create $venv (python3-venv missing; need root to install it)" >&2
            exit 1
        fi
    }
fi

have="$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("warcio"))' 2>/dev/null || true)"
if [ "$have" != "$want" ]; then
    echo "python-warc: installing warcio==$want into $venv" >&2
    "$venv/bin/pip" install --quiet --disable-pip-version-check "warcio==$want"
fi
echo "python-warc: warcio $want ready ($venv)"
