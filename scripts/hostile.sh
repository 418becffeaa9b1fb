#!/usr/bin/env bash
# Hostile input in CI (issue #20): `marsad ingest` over a corpus of hostile files,
# under a time limit and an address-space cap, must finish, store the good pages,
# name every bad file with its reason, do it again on a second run (nothing retried
# forever), and leave a data directory that `marsad serve` opens and answers
# /healthz on within 10 s. The corpus is written by scripts/make-hostile-corpus.py
# into target/hostile/corpus (deterministic, about 52 MB); see docs/server.md,
# "Hostile input in CI".
#
# Prints one line per input (stored / refused with its reason), the wall time and
# peak RSS of each run, and exits non-zero on any failed assertion.
# Environment: HOSTILE_TIMEOUT (s, default 120), HOSTILE_MEM (bytes of address
# space, default 2 GiB).
set -euo pipefail
cd "$(dirname "$0")/.."

time_limit="${HOSTILE_TIMEOUT:-120}"
mem_limit="${HOSTILE_MEM:-$((2 << 30))}"
out=target/hostile
corpus="$out/corpus"
data="$out/data"

cargo build --release --locked -p marsad
marsad="$PWD/target/release/marsad"

echo "== generating the hostile corpus"
python3 scripts/make-hostile-corpus.py "$corpus"
rm -rf "$data" "$out"/run-*
mkdir -p "$out"

# The address-space cap: prlimit when it works here, else the shell's ulimit -v.
if prlimit --as="$mem_limit" -- true 2>/dev/null; then
  cap=(prlimit --as="$mem_limit" --)
  cap_how="prlimit --as=$mem_limit"
else
  cap=(bash -c 'ulimit -v "$0" && exec "$@"' "$((mem_limit / 1024))")
  cap_how="ulimit -v $((mem_limit / 1024))"
fi
# The cap must really bite: a 3 GiB allocation under it fails.
if "${cap[@]}" python3 -c 'bytearray(3 << 30)' 2>/dev/null; then
  echo "FAIL: the memory cap ($cap_how) does not stop a 3 GiB allocation" >&2
  exit 1
fi

# run_limited NAME ARGS...: marsad ARGS under timeout and the cap; writes
# $out/NAME.{out,err,rc,wall,rss} (wall in seconds, peak RSS in KiB).
run_limited() {
  local name="$1"
  shift
  local rc=0 start end
  start="$EPOCHREALTIME"
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v -o "$out/$name.time" \
      timeout -k 5 "$time_limit" "${cap[@]}" "$marsad" "$@" >"$out/$name.out" 2>"$out/$name.err" || rc=$?
    sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/$name.time" >"$out/$name.rss"
  else
    # Without GNU time: the peak RSS of the waited-for descendants, from getrusage.
    python3 - "$out/$name.rss" timeout -k 5 "$time_limit" "${cap[@]}" "$marsad" "$@" \
      >"$out/$name.out" 2>"$out/$name.err" <<'EOF' || rc=$?
import resource, subprocess, sys
rc = subprocess.call(sys.argv[2:])
open(sys.argv[1], "w").write(f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}\n")
sys.exit(rc)
EOF
  fi
  end="$EPOCHREALTIME"
  echo "$rc" >"$out/$name.rc"
  python3 -c "print(f'{$end - $start:.2f}')" >"$out/$name.wall"
}

echo "== ingest 1 (limits: timeout ${time_limit}s, $cap_how)"
run_limited run-1 --json --data-dir "$data" ingest "$corpus"
echo "== ingest 2 (the same directory again)"
run_limited run-2 --json --data-dir "$data" ingest "$corpus"

echo "== serve on the data directory"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"${cap[@]}" "$marsad" --data-dir "$data" serve --addr "127.0.0.1:$port" >"$out/serve.log" 2>&1 &
serve_pid=$!
trap 'kill "$serve_pid" 2>/dev/null || true' EXIT
serve_start="$EPOCHREALTIME"
healthz=fail
for _ in $(seq 1 50); do
  if python3 -c 'import sys, urllib.request as u; sys.exit(u.urlopen(sys.argv[1], timeout=1).read() != b"ok")' \
    "http://127.0.0.1:$port/healthz" 2>/dev/null; then
    healthz=ok
    break
  fi
  kill -0 "$serve_pid" 2>/dev/null || break
  sleep 0.2
done
serve_wall="$(python3 -c "print(f'{$EPOCHREALTIME - $serve_start:.2f}')")"
kill "$serve_pid" 2>/dev/null || true
wait "$serve_pid" 2>/dev/null || true
trap - EXIT
echo "$healthz $serve_wall" >"$out/serve.result"

