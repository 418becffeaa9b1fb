//! Prints the entities and automatic tags of the first N SaudiNewsNet
//! articles (title and content), one line each, so that a change to the resolver can be
//! checked for identical output on normal news.
//!
//! `cargo run --release -p marsad-entities --example dump_snn -- FILE.jsonl.gz [N]`

use std::io::{BufRead, BufReader, Write};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.first().ok_or_else(|| anyhow::anyhow!("usage: dump_snn FILE.jsonl.gz [N]"))?;
    let limit: usize = args.get(1).map_or(Ok(500), |n| n.parse())?;
    let reader = BufReader::new(flate2::read::GzDecoder::new(std::fs::File::open(path)?));
    let resolver = marsad_entities::Resolver::shipped()?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in reader.lines().take(limit) {
        let v: serde_json::Value = serde_json::from_str(&line?)?;
        let title = v["title"].as_str().unwrap_or_default();
        let body = v["content"].as_str().unwrap_or_default();
        let found = resolver.resolve(title, body);
        let tags = marsad_entities::auto_tags(&found, title, body);
        let id = v["id"].as_str().unwrap_or_default();
        writeln!(out, "{id}\t{}\t{}", serde_json::to_string(&found)?, serde_json::to_string(&tags)?)?;
    }
    Ok(())
}
