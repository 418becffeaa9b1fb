//! Times each stage of the chain on news text (a profiling aid):
//! `cargo run --release -p marsad-text --example stage-timing -- [CORPUS.jsonl.gz]`

use std::io::{BufRead, BufReader};
use std::time::Instant;

use marsad_text::{is_stopword, tokenize, Stemmer, TokenKind};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/work/shared/data/saudinewsnet/saudinewsnet_2015-08-01_to_2015-08-11.jsonl.gz".to_string());
    let reader = BufReader::new(flate2::read::GzDecoder::new(std::fs::File::open(&path)?));
    let mut text = String::new();
    for line in reader.lines() {
        let v: serde_json::Value = serde_json::from_str(&line?)?;
        text.push_str(v["content"].as_str().unwrap_or(""));
        if text.len() > 8 << 20 {
            break;
        }
    }
    let mb = text.len() as f64 / 1e6;
    let stemmer = Stemmer::default();
    let mut buf = String::new();
    for round in 0..3 {
        let t = Instant::now();
        let n = tokenize(&text).count();
        let t1 = t.elapsed().as_secs_f64();
        let t = Instant::now();
        for tok in tokenize(&text) {
            buf.clear();
            tok.normalized_into(&mut buf);
        }
        let t2 = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let mut stops = 0;
        for tok in tokenize(&text) {
            buf.clear();
            tok.normalized_into(&mut buf);
            stops += usize::from(is_stopword(&buf));
        }
        let t3 = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let mut len = 0;
        for tok in tokenize(&text) {
            buf.clear();
            tok.normalized_into(&mut buf);
            if tok.kind == TokenKind::Word && !is_stopword(&buf) {
                len += stemmer.stem(&buf).len();
            }
        }
        let t4 = t.elapsed().as_secs_f64();
        println!(
            "round {round}: {n} tokens; tokenize {:.0} MB/s, +normalize {:.0}, +stopwords {:.0}, +stem {:.0} ({stops} {len})",
            mb / t1,
            mb / t2,
            mb / t3,
            mb / t4
        );
    }
    let words: Vec<String> = tokenize(&text)
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| t.normalized())
        .filter(|w| !is_stopword(w))
        .collect();
    let distinct: std::collections::HashSet<&String> = words.iter().collect();
    println!("{} distinct", distinct.len());
    for round in 0..3 {
        let t = Instant::now();
        let len: usize = words.iter().map(|w| stemmer.stem(w).len()).sum();
        let ns = t.elapsed().as_nanos() as f64 / words.len() as f64;
        println!("stem only, round {round}: {ns:.0} ns/word over {} words ({len})", words.len());
    }
    Ok(())
}