echo "== checking"
python3 - "$marsad" "$corpus" "$data" "$out" "$time_limit" <<'EOF'
"""Compares what ingest did with each input against the corpus manifest."""
import json, os, re, sqlite3, subprocess, sys, unicodedata

marsad, corpus, data, out, time_limit = sys.argv[1:6]
manifest = json.load(open(os.path.join(corpus, ".manifest.json")))["entries"]
failures = []


def fail(msg):
    failures.append(msg)


def shown(s):
    """A name printable on one line: control and format characters escaped, non-UTF-8 bytes as \\xNN."""
    r = []
    for ch in s:
        o = ord(ch)
        if 0xDC80 <= o <= 0xDCFF:
            r.append(f"\\x{o - 0xDC00:02x}")
        elif unicodedata.category(ch) in ("Cc", "Cf"):
            r.append(ch.encode("unicode_escape").decode())
        else:
            r.append(ch)
    return "".join(r)


def lossy(s):
    """How Rust's Path::display / to_string_lossy shows a (surrogate-escaped) name."""
    return os.fsencode(s).decode("utf-8", "replace")


def file_key(s):
    """A file's identity in the store (marsad-ingest's file_key): a UTF-8 path is
    itself; any other is "bytes:" and the path with its non-UTF-8 bytes as \\xNN."""
    if not any(0xDC80 <= ord(ch) <= 0xDCFF for ch in s):
        return s
    return "bytes:" + "".join(
        f"\\x{ord(ch) - 0xDC00:02X}" if 0xDC80 <= ord(ch) <= 0xDCFF else ch.replace("\\", "\\\\") for ch in s)


def read(name, ext):
    with open(os.path.join(out, f"{name}.{ext}"), encoding="utf-8", errors="replace") as f:
        return f.read()


runs = {}
for name in ("run-1", "run-2"):
    rc = int(read(name, "rc").strip())
    wall = float(read(name, "wall").strip())
    rss = int(read(name, "rss").strip() or 0)
    err = read(name, "err")
    try:
        summary = json.loads(read(name, "out"))
    except ValueError:
        summary = None
    runs[name] = dict(rc=rc, wall=wall, rss=rss, err=err, summary=summary)
    # Documented: the run exits 1 when some file had an error, 0 otherwise.
    if rc == 124 or rc == 137:
        fail(f"{name}: killed by the {time_limit} s timeout (exit {rc})")
    elif rc not in (0, 1):
        fail(f"{name}: exit status {rc} (a crash, an abort or the memory cap; stderr tail: {err[-500:]!r})")
    elif summary is None:
        fail(f"{name}: no JSON summary on stdout")
    elif rc != (1 if summary["errors"] else 0):
        fail(f"{name}: exit status {rc} with {summary['errors']} errors")
    if "panicked" in err or "memory allocation" in err:
        fail(f"{name}: a panic or an allocation failure in stderr")

err1 = runs["run-1"]["err"]
db = sqlite3.connect(f"file:{os.path.join(data, 'marsad.db')}?mode=ro", uri=True)
files = {p: n for p, n in db.execute("SELECT path, article_count FROM files")}
has_skipped = db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'entity_skipped'").fetchone()[0] > 0


def error_for(display):
    """The reason printed for a path (the rest of its error line), or None."""
    key = f"marsad: error: {display}: "
    i = err1.find(key)
    if i < 0:
        return None
    return err1[i + len(key):].split("\n", 1)[0]


def readable(path):
    try:
        if os.path.isdir(path):
            os.listdir(path)
        else:
            os.close(os.open(path, os.O_RDONLY))
        return True
    except PermissionError:
        return False


