#!/usr/bin/env bash
# Bounded load test: `marsad serve` over the whole SaudiNewsNet corpus (16k
# articles) on loopback, driven by oha (crates.io) with 200 concurrent
# connections for 30 s. TARGET is what is asked for: `search` (/api/search
# over real queries, headline words of the corpus), `home` (the home page,
# issue 20's goal: p99 <= 500 ms and no error at 50 connections) or `mixed`
# (the home page, searches in the UI and the API, and article pages).
# Prints oha's report; fails if any request failed.
#
#   bash scripts/bench-load.sh [CONNECTIONS] [DURATION] [TARGET]
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
conns="${1:-200}"
duration="${2:-30s}"
target="${3:-search}"
corpus="${MARSAD_CORPUS:-$root/../shared/data/saudinewsnet/saudinewsnet_2015-08-01_to_2015-08-11.jsonl.gz}"
work="${MARSAD_BENCH_DIR:-$root/target/bench-load}"
oha="$root/.anchors/oha/bin/oha"

if [ ! -x "$oha" ]; then
    echo "bench-load: installing oha into .anchors/oha (once)" >&2
    cargo install oha --locked --root "$root/.anchors/oha" >/dev/null
fi
cargo build --release --locked -p marsad
marsad="$root/target/release/marsad"

if [ ! -f "$work/mixed.txt" ]; then
    rm -rf "$work/pages" && mkdir -p "$work/pages"
    # Every article as a plain-text page, and 500 queries from headlines.
    python3 - "$corpus" "$work" <<'PY'
import gzip, json, random, sys, urllib.parse
corpus, work = sys.argv[1], sys.argv[2]
rng = random.Random(7)
queries = []
with gzip.open(corpus, "rt", encoding="utf-8") as f:
    for n, line in enumerate(f):
        a = json.loads(line)
        title = a["title"].strip()
        body = "\n".join(p.strip() for p in a["content"].splitlines() if p.strip())
        if not title or not body:
            continue
        with open(f"{work}/pages/{a['id']}.txt", "w", encoding="utf-8") as out:
            out.write(f"{title}\n{body}\n")
        # Words as a user types them: letters only, no pasted punctuation.
        words = ["".join(c for c in w if c.isalpha()) for w in title.split()]
        words = [w for w in words if len(w) > 3]
        if len(words) >= 2 and rng.random() < 0.05:
            queries.append(" ".join(rng.sample(words, 2)))
rng.shuffle(queries)
base = "http://127.0.0.1:18089"
with open(f"{work}/urls.txt", "w") as out:
    for q in queries[:500]:
        out.write(f"{base}/api/search?q=" + urllib.parse.quote(q) + "\n")
with open(f"{work}/home.txt", "w") as out:
    out.write(f"{base}/\n")
with open(f"{work}/mixed.txt", "w") as out:
    for i, q in enumerate(queries[:500]):
        out.write(f"{base}/\n" if i % 4 == 0 else "")
        out.write((f"{base}/search?q=" if i % 2 else f"{base}/api/search?q=") + urllib.parse.quote(q) + "\n")
PY
fi
if [ ! -f "$work/data/ingested" ]; then
    rm -rf "$work/data"
    "$marsad" --data-dir "$work/data" ingest "$work/pages" >/dev/null
    touch "$work/data/ingested"
fi

"$marsad" --data-dir "$work/data" serve --addr 127.0.0.1:18089 >/dev/null 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null' EXIT
# Startup catches the views up and loads the clustering state: seconds on
# 16k articles. Load before the server listens would count refusals.
for i in $(seq 600); do
    curl -sf http://127.0.0.1:18089/healthz >/dev/null && break
    [ "$i" = 600 ] && { echo "bench-load: the server did not answer within 120 s" >&2; exit 1; }
    sleep 0.2
done

case "$target" in
    search) urls="$work/urls.txt" ;;
    home) urls="$work/home.txt" ;;
    mixed) urls="$work/mixed.txt" ;;
    *) echo "bench-load: TARGET is search, home or mixed, not $target" >&2; exit 2 ;;
esac
"$oha" --no-tui -c "$conns" -z "$duration" --wait-ongoing-requests-after-deadline --output-format json --urls-from-file "$urls" >"$work/oha.json"
python3 - "$work/oha.json" "$conns" "$duration" "$target" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
s, p = r["summary"], r["latencyPercentiles"]
codes = r.get("statusCodeDistribution", {})
errors = r.get("errorDistribution", {})
ok = codes.get("200", 0)
total = sum(codes.values()) + sum(errors.values())
print(f"load: {sys.argv[2]} connections for {sys.argv[3]} on {sys.argv[4]}")
print(f"requests {total}, 200 OK {ok}, other statuses {total - ok - sum(errors.values())}, errors {sum(errors.values())}")
print(f"throughput {s['requestsPerSec']:.0f} req/s")
print("latency ms: p50 {:.1f}  p90 {:.1f}  p99 {:.1f}  max {:.1f}".format(
    p["p50"] * 1e3, p["p90"] * 1e3, p["p99"] * 1e3, s["slowest"] * 1e3))
sys.exit(0 if ok == total else 1)
PY
