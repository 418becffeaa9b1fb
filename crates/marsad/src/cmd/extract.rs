use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use crate::render;

pub fn run(path: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let bytes = marsad_ingest::read_page_file(path)?;
    let doc = marsad_extract::Document {
        bytes: &bytes,
        content_type: marsad_ingest::html_by_extension(path),
        ..Default::default()
    };
    let extracted = marsad_extract::extract_document(&doc).with_context(|| path.display().to_string())?;
    if json {
        render::print_json(&super::entities::with_entities(extracted.articles)?)?;
    } else {
        for (i, article) in extracted.articles.iter().enumerate() {
            if i > 0 {
                println!();
            }
            print!("{}", render::article_text(article, None));
        }
    }
    Ok(ExitCode::SUCCESS)
}
