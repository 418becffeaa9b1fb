//! Indexing throughput and query latency at 100,000 articles.
//!
//!     cargo bench -p marsad-store --bench search [-- ARTICLES]
//!
//! The SaudiNewsNet corpus in ../shared/data (16k real articles) is replayed
//! with fresh ids up to ARTICLES (default 100,000) and stored; then the search
//! index is built from the store (timed: articles/s), and the ARCD dev
//! questions (279 real Arabic questions) plus every 50th headline are run as
//! queries through the same path as the API (search, stored fields, snippets),
//! three times each; p50/p99 latency is printed.

use std::io::BufRead;
use std::path::Path;
use std::time::Instant;

use marsad_core::{Article, ArticleId};
use marsad_store::index::{SearchIndex, SearchRequest};
use marsad_store::search::search_page;
use marsad_store::{FileArticles, Store};

fn main() {
    let target: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(100_000);
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    let corpus = data.join("saudinewsnet/saudinewsnet_2015-08-01_to_2015-08-11.jsonl.gz");
    let questions = data.join("arcd/arcd-dev.queries.jsonl");
    for needed in [&corpus, &questions] {
        assert!(needed.exists(), "{} is missing: this bench needs ../shared/data beside the repo", needed.display());
    }
    let news = read_jsonl_gz(&corpus);
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let mut batch = Vec::new();
    let mut titles = Vec::new();
    for i in 0..target {
        let row = &news[i % news.len()];
        let (title, body) = (row["title"].as_str().unwrap_or(""), row["content"].as_str().unwrap_or(""));
        if i < news.len() && i % 50 == 0 && !title.trim().is_empty() {
            titles.push(title.to_owned());
        }
        let article = Article {
            id: ArticleId(format!("{i:016x}")),
            title: title.to_owned(),
            published: None,
            dateline: None,
            credit: None,
            source: row["source"].as_str().map(str::to_owned),
            body: body.split('\n').map(str::trim).filter(|p| !p.is_empty()).collect::<Vec<_>>().join("\n"),
            tags: Vec::new(),
            read_also: Vec::new(),
            lang: "ar".into(),
            ..Article::default()
        };
        batch.push(FileArticles {
            path: format!("bench:{i}"),
            content_hash: String::new(),
            encoding: "UTF-8",
            articles: vec![article],
        });
        if batch.len() == 2_000 {
            store.store_files(&batch).unwrap();
            batch.clear();
        }
    }
    store.store_files(&batch).unwrap();

    let mut index = SearchIndex::open(dir.path()).unwrap();
    let t = Instant::now();
    let indexed = index.sync(&store).unwrap();
    let secs = t.elapsed().as_secs_f64();
    println!("indexing: {indexed} articles in {secs:.1} s = {:.0} articles/s", indexed as f64 / secs);

    let mut queries: Vec<String> = std::fs::File::open(&questions)
        .map(std::io::BufReader::new)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(&l.unwrap()).unwrap()["question"].as_str().unwrap().to_owned()
        })
        .collect();
    queries.extend(titles);
    // Questions are free text: keep words, drop query-syntax characters.
    let queries: Vec<String> = queries
        .iter()
        .map(|q| q.chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect::<String>())
        .filter(|q| !q.trim().is_empty())
        .collect();
    // Questions are long: any of their words may match (OR), as a search box would.
    let mut micros = Vec::new();
    for _ in 0..3 {
        for q in &queries {
            let words: Vec<&str> = q.split_whitespace().collect();
            let req = SearchRequest { query: words.join(" OR "), limit: 10, ..Default::default() };
            let t = Instant::now();
            let page = search_page(&store, &index, &req).unwrap();
            micros.push(t.elapsed().as_micros() as u64);
            std::hint::black_box(page);
        }
    }
    micros.sort_unstable();
    let pct = |p: f64| micros[((micros.len() - 1) as f64 * p).round() as usize] as f64 / 1000.0;
    println!(
        "queries: {} runs of {} real queries (ARCD questions, headlines), top 10 with snippets: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        micros.len(),
        queries.len(),
        pct(0.5),
        pct(0.99),
        pct(1.0)
    );
}

fn read_jsonl_gz(path: &Path) -> Vec<serde_json::Value> {
    let reader = std::io::BufReader::new(flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap()));
    reader.lines().map(|l| serde_json::from_str(&l.unwrap()).unwrap()).collect()
}
