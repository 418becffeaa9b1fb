//! What a page says about itself in machine-readable form: JSON-LD
//! (schema.org NewsArticle and its kin), OpenGraph and other `<meta>` tags,
//! `<link rel="canonical">`, `<html lang>` and `<title>`.

use std::collections::HashMap;
use std::sync::LazyLock;

use scraper::{Html, Selector};
use serde_json::Value;

use super::walk::collapse;

/// The values found, raw (dates are read later by the date parser).
#[derive(Debug, Default)]
pub struct Meta {
    /// `<meta>` values by lower-cased property/name/itemprop, first one wins.
    pub tags: HashMap<String, String>,
    /// Every `article:tag` value (there is one tag per element).
    pub article_tags: Vec<String>,
    pub ld: LdArticle,
    pub canonical: Option<String>,
    pub html_lang: Option<String>,
    pub title: Option<String>,
}

/// The article object of the page's JSON-LD.
#[derive(Debug, Default)]
pub struct LdArticle {
    pub headline: Option<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
    pub author: Option<String>,
    pub section: Option<String>,
    pub keywords: Vec<String>,
    pub publisher: Option<String>,
    pub image: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
    /// The WebSite object's name.
    pub site_name: Option<String>,
    /// `articleBody`: the publisher's own copy of the text, lines kept.
    pub body: Option<String>,
    /// Every `@type` the page's JSON-LD names (what the page says it is).
    pub types: Vec<String>,
}

impl Meta {
    /// The first non-empty value among `keys`.
    pub fn get(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().filter_map(|k| self.tags.get(*k)).map(String::as_str).find(|v| !v.trim().is_empty())
    }
}

struct Selectors {
    meta: Selector,
    canonical: Selector,
    ld: Selector,
    title: Selector,
    html: Selector,
}

static SELECTORS: LazyLock<Selectors> = LazyLock::new(|| {
    let s = |css: &str| Selector::parse(css).expect("selector parses");
    Selectors {
        meta: s("meta"),
        canonical: s("link[rel~=canonical]"),
        ld: s("script[type*=ld]"),
        title: s("title"),
        html: s("html"),
    }
});

const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "ReportageNews",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "Article",
    "BlogPosting",
    "Report",
    "LiveBlogPosting",
];

pub fn read(doc: &Html) -> Meta {
    let sel = &*SELECTORS;
    let mut meta = Meta::default();
    for el in doc.select(&sel.meta) {
        let e = el.value();
        let Some(key) = e.attr("property").or(e.attr("name")).or(e.attr("itemprop")) else { continue };
        let Some(content) = e.attr("content").or(e.attr("datetime")) else { continue };
        let key = key.trim().to_ascii_lowercase();
        let content = collapse(content);
        if key == "article:tag" {
            meta.article_tags.push(content.clone());
        }
        meta.tags.entry(key).or_insert(content);
    }
    meta.canonical = doc.select(&sel.canonical).find_map(|e| e.value().attr("href")).map(|h| h.trim().to_owned());
    meta.html_lang = doc.select(&sel.html).next().and_then(|e| e.value().attr("lang")).map(str::to_owned);
    meta.title = doc.select(&sel.title).next().map(|t| collapse(&t.text().collect::<String>()));
    for script in doc.select(&sel.ld) {
        if script.value().attr("type").is_some_and(|t| t.contains("ld+json")) {
            read_ld(&script.text().collect::<String>(), &mut meta.ld);
        }
    }
    meta
}

fn read_ld(json: &str, out: &mut LdArticle) {
    let value = serde_json::from_str::<Value>(json.trim()).or_else(|_| {
        // Raw line breaks inside strings are the usual fault of hand-made JSON-LD.
        let flat: String = json.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        serde_json::from_str::<Value>(flat.trim())
    });
    let Ok(value) = value else {
        tracing::debug!("unreadable JSON-LD block skipped");
        return;
    };
    let mut objects = Vec::new();
    collect_objects(&value, &mut objects, 0);
    for o in &objects {
        match o.get("@type") {
            Some(Value::String(t)) => out.types.push(t.clone()),
            Some(Value::Array(ts)) => out.types.extend(ts.iter().filter_map(Value::as_str).map(str::to_owned)),
            _ => {}
        }
    }
    if out.site_name.is_none() {
        out.site_name = objects.iter().find(|o| has_type(o, &["WebSite"])).and_then(|o| text(o.get("name")));
    }
    if out.headline.is_some() || out.published.is_some() {
        return;
    }
    let best = ARTICLE_TYPES.iter().find_map(|t| objects.iter().find(|o| has_type(o, &[*t])));
    let Some(a) = best else { return };
    out.headline = text(a.get("headline")).or_else(|| text(a.get("name")));
    out.published = text(a.get("datePublished")).or_else(|| text(a.get("dateCreated")));
    out.modified = text(a.get("dateModified"));
    out.author = names(a.get("author"));
    out.section = first_text(a.get("articleSection"));
    out.keywords = keywords(a.get("keywords"));
    out.publisher = a.get("publisher").and_then(|p| text(p.get("name")));
    out.image = image(a.get("image"));
    out.url = text(a.get("url")).or_else(|| match a.get("mainEntityOfPage") {
        Some(Value::Object(o)) => text(o.get("@id")).or_else(|| text(o.get("url"))),
        other => text(other),
    });
    out.language = text(a.get("inLanguage"));
    out.body = a.get("articleBody").and_then(Value::as_str).map(body_text).filter(|b| !b.is_empty());
}

