//! Story clustering (with duplicate detection) as the store grows: the
//! corpus replayed with its days shifted by whole corpus spans until the
//! target size, timing the engine per article. Near-linear means the time
//! per article stays flat: the windows bound the work, not the history.
//!
//! `cargo bench -p marsad-cluster --bench scale`
//! (MARSAD_SCALE_SIZES, default "10000,100000,1000000"; comma-separated).

mod corpus;

use std::time::Instant;

use chrono::NaiveDate;
use marsad_cluster::{day_number, Clusterer, Doc, Params};

fn main() {
    let sizes: Vec<usize> = std::env::var("MARSAD_SCALE_SIZES")
        .unwrap_or_else(|_| "10000,100000,1000000".to_owned())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let corpus = corpus::load();
    let days: Vec<i32> = corpus
        .iter()
        .map(|a| a.date_extracted.get(..10).and_then(|d| d.parse::<NaiveDate>().ok()).map_or(0, day_number))
        .collect();
    let first = *days.iter().min().unwrap_or(&0);
    let span = days.iter().max().unwrap_or(&0) - first + 1;
    let largest = sizes.iter().copied().max().unwrap_or(0);
    println!(
        "story clustering + dedup, corpus of {} articles over {span} days replayed with shifted days",
        corpus.len()
    );
    println!(
        "{:>10} {:>12} {:>14} {:>16} {:>14}",
        "articles", "seconds", "µs/article", "µs/article (last 10k)", "window (dups, stories)"
    );
    let mut engine = Clusterer::new(Params::default());
    let start = Instant::now();
    let mut last_mark = Instant::now();
    let mut next = sizes.iter().copied().filter(|&s| s > 0).collect::<Vec<_>>();
    next.sort_unstable();
    next.reverse();
    for i in 0..largest {
        let a = &corpus[i % corpus.len()];
        let round = (i / corpus.len()) as i32;
        let day = days[i % corpus.len()] + round * span;
        if i == 0 || next.last() == Some(&(i + 10_000)) {
            last_mark = Instant::now();
        }
        engine.add(Doc { key: i as i64 + 1, day, title: &a.title, body: &a.content, entities: &[] });
        if next.last() == Some(&(i + 1)) {
            next.pop();
            let total = start.elapsed().as_secs_f64();
            let recent = last_mark.elapsed().as_secs_f64();
            let (dups, stories) = engine.window_sizes();
            println!(
                "{:>10} {:>12.1} {:>14.1} {:>16.1} {:>14}",
                i + 1,
                total,
                total * 1e6 / (i + 1) as f64,
                recent * 1e6 / 10_000f64.min((i + 1) as f64),
                format!("{dups}, {stories}")
            );
        }
    }
}
