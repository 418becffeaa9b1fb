//! Temporary: dumps every decision over the whole corpus in crawl order.
#[path = "../benches/corpus.rs"]
mod corpus;
use chrono::NaiveDate;
use marsad_cluster::{day_number, Clusterer, Doc, Params};
use std::io::Write;
fn main() {
    let corpus = corpus::load();
    let mut c = Clusterer::new(Params::default());
    let out = std::fs::File::create(std::env::args().nth(1).unwrap()).unwrap();
    let mut out = std::io::BufWriter::new(out);
    let n: usize = std::env::var("N").ok().and_then(|v| v.parse().ok()).unwrap_or(corpus.len());
    for (i, a) in corpus.iter().take(n).enumerate() {
        let day = a.date_extracted.get(..10).and_then(|d| d.parse::<NaiveDate>().ok()).map_or(0, day_number);
        let (x, _) = c.add(Doc { key: i as i64 + 1, day, title: &a.title, body: &a.content, entities: &[] });
        writeln!(
            out,
            "{} {} {:?} {} {:.6}",
            i + 1,
            day,
            x.duplicate.map(|d| (d.original, d.matched)),
            x.story.story,
            x.story.score
        )
        .unwrap();
    }
}