/// `articleBody` as lines of text: some publishers put HTML in it.
fn body_text(raw: &str) -> String {
    let text = if raw.contains("</") || raw.contains("<br") || raw.contains("<p") {
        let fragment = Html::parse_fragment(raw);
        let mut out = String::new();
        for node in fragment.tree.root().descendants() {
            match node.value() {
                scraper::Node::Text(t) => out.push_str(t),
                scraper::Node::Element(e) if super::classes::is_block(e.name()) || e.name() == "br" => out.push('\n'),
                _ => {}
            }
        }
        out
    } else {
        raw.to_owned()
    };
    text.lines().map(collapse).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

fn collect_objects<'a>(v: &'a Value, out: &mut Vec<&'a serde_json::Map<String, Value>>, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(items) => items.iter().for_each(|i| collect_objects(i, out, depth + 1)),
        Value::Object(o) => {
            out.push(o);
            if let Some(g) = o.get("@graph") {
                collect_objects(g, out, depth + 1);
            }
            if let Some(m) = o.get("mainEntity") {
                collect_objects(m, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn has_type(o: &serde_json::Map<String, Value>, types: &[&str]) -> bool {
    match o.get("@type") {
        Some(Value::String(t)) => types.contains(&t.as_str()),
        Some(Value::Array(ts)) => ts.iter().any(|t| t.as_str().is_some_and(|t| types.contains(&t))),
        _ => false,
    }
}

fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(collapse(s)).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn first_text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::Array(items) => items.iter().find_map(|i| text(Some(i))),
        other => text(Some(other)),
    }
}

fn names(v: Option<&Value>) -> Option<String> {
    let one = |v: &Value| match v {
        Value::Object(o) => text(o.get("name")),
        other => text(Some(other)),
    };
    let names: Vec<String> = match v? {
        Value::Array(items) => items.iter().filter_map(one).collect(),
        other => one(other).into_iter().collect(),
    };
    Some(names.join("، ")).filter(|s| !s.is_empty())
}

fn keywords(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(items)) => items.iter().filter_map(|i| text(Some(i))).collect(),
        Some(Value::String(s)) => split_keywords(s),
        _ => Vec::new(),
    }
}

/// Keyword lists are comma-separated, in Latin or Arabic commas.
pub fn split_keywords(s: &str) -> Vec<String> {
    s.split([',', '،', ';', '؛']).map(collapse).filter(|k| !k.is_empty()).collect()
}

fn image(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::Array(items) => items.iter().find_map(|i| image(Some(i))),
        Value::Object(o) => text(o.get("url")).or_else(|| text(o.get("contentUrl"))),
        other => text(Some(other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_in_a_graph_with_arrays() {
        let html = r#"<html lang="ar"><head><script type="application/ld+json">
        {"@context":"https://schema.org","@graph":[
          {"@type":"WebSite","name":"الوطن"},
          {"@type":["NewsArticle"],"headline":"عنوان الخبر","datePublished":"2024-05-13T06:00:00+03:00",
           "author":[{"@type":"Person","name":"أحمد علي"},{"@type":"Person","name":"سارة محمد"}],
           "articleSection":["سياسة"],"keywords":"مصر، الانتخابات, البرلمان",
           "image":{"@type":"ImageObject","url":"https://example.com/a.jpg"},
           "mainEntityOfPage":{"@id":"https://example.com/news/1"}}]}
        </script></head><body></body></html>"#;
        let m = read(&Html::parse_document(html));
        assert_eq!(m.ld.headline.as_deref(), Some("عنوان الخبر"));
        assert_eq!(m.ld.author.as_deref(), Some("أحمد علي، سارة محمد"));
        assert_eq!(m.ld.section.as_deref(), Some("سياسة"));
        assert_eq!(m.ld.keywords, ["مصر", "الانتخابات", "البرلمان"]);
        assert_eq!(m.ld.image.as_deref(), Some("https://example.com/a.jpg"));
        assert_eq!(m.ld.url.as_deref(), Some("https://example.com/news/1"));
        assert_eq!(m.ld.site_name.as_deref(), Some("الوطن"));
        assert_eq!(m.html_lang.as_deref(), Some("ar"));
    }

    #[test]
    fn broken_json_ld_is_skipped_or_repaired() {
        let html =
            "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"سطر\nثان\"}</script>\
                    <script type=\"application/ld+json\">{not json</script>";
        let m = read(&Html::parse_document(html));
        assert_eq!(m.ld.headline.as_deref(), Some("سطر ثان"));
    }
}
