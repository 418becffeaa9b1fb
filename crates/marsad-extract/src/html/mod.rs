//! HTML news pages to articles.
//!
//! The path: [`charset`] labels and [`crate::decode::decode_labelled`] give
//! the text; html5ever (through `scraper`) parses it as browsers do; [`meta`]
//! reads JSON-LD, OpenGraph and `<meta>`; [`walk`] makes one pass over the
//! tree, splitting text into blocks and leaving out page furniture
//! ([`classes`]); [`title`] picks the visible headline, [`content`] the
//! element that holds the article's prose and its paragraphs, [`dates`] the
//! publication and modification dates. Every field the page does not give
//! stays empty.

mod charset;
mod choose;
mod classes;
mod content;
mod dates;
mod flatten;
mod kind;
mod meta;
mod title;
mod walk;

/// Tags that start a new block of text (also used to turn other extractors' HTML into lines).
pub use classes::is_block;
pub use kind::{PageKind, FEATURES as KIND_FEATURES};

use content::Profile;
use marsad_core::Article;
use scraper::Html;

use crate::{article_id, decode, detect_lang, Document, ExtractError, Extracted};

/// Larger pages are refused: news pages are well under 2 MB, and this keeps
/// a hostile input's parse time and memory bounded.
pub const MAX_PAGE_BYTES: usize = 16 << 20;

/// A shorter `articleBody` is a summary, not the text.
pub(crate) const MIN_BODY_CHARS: usize = 250;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum HtmlError {
    #[error("no readable text in the HTML page (empty, or drawn by scripts)")]
    NoArticle,
    #[error("not an article page: {}", .0.describe())]
    NotArticle(PageKind),
    #[error("HTML page of {0} bytes is over the {MAX_PAGE_BYTES}-byte limit")]
    TooLarge(usize),
}

/// An HTML page read whatever it holds: its main content as an article,
/// and what kind of page it is.
#[derive(Debug, Clone)]
pub struct HtmlPage {
    pub article: Article,
    pub kind: PageKind,
    /// The page-kind model's inputs, in [`KIND_FEATURES`] order.
    pub features: [f64; 25],
    pub encoding: &'static str,
}

/// The article of an HTML page; a page that holds none is refused, naming
/// what it is.
pub fn extract_html(doc: &Document<'_>) -> Result<Extracted, ExtractError> {
    let page = read_html(doc)?;
    if page.kind != PageKind::Article {
        return Err(HtmlError::NotArticle(page.kind).into());
    }
    Ok(Extracted { articles: vec![page.article], encoding: page.encoding })
}

/// An HTML page's main content and kind, without refusing non-articles
/// (evaluation on benchmarks that score every page type reads this).
pub fn read_html(doc: &Document<'_>) -> Result<HtmlPage, ExtractError> {
    if doc.bytes.len() > MAX_PAGE_BYTES {
        return Err(HtmlError::TooLarge(doc.bytes.len()).into());
    }
    let meta_label = charset::from_meta(doc.bytes);
    let labels: Vec<&str> =
        doc.content_type.and_then(charset::from_content_type).into_iter().chain(meta_label.as_deref()).collect();
    let decoded = decode::decode_labelled(doc.bytes, &labels)?;
    Ok(page_from_html(&decoded.text, decoded.encoding.name(), doc)?)
}

