#!/usr/bin/env bash
# Entity-id determinism (issue #20: "Entity ids are identical over 20 runs").
# Ingests sample/ (README's demo corpus) into RUNS fresh data directories with the
# release binary, one after another, and digests each store's entity tables with
# python3's sqlite3 module: entities (id, name, type, english), every mention
# (article, entity, field, offsets, text), the spellings (entity_names) and the
# automatic tags (and any article whose recognition was given up over its time
# budget). All RUNS digests must be equal. Prints the digest, the counts
# and each run's time; exits non-zero if any digest differs.
# Usage: scripts/check-entity-ids.sh [RUNS]   (default 20, as CI runs it: ~2 s a run)
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-20}"
case "$runs" in '' | *[!0-9]* | 0) echo "usage: $0 [RUNS >= 1]" >&2; exit 2 ;; esac
out=target/hostile-entity-ids

cargo build --release --locked -p marsad
rm -rf "$out"
mkdir -p "$out"
# One binary for every run, even if the workspace is rebuilt meanwhile.
cp target/release/marsad "$out/marsad"
marsad="$PWD/$out/marsad"

digest() {
  python3 - "$1/marsad.db" <<'EOF'
import hashlib, sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
queries = {
    "entities": "SELECT id, name, type, english FROM entities ORDER BY id",
    "mentions": "SELECT article_id, entity_id, field, start, end, text FROM entity_mentions ORDER BY 1, 2, 3, 4",
    "names": "SELECT key, entity_id FROM entity_names ORDER BY 1, 2",
    "auto_tags": "SELECT article_id, position, tag FROM article_auto_tags ORDER BY 1, 2",
}
h = hashlib.sha256()
counts = []
for name, q in queries.items():
    rows = db.execute(q).fetchall()
    counts.append(f"{name} {len(rows)}")
    h.update(f"{name}\n".encode())
    for row in rows:
        h.update(repr(row).encode("utf-8") + b"\n")
# Articles whose recognition ran over the per-article time budget (a wall-clock
# limit, so the one input that could make runs differ): hashed when there are any,
# so the digest of a store without them stays comparable across versions.
if db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'entity_skipped'").fetchone()[0]:
    rows = db.execute("SELECT article_id, reason FROM entity_skipped ORDER BY 1").fetchall()
    if rows:
        counts.append(f"entity_skipped {len(rows)}")
        h.update(b"entity_skipped\n" + b"".join(repr(r).encode("utf-8") + b"\n" for r in rows))
print(h.hexdigest(), ", ".join(counts))
EOF
}

declare -A seen=()
first=""
for i in $(seq 1 "$runs"); do
  data="$out/run-$i"
  start="$EPOCHREALTIME"
  "$marsad" --data-dir "$data" ingest sample >"$out/run-$i.log" 2>&1 || {
    echo "FAIL: run $i: marsad ingest sample exited non-zero (log: $out/run-$i.log)" >&2
    exit 1
  }
  wall="$(python3 -c "print(f'{$EPOCHREALTIME - $start:.1f}')")"
  line="$(digest "$data")"
  sum="${line%% *}"
  seen["$sum"]=$(( ${seen["$sum"]:-0} + 1 ))
  [ -n "$first" ] || first="$line"
  echo "run $i: ${line}  (${wall} s)"
  rm -rf "$data"
done

echo
if [ "${#seen[@]}" -eq 1 ]; then
  echo "entity ids identical over $runs runs: ${first}"
else
  echo "FAIL: ${#seen[@]} different digests over $runs runs:" >&2
  for s in "${!seen[@]}"; do echo "  $s: ${seen[$s]} runs" >&2; done
  exit 1
fi
