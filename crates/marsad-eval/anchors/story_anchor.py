"""Story anchor for `marsad eval stories`: batch TF-IDF clustering, the way
the SaudiNewsNet labels' README says their candidate groups were drawn.

Similarity of two articles = the largest of
  - TF-IDF cosine (word 1-2-grams, max_df 5%, sublinear tf) of the headline
    twice plus the first 80 words of the body,
  - 0.9 x the TF-IDF cosine (words, max_df 5%) of the headlines alone,
  - word-3-shingle containment |A&B| / min(|A|,|B|), for pairs sharing at
    least 5 shingles that no more than 30 articles carry;
then average-linkage agglomerative clustering over the whole day at once.

Reads a JSON job {"threshold": t, "articles": [{"id", "title", "body"}]}
from the file named by argv[1]; writes {"stories": {id: n}, "versions": {}}.
"""

import json
import re
import sys
from collections import Counter, defaultdict
from itertools import combinations

import numpy as np
import sklearn
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
ALEF = re.compile("[إأآٱ]")
NOT_WORD = re.compile(r"[^\w\s]")


def words(text):
    text = ALEF.sub("ا", MARKS.sub("", text))
    for a, b in (("ى", "ي"), ("ة", "ه"), ("ؤ", "و"), ("ئ", "ي")):
        text = text.replace(a, b)
    return NOT_WORD.sub(" ", text).split()


def containment(bodies):
    shingles = [{tuple(w[i : i + 3]) for i in range(len(w) - 2)} for w in bodies]
    carriers = defaultdict(list)
    for i, s in enumerate(shingles):
        for g in s:
            carriers[g].append(i)
    shared = Counter()
    for docs in carriers.values():
        if len(docs) <= 30:
            shared.update(combinations(docs, 2))
    return {
        (a, b): k / max(1, min(len(shingles[a]), len(shingles[b])))
        for (a, b), k in shared.items()
        if k >= 5
    }


def cluster(articles, threshold):
    titles = [words(a["title"]) for a in articles]
    bodies = [words(a["body"]) for a in articles]
    leads = [" ".join(t * 2 + b[:80]) for t, b in zip(titles, bodies)]
    lead = TfidfVectorizer(max_df=0.05, ngram_range=(1, 2), sublinear_tf=True).fit_transform(leads)
    title = TfidfVectorizer(max_df=0.05, sublinear_tf=True).fit_transform([" ".join(t) for t in titles])
    sim = np.maximum((lead @ lead.T).toarray(), 0.9 * (title @ title.T).toarray())
    for (a, b), c in containment(bodies).items():
        sim[a, b] = sim[b, a] = max(sim[a, b], c)
    np.fill_diagonal(sim, 1.0)
    model = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=1.0 - threshold
    )
    return model.fit(1.0 - sim).labels_


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        job = json.load(f)
    articles = job["articles"]
    labels = cluster(articles, job["threshold"]) if len(articles) > 1 else [0] * len(articles)
    out = {
        "stories": {a["id"]: int(l) for a, l in zip(articles, labels)},
        "versions": {"scikit-learn": sklearn.__version__, "numpy": np.__version__},
    }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
