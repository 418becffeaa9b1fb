#!/usr/bin/env bash
# README's main command: build Marsad, ingest the bundled sample corpus and
# show what was stored. Data goes to $MARSAD_DATA (default ./marsad-data).
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
echo "== the seed page's articles"
"$marsad" extract sample/seed/000_8bd87385d959e3d9.txt
