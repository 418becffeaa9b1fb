//! The news corpus the benches replay (SaudiNewsNet, see shared/data/SOURCES.md).

use std::io::{BufRead, BufReader};

// Each bench that includes this module reads only some of the fields.
#[allow(dead_code)]
#[derive(serde::Deserialize)]
pub struct News {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub content: String,
    #[serde(default)]
    pub date_extracted: String,
}

pub fn path() -> String {
    std::env::var("MARSAD_NEWS").unwrap_or_else(|_| {
        format!(
            "{}/../../../shared/data/saudinewsnet/saudinewsnet_2015-08-01_to_2015-08-11.jsonl.gz",
            env!("CARGO_MANIFEST_DIR")
        )
    })
}

/// The corpus in crawl order.
pub fn load() -> Vec<News> {
    let path = path();
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{path}: {e} (set MARSAD_NEWS)"));
    let mut out: Vec<News> = BufReader::new(flate2::read::GzDecoder::new(file))
        .lines()
        .map(|l| serde_json::from_str(&l.expect("readable corpus")).expect("corpus line"))
        .collect();
    out.sort_by(|a, b| a.date_extracted.cmp(&b.date_extracted));
    out
}
