//! How the CLI prints articles: readable text or JSON.

use std::fmt::Write;
use std::io::Write as _;

use marsad_core::Article;

pub fn print_json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

/// An article as a block of text: headline, metadata fields that the page
/// gave, then the body.
pub fn article_text(a: &Article, file: Option<&str>) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{}", a.title);
    let mut field = |name: &str, value: Option<String>| {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            let _ = writeln!(s, "  {name:<10} {v}");
        }
    };
    field("id", Some(a.id.to_string()));
    field("published", a.published.map(|d| d.to_string()));
    field("dateline", a.dateline.clone());
    field("credit", a.credit.clone());
    field("source", a.source.clone());
    field("modified", a.modified.map(|d| d.to_string()));
    field("author", a.author.clone());
    field("section", a.section.clone());
    field("site", a.site_name.clone());
    field("url", a.url.clone());
    field("image", a.image.clone());
    field("tags", Some(a.tags.join(" · ")));
    field("read also", Some(a.read_also.join(" · ")));
    field("lang", Some(a.lang.clone()));
    field("file", file.map(str::to_owned));
    let _ = writeln!(s);
    for p in a.paragraphs() {
        let _ = writeln!(s, "{p}");
    }
    s
}
