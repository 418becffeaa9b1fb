#!/usr/bin/env python3
"""Fits the page-kind model of crates/marsad-extract/src/html/kind.rs.

Reads the features that `examples/page_kind_features` prints for WCXB's
development pages, keeps the `tune` half of the sites (FNV-1a 64 of the
domain is even: the same rule as `marsad eval extract --half`), fits a
class-balanced, L2-regularised logistic regression (article against every
other page type) by gradient descent, and writes the weights into kind.rs.
Standard library only; deterministic.

    cargo run --release -p marsad-extract --example page_kind_features -- \
        ../shared/data/wcxb_dev > /tmp/page-kind.jsonl
    python3 scripts/train-page-kind.py /tmp/page-kind.jsonl
"""
import json
import math
import re
import sys
from pathlib import Path
from urllib.parse import urlparse

KIND_RS = Path(__file__).resolve().parent.parent / "crates/marsad-extract/src/html/kind.rs"
L2 = 0.01
STEPS = 3000
RATE = 0.5


def fnv1a64(text):
    h = 0xCBF29CE484222325
    for b in text.encode():
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def domain(url):
    host = (urlparse(url or "").hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def load(path):
    rows = []
    for line in open(path, encoding="utf-8"):
        r = json.loads(line)
        if "features" not in r:
            continue
        half = "tune" if fnv1a64(domain(r["url"])) % 2 == 0 else "report"
        rows.append((r["features"], 1.0 if r["type"] == "article" else 0.0, half, r["type"]))
    return rows


def fit(xs, ys):
    n, d = len(xs), len(xs[0])
    mean = [sum(x[j] for x in xs) / n for j in range(d)]
    std = [math.sqrt(sum((x[j] - mean[j]) ** 2 for x in xs) / n) or 1.0 for j in range(d)]
    zs = [[(x[j] - mean[j]) / std[j] for j in range(d)] for x in xs]
    pos = sum(ys)
    weight = [0.5 / pos if y else 0.5 / (n - pos) for y in ys]
    w, b = [0.0] * d, 0.0
    for _ in range(STEPS):
        gw, gb = [L2 * wj for wj in w], 0.0
        for z, y, c in zip(zs, ys, weight):
            p = 1 / (1 + math.exp(-(sum(a * wj for a, wj in zip(z, w)) + b)))
            g = (p - y) * c
            gb += g
            for j in range(d):
                gw[j] += g * z[j]
        w = [wj - RATE * g for wj, g in zip(w, gw)]
        b -= RATE * gb
    # Fold the standardisation into raw-feature weights.
    raw = [w[j] / std[j] for j in range(d)]
    bias = b - sum(w[j] * mean[j] / std[j] for j in range(d))
    return raw, bias


def prob(x, raw, bias):
    return 1 / (1 + math.exp(-(sum(a * wj for a, wj in zip(x, raw)) + bias)))


def main():
    rows = load(sys.argv[1])
    tune = [r for r in rows if r[2] == "tune"]
    raw, bias = fit([r[0] for r in tune], [r[1] for r in tune])
    for half in ("tune", "report"):
        part = [r for r in rows if r[2] == half]
        for threshold in (0.03, 0.05, 0.1, 0.2):
            kept = sum(1 for r in part if r[1] and prob(r[0], raw, bias) >= threshold)
            arts = sum(1 for r in part if r[1])
            refused = sum(1 for r in part if not r[1] and prob(r[0], raw, bias) < threshold)
            others = sum(1 for r in part if not r[1])
            print(f"{half:6} threshold {threshold}: articles kept {kept}/{arts}, other pages refused {refused}/{others}")
    values = ", ".join(f"{v:.6}" for v in raw + [bias])
    text = KIND_RS.read_text(encoding="utf-8")
    text = re.sub(r"const WEIGHTS: \[f64; (\d+)\] = \[[^\]]*\];", lambda m: f"const WEIGHTS: [f64; {m.group(1)}] = [{values}];", text)
    KIND_RS.write_text(text, encoding="utf-8")
    print(f"weights written to {KIND_RS}")


if __name__ == "__main__":
    main()
