//! Rebuilds `data/lexicon.tsv` from a SaudiNewsNet-format `.jsonl.gz`.
//!
//! `cargo run --release -p marsad-text --example build-lexicon -- [CORPUS] [OUT]`
//! (defaults: the shared SaudiNewsNet sample and the crate's data file).

use std::io::{BufRead, BufReader, Write};

const DEFAULT_CORPUS: &str = "/work/shared/data/saudinewsnet/saudinewsnet_2015-08-01_to_2015-08-11.jsonl.gz";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let corpus = args.next().unwrap_or_else(|| DEFAULT_CORPUS.to_string());
    let out = args.next().unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/data/lexicon.tsv").to_string());
    let file = std::fs::File::open(&corpus).map_err(|e| format!("cannot open news corpus {corpus}: {e}"))?;
    let reader = BufReader::new(flate2::read::GzDecoder::new(file));
    let mut texts = Vec::new();
    for line in reader.lines() {
        let v: serde_json::Value = serde_json::from_str(&line?)?;
        for field in ["title", "content"] {
            if let Some(s) = v.get(field).and_then(|x| x.as_str()) {
                texts.push(s.to_string());
            }
        }
    }
    let counts = marsad_text::lexicon::count_words(texts.iter().map(String::as_str));
    let mut w = std::io::BufWriter::new(std::fs::File::create(&out)?);
    let mut kept = 0usize;
    for (word, count) in &counts {
        if *count >= marsad_text::lexicon::MIN_COUNT {
            writeln!(w, "{word}\t{count}")?;
            kept += 1;
        }
    }
    w.flush()?;
    eprintln!("{kept} of {} forms written to {out}", counts.len());
    Ok(())
}
