//! What an element's tag, class, id, role and style say about it: page
//! furniture to leave out of the article's text, or a place that holds the
//! article's dates, byline or tags.
//!
//! Class and id values are split into words ("NewShareBtn" → new, share,
//! btn; "related-posts" → related, posts) and matched word by word, so that
//! "selectionShareable" (a paragraph class on Youm7) is not taken for a share
//! bar; a few compound words that sites glue together ("imgcontainer",
//! "mostread") are matched inside words.

use scraper::node::Element;

/// How the walk treats an element and everything inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Ordinary markup.
    Plain,
    /// Never the article: navigation, comments, related and most-read lists,
    /// share bars, ads, cookie banners, scripts, forms, hidden elements.
    Furniture,
    /// The article's own apparatus, kept out of the body but read for
    /// metadata: header, byline, date line, caption, figure, tag list.
    Apparatus(Apparatus),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Apparatus {
    Header,
    Byline,
    Date,
    Tags,
    Media,
}

/// Elements whose text is never shown as prose.
const INVISIBLE_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "button", "select", "textarea", "iframe", "svg", "object", "embed",
    "canvas", "input", "head", "title", "math",
];

/// Layout elements that hold navigation and furniture, except on pages that
/// wrap everything in one (ASP.NET pages put the whole page in a `<form>`).
const FURNITURE_TAGS: &[&str] = &["nav", "footer"];
/// Layout elements that some pages also use around the article.
const WEAK_FURNITURE_TAGS: &[&str] = &["aside", "form", "dialog", "frameset", "frame"];

const MEDIA_TAGS: &[&str] = &["figure", "figcaption", "picture", "video", "audio", "map"];

/// Words that mark furniture wherever they appear.
const FURNITURE_WORDS: &[&str] = &[
    "comment",
    "comments",
    "disqus",
    "related",
    "relatedposts",
    "share",
    "sharing",
    "sharer",
    "shares",
    "social",
    "socials",
    "taboola",
    "outbrain",
    "trc",
    "ad",
    "ads",
    "adv",
    "advert",
    "adverts",
    "advertisement",
    "adsbygoogle",
    "dfp",
    "gpt",
    "sponsor",
    "sponsored",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "newsletter",
    "subscribe",
    "subscription",
    "breadcrumb",
    "breadcrumbs",
    "breadcumb",
    "mostread",
    "trending",
    "recommended",
    "recommendations",
    "recirculation",
    "login",
    "signup",
    "readalso",
    "readmore",
    "ticker",
    "marquee",
];

/// Words that mark furniture unless the same element also says it is the
/// article ("main-content-sidebar-left" holds the article on some sites);
/// page builders also use them for the article's own boxes (Elementor's
/// "widget", a "page-footer" holding the text), so they are only believed
/// as much as [`Basis::Weak`] says.
const WEAK_FURNITURE_WORDS: &[&str] = &[
    "popular",
    "promo",
    "pagination",
    "pager",
    "toolbar",
    "print",
    "rating",
    "also",
    "more",
    "next",
    "prev",
    "previous",
    "breaking",
    "tabs",
    "tab",
    "sidebar",
    "side",
    "widget",
    "widgets",
    "menu",
    "navbar",
    "nav",
    "header",
    "footer",
    "banner",
    "popup",
    "modal",
    "overlay",
    "list",
    "links",
    "slider",
    "carousel",
];

const ARTICLE_WORDS: &[&str] = &[
    "article",
    "content",
    "body",
    "story",
    "entry",
    "post",
    "main",
    "text",
    "detail",
    "details",
    "news",
    "articlebody",
    "maincontent",
    "story-body",
];

/// Compound words matched inside a longer word.
const FURNITURE_PARTS: &[&str] = &[
    "mostread",
    "most-read",
    "most_read",
    "readalso",
    "read-also",
    "read_also",
    "relatedpost",
    "related-",
    "taboola",
    "outbrain",
    "comment",
    "newsletter",
    "cookie",
    "breadcrumb",
    "advert",
    "sponsor",
];
const BYLINE_PARTS: &[&str] = &["byline", "author", "writeby", "writer", "reporter", "kateb"];
const DATE_PARTS: &[&str] = &["date", "tmstmp", "timestamp"];
const DATE_WORDS: &[&str] = &["time", "publish", "published", "posted", "pubtime", "datetime"];
/// An image's caption or credit is never the article's text.
const CAPTION_PARTS: &[&str] = &["caption", "credit"];
const MEDIA_PARTS: &[&str] = &["imgcont", "img-cont", "image", "photo", "gallery", "video", "media", "thumb"];
const TAGS_WORDS: &[&str] = &["tags", "tag", "keywords", "keyword", "topics", "labels"];