/// An HTML page's text (already decoded) read as [`read_html`] does.
fn page_from_html(text: &str, encoding: &'static str, doc: &Document<'_>) -> Result<HtmlPage, HtmlError> {
    let html = Html::parse_document(&flatten::flatten(text));
    let meta = meta::read(&html);
    let wrappers = walk::wrappers(&html);
    let walked = walk::walk(&html, &wrappers);
    // The reading that believes every name the page gives its elements.
    let named: Vec<walk::Block> = walked.blocks.iter().filter(|b| !b.named_out).cloned().collect();
    let title = title::headline(&walked.headings, &meta);
    // Three readings that fail differently, settled by a vote: the names a
    // page gives its boxes can hide the article ("widget", "footer") or
    // leave furniture in, and a page's paragraphs can sit in one box or in
    // many (see `content::prose_roots` and `content::grow`).
    let strong_prose = content::prose_roots(&html, &walked.blocks);
    let strong_grown = content::grow(&html, &walked.blocks, strong_prose.clone());
    let weak_grown = content::grow(&html, &named, content::prose_roots(&html, &named));
    let same_as_grown = strong_prose == strong_grown;
    let grown_body = content::collect(&html, &walked.blocks, strong_grown, &title, Profile::Article);
    // Most pages give the same roots both ways: collect them once.
    let prose_body = if same_as_grown {
        grown_body.clone()
    } else {
        content::collect(&html, &walked.blocks, strong_prose, &title, Profile::Article)
    };
    // In order of preference on a tie.
    let candidates = [grown_body, prose_body, content::collect(&html, &named, weak_grown, &title, Profile::Article)];
    let body = choose::best(candidates, meta.ld.body.as_deref());
    if body.paragraphs.is_empty() {
        // Text but no prose (teasers, links, labels, comments), or no text.
        if wrappers.visible_chars < MIN_BODY_CHARS {
            return Err(HtmlError::NoArticle);
        }
        let x = kind::features(&meta, &named, walked.headings.len(), &body, doc.url, false);
        return Err(HtmlError::NotArticle(kind::other_kind(&x)));
    }
    let title_order = walked.headings.iter().find(|h| h.text == title).map(|h| h.order);
    let body_start = body.span.map(|s| s.0);
    let url = canonical_url(&meta, doc.url);
    // Short lines between the headline and the body, where an unmarked date
    // line or a byline with a date sits.
    let between = |order: usize| title_order.is_some_and(|t| order > t) && body_start.is_some_and(|b| order < b);
    let mut header_lines: Vec<(usize, &str)> = walked
        .bylines
        .iter()
        .filter(|(o, _)| between(*o))
        .map(|(o, t)| (*o, t.as_str()))
        .chain(named.iter().filter(|b| between(b.order) && b.chars <= 100).map(|b| (b.order, b.text.as_str())))
        .collect();
    header_lines.sort_by_key(|l| l.0);
    let header_lines: Vec<&str> = header_lines.into_iter().map(|l| l.1).collect();
    let dates = dates::dates(
        &meta,
        &walked.stamps,
        &header_lines,
        title_order,
        body.span.map(|s| s.1),
        url.as_deref().or(doc.url),
        doc.fetched_at,
    );
    let after_title = |order: usize| title_order.is_none_or(|t| order > t);
    let features = kind::features(
        &meta,
        &named,
        walked.headings.len(),
        &body,
        doc.url.or(url.as_deref()),
        dates.published.is_some(),
    );
    let kind = kind::classify(&features, &title, &meta);
    let mut body = body;
    if kind != PageKind::Article {
        // Not an article: its main content is its main element's lists and
        // all (what a reader of an index or a product page came for), not
        // the prose the article readings looked for. A stored article never
        // gets this body.
        let main = content::main_element(&html, &walked.blocks);
        let listing = content::collect(&html, &walked.blocks, main, &title, Profile::Listing);
        if !listing.paragraphs.is_empty() {
            body.paragraphs = listing.paragraphs;
        }
    }

    let author = meta
        .ld
        .author
        .clone()
        .or_else(|| {
            meta.get(&["author", "article:author", "dc.creator"]).filter(|a| !a.contains("://")).map(str::to_owned)
        })
        .or_else(|| {
            walked
                .bylines
                .iter()
                .find(|(o, _)| after_title(*o) && body_start.is_none_or(|b| *o < b))
                .map(|(_, t)| byline_name(t))
        })
        .filter(|a| !a.is_empty());
    let section = meta.ld.section.clone().or_else(|| meta.get(&["article:section"]).map(str::to_owned));
    let mut tags = walked
        .tag_lists
        .iter()
        .find(|(o, _)| after_title(*o))
        .map(|(_, t)| t.clone())
        .filter(|t| !t.is_empty())
        .or_else(|| Some(meta.ld.keywords.clone()).filter(|k| !k.is_empty()))
        .or_else(|| Some(meta.article_tags.clone()).filter(|k| !k.is_empty()))
        .or_else(|| meta.get(&["news_keywords", "keywords"]).map(meta::split_keywords).filter(|k| k.len() <= 20))
        .unwrap_or_default();
    dedup(&mut tags);
    let site_name = meta
        .get(&["og:site_name"])
        .map(str::to_owned)
        .or_else(|| meta.ld.publisher.clone())
        .or_else(|| meta.ld.site_name.clone())
        .or_else(|| meta.get(&["application-name"]).map(str::to_owned));
    let image = meta
        .get(&["og:image", "og:image:url", "og:image:secure_url"])
        .map(str::to_owned)
        .or_else(|| meta.ld.image.clone())
        .or_else(|| meta.get(&["twitter:image", "twitter:image:src"]).map(str::to_owned))
        .map(|i| resolve(&i, doc.url));

    let mut read_also = body.read_also;
    let roots: std::collections::HashSet<_> = body.roots.iter().copied().collect();
    for (node, titles) in &walked.read_also_boxes {
        let inside = html.tree.get(*node).is_some_and(|n| n.ancestors().any(|a| roots.contains(&a.id())));
        if inside {
            read_also.extend(titles.iter().cloned());
        }
    }
    dedup(&mut read_also);

    let text = body.paragraphs.join("\n");
    let lang = match detect_lang(&format!("{title}\n{text}")) {
        "und" => meta
            .html_lang
            .as_deref()
            .or(meta.ld.language.as_deref())
            .and_then(|l| l.split(['-', '_']).next())
            .map(str::to_ascii_lowercase)
            .unwrap_or_else(|| "und".into()),
        l => l.to_owned(),
    };
    let article = Article {
        id: article_id(&title, &text),
        title,
        published: dates.published,
        body: text,
        tags,
        read_also,
        lang,
        url,
        author,
        section,
        site_name,
        modified: dates.modified,
        image,
        ..Article::default()
    };
    Ok(HtmlPage { article, kind, features, encoding })
}

