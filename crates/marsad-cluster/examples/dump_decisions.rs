//! Every decision of the engine over the news corpus in crawl order, one
//! line per article: `key day duplicate(original, matched) story score`.
//! Two engines' dumps compared with `cmp` show whether a change moves any
//! decision (docs/clustering.md, "Windows").
//!
//! `cargo run --release -p marsad-cluster --example dump_decisions -- OUT`
//! (MARSAD_NEWS: the corpus, as for the benches; N: only the first N articles).

#[path = "../benches/corpus.rs"]
mod corpus;

use std::io::Write;

use chrono::NaiveDate;
use marsad_cluster::{day_number, Clusterer, Doc, Params};

fn main() -> std::io::Result<()> {
    let out = std::env::args().nth(1).expect("usage: dump_decisions OUT");
    let corpus = corpus::load();
    let n: usize = std::env::var("N").ok().and_then(|v| v.parse().ok()).unwrap_or(corpus.len());
    let mut engine = Clusterer::new(Params::default());
    let mut out = std::io::BufWriter::new(std::fs::File::create(out)?);
    for (i, a) in corpus.iter().take(n).enumerate() {
        let day = a.date_extracted.get(..10).and_then(|d| d.parse::<NaiveDate>().ok()).map_or(0, day_number);
        let key = i as i64 + 1;
        let (x, _) = engine.add(Doc { key, day, title: &a.title, body: &a.content, entities: &[] });
        let duplicate = x.duplicate.map(|d| (d.original, d.matched));
        writeln!(out, "{key} {day} {duplicate:?} {} {:.6}", x.story.story, x.story.score)?;
    }
    out.flush()
}
