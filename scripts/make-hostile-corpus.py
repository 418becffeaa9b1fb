#!/usr/bin/env python3
"""Writes the hostile ingest corpus of issue #20 into OUTDIR (Python 3.11 stdlib only).

Why: `marsad ingest` must get through whatever a crawl directory holds -- deep
nesting, huge tables, one-line and letterless pages, pages over the size caps,
broken bytes, odd file names, FIFOs, symlinks, unreadable directories, a gzip
bomb inside a WARC -- within time and memory limits, storing the good pages and
naming every bad one. `scripts/hostile.sh` runs ingest over this directory in CI.

The output is deterministic (no randomness, no clock; gzip members carry mtime 0).
Next to the inputs it writes `.manifest.json` (hidden, so ingest skips it): one
entry per input with its path relative to OUTDIR (surrogate-escaped when the name
is not UTF-8), what ingest must do with it and, for a refusal, a regular expression
the error message must match.

    expect: "stored"     the file is stored with at least one article, no error
            "refused"    an error line names the file (and matches `reason`)
            "either"     stored, or refused with an error naming it (both are fine;
                         the run must just finish within its limits)
            "skipped"    neither stored nor reported (hidden files)
            "no-error"   not stored, not reported (a symlink loop: walked once)
            "unreadable" refused with "Permission denied" (naming the file or its
                         directory) when chmod 000 blocks reading; as root, where it
                         does not, it is stored
    title_contains: for a stored page, a piece of its headline (the stored article
                    must carry it); "good": one of the three real pages (searched for);
    warc_stored: the store key of the good page a WARC holds after its bad records.

Usage: python3 scripts/make-hostile-corpus.py OUTDIR
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sample" / "seed" / "000_8bd87385d959e3d9.txt"
NEWS = [
    ROOT / "sample" / "news-extraction" / "cnn_arabic_2013_syria_clashes.txt",
    ROOT / "sample" / "news-extraction" / "youm7_2024_electric_taxi.txt",
]
MiB = 1 << 20

# Distinct made-up marker words (Arabic letters) that make each page variant a
# different article (an article's id is a hash of its headline and body).
MARKERS = [
    "ألف", "باء", "تاء", "ثاء", "جيم", "حاء", "خاء", "دال", "ذال", "راء", "زاي", "سين",
    "شين", "صاد", "ضاد", "طاء", "ظاء", "عين", "غين", "فاء", "قاف", "كاف", "لام", "ميم",
]


class Corpus:
    def __init__(self, out: Path):
        self.out = out
        self.entries: list[dict] = []
        self.variant = 0
        # The headline marker of the last page variant made, given to the next
        # entry noted (the file, or the WARC, that holds that page).
        self.pending_title: str | None = None

    def _path(self, rel: str | bytes) -> bytes:
        rel_b = rel if isinstance(rel, bytes) else os.fsencode(rel)
        path = os.fsencode(self.out) + b"/" + rel_b
        os.makedirs(os.path.dirname(path), exist_ok=True)
        return path

    def note(self, rel: str | bytes, expect: str, what: str, reason: str | None = None) -> None:
        rel_s = os.fsdecode(rel) if isinstance(rel, bytes) else rel
        entry = {"path": rel_s, "expect": expect, "what": what, "reason": reason}
        if self.pending_title is not None:
            entry["title_contains"] = self.pending_title
            self.pending_title = None
        self.entries.append(entry)

    def write(self, rel: str | bytes, data: bytes, expect: str, what: str, reason: str | None = None) -> bytes:
        path = self._path(rel)
        with open(path, "wb") as f:
            f.write(data)
        self.note(rel, expect, what, reason)
        return path

    def stream(self, rel: str, chunks, expect: str, what: str, reason: str | None = None) -> None:
        with open(self._path(rel), "wb") as f:
            for chunk in chunks:
                f.write(chunk)
        self.note(rel, expect, what, reason)

    def good_variant(self) -> bytes:
        """The seed page with a marker word in its headline: a new article each time."""
        marker = MARKERS[self.variant]
        self.variant += 1
        lines = SEED.read_text(encoding="utf-8").split("\n")
        lines[0] = f"{lines[0]} ({marker})"
        self.pending_title = f"({marker})"
        return "\n".join(lines).encode("utf-8")


def seed_words() -> list[str]:
    return SEED.read_text(encoding="utf-8").split()


def one_line(words: list[str], size: int) -> bytes:
    """Real words in order, repeated, on one line, cut to `size` bytes at a word end."""
    unit = (" ".join(words) + " ").encode("utf-8")
    data = unit * (size // len(unit) + 1)
    return data[: data.rfind(b" ", 0, size)]


def lines_of(words: list[str], size: int) -> bytes:
    """Real words, 20 to a line, repeated up to `size` bytes."""
    text = "\n".join(" ".join(words[i : i + 20]) for i in range(0, len(words), 20)) + "\n"
    unit = text.encode("utf-8")
    return (unit * (size // len(unit) + 1))[:size]


def gzip_member(chunks) -> bytes:
    """One gzip member (mtime 0: deterministic) of the concatenated chunks."""
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    out = [z.compress(c) for c in chunks]
    out.append(z.flush())
    return b"".join(out)


def zeros(total: int, chunk: int = 4 * MiB):
    block = b"\0" * chunk
    for _ in range(total // chunk):
        yield block


def spaces(total: int, chunk: int = 4 * MiB):
    block = b" " * chunk
    for _ in range(total // chunk):
        yield block


def warc_record(headers: list[tuple[str, str]], block: bytes, declared_len: int | None = None) -> bytes:
    head = "WARC/1.0\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers)
    head += f"Content-Length: {len(block) if declared_len is None else declared_len}\r\n\r\n"
    return head.encode("ascii") + block + b"\r\n\r\n"


def bomb_warc(good_page: bytes) -> bytes:
    """A .warc.gz of three gzip members: an HTTP response whose gzip payload
    inflates to 256 MiB (from about 250 KB), a resource record whose block is
    512 MiB of spaces (the member is about 500 KB), and a good page."""
    payload = gzip_member(zeros(256 * MiB))
    http = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        b"Content-Encoding: gzip\r\nContent-Length: " + str(len(payload)).encode() + b"\r\n\r\n" + payload
    )
    r1 = warc_record(
        [
            ("WARC-Type", "response"),
            ("WARC-Record-ID", "<urn:uuid:00000000-0000-4000-8000-000000000001>"),
            ("WARC-Date", "2024-01-01T00:00:00Z"),
            ("WARC-Target-URI", "https://example.com/bomb"),
            ("Content-Type", "application/http; msgtype=response"),
        ],
        http,
    )
    big_len = 512 * MiB
    head2 = (
        "WARC/1.0\r\nWARC-Type: resource\r\n"
        "WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000002>\r\n"
        "WARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Target-URI: https://example.com/huge\r\n"
        f"Content-Type: text/plain\r\nContent-Length: {big_len}\r\n\r\n"
    ).encode("ascii")
    m2 = gzip_member([head2, *spaces(big_len), b"\r\n\r\n"])
    r3 = warc_record(
        [
            ("WARC-Type", "resource"),
            ("WARC-Record-ID", "<urn:uuid:00000000-0000-4000-8000-000000000003>"),
            ("WARC-Date", "2024-01-01T00:00:00Z"),
            ("WARC-Target-URI", "https://example.com/good"),
            ("Content-Type", "text/plain; charset=utf-8"),
        ],
        good_page,
    )
    return gzip_member([r1]) + m2 + gzip_member([r3])


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    out = Path(sys.argv[1])
    if out.exists():
        # An earlier run's chmod 000 directory must be made removable first.
        for dirpath, dirnames, _ in os.walk(out):
            for d in dirnames:
                p = os.path.join(dirpath, d)
                if not os.path.islink(p):
                    os.chmod(p, 0o755)
        os.chmod(out, 0o755)
        shutil.rmtree(out)
    out.mkdir(parents=True)
    c = Corpus(out)
    words = seed_words()

    # --- three good, real pages ---------------------------------------------
    for rel, src, what in [("good/seed.txt", SEED, "the seed page")] + [
        (f"good/{p.name}", p, "a sample plain-text page") for p in NEWS
    ]:
        c.pending_title = src.read_text(encoding="utf-8").split("\n", 1)[0].strip()
        c.write(rel, src.read_bytes(), "stored", what)
        c.entries[-1]["good"] = True

    # --- odd file names (each holds a distinct good page) -------------------
    c.write("names/with space.txt", c.good_variant(), "stored", "name with spaces")
    c.write("names/new\nline.txt", c.good_variant(), "stored", "name with a newline")
    c.write("names/-leading-dash.txt", c.good_variant(), "stored", "name with a leading dash")
    c.write("names/خبر عاجل.txt", c.good_variant(), "stored", "Arabic name")
    c.write("names/rtl-\u202etxt.exe", c.good_variant(), "stored", "name with an RTL override (U+202E)")
    c.write("names/" + "م" * 123 + ".txt", c.good_variant(), "stored", "255-byte Arabic name")
    c.write("names/tab\tand*star?.txt", c.good_variant(), "stored", "name with a tab, * and ?")
    # Two names that differ only in bytes that are not UTF-8: both are shown as
    # "bad-\ufffd.txt". Each holds its own page; both must be stored.
    c.write(b"names/bad-\xff.txt", c.good_variant(), "stored", "non-UTF-8 name (0xFF)")
    c.write(b"names/bad-\xfe.txt", c.good_variant(), "stored", "non-UTF-8 name (0xFE), same display as 0xFF")
    c.write("names/.hidden.txt", c.good_variant(), "skipped", "hidden file")

    # --- deep nesting, huge tables (HTML) -----------------------------------
    head = '<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{t}</title></head><body>'
    title = "موسكو مستعدة للمساعدة في بناء أقمار اصطناعية"
    para = "<p>" + " ".join(words[20:80]) + "</p>"
    c.write(
        "deep/nested-100k-divs.html",
        (head.format(t=title) + "<div>" * 100_000 + f"<h1>{title}</h1>{para}" + "</div>" * 100_000 + "</body></html>").encode(),
        "either",
        "100,000 nested <div>s",
    )
    cell = "<td>" + "خبر" + "</td>"
    row = "<tr>" + cell * 20 + "</tr>\n"
    rows = row * ((10 * MiB) // len(row.encode()))
    c.write(
        "deep/huge-table-10mb.html",
        (head.format(t=title) + f"<article><h1>{title}</h1>{para}<table>" + rows + "</table></article></body></html>").encode(),
        "either",
        "10 MB <table> of small cells",
    )
    c.write(
        "deep/nested-100k-spans-no-close.html",
        (head.format(t=title) + "<span><b><i>" * 33_000 + para).encode(),
        "either",
        "99,000 unclosed inline tags",
    )

    # --- one-line pages and the size caps -----------------------------------
    c.write("big/one-line-1.9MiB.txt", one_line(words, int(1.9 * MiB)), "either", "one-line 1.9 MiB Arabic page")
    c.write("big/one-line-3MiB.txt", one_line(words, 3 * MiB), "refused", "one-line 3 MiB page (over the 2 MiB text cap)",
            r"over the 2 MiB limit")
    c.stream("big/over-16MiB.txt", [lines_of(words, 17 * MiB)], "refused", "17 MiB file (over the 16 MiB file cap)",
             r"over 16 MiB")
    c.stream("big/over-16MiB.html", [b"<!DOCTYPE html><html><body>", lines_of(words, 17 * MiB)], "refused",
             "17 MiB HTML file", r"over 16 MiB")

    # --- letterless pages ---------------------------------------------------
    nl = r"no letters"
    c.write("letterless/digits.txt", b"2023 14 09\n123 456 789 0\n" * 50, "refused", "digits only", nl)
    c.write("letterless/arabic-indic-digits.txt", ("١٢٣٤ ٥٦٧٨٩٠\n" * 50).encode(), "refused", "Arabic-Indic digits", nl)
    c.write("letterless/punctuation.txt", ("!!! ... ؟؟ ،، «» -- ***\n" * 50).encode(), "refused", "punctuation only", nl)
    c.write("letterless/diacritics-tatweel.txt", ("\u064e\u064f\u0650\u0651\u0652 ـــــ \u064b\u064c\n" * 50).encode(),
            "refused", "diacritics and tatweel only", nl)
    c.write("letterless/mixed.txt", ("ـ١٢ \u064e!! ٣٤ ؟ ـــ ٥\n" * 200).encode(), "refused", "tatweel, digits, diacritics, punctuation", nl)
    c.write("letterless/page.html", (head.format(t="١٢٣") + "<h1>١٢٣٤</h1><p>" + "٥٦٧ ، ٨٩٠ ! " * 200 + "</p></body></html>").encode(),
            "refused", "letterless HTML page")

    # --- bytes ----------------------------------------------------------------
    c.write("bytes/empty.txt", b"", "refused", "empty file")
    c.write("bytes/nul-64KiB.txt", b"\0" * 65536, "refused", "64 KiB of NUL bytes")
    c.write("bytes/whitespace.txt", b" \n\t\r\n" * 1000, "refused", "whitespace only")
    seed = SEED.read_bytes()
    damaged = bytearray(seed)
    for i in range(200, len(damaged), 97):
        damaged[i] = 0xFF
    c.write("bytes/invalid-utf8.txt", bytes(damaged), "either", "UTF-8 page with 0xFF bytes sprinkled")
    c.write("bytes/truncated-utf8.txt", seed[:-1] if seed[-1] >= 0x80 else seed + "خ".encode()[:1], "either",
            "UTF-8 page cut inside a character")
    cp1256 = c.good_variant().decode("utf-8").encode("cp1256", errors="replace")
    c.write("bytes/windows-1256.txt", cp1256, "stored", "windows-1256 page")
    c.write("bytes/bom-crlf.txt", b"\xef\xbb\xbf" + c.good_variant().replace(b"\n", b"\r\n"), "stored", "BOM and CRLF page")
    c.write("bytes/utf16le.txt", b"\xff\xfe" + c.good_variant().decode().encode("utf-16-le"), "either", "UTF-16LE page with BOM")
    c.write("bytes/random-binary.bin", bytes((i * 7919 + (i >> 8) * 31) & 0xFF for i in range(65536)), "refused",
            "64 KiB of binary")
    c.write("bytes/elf-like", b"\x7fELF\x02\x01\x01" + b"\0" * 4096, "refused", "an ELF header")

    # --- WARC: a gzip bomb and an oversized record ---------------------------
    c.write("warc/bomb.warc.gz", bomb_warc(c.good_variant()), "refused",
            "WARC: 256 MiB gzip-encoded payload, 512 MiB record, then a good page",
            r"record at byte \d+: .*larger than \d+ bytes once decompressed")
    # The good page after the bomb is stored under its record id.
    c.entries[-1]["warc_stored"] = "warc:urn:uuid:00000000-0000-4000-8000-000000000003"
    c.write("warc/damaged.warc.gz", b"\x1f\x8b\x08\x00" + b"\xff" * 4096, "refused", "damaged .warc.gz", r"record at byte|gzip|damaged|invalid")

    # --- special files --------------------------------------------------------
    os.mkfifo(c._path("special/fifo.txt"))
    c.note("special/fifo.txt", "refused", "a FIFO", r"not a regular file \(a FIFO\)")
    link_dir = c._path("links/x")
    os.symlink("../good/seed.txt", os.path.join(os.path.dirname(link_dir), b"link-to-seed.txt"))
    c.note("links/link-to-seed.txt", "stored", "symlink to a good page")
    os.symlink("../nowhere/missing.txt", os.path.join(os.path.dirname(link_dir), b"dangling.txt"))
    c.note("links/dangling.txt", "refused", "dangling symlink", r"No such file or directory|not a regular file")
    os.symlink("..", os.path.join(os.path.dirname(link_dir), b"loop"))
    c.note("links/loop", "no-error", "symlink loop to the corpus root")
    c.write("special/unreadable-dir/inside.txt", c.good_variant(), "unreadable", "page in a chmod 000 directory",
            r"Permission denied")
    c.write("special/unreadable-file.txt", c.good_variant(), "unreadable", "chmod 000 file", r"Permission denied")
    os.chmod(c._path("special/unreadable-file.txt"), 0)
    os.chmod(c._path("special/unreadable-dir"), 0)

    manifest = out / ".manifest.json"
    manifest.write_text(json.dumps({"entries": c.entries}, ensure_ascii=True, indent=1) + "\n")
    print(f"{len(c.entries)} hostile inputs in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