/// The words of a class or id value, lower-cased, split at non-letters and
/// at lower→upper case changes.
pub fn words(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in value.chars() {
        if !c.is_ascii_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        cur.push(c.to_ascii_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// What a role was read from, most certain first: markup that never lies
/// (an invisible tag, a hidden element); names that mean one thing wherever
/// they are (nav, "comments", "taboola", a figure); and names that pages
/// also give the article's own boxes ("widget", "footer", "next", a byline
/// class). A page can put any name on an element that wraps everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Basis {
    Certain,
    Strong,
    Weak,
}

/// The role of `el` in the page and what it was read from.
pub fn role(el: &Element) -> (Role, Basis) {
    if invisible(el) {
        return (Role::Furniture, Basis::Certain);
    }
    named_role(el)
}

/// Never shown: a script, a style, a hidden element.
pub fn invisible(el: &Element) -> bool {
    INVISIBLE_TAGS.contains(&el.name()) || hidden(el)
}

fn named_role(el: &Element) -> (Role, Basis) {
    let tag = el.name();
    if FURNITURE_TAGS.contains(&tag) {
        return (Role::Furniture, Basis::Strong);
    }
    if WEAK_FURNITURE_TAGS.contains(&tag) {
        return (Role::Furniture, Basis::Weak);
    }
    if let Some(r) = el.attr("role") {
        if matches!(r, "navigation" | "banner" | "contentinfo" | "search" | "menu") {
            return (Role::Furniture, Basis::Strong);
        }
        if matches!(r, "complementary" | "dialog" | "alert") {
            return (Role::Furniture, Basis::Weak);
        }
    }
    if MEDIA_TAGS.contains(&tag) {
        return (Role::Apparatus(Apparatus::Media), Basis::Strong);
    }
    if tag == "header" {
        return (Role::Apparatus(Apparatus::Header), Basis::Weak);
    }
    class_role(el)
}

/// The role that class and id words give.
fn class_role(el: &Element) -> (Role, Basis) {
    let class = el.attr("class").unwrap_or("");
    let id = el.attr("id").unwrap_or("");
    if class.is_empty() && id.is_empty() {
        return (Role::Plain, Basis::Weak);
    }
    if el.attr("itemprop").is_some_and(|p| p.eq_ignore_ascii_case("articleBody")) {
        return (Role::Plain, Basis::Strong);
    }
    let raw = format!("{class} {id}").to_ascii_lowercase();
    let words = words(class).into_iter().chain(words(id)).collect::<Vec<_>>();
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    let part = |list: &[&str]| list.iter().any(|p| raw.contains(p));
    if has(FURNITURE_WORDS) || part(FURNITURE_PARTS) {
        return (Role::Furniture, Basis::Strong);
    }
    let article = has(ARTICLE_WORDS);
    if has(WEAK_FURNITURE_WORDS) && !article {
        return (Role::Furniture, Basis::Weak);
    }
    if part(BYLINE_PARTS) {
        return (Role::Apparatus(Apparatus::Byline), Basis::Weak);
    }
    if has(TAGS_WORDS) {
        return (Role::Apparatus(Apparatus::Tags), Basis::Weak);
    }
    if part(CAPTION_PARTS) {
        return (Role::Apparatus(Apparatus::Media), Basis::Strong);
    }
    if part(MEDIA_PARTS) && !article {
        return (Role::Apparatus(Apparatus::Media), Basis::Weak);
    }
    if part(DATE_PARTS) || has(DATE_WORDS) {
        return (Role::Apparatus(Apparatus::Date), Basis::Weak);
    }
    (Role::Plain, Basis::Weak)
}

fn hidden(el: &Element) -> bool {
    // React's streaming render sends finished parts as `<div hidden
    // id="S:0">` that a script moves into place: what a reader sees.
    let streamed =
        el.attr("id").is_some_and(|id| id.strip_prefix("S:").is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit())));
    if (el.attr("hidden").is_some() && !streamed) || el.attr("aria-hidden").is_some_and(|v| v == "true") {
        return true;
    }
    el.attr("style").is_some_and(|s| {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// Tags that start a new block of text.
pub fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dd"
            | "dt"
            | "blockquote"
            | "pre"
            | "table"
            | "tbody"
            | "thead"
            | "tr"
            | "td"
            | "th"
            | "body"
            | "html"
            | "address"
            | "center"
            | "hr"
            | "header"
            | "figure"
            | "fieldset"
    )
}

/// Blocks that are one paragraph: their text belongs to the element around them.
pub fn is_paragraph(tag: &str) -> bool {
    matches!(tag, "p" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "blockquote" | "pre" | "dd" | "dt")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_words() {
        assert_eq!(words("NewShareBtn"), ["new", "share", "btn"]);
        assert_eq!(words("selectionShareable"), ["selection", "shareable"]);
        assert_eq!(words("related-posts  col-xs-8"), ["related", "posts", "col", "xs", "8"]);
    }

    fn role_of(html: &str) -> Role {
        let doc = scraper::Html::parse_fragment(html);
        let el = doc.root_element().child_elements().next().unwrap();
        role(el.value()).0
    }

    #[test]
    fn roles() {
        assert_eq!(role_of(r#"<p class="selectionShareable">x</p>"#), Role::Plain);
        assert_eq!(role_of(r#"<div class="NEwShare_Icons">x</div>"#), Role::Furniture);
        assert_eq!(role_of(r#"<div id="commentsList">x</div>"#), Role::Furniture);
        assert_eq!(role_of(r#"<div class="main-content sidebar-left">x</div>"#), Role::Plain);
        assert_eq!(role_of(r#"<div class="sidebar">x</div>"#), Role::Furniture);
        assert_eq!(role_of(r#"<span class="writeBy">x</span>"#), Role::Apparatus(Apparatus::Byline));
        assert_eq!(role_of(r#"<span class="newsStoryDate">x</span>"#), Role::Apparatus(Apparatus::Date));
        assert_eq!(role_of(r#"<div class="imgcontainer">x</div>"#), Role::Apparatus(Apparatus::Media));
        assert_eq!(role_of(r#"<div style="display: none">x</div>"#), Role::Furniture);
        assert_eq!(role_of(r#"<div hidden>x</div>"#), Role::Furniture);
        assert_eq!(role_of(r#"<div hidden id="S:0">x</div>"#), Role::Plain, "React's streamed part is shown");
        assert_eq!(role_of(r#"<div id="articleBody">x</div>"#), Role::Plain);
    }
}
