#!/usr/bin/env bash
# What watches cost on the stored path, as a user runs it: PAGES SaudiNewsNet
# articles (plain-text pages) ingested with the release binary into a store
# holding WATCHES saved searches (two headline words of other articles each,
# added with `marsad watch add`), against the same store without watches.
# Three runs each, alternated; prints each time and the medians.
#
#   bash scripts/bench-watches.sh [WATCHES] [PAGES]
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
watches="${1:-1000}"
pages="${2:-3000}"
corpus="${MARSAD_CORPUS:-$root/../shared/data/saudinewsnet/saudinewsnet_2015-08-01_to_2015-08-11.jsonl.gz}"
work="$root/target/bench-watches"
cargo build --release --locked -p marsad
marsad="$root/target/release/marsad"

rm -rf "$work" && mkdir -p "$work/pages"
python3 - "$corpus" "$work" "$pages" "$watches" <<'PY'
import gzip, json, random, sys
corpus, work, pages, watches = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rng = random.Random(3)
written, queries = 0, []
with gzip.open(corpus, "rt", encoding="utf-8") as f:
    for line in f:
        a = json.loads(line)
        title = a["title"].strip()
        body = "\n".join(p.strip() for p in a["content"].splitlines() if p.strip())
        if not title or not body:
            continue
        if written < pages:
            with open(f"{work}/pages/{a['id']}.txt", "w", encoding="utf-8") as out:
                out.write(f"{title}\n{body}\n")
            written += 1
            continue
        # Queries come from articles that are not ingested.
        words = [w for w in title.split() if len(w) > 3 and w.isalpha()]
        if len(words) >= 2 and len(queries) < watches:
            queries.append(" ".join(rng.sample(words, 2)))
open(f"{work}/queries.txt", "w", encoding="utf-8").write("\n".join(queries) + "\n")
PY

# Two stores that already hold one page (so the watches alert on what comes
# after them), one of them with the watches.
first="$(find "$work/pages" -name "*.txt" -print -quit)"
for store in plain watched; do
    "$marsad" --data-dir "$work/$store" ingest "$first" >/dev/null
done
while IFS= read -r q; do
    "$marsad" --data-dir "$work/watched" watch add --query "$q" >/dev/null
done <"$work/queries.txt"

for run in 1 2 3; do
    for store in plain watched; do
        rm -rf "$work/run" && cp -r "$work/$store" "$work/run"
        start=$(date +%s.%N)
        "$marsad" --data-dir "$work/run" ingest "$work/pages" >/dev/null 2>&1 || true
        echo "$store $(echo "$(date +%s.%N) - $start" | bc)" | tee -a "$work/times.txt"
    done
    [ "$run" = 3 ] && "$marsad" --data-dir "$work/run" watch list --json >"$work/watches.json"
done
python3 - "$work" "$watches" "$pages" <<'PY'
import json, statistics, sys
work, watches, pages = sys.argv[1], sys.argv[2], sys.argv[3]
times = {}
for line in open(f"{work}/times.txt"):
    store, t = line.split()
    times.setdefault(store, []).append(float(t))
plain, watched = statistics.median(times["plain"]), statistics.median(times["watched"])
alerts = json.load(open(f"{work}/watches.json"))
print(f"ingest of {pages} pages, median of 3: without watches {plain:.2f} s, with {watches} watches {watched:.2f} s "
      f"({watched / plain:.2f}x); {sum(w['alerts'] for w in alerts)} alerts on {sum(w['alerts'] > 0 for w in alerts)} watches")
PY
