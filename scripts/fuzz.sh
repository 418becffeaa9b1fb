#!/usr/bin/env bash
# Fuzzes every parser for SECONDS each (default 30) on stable Rust; see docs/fuzzing.md.
# Findings are saved under target/fuzz-findings/<target>/ and make the exit status non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
cargo build --release --locked -p marsad-fuzz
target/release/marsad-fuzz --target all --seconds "$seconds" --seed "${FUZZ_SEED:-1}"
