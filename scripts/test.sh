#!/usr/bin/env bash
# README's test command: installs what the tests need, then runs the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f scripts/setup-anchors.sh ]; then
  bash scripts/setup-anchors.sh
fi
cargo test --workspace --locked
bash scripts/fuzz.sh 15
bash scripts/hostile.sh
bash scripts/check-entity-ids.sh 20
