#!/usr/bin/env bash
# Builds a big WARC (default 1024 MB, gzip per record, written by warcio) from
# the evaluation pages (../shared/data/arabic_news_extraction) and sample/, for
# the memory measurement in docs/crawl.md. The file goes to /tmp: it is not
# committed. Usage: scripts/make-crawl-warc.sh [OUT] [SIZE_MB]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-/tmp/marsad-crawl-big.warc.gz}"
size="${2:-1024}"
bash "$root/scripts/anchors/python-warc.sh" >/dev/null
mapfile -t pages < <(find "$root/../shared/data/arabic_news_extraction" -name page.html; find "$root/sample" -name '*.txt' | sort)
"$root/.anchors/venv/bin/python" "$root/crates/marsad-ingest/tests/warc/write_warc.py" --big "$out" "$size" "${pages[@]}"
ls -l "$out"
