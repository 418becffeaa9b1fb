"""Anchors of `marsad eval extract` and `marsad eval dates`, run by the
harness with .anchors/venv's Python (scripts/anchors/python-extract.sh).

argv[1] is a JSON job: {"task": "extract"|"dates", "pages": [{"id", "path",
"url"}], "speed_repeat": N, "language": "ar"|null}. A path ending in .gz is
gunzipped. Prints one JSON object: {"results": {system: {page id: {"title",
"body", "date"[, "error"]}}}, "missing": {system: reason}, "speed": {system:
pages per second}, "versions": {package: version}, "seconds": {system: run
time}}. Each system gets the page's raw bytes and its URL, nothing else;
newspaper4k also the job's language (null: the page's own meta language,
else English).
"""
import gzip
import json
import signal
import sys
import time
from importlib import metadata

# A page that sends one system into a very long loop costs that page, not
# the run (benchmarks hold pages of several MB).
PAGE_TIMEOUT_S = 120


class PageTimeout(Exception):
    pass


def _on_alarm(signum, frame):
    raise PageTimeout(f"no result in {PAGE_TIMEOUT_S} s")


def read_page(path):
    if path.endswith(".gz"):
        with gzip.open(path, "rb") as f:
            return f.read()
    with open(path, "rb") as f:
        return f.read()


def text_of(raw):
    for enc in ("utf-8", "cp1256", "iso-8859-6"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            pass
    return raw.decode("utf-8", errors="replace")


def run_trafilatura(raw, url, language=None):
    import trafilatura

    out = trafilatura.extract(
        raw, url=url, output_format="json", with_metadata=True, include_comments=False, favor_precision=False
    )
    if not out:
        return {"title": None, "body": "", "date": None}
    d = json.loads(out)
    return {"title": d.get("title"), "body": d.get("text") or "", "date": d.get("date")}


def run_newspaper(raw, url, language="ar"):
    import newspaper

    a = newspaper.Article(url or "http://example.com/", language=language, fetch_images=False)
    a.download(input_html=text_of(raw))
    a.parse()
    date = a.publish_date.strftime("%Y-%m-%d") if a.publish_date else None
    return {"title": a.title or None, "body": a.text or "", "date": date}


def run_readability(raw, url, language=None):
    import lxml.html
    from readability import Document

    doc = Document(text_of(raw), url=url)
    summary = lxml.html.fromstring(doc.summary(html_partial=True))
    paras = []
    for el in summary.iter():
        if el.tag in ("p", "div", "h2", "h3", "h4", "li", "td", "blockquote"):
            own = " ".join((el.text or "").split())
            if own:
                paras.append(own)
        tail = " ".join((el.tail or "").split())
        if tail:
            paras.append(tail)
    return {"title": doc.short_title() or None, "body": "\n".join(paras), "date": None}


def run_htmldate(raw, url, language=None):
    from htmldate import find_date

    return {"title": None, "body": "", "date": find_date(text_of(raw), url=url, original_date=True)}


SYSTEMS = {
    "extract": {
        "trafilatura": (run_trafilatura, "trafilatura"),
        "newspaper4k": (run_newspaper, "newspaper4k"),
        "readability": (run_readability, "readability-lxml"),
    },
    "dates": {"htmldate": (run_htmldate, "htmldate")},
}


def main():
    job = json.load(open(sys.argv[1], encoding="utf-8"))
    pages = [(p["id"], p["path"], p.get("url")) for p in job["pages"]]
    language = job.get("language", "ar")
    out = {"results": {}, "missing": {}, "speed": {}, "versions": {}, "seconds": {}}
    signal.signal(signal.SIGALRM, _on_alarm)
    for name, (fn, package) in SYSTEMS[job["task"]].items():
        try:
            out["versions"][package] = metadata.version(package)
            results = {}
            start = time.perf_counter()
            for pid, path, url in pages:
                raw = read_page(path)
                signal.alarm(PAGE_TIMEOUT_S)
                try:
                    results[pid] = fn(raw, url, language)
                except Exception as e:  # one page's failure is that page's miss
                    results[pid] = {"title": None, "body": "", "date": None, "error": repr(e)}
                finally:
                    signal.alarm(0)
            out["results"][name] = results
            out["seconds"][name] = time.perf_counter() - start
        except Exception as e:
            out["missing"][name] = f"{package} failed: {e!r}"
    repeat = int(job.get("speed_repeat") or 0)
    if repeat and job["task"] == "extract" and "trafilatura" in out["results"]:
        loaded = [(read_page(path), url) for _, path, url in pages]
        start = time.perf_counter()
        for _ in range(repeat):
            for raw, url in loaded:
                run_trafilatura(raw, url)
        out["speed"]["trafilatura"] = repeat * len(pages) / (time.perf_counter() - start)
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
