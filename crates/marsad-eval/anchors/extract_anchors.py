"""Anchors of `marsad eval extract` and `marsad eval dates`, run by the
harness with .anchors/venv's Python (scripts/anchors/python-extract.sh).

argv[1] is a JSON job: {"task": "extract"|"dates", "pages": [{"id", "path",
"url"}], "speed_repeat": N}. Prints one JSON object: {"results": {system:
{page id: {"title", "body", "date"}}}, "missing": {system: reason},
"speed": {system: pages per second}, "versions": {package: version}}.
Each system gets the page's raw bytes and its URL, nothing else.
"""
import json
import sys
import time
from importlib import metadata


def text_of(raw):
    for enc in ("utf-8", "cp1256", "iso-8859-6"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            pass
    return raw.decode("utf-8", errors="replace")


def run_trafilatura(raw, url):
    import trafilatura

    out = trafilatura.extract(
        raw, url=url, output_format="json", with_metadata=True, include_comments=False, favor_precision=False
    )
    if not out:
        return {"title": None, "body": "", "date": None}
    d = json.loads(out)
    return {"title": d.get("title"), "body": d.get("text") or "", "date": d.get("date")}


def run_newspaper(raw, url):
    import newspaper

    a = newspaper.Article(url or "http://example.com/", language="ar", fetch_images=False)
    a.download(input_html=text_of(raw))
    a.parse()
    date = a.publish_date.strftime("%Y-%m-%d") if a.publish_date else None
    return {"title": a.title or None, "body": a.text or "", "date": date}


def run_readability(raw, url):
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


def run_htmldate(raw, url):
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
    pages = [(p["id"], open(p["path"], "rb").read(), p.get("url")) for p in job["pages"]]
    out = {"results": {}, "missing": {}, "speed": {}, "versions": {}}
    for name, (fn, package) in SYSTEMS[job["task"]].items():
        try:
            out["versions"][package] = metadata.version(package)
            results = {}
            for pid, raw, url in pages:
                try:
                    results[pid] = fn(raw, url)
                except Exception as e:  # one page's failure is that page's miss
                    results[pid] = {"title": None, "body": "", "date": None, "error": repr(e)}
            out["results"][name] = results
        except Exception as e:
            out["missing"][name] = f"{package} failed: {e!r}"
    repeat = int(job.get("speed_repeat") or 0)
    if repeat and job["task"] == "extract" and "trafilatura" in out["results"]:
        start = time.perf_counter()
        for _ in range(repeat):
            for _, raw, url in pages:
                run_trafilatura(raw, url)
        out["speed"]["trafilatura"] = repeat * len(pages) / (time.perf_counter() - start)
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
