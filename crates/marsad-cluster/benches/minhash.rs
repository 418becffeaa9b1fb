//! MinHash + LSH throughput: Marsad against rensa and datasketch (Python,
//! installed by scripts/anchors/python-clusters.sh), on the same documents with
//! the same parameters, in one run, each on one core.
//!
//! Every system gets the same normalized word lists (Marsad's matching form,
//! space-joined) and does the same work per document: word 3-shingles,
//! a 128-permutation MinHash, insert into and query an LSH index of 32 bands
//! of 4 rows. Marsad is also timed from raw text (tokenizing and normalizing,
//! plus its lead signature), which is what ingest runs.
//!
//! `cargo bench -p marsad-cluster --bench minhash` (MARSAD_BENCH_DOCS, default 5000).

mod corpus;

use std::io::Write;
use std::process::Command;
use std::time::Instant;

use marsad_cluster::dedup::{DedupParams, Deduper};
use marsad_cluster::lsh::Lsh;
use marsad_cluster::minhash::MinHasher;
use marsad_cluster::shingle::{hash_bytes, shingles};
use marsad_cluster::HoldParams;

#[path = "common/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::live;

const NUM_PERM: usize = 128;
const BANDS: usize = 32;
const RUNS: usize = 3;

const PYTHON: &str = r#"
import sys, time
system, path, num_perm, bands = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
docs = [line.split() for line in open(path, encoding="utf-8")]
def shingles(words):
    if len(words) < 3:
        return [" ".join(words)] if words else []
    return list({" ".join(words[i:i + 3]) for i in range(len(words) - 2)})
if system == "rensa":
    from rensa import RMinHash, RMinHashLSH
    start = time.perf_counter()
    lsh = RMinHashLSH(threshold=0.5, num_perm=num_perm, num_bands=bands)
    for i, words in enumerate(docs):
        m = RMinHash(num_perm=num_perm, seed=42)
        m.update(shingles(words))
        lsh.query(m)
        lsh.insert(i, m)
else:
    from datasketch import MinHash, MinHashLSH
    start = time.perf_counter()
    lsh = MinHashLSH(num_perm=num_perm, params=(bands, num_perm // bands))
    for i, words in enumerate(docs):
        m = MinHash(num_perm=num_perm, seed=42)
        m.update_batch([s.encode("utf-8") for s in shingles(words)])
        lsh.query(m)
        lsh.insert(i, m)
print(time.perf_counter() - start)
"#;

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn python(venv: &std::path::Path, system: &str, words_file: &std::path::Path) -> Option<f64> {
    let out = Command::new(venv.join("bin/python"))
        .args(["-c", PYTHON, system, &words_file.to_string_lossy(), &NUM_PERM.to_string(), &BANDS.to_string()])
        .env("OMP_NUM_THREADS", "1")
        .env("OPENBLAS_NUM_THREADS", "1")
        .env("RAYON_NUM_THREADS", "1")
        .output()
        .ok()?;
    if !out.status.success() {
        eprintln!("{system}: {}", String::from_utf8_lossy(&out.stderr));
        return None;
    }
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

fn main() {
    let n: usize = std::env::var("MARSAD_BENCH_DOCS").ok().and_then(|v| v.parse().ok()).unwrap_or(5000);
    let corpus = corpus::load();
    let docs: Vec<&str> = corpus.iter().take(n).map(|a| a.content.as_str()).collect();
    // The same normalized words for every system.
    let words: Vec<String> =
        docs.iter().map(|d| marsad_text::tokenize(d).map(|t| t.normalized()).collect::<Vec<_>>().join(" ")).collect();
    let words_file = std::env::temp_dir().join(format!("dedup-minhash-bench-{}.txt", std::process::id()));
    {
        let mut f = std::fs::File::create(&words_file).expect("temp file");
        for w in &words {
            writeln!(f, "{w}").expect("write temp file");
        }
    }
    let shingle_total: usize = words.iter().map(|w| w.split(' ').count().saturating_sub(2)).sum();
    println!(
        "minhash-lsh throughput: {n} SaudiNewsNet articles, {} word 3-shingles on average,",
        shingle_total / n.max(1)
    );
    println!("  {NUM_PERM} permutations, {BANDS} bands x {} rows, one core, median of {RUNS} runs", NUM_PERM / BANDS);

    // Marsad from the same word lists: shingle, sign, query, insert.
    let from_words = || {
        let hasher = MinHasher::new(NUM_PERM, 42);
        let mut lsh = Lsh::new(NUM_PERM, BANDS);
        let (mut hashes, mut set, mut sig, mut cands) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let start = Instant::now();
        for (i, w) in words.iter().enumerate() {
            hashes.clear();
            hashes.extend(w.split(' ').filter(|x| !x.is_empty()).map(|x| hash_bytes(x.as_bytes())));
            shingles(&hashes, 3, &mut set);
            hasher.signature_into(&set, &mut sig);
            lsh.query(&sig, &mut cands);
            lsh.insert(i as u32, &sig);
        }
        start.elapsed().as_secs_f64()
    };
    let marsad_words = median((0..RUNS).map(|_| from_words()).collect());

    // Marsad's whole duplicate check from raw text (what ingest runs).
    let from_text = || {
        let mut d = Deduper::new(DedupParams::default(), HoldParams::default());
        let start = Instant::now();
        for (i, text) in docs.iter().enumerate() {
            let fp = d.fingerprint(text);
            let _ = d.find(&fp, 0);
            d.insert(i as i64, 0, i as i64, fp);
        }
        start.elapsed().as_secs_f64()
    };
    let marsad_text = median((0..RUNS).map(|_| from_text()).collect());

    // Memory per indexed document of the duplicate window.
    let before = live();
    let mut d = Deduper::new(DedupParams::default(), HoldParams::default());
    for (i, text) in docs.iter().enumerate() {
        let fp = d.fingerprint(text);
        d.insert(i as i64, 0, i as i64, fp);
    }
    let per_doc = (live() - before) as f64 / n as f64;
    drop(d);

    let venv = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.anchors/venv");
    let rensa: Vec<f64> = (0..RUNS).filter_map(|_| python(&venv, "rensa", &words_file)).collect();
    let datasketch: Vec<f64> = (0..RUNS).filter_map(|_| python(&venv, "datasketch", &words_file)).collect();
    let _ = std::fs::remove_file(&words_file);

    let rate = |s: f64| n as f64 / s;
    println!("  {:<42} {:>10.0} docs/s", "marsad (same words)", rate(marsad_words));
    println!("  {:<42} {:>10.0} docs/s", "marsad (raw text: normalize, whole + lead)", rate(marsad_text));
    for (name, times) in
        [("rensa 0.5.0 (RMinHash + RMinHashLSH)", rensa), ("datasketch 2.0.0 (MinHash + MinHashLSH)", datasketch)]
    {
        if times.is_empty() {
            println!("  {name:<42} not run: run scripts/setup-anchors.sh");
        } else {
            let t = median(times);
            println!("  {name:<42} {:>10.0} docs/s   marsad (same words) = {:.1}x", rate(t), t / marsad_words);
        }
    }
    println!("  memory per indexed document (duplicate window, marsad): {:.0} bytes", per_doc);
}
