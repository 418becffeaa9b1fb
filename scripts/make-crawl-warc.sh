#!/usr/bin/env bash
# Builds a big WARC for the memory measurement in docs/crawl.md, from the
# evaluation pages (../shared/data/arabic_news_extraction) and sample/: warcio
# writes a PART_MB part (gzip per record, distinct record ids), and the file is
# that part repeated until it reaches SIZE_MB (concatenated gzip members are a
# valid .warc.gz; warcio writes about 0.5 MB/s on a busy machine, too slow for
# a whole gigabyte). The file goes to /tmp: it is not committed.
# Usage: scripts/make-crawl-warc.sh [OUT] [SIZE_MB] [PART_MB]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-/tmp/marsad-crawl-big.warc.gz}"
size="${2:-1024}"
part_mb="${3:-64}"
part="${out%.warc.gz}-part.warc.gz"
bash "$root/scripts/anchors/python-warc.sh" >/dev/null
if [ ! -s "$part" ]; then
    mapfile -t pages < <(find "$root/../shared/data/arabic_news_extraction" -name page.html | sort; find "$root/sample" -name '*.txt' | sort)
    "$root/.anchors/venv/bin/python" "$root/crates/marsad-ingest/tests/warc/write_warc.py" --big "$part" "$part_mb" "${pages[@]}"
fi
: > "$out"
while [ "$(stat -c %s "$out")" -lt $((size * 1024 * 1024)) ]; do
    cat "$part" >> "$out"
done
ls -l "$part" "$out"
