"""How far can a learned pair model go on the labelled story day?

`marsad eval stories` scores Marsad's online clustering against the
SaudiNewsNet labels (pairwise F1 0.751 on the development day; the issue asks
for 0.85). This experiment asks whether a model trained on the labels
themselves does better than Marsad's fixed similarity. It gives the model
every signal Marsad could compute cheaply, and more:

  - word TF-IDF cosines: headline x2 + 50 body words, headline alone,
    whole body, the first 100 body words (max_df 5%, sublinear tf);
  - character 3-5-gram TF-IDF cosines of the headline, and of the headline
    twice plus 30 body words (spelling variants, clitics);
  - second-order similarity: the cosine between two articles' rows of the
    headline-and-lead, body and headline similarity matrices (articles that
    have the same neighbours);
  - same outlet, shared numbers in headline and lead, word-3-shingle
    containment;
  - with --embeddings: skip-gram word vectors trained here on the whole
    corpus (11 days, 4.5M words; gensim), IDF-weighted averages of headline
    and lead, and of the headline.

Models: logistic regression and gradient-boosted trees (scikit-learn), on
candidate pairs (any of the first three cosines above 0.05/0.05/0.1; they
hold 1,032 of the 1,049 gold pairs). Evaluation is out of fold: stories (not
articles) are split in two at random, a model is trained on the pairs inside
one half and scores every pair that it did not train on, and the day is then
clustered with those scores, both ways Marsad could: batch average linkage
over the whole day, and online average link in crawl order. Every threshold
from 0.2 to 0.7 is printed, and the best, chosen after seeing the scores, is
an upper bound of what the model would reach on unseen data.

Run (about 2 minutes, 6 with --embeddings):
    bash scripts/experiments/story-pair-models.sh [--embeddings]
"""

import argparse
import gzip
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

# The batch anchor's normalization (no diacritics or tatweel, one alef, ya,
# ta marbuta and hamza carrier), so both read the same words.
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "crates/marsad-eval/anchors"))
from story_anchor import words  # noqa: E402

PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و")
SUFFIXES = ("ات", "ون", "ين", "ها", "ية", "ه", "ي")
THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7)


def stem(w):
    """A light stem: one leading clitic or article and one common suffix, keeping three letters."""
    for p in PREFIXES:
        if w.startswith(p) and len(w) - len(p) >= 3:
            w = w[len(p) :]
            break
    for s in SUFFIXES:
        if w.endswith(s) and len(w) - len(s) >= 3:
            w = w[: -len(s)]
            break
    return w


def stems(text):
    return [stem(w) for w in words(text)]


def cosines(docs, **kw):
    m = TfidfVectorizer(analyzer=lambda d: d, sublinear_tf=True, max_df=0.05, **kw).fit_transform(docs)
    return (m @ m.T).toarray()


def char_grams(ws):
    s = " ".join(ws)
    return [s[i : i + k] for k in (3, 4, 5) for i in range(len(s) - k + 1) if " " not in s[i : i + k]]


def second_order(sim, floor):
    rows = np.where(sim >= floor, sim, 0.0)
    np.fill_diagonal(rows, 1.0)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    return rows @ rows.T


def embedding_cosines(corpus, titles, bodies):
    from gensim.models import Word2Vec

    sentences = []
    for title, body in corpus:
        for part in (title, body):
            for s in re.split(r"[.\n؟!]", part):
                w = stems(s)
                if len(w) > 2:
                    sentences.append(w)
    # One worker and a fixed seed (with PYTHONHASHSEED=0, set by the runner) make the vectors reproducible.
    wv = Word2Vec(sentences, vector_size=100, window=5, min_count=3, sg=1, epochs=10, workers=1, seed=1).wv
    docs = [t * 2 + b[:50] for t, b in zip(titles, bodies)]
    tv = TfidfVectorizer(analyzer=lambda d: d).fit(docs)
    idf = dict(zip(tv.get_feature_names_out(), tv.idf_))

    def matrix(texts):
        e = np.stack([sum((idf.get(w, 1.0) * wv[w] for w in ws if w in wv), np.zeros(100)) for ws in texts])
        e -= e.mean(0)
        e /= np.linalg.norm(e, axis=1, keepdims=True) + 1e-9
        return e @ e.T

    return {"embedding": matrix(docs), "embedding_title": matrix(titles)}


def pair_scores(gold, pred):
    pairs = lambda c: sum(v * (v - 1) // 2 for v in c.values())
    tp, gp, pp = pairs(Counter(zip(gold, pred))), pairs(Counter(gold)), pairs(Counter(pred))
    p, r = (tp / pp if pp else 1.0), tp / gp
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def batch(sim, threshold):
    model = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=1.0 - threshold
    )
    return model.fit(1.0 - sim).labels_


