//! Story clustering (with duplicate detection) as the store grows: the
//! corpus replayed with its days shifted by whole corpus spans until the
//! target size, timing the engine per article. Near-linear means the time
//! per article stays flat: the windows bound the work, not the history.
//! The live heap and the articles held show that memory is bounded too,
//! also when the replay runs newest first or in random date order (an
//! archive backfill).
//!
//! `cargo bench -p marsad-cluster --bench scale`
//! (MARSAD_SCALE_SIZES, default "10000,100000,1000000"; comma-separated;
//! MARSAD_SCALE_ORDER: "crawl" (default), "descending" or "shuffled").

mod corpus;

use std::time::Instant;

use chrono::NaiveDate;
use marsad_cluster::dedup::Deduper;
use marsad_cluster::story::{term_counts, weigh, StoryClusterer, Vectors, Vocabulary};
use marsad_cluster::{day_number, Clusterer, Doc, Params};

#[path = "common/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::live;

/// A fixed-seed permutation (xorshift Fisher–Yates): a bench needs no more.
fn shuffle<T>(items: &mut [T]) {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    for i in (1..items.len()).rev() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        items.swap(i, (x % (i as u64 + 1)) as usize);
    }
}

fn main() {
    let sizes: Vec<usize> = std::env::var("MARSAD_SCALE_SIZES")
        .unwrap_or_else(|_| "10000,100000,1000000".to_owned())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let order = std::env::var("MARSAD_SCALE_ORDER").unwrap_or_else(|_| "crawl".to_owned());
    let corpus = corpus::load();
    let days: Vec<i32> = corpus
        .iter()
        .map(|a| a.date_extracted.get(..10).and_then(|d| d.parse::<NaiveDate>().ok()).map_or(0, day_number))
        .collect();
    let first = *days.iter().min().unwrap_or(&0);
    let span = days.iter().max().unwrap_or(&0) - first + 1;
    let largest = sizes.iter().copied().max().unwrap_or(0);
    // (corpus index, day) of every replayed article, in arrival order.
    let mut replay: Vec<(usize, i32)> =
        (0..largest).map(|i| (i % corpus.len(), days[i % corpus.len()] + (i / corpus.len()) as i32 * span)).collect();
    match order.as_str() {
        "descending" => replay.reverse(),
        "shuffled" => shuffle(&mut replay),
        _ => {}
    }
    println!(
        "story clustering + dedup, corpus of {} articles over {span} days replayed with shifted days, {order} order",
        corpus.len()
    );
    println!(
        "{:>10} {:>12} {:>14} {:>16} {:>14} {:>10}",
        "articles", "seconds", "µs/article", "µs/article (last 10k)", "held (dups, stories)", "heap MB"
    );
    let heap_before = live();
    let mut engine = Clusterer::new(Params::default());
    let start = Instant::now();
    let mut last_mark = Instant::now();
    let mut next = sizes.iter().copied().filter(|&s| s > 0).collect::<Vec<_>>();
    next.sort_unstable();
    next.reverse();
    for (i, &(at, day)) in replay.iter().enumerate() {
        let a = &corpus[at];
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
                "{:>10} {:>12.1} {:>14.1} {:>16.1} {:>14} {:>10.0}",
                i + 1,
                total,
                total * 1e6 / (i + 1) as f64,
                recent * 1e6 / 10_000f64.min((i + 1) as f64),
                format!("{dups}, {stories}"),
                (live() - heap_before) as f64 / 1e6,
            );
        }
    }
    drop(engine);
    held_article_memory(&corpus);
}

/// Heap per held article of each window, over the first 10,000 corpus
/// articles held at once (the vocabulary is built before measuring: it
/// grows with the words seen, not with the articles held).
fn held_article_memory(corpus: &[corpus::News]) {
    let params = Params::default();
    let docs: Vec<Doc<'_>> = corpus
        .iter()
        .take(10_000)
        .enumerate()
        .map(|(i, a)| Doc { key: i as i64, day: 0, title: &a.title, body: &a.content, entities: &[] })
        .collect();
    let mut dedup = Deduper::new(params.dedup.clone(), params.hold.clone());
    let before = live();
    for d in &docs {
        let fp = dedup.fingerprint(d.body);
        dedup.insert(d.key, d.day, d.key, fp);
    }
    let dedup_bytes = (live() - before) as f64 / docs.len() as f64;

    let mut vocab = Vocabulary::default();
    let counts: Vec<_> = docs.iter().map(|d| term_counts(&mut vocab, &params.story, d)).collect();
    for c in &counts {
        vocab.add_document(c.all.keys().copied());
    }
    let mut stories = StoryClusterer::new(params.story.clone(), params.hold.clone());
    let before = live();
    for (d, c) in docs.iter().zip(&counts) {
        let v = Vectors {
            all: weigh(&vocab, &c.all, 1.0),
            title: weigh(&vocab, &c.title, 1.0),
            entities: c.entities.clone(),
            places: c.places.clone(),
        };
        // Each article its own story: the most a story costs per article.
        stories.add(d.key, d.key, d.day, v);
    }
    let story_bytes = (live() - before) as f64 / docs.len() as f64;
    drop(counts);
    println!(
        "heap per held article ({} articles held): duplicates {dedup_bytes:.0} B, stories {story_bytes:.0} B",
        docs.len()
    );
}
