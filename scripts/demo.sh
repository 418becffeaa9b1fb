#!/usr/bin/env bash
# README's main command: build Marsad, ingest the bundled sample corpus, show
# what was stored, then serve the web UI and the JSON API until Ctrl-C. Data goes to
# $MARSAD_DATA (default ./marsad-data); the address is $MARSAD_ADDR
# (default 127.0.0.1:8080).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -p marsad
marsad=target/release/marsad
export MARSAD_DATA="${MARSAD_DATA:-./marsad-data}"

echo "== ingest sample/ into $MARSAD_DATA"
"$marsad" ingest sample
echo
echo "== stats"
"$marsad" stats
echo
echo "== search: بوتين"
"$marsad" search "بوتين" --limit 3
addr="${MARSAD_ADDR:-127.0.0.1:8080}"
echo "== serving on http://$addr/ (Ctrl-C stops it)"
echo "   web UI (Arabic): open http://$addr/ in a browser and search for بوتين"
echo "   JSON API:        curl -s 'http://$addr/api/search?q=%D8%A8%D9%88%D8%AA%D9%8A%D9%86'"
exec "$marsad" serve --addr "$addr"
