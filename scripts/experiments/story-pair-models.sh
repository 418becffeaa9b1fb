#!/usr/bin/env bash
# Runs scripts/experiments/story_pair_models.py (a learned pair model on the
# labelled story day, see its docstring) in its own pinned venv. Not part of
# the test suite: it is evidence for docs/clustering.md, rerunnable.
#   bash scripts/experiments/story-pair-models.sh [--embeddings] [--seeds N]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
data="${MARSAD_SHARED:-$root/../shared}/data"
venv="$root/.anchors/experiments-venv"
pins=(scikit-learn==1.9.1 numpy==2.4.6 scipy==1.17.1 gensim==4.4.0)

[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q "${pins[@]}"
PYTHONHASHSEED=0 exec "$venv/bin/python" "$root/scripts/experiments/story_pair_models.py" \
    --corpus "$data/saudinewsnet/saudinewsnet_2015-08-01_to_2015-08-11.jsonl.gz" \
    --labels "$data/saudinewsnet_labels" "$@"
