#!/usr/bin/env python3
"""Writes WARC files with warcio, a WARC writer independent of Marsad's reader.

Spec mode (the Rust tests): a JSON spec on stdin, the WARC at OUT, and on
stdout a JSON list of the records as warcio's own ArchiveIterator reads them
back ({type, uri, offset, length}), so tests know where each record starts.

    write_warc.py OUT < spec.json
    spec = {"gzip": true, "version": "1.1", "records": [
      {"type": "response", "uri": "...", "status": "200 OK",
       "headers": [["Content-Type", "text/plain; charset=utf-8"]],
       "body_file": "path" | "body_b64": "...", "chunked": false,
       "content_encoding": "gzip", "date": "2023-09-14T10:00:00Z"},
      {"type": "request" | "resource" | "metadata" | "warcinfo", ...}]}

Big mode (the memory measurement in docs/crawl.md): repeats the given page
files as response records under distinct URIs (so distinct records, as in
re-crawls of the same pages) until the file reaches SIZE_MB megabytes on
disk; HTML pages as text/html, .txt page dumps as text/plain.

    write_warc.py --big OUT SIZE_MB PAGE_FILE...
"""
import base64
import gzip as gzip_mod
import io
import json
import sys

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def body_of(rec):
    if "body_file" in rec:
        with open(rec["body_file"], "rb") as f:
            return f.read()
    if "body_b64" in rec:
        return base64.b64decode(rec["body_b64"])
    return rec.get("body", "").encode("utf-8")


def chunk(data, size=1000):
    out = io.BytesIO()
    for i in range(0, len(data), size):
        part = data[i : i + size]
        out.write(b"%x\r\n" % len(part) + part + b"\r\n")
    out.write(b"0\r\n\r\n")
    return out.getvalue()


def write_record(writer, rec):
    kind = rec["type"]
    uri = rec.get("uri", "")
    warc_headers = {}
    if "date" in rec:
        warc_headers["WARC-Date"] = rec["date"]
    if kind == "warcinfo":
        writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "warcio"}))
        return
    body = body_of(rec)
    if kind == "response":
        headers = [tuple(h) for h in rec.get("headers", [])]
        if rec.get("content_encoding") == "gzip":
            body = gzip_mod.compress(body)
            headers.append(("Content-Encoding", "gzip"))
        if rec.get("chunked"):
            body = chunk(body)
            headers.append(("Transfer-Encoding", "chunked"))
        else:
            headers.append(("Content-Length", str(len(body))))
        http = StatusAndHeaders(rec.get("status", "200 OK"), headers, protocol="HTTP/1.1")
        record = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), http_headers=http, warc_headers_dict=warc_headers
        )
    elif kind == "request":
        http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.com")], is_http_request=True)
        record = writer.create_warc_record(
            uri, "request", payload=io.BytesIO(b""), http_headers=http, warc_headers_dict=warc_headers
        )
    else:
        record = writer.create_warc_record(
            uri,
            kind,
            payload=io.BytesIO(body),
            warc_content_type=rec.get("content_type", "application/warc-fields"),
            warc_headers_dict=warc_headers,
        )
    writer.write_record(record)


def index(path):
    out = []
    with open(path, "rb") as f:
        it = ArchiveIterator(f)
        for record in it:
            out.append(
                {
                    "type": record.rec_type,
                    "uri": record.rec_headers.get_header("WARC-Target-URI"),
                    "id": record.rec_headers.get_header("WARC-Record-ID"),
                    "offset": it.get_record_offset(),
                    "length": it.get_record_length(),
                }
            )
    return out


def spec_mode(out_path):
    spec = json.load(sys.stdin)
    with open(out_path, "wb") as f:
        writer = WARCWriter(f, gzip=spec.get("gzip", True), warc_version=spec.get("version", "1.1"))
        for rec in spec["records"]:
            write_record(writer, rec)
    json.dump(index(out_path), sys.stdout)


def big_mode(out_path, size_mb, pages):
    target = int(size_mb) * 1024 * 1024
    bodies = []
    for p in pages:
        with open(p, "rb") as f:
            ct = "text/html; charset=utf-8" if p.endswith((".html", ".htm")) else "text/plain; charset=utf-8"
            bodies.append((f.read(), ct))
    n = 0
    with open(out_path, "wb") as f:
        writer = WARCWriter(f, gzip=True, warc_version="1.1")
        while f.tell() < target:
            body, ct = bodies[n % len(bodies)]
            http = StatusAndHeaders(
                "200 OK", [("Content-Type", ct), ("Content-Length", str(len(body)))], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                "https://example.org/page/%d" % n, "response", payload=io.BytesIO(body), http_headers=http
            )
            writer.write_record(record)
            n += 1
    print(json.dumps({"records": n, "bytes": target}))


if __name__ == "__main__":
    if sys.argv[1] == "--big":
        big_mode(sys.argv[2], sys.argv[3], sys.argv[4:])
    else:
        spec_mode(sys.argv[1])