outcomes = {"stored": 0, "refused": 0, "skipped": 0}
print(f"{'input':60}  outcome")
for e in manifest:
    rel = e["path"]
    display = lossy(f"{corpus}/{rel}")
    absolute = file_key(os.path.abspath(f"{corpus}/{rel}"))
    reason = error_for(display)
    stored = files.get(absolute, 0) > 0
    if e.get("title_contains") and stored and e.get("expect") != "refused":
        stored = db.execute("SELECT count(*) FROM articles WHERE instr(title, ?) > 0", (e["title_contains"],)).fetchone()[0] > 0
        if not stored:
            fail(f"{shown(rel)}: a files row, but no article whose headline holds {e['title_contains']!r}")
    expect = e["expect"]
    if expect == "unreadable":
        parent = os.path.dirname(f"{corpus}/{rel}")
        if readable(os.fsencode(f"{corpus}/{rel}")) and readable(os.fsencode(parent)):
            expect = "stored"  # root: chmod 000 does not block reads
        else:
            expect = "refused"
            reason = reason or error_for(lossy(parent))
    if expect == "stored":
        ok = stored and reason is None
    elif expect == "refused":
        ok = reason is not None and not stored and (not e.get("reason") or re.search(e["reason"], reason) is not None)
    elif expect == "either":
        ok = stored != (reason is not None)
    else:  # skipped, no-error
        ok = not stored and reason is None
    if e.get("warc_stored"):
        if files.get(e["warc_stored"], 0) == 0:
            ok = False
            fail(f"{shown(rel)}: the good page after the bad records was not stored")
    if stored and reason is None:
        outcome = f"stored ({files[absolute]} articles)"
        if has_skipped:  # per-article entity time budget (entity_skipped, once it exists)
            skipped = db.execute(
                "SELECT s.reason FROM entity_skipped s JOIN article_files af ON af.article_id = s.article_id"
                " JOIN files f ON f.id = af.file_id WHERE f.path = ?", (absolute,)).fetchall()
            if skipped:
                outcome += f"; entities given up: {skipped[0][0]}"
        outcomes["stored"] += 1
    elif reason is not None:
        outcome = f"refused: {reason}" + ("; its good record stored" if e.get("warc_stored") and ok else "")
        outcomes["refused"] += 1
    else:
        outcome = "skipped, no error" if expect in ("skipped", "no-error") else "NOT STORED AND NOT REPORTED"
        outcomes["skipped"] += 1
    print(f"{shown(rel):60}  {outcome}{'' if ok else '   <-- FAIL (expected ' + expect + ')'}")
    if not ok:
        fail(f"{shown(rel)} ({e['what']}): expected {expect}, got: {outcome}")

# The three real pages are found by `marsad search` (the page variants share the
# seed's headline, and search collapses near-duplicates: any hit with the headline
# counts) and their own article by `marsad show`.
for e in manifest:
    if not e.get("good"):
        continue
    cli = [marsad, "--data-dir", data, "--json"]
    res = subprocess.run(cli + ["search", e["title_contains"], "--limit", "10"], capture_output=True, text=True, timeout=60)
    titles = [h["title"] for h in json.loads(res.stdout or "{}").get("hits", [])] if res.returncode == 0 else []
    if not any(e["title_contains"] in t for t in titles):
        fail(f"{e['path']}: `marsad search` does not find its headline")
    row = db.execute(
        "SELECT a.id FROM articles a JOIN article_files af ON af.article_id = a.id JOIN files f ON f.id = af.file_id"
        " WHERE f.path = ? AND a.title = ?", (os.path.abspath(f"{corpus}/{e['path']}"), e["title_contains"])).fetchone()
    res = subprocess.run(cli + ["show", row[0]] if row else ["false"], capture_output=True, text=True, timeout=60)
    if res.returncode != 0 or e["title_contains"] not in res.stdout:
        fail(f"{e['path']}: its article is not in the store (`marsad show`)")

# Every bad input is reported again on the second run; nothing new is read.
s1, s2 = runs["run-1"]["summary"], runs["run-2"]["summary"]
if s1 and s2:
    if s2["errors"] != s1["errors"]:
        fail(f"run-2 reported {s2['errors']} errors, run-1 {s1['errors']}")
    if s2["articles_new"] != 0:
        fail(f"run-2 stored {s2['articles_new']} new articles from unchanged files")
    if s2["files_read"] != 0:
        fail(f"run-2 read {s2['files_read']} unchanged files again (expected 0)")

healthz, serve_wall = open(os.path.join(out, "serve.result")).read().split()
if healthz != "ok":
    fail(f"marsad serve did not answer /healthz within 10 s (log: {out}/serve.log)")

print()
for name, r in runs.items():
    s = r["summary"] or {}
    print(f"{name}: exit {r['rc']}, wall {r['wall']:.2f} s, peak RSS {r['rss'] / 1024:.0f} MiB; "
          f"files read {s.get('files_read')}, unchanged {s.get('files_unchanged')}, "
          f"articles new {s.get('articles_new')}, errors {s.get('errors')}, WARC records skipped {s.get('records_skipped')}")
print(f"serve: /healthz {healthz} after {serve_wall} s")
print(f"inputs: {len(manifest)}: {outcomes['stored']} stored, {outcomes['refused']} refused, {outcomes['skipped']} skipped")
for f in failures:
    print(f"FAIL: {f}")
sys.exit(1 if failures else 0)
EOF
