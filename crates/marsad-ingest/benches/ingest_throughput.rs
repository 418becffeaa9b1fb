//! Ingest throughput on the bundled sample repeated to 100,000 articles.
//!
//!     cargo bench -p marsad-ingest --bench ingest_throughput [-- ARTICLES RUNS]
//!
//! Each copy of a sample page gets a numbered headline, so every article is
//! new to the store. Three stages are timed side by side in the same run, so
//! the figure can be read against its floors: reading and hashing the files
//! (I/O), reading and extracting them (no store), and the full ingest into a
//! fresh SQLite store; storing alone (pre-extracted articles) is timed too. Each is run RUNS times (default 3); medians are printed.

use std::path::{Path, PathBuf};
use std::time::Instant;

use marsad_ingest::{collect_files, ingest, FileError, Progress, Summary};
use marsad_store::{FileArticles, Store};
use rayon::prelude::*;

struct Quiet;

impl Progress for Quiet {
    fn start(&self, _: usize) {}
    fn advance(&self, _: usize, _: &Summary) {}
    fn error(&self, e: &FileError) {
        eprintln!("{e}");
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let target: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let runs: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(3);

    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample");
    let work = tempfile::tempdir().expect("temp dir");
    let (files, articles) = replicate(&sample, &work.path().join("pages"), target);
    let bytes: u64 = files.iter().map(|f| std::fs::metadata(f).unwrap().len()).sum();
    println!(
        "corpus: {} files, {articles} articles, {:.1} MB; {runs} runs each, median",
        files.len(),
        bytes as f64 / 1e6
    );

    let read = median(runs, || {
        let t = Instant::now();
        files.par_iter().for_each(|f| {
            blake3::hash(&std::fs::read(f).unwrap());
        });
        t.elapsed().as_secs_f64()
    });
    let extract = median(runs, || {
        let t = Instant::now();
        let n: usize = files
            .par_iter()
            .map(|f| marsad_extract::extract_text_page(&std::fs::read(f).unwrap()).unwrap().articles.len())
            .sum();
        assert_eq!(n, articles);
        t.elapsed().as_secs_f64()
    });
    let extracted: Vec<FileArticles> = files
        .par_iter()
        .map(|f| {
            let e = marsad_extract::extract_text_page(&std::fs::read(f).unwrap()).unwrap();
            let path = f.to_string_lossy().into_owned();
            FileArticles { path, content_hash: String::new(), encoding: e.encoding, articles: e.articles }
        })
        .collect();
    let store_only = median(runs, || {
        let data = tempfile::tempdir().unwrap();
        let mut store = Store::open(data.path()).unwrap();
        let t = Instant::now();
        for batch in extracted.chunks(512) {
            store.store_files(batch).unwrap();
        }
        t.elapsed().as_secs_f64()
    });
    let full = median(runs, || {
        let data = tempfile::tempdir().unwrap();
        let mut store = Store::open(data.path()).unwrap();
        let t = Instant::now();
        let summary = ingest(&mut store, &files, &Quiet).unwrap();
        let secs = t.elapsed().as_secs_f64();
        assert_eq!(summary.articles_new + summary.articles_already_stored, articles);
        assert_eq!(summary.errors, 0);
        secs
    });
    let rate = |secs: f64| articles as f64 / secs;
    println!("{:<34} {:>9} {:>14}", "stage", "seconds", "articles/s");
    println!("{:<34} {:>9.2} {:>14.0}", "read + hash files (I/O floor)", read, rate(read));
    println!("{:<34} {:>9.2} {:>14.0}", "read + extract (no store)", extract, rate(extract));
    println!("{:<34} {:>9.2} {:>14.0}", "store only (pre-extracted, 1 thread)", store_only, rate(store_only));
    println!("{:<34} {:>9.2} {:>14.0}", "full ingest into SQLite", full, rate(full));
    println!("threads: {}", rayon::current_num_threads());
}

/// Copies of the sample's pages with numbered headlines until `target`
/// articles; returns the files and the exact number of articles.
fn replicate(sample: &Path, out: &Path, target: usize) -> (Vec<PathBuf>, usize) {
    let pages: Vec<(String, usize)> = collect_files(&[sample.to_owned()])
        .files
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let n = marsad_extract::parse_page(&text).unwrap().len();
            (text, n)
        })
        .collect();
    let (mut files, mut articles) = (Vec::new(), 0);
    for i in 0.. {
        if articles >= target {
            break;
        }
        let (text, n) = &pages[i % pages.len()];
        let (title, rest) = text.split_once('\n').unwrap();
        let dir = out.join(format!("{:03}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir_all(&dir).unwrap();
        }
        let path = dir.join(format!("{i:06}.txt"));
        std::fs::write(&path, format!("{title} — نسخة {i}\n{rest}")).unwrap();
        files.push(path);
        // Appended articles repeat across copies: they are stored once.
        articles += n;
    }
    (files, articles)
}

fn median(runs: usize, mut f: impl FnMut() -> f64) -> f64 {
    let mut times: Vec<f64> = (0..runs).map(|_| f()).collect();
    times.sort_by(|a, b| a.total_cmp(b));
    times[times.len() / 2]
}
