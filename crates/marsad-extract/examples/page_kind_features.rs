//! Prints the page-kind model's inputs for every page of a WCXB-layout
//! directory (`html/NNNN.html.gz`, `ground-truth/NNNN.json`), one JSON line
//! each, for `scripts/train-page-kind.py`:
//! `cargo run --release -p marsad-extract --example page_kind_features -- ../shared/data/wcxb_dev`.

use std::io::{Read, Write};
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).ok_or("usage: page_kind_features WCXB_DIR")?;
    let dir = Path::new(&dir);
    let mut ids: Vec<String> = std::fs::read_dir(dir.join("ground-truth"))?
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str().and_then(|n| n.strip_suffix(".json")).map(str::to_owned))
        .collect();
    ids.sort();
    let out = std::io::stdout();
    let mut out = out.lock();
    for id in ids {
        let gold: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join(format!("ground-truth/{id}.json")))?)?;
        let url = gold["url"].as_str();
        let kind = gold["_internal"]["page_type"]["primary"].as_str().unwrap_or("");
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(dir.join(format!("html/{id}.html.gz")))?)
            .read_to_end(&mut bytes)?;
        let doc = marsad_extract::Document { bytes: &bytes, content_type: Some("text/html"), url, fetched_at: None };
        let line = match marsad_extract::html::read_html(&doc) {
            Ok(page) => serde_json::json!({"id": id, "url": url, "type": kind, "features": page.features.to_vec()}),
            Err(e) => serde_json::json!({"id": id, "url": url, "type": kind, "error": e.to_string()}),
        };
        writeln!(out, "{line}")?;
    }
    Ok(())
}