def online(sim, threshold):
    """Each article in crawl order joins the story it is closest to on average, or opens one."""
    members, labels = defaultdict(list), []
    for i in range(len(sim)):
        best = max(((sim[i, m].mean(), s) for s, m in members.items()), default=(0.0, None))
        story = best[1] if best[0] >= threshold else i
        members[story].append(i)
        labels.append(story)
    return labels


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", required=True, type=Path)
    ap.add_argument("--labels", required=True, type=Path)
    ap.add_argument("--embeddings", action="store_true")
    ap.add_argument("--seeds", type=int, default=3, help="random splits of the stories")
    args = ap.parse_args()

    gold = {}
    for path in sorted(args.labels.glob("*.stories.jsonl")):
        for line in path.open(encoding="utf-8"):
            row = json.loads(line)
            gold[row["id"]] = row["story"]
    day, corpus = [], []
    with gzip.open(args.corpus, "rt", encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            corpus.append((a["title"], a["content"]))
            if a["id"] in gold:
                day.append(a)
    day.sort(key=lambda a: (a["date_extracted"], a["id"]))
    y = np.array([gold[a["id"]] for a in day])
    titles = [stems(a["title"]) for a in day]
    bodies = [stems(a["content"]) for a in day]
    n = len(day)

    sims = {
        "headline_lead": cosines([t * 2 + b[:50] for t, b in zip(titles, bodies)]),
        "headline": cosines(titles),
        "body": cosines(bodies),
        "lead100": cosines([b[:100] for b in bodies]),
        "headline_chars": cosines([char_grams(t) for t in titles]),
        "headline_lead_chars": cosines([char_grams(t + t + b[:30]) for t, b in zip(titles, bodies)]),
    }
    sims["second_order_headline_lead"] = second_order(sims["headline_lead"], 0.1)
    sims["second_order_body"] = second_order(sims["body"], 0.15)
    sims["second_order_headline"] = second_order(sims["headline"], 0.1)
    if args.embeddings:
        sims.update(embedding_cosines(corpus, titles, bodies))

    i, j = np.triu_indices(n, 1)
    keep = (sims["headline_lead"][i, j] > 0.05) | (sims["headline"][i, j] > 0.05) | (sims["body"][i, j] > 0.1)
    i, j = i[keep], j[keep]
    numbers = [{w for w in t + b[:60] if w.isdigit()} for t, b in zip(titles, bodies)]
    shingles = [{tuple(b[k : k + 3]) for k in range(len(b) - 2)} for b in bodies]
    sources = [a["source"] for a in day]

    def overlap(a, b):
        return len(a & b) / min(len(a), len(b)) if a and b else 0.0

    columns = [sims[k][i, j] for k in sims] + [
        np.array([float(sources[a] == sources[b]) for a, b in zip(i, j)]),
        np.array([overlap(numbers[a], numbers[b]) for a, b in zip(i, j)]),
        np.array([overlap(shingles[a], shingles[b]) for a, b in zip(i, j)]),
    ]
    x, same = np.stack(columns, 1), (y[i] == y[j]).astype(int)
    gold_pairs = sum(v * (v - 1) // 2 for v in Counter(y).values())
    print(f"labelled day: {n} articles, {gold_pairs} gold pairs; {len(i)} candidate pairs hold {same.sum()} of them")
    print(f"features: {', '.join(list(sims) + ['same_outlet', 'shared_numbers', 'shingle_containment'])}")

    models = {
        "logistic regression": lambda: LogisticRegression(C=1.0, max_iter=2000),
        "gradient boosting": lambda: HistGradientBoostingClassifier(
            max_iter=200, learning_rate=0.05, max_leaf_nodes=15, random_state=0
        ),
    }
    best = defaultdict(list)
    for seed in range(args.seeds):
        rng = np.random.RandomState(seed)
        half = {s: rng.randint(2) for s in sorted(set(y))}
        fold = np.array([half[s] for s in y])
        for name, make in models.items():
            score = np.zeros(len(i))
            for k in (0, 1):
                trained = (fold[i] == k) & (fold[j] == k)
                model = make().fit(x[trained], same[trained])
                # Each model scores what it did not see: the other half, and half of each cross pair.
                other = (fold[i] != k) & (fold[j] != k)
                cross = fold[i] != fold[j]
                score[other] = model.predict_proba(x[other])[:, 1]
                score[cross] += 0.5 * model.predict_proba(x[cross])[:, 1]
            sim = np.zeros((n, n))
            sim[i, j] = sim[j, i] = score
            np.fill_diagonal(sim, 1.0)
            for how, cluster in (("batch", batch), ("online", online)):
                curve = [(t, pair_scores(y, cluster(sim, t))) for t in THRESHOLDS]
                line = "  ".join(f"{t:.1f}: {f:.3f}" for t, (_, _, f) in curve)
                print(f"split {seed}  {name:19}  {how:6}  pairwise F1 by threshold  {line}")
                t, (p, r, f) = max(curve, key=lambda c: c[1][2])
                best[(name, how)].append((f, p, r, t))
    print("\nbest threshold per split (an upper bound), median over splits:")
    for (name, how), runs in best.items():
        f, p, r, t = sorted(runs)[len(runs) // 2]
        print(f"  {name:19}  {how:6}  pairwise P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (threshold {t:.1f})")


if __name__ == "__main__":
    main()
