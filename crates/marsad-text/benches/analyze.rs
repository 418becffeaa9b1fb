//! normalize + tokenize + stem over real news text, with Lucene's
//! ArabicAnalyzer measured on the same text in the same run as the anchor.
//!
//! Reads SaudiNewsNet (MARSAD_NEWS, default the shared sample); the Lucene
//! anchor is the one `scripts/setup-anchors.sh` builds.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::Command;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use marsad_text::{for_each_term, Chain, Stemmer};

const DEFAULT_NEWS: &str = "/work/shared/data/saudinewsnet/saudinewsnet_2015-08-01_to_2015-08-11.jsonl.gz";
/// Enough text to be representative, small enough to stay in cache-friendly
/// territory no more than real ingestion would.
const SAMPLE_BYTES: usize = 8 << 20;

fn news_sample() -> String {
    let path = std::env::var("MARSAD_NEWS").unwrap_or_else(|_| DEFAULT_NEWS.to_string());
    let file = std::fs::File::open(&path).unwrap_or_else(|e| {
        panic!("benchmark needs real news text: cannot open {path} ({e}); set MARSAD_NEWS to a SaudiNewsNet .jsonl.gz")
    });
    let mut text = String::with_capacity(SAMPLE_BYTES + 65536);
    for line in BufReader::new(flate2::read::GzDecoder::new(file)).lines() {
        let line = line.expect("readable corpus");
        let v: serde_json::Value = serde_json::from_str(&line).expect("JSON lines");
        for f in ["title", "content"] {
            if let Some(s) = v[f].as_str() {
                text.push_str(s);
                text.push('\n');
            }
        }
        if text.len() >= SAMPLE_BYTES {
            break;
        }
    }
    text
}

fn lucene_anchor(text: &str) {
    let anchors = std::env::var_os("MARSAD_ANCHORS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../.anchors")));
    let dir = anchors.join("lucene");
    let Ok(classpath) = std::fs::read_to_string(dir.join("classpath")) else {
        println!("anchor lucene ArabicAnalyzer: MISSING (run scripts/setup-anchors.sh)");
        return;
    };
    let sample = std::env::temp_dir().join(format!("marsad-bench-{}.txt", std::process::id()));
    std::fs::write(&sample, text).expect("temp file");
    let out = Command::new("java")
        .arg("-cp")
        .arg(format!("{}:{}", classpath.trim(), dir.display()))
        .arg("LuceneBm25")
        .arg("--bench")
        .arg(&sample)
        .output();
    let _ = std::fs::remove_file(&sample);
    match out {
        Ok(o) if o.status.success() => println!(
            "anchor lucene ArabicAnalyzer (same {} MB): {}",
            text.len() >> 20,
            String::from_utf8_lossy(&o.stdout).trim()
        ),
        Ok(o) => println!("anchor lucene ArabicAnalyzer: FAILED: {}", String::from_utf8_lossy(&o.stderr)),
        Err(e) => println!("anchor lucene ArabicAnalyzer: FAILED to start java: {e}"),
    }
}

/// Nanoseconds this thread has spent on a CPU (Linux schedstat), so that a
/// machine shared with other jobs does not make the figure look slower than
/// the code is. None where unavailable.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn on_cpu_throughput(text: &str, stemmer: &Stemmer<'_>) {
    let Some(start) = thread_cpu_ns() else {
        println!("marsad on-CPU throughput: unavailable (no /proc/thread-self/schedstat)");
        return;
    };
    let wall = std::time::Instant::now();
    let mut rounds = 0u64;
    while wall.elapsed().as_secs_f64() < 5.0 {
        let mut n = 0usize;
        for_each_term(Chain::Marsad, stemmer, text, |t, _, _| n += t.len());
        std::hint::black_box(n);
        rounds += 1;
    }
    let cpu = (thread_cpu_ns().unwrap_or(start) - start) as f64 / 1e9;
    let mb = text.len() as f64 * rounds as f64 / 1e6;
    println!(
        "marsad normalize+tokenize+stem: {:.1} MB/s wall, {:.1} MB/s on-CPU ({rounds} rounds)",
        mb / wall.elapsed().as_secs_f64(),
        mb / cpu
    );
}

fn bench(c: &mut Criterion) {
    let text = news_sample();
    let stemmer = Stemmer::default();
    let mut group = c.benchmark_group("analyze");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("marsad normalize+tokenize+stem", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for_each_term(Chain::Marsad, &stemmer, &text, |t, _, _| n += t.len());
            n
        })
    });
    group.bench_function("tokenize+normalize only", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for_each_term(Chain::Normalized, &stemmer, &text, |t, _, _| n += t.len());
            n
        })
    });
    group.finish();
    on_cpu_throughput(&text, &stemmer);
    lucene_anchor(&text);
}

criterion_group!(benches, bench);
criterion_main!(benches);