/// "كتب أحمد علي" → "أحمد علي".
fn byline_name(text: &str) -> String {
    let t = text.trim();
    for prefix in ["كتبت:", "كتب:", "كتبت ", "كتب ", "بقلم:", "بقلم ", "بواسطة ", "By ", "by "]
    {
        if let Some(rest) = t.strip_prefix(prefix) {
            return rest.trim().to_owned();
        }
    }
    t.to_owned()
}

fn dedup(items: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    items.retain(|t| seen.insert(marsad_text::normalize(t)));
}

fn canonical_url(meta: &meta::Meta, fetched: Option<&str>) -> Option<String> {
    meta.canonical
        .as_deref()
        .or_else(|| meta.get(&["og:url"]))
        .or(meta.ld.url.as_deref())
        .filter(|u| !u.is_empty())
        .map(|u| resolve(u, fetched))
        .or_else(|| fetched.map(str::to_owned))
}

/// A link made absolute against the page's URL when it is relative.
fn resolve(link: &str, base: Option<&str>) -> String {
    let link = link.trim();
    if link.contains("://") {
        return link.to_owned();
    }
    let Some(base) = base else { return link.to_owned() };
    let Some(scheme_end) = base.find("://") else { return link.to_owned() };
    let host_end = base[scheme_end + 3..].find('/').map_or(base.len(), |i| scheme_end + 3 + i);
    if let Some(rest) = link.strip_prefix("//") {
        return format!("{}//{rest}", &base[..scheme_end + 1]);
    }
    if link.starts_with('/') {
        return format!("{}{link}", &base[..host_end]);
    }
    let dir_end = base.rfind('/').filter(|&i| i >= host_end).map_or(host_end, |i| i);
    format!("{}/{link}", &base[..dir_end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_against_the_page() {
        let base = Some("https://www.example.com/news/2024/item.html");
        assert_eq!(resolve("/img/a.jpg", base), "https://www.example.com/img/a.jpg");
        assert_eq!(resolve("//cdn.example.com/a.jpg", base), "https://cdn.example.com/a.jpg");
        assert_eq!(resolve("a.jpg", base), "https://www.example.com/news/2024/a.jpg");
        assert_eq!(resolve("https://x.org/a", base), "https://x.org/a");
        assert_eq!(resolve("/a", None), "/a");
    }
}
