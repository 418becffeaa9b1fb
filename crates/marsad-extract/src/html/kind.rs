//! Whether a page is an article, and what it is when it is not: a monitor
//! that crawls a site meets home pages, section and tag indexes, product
//! and service pages, forums, video pages and error pages, and should say
//! so instead of storing their teasers as a story.
//!
//! The decision is a logistic model over what the page says about itself
//! (OpenGraph and JSON-LD types, a publication date, the URL's shape) and
//! how its text is laid out (prose in long paragraphs, or short linked
//! teasers). Its weights were fitted on the `tune` half of WCXB's
//! development pages (site-disjoint, `scripts/train-page-kind.py`) and it is
//! measured on the other half by `marsad eval extract`. A page is refused
//! only when the model is confident, so an unusual article is kept: losing
//! an article costs a monitor more than storing a teaser page.

use std::sync::LazyLock;

use regex::Regex;

use super::content::Body;
use super::meta::Meta;
use super::walk::Block;

/// What a page holds, as far as a news monitor cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Article,
    /// A site's front page.
    Home,
    /// A section, tag, author, archive or search index: teasers of articles.
    Index,
    /// A product, shop, pricing or service page.
    Product,
    Forum,
    /// A page whose content is a video, with little text.
    Video,
    /// "Page not found" and other error pages.
    Error,
}

impl PageKind {
    /// How a refusal names the page.
    pub fn describe(self) -> &'static str {
        match self {
            PageKind::Article => "an article",
            PageKind::Home => "a home page",
            PageKind::Index => "a section, tag or archive index",
            PageKind::Product => "a product or service page",
            PageKind::Forum => "a forum or discussion page",
            PageKind::Video => "a video page",
            PageKind::Error => "an error page",
        }
    }
}

/// The model's inputs, by name (the training script reads them in this order).
pub const FEATURES: [&str; 25] = [
    "og_article",
    "og_product",
    "og_website",
    "ld_article",
    "ld_product",
    "ld_forum",
    "ld_collection",
    "ld_video",
    "has_date",
    "url_root",
    "url_depth",
    "url_dated",
    "url_slug",
    "url_index_word",
    "url_product_word",
    "url_forum_word",
    "url_docs_word",
    "body_chars_log",
    "long_paragraph_share",
    "long_paragraphs_log",
    "body_share_of_page",
    "page_link_density",
    "linked_block_share",
    "price_mentions",
    "headings_log",
];

/// What the model reads off a page.
/// `blocks` are the page's blocks as the reading that believes every name
/// sees them.
pub fn features(
    meta: &Meta,
    blocks: &[Block],
    headings: usize,
    body: &Body,
    url: Option<&str>,
    has_date: bool,
) -> [f64; 25] {
    let og = meta.get(&["og:type"]).unwrap_or("").to_ascii_lowercase();
    let ld = |names: &[&str]| f64::from(meta.ld.types.iter().any(|t| names.contains(&t.as_str())));
    let path = url.map(url_path).unwrap_or_default();
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let has_word = |words: &[&str]| {
        f64::from(segments.iter().any(|s| {
            let s = s.to_ascii_lowercase();
            words.iter().any(|w| s == *w || s.split(['-', '_', '.']).any(|p| p == *w))
        }))
    };
    let body_chars: usize = body.paragraphs.iter().map(|p| p.chars().count()).sum();
    let long_chars: usize = body.paragraphs.iter().map(|p| p.chars().count()).filter(|&n| n >= 150).sum();
    let page_chars: usize = blocks.iter().map(|b| b.chars).sum();
    let link_chars: usize = blocks.iter().map(|b| b.link_chars).sum();
    let linked_blocks = blocks.iter().filter(|b| b.link_chars * 2 > b.chars).count();
    let page_text: String = blocks.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n");
    let prices = PRICE.find_iter(&page_text).take(50).count();
    [
        f64::from(og == "article" || og.starts_with("article:") || og == "news"),
        f64::from(og.contains("product")),
        f64::from(og == "website"),
        ld(&[
            "NewsArticle",
            "Article",
            "BlogPosting",
            "ReportageNews",
            "AnalysisNewsArticle",
            "OpinionNewsArticle",
            "LiveBlogPosting",
            "Report",
        ]),
        ld(&["Product", "Offer", "AggregateOffer", "Service", "SoftwareApplication", "IndividualProduct"]),
        ld(&["DiscussionForumPosting", "QAPage", "Question", "Comment"]),
        ld(&["CollectionPage", "ItemList", "SearchResultsPage", "ProfilePage"]),
        ld(&["VideoObject"]),
        f64::from(has_date),
        f64::from(url.is_some() && segments.is_empty()),
        (segments.len() as f64).min(6.0),
        f64::from(DATED_PATH.is_match(&path)),
        f64::from(segments.last().is_some_and(|s| s.matches(['-', '_']).count() >= 3 || s.chars().count() >= 40)),
        has_word(&[
            "tag",
            "tags",
            "category",
            "categories",
            "topic",
            "topics",
            "section",
            "archive",
            "archives",
            "author",
            "search",
            "page",
            "list",
            "collections",
            "collection",
            "blog",
            "news",
            "latest",
        ]),
        has_word(&[
            "product", "products", "shop", "store", "item", "p", "dp", "buy", "pricing", "plans", "services", "service",
        ]),
        has_word(&["forum", "forums", "thread", "threads", "t", "community", "discussion", "discussions", "questions"]),
        has_word(&["docs", "doc", "documentation", "api", "reference", "manual", "guide", "wiki"]),
        ((body_chars + 1) as f64).ln(),
        long_chars as f64 / body_chars.max(1) as f64,
        (body.paragraphs.iter().filter(|p| p.chars().count() >= 150).count() as f64 + 1.0).ln(),
        (body_chars as f64 / page_chars.max(1) as f64).min(1.0),
        link_chars as f64 / page_chars.max(1) as f64,
        linked_blocks as f64 / blocks.len().max(1) as f64,
        (prices as f64 + 1.0).ln(),
        ((headings + 1) as f64).ln(),
    ]
}

/// The path of a URL, without query or fragment.
fn url_path(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    path.split(['?', '#']).next().unwrap_or("").to_owned()
}

static DATED_PATH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"/(19|20)\d{2}/\d{1,2}(/|$)|/(19|20)\d{2}-\d{2}-\d{2}").expect("regex"));
static PRICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[$€£]\s?\d|\d\s?(€|ر\.س|ريال|جنيه|درهم)|add to (cart|bag|basket)|أضف إلى السلة").expect("regex")
});

/// Weights of the logistic model, in [`FEATURES`] order, then the bias;
/// written by `scripts/train-page-kind.py`.
const WEIGHTS: [f64; 26] = [
    1.04011, -2.37696, -0.297709, 2.17707, -2.67209, -1.05109, 0.108963, -0.796332, 0.669338, -1.53806, -0.0587379,
    1.87268, 1.6801, 0.985897, -1.25312, -2.98377, -0.46498, 0.279119, 1.03715, 0.0341289, 1.50858, 1.13138, -1.38869,
    0.0829226, 0.183826, -5.70558,
];

/// Below this probability of being an article a page is refused.
const REFUSE_BELOW: f64 = 0.05;

/// The model's probability that a page with these features is an article.
fn article_probability(x: &[f64; 25]) -> f64 {
    let z: f64 = x.iter().zip(WEIGHTS.iter()).map(|(a, w)| a * w).sum::<f64>() + WEIGHTS[25];
    1.0 / (1.0 + (-z).exp())
}

/// What the page is: an article unless the model is confident it is not,
/// then named by what the page says about itself.
pub fn classify(x: &[f64; 25], title: &str, meta: &Meta) -> PageKind {
    let lowered = format!("{title} {}", meta.title.as_deref().unwrap_or("")).to_lowercase();
    // An error page is short; an article may mention "404" in its title.
    if ERROR_TITLES.iter().any(|t| lowered.contains(t)) && feature(x, "body_chars_log") < 7.0 {
        return PageKind::Error;
    }
    // A bare page (no metadata, no URL) with a headline and paragraphs is
    // an article: refusing takes a sign of what else the page is.
    if article_probability(x) >= REFUSE_BELOW || !shows_other_kind(x) {
        return PageKind::Article;
    }
    other_kind(x)
}

/// Whether the page gives a sign of being something other than an article:
/// a type in its metadata, a word in its URL, prices, or mostly links.
pub fn shows_other_kind(x: &[f64; 25]) -> bool {
    OTHER_KIND_SIGNS.iter().any(|n| feature(x, n) > 0.0)
        || feature(x, "page_link_density") > 0.3
        || feature(x, "linked_block_share") > 0.4
}

/// What a page that is not an article is, by what it says about itself.
pub fn other_kind(x: &[f64; 25]) -> PageKind {
    let has = |name: &str| feature(x, name) > 0.0;
    if has("url_root") {
        PageKind::Home
    } else if has("ld_forum") || has("url_forum_word") {
        PageKind::Forum
    } else if has("og_product") || has("ld_product") || has("url_product_word") || feature(x, "price_mentions") > 1.5 {
        PageKind::Product
    } else if has("ld_video") && feature(x, "body_chars_log") < 6.0 {
        PageKind::Video
    } else {
        PageKind::Index
    }
}

/// Features that say a page is something other than an article.
const OTHER_KIND_SIGNS: &[&str] = &[
    "og_product",
    "og_website",
    "ld_product",
    "ld_forum",
    "ld_collection",
    "ld_video",
    "url_root",
    "url_index_word",
    "url_product_word",
    "url_forum_word",
    "url_docs_word",
    "price_mentions",
];

fn feature(x: &[f64; 25], name: &str) -> f64 {
    FEATURES.iter().position(|f| *f == name).map_or(0.0, |i| x[i])
}

/// Titles of error pages, lower-cased.
const ERROR_TITLES: &[&str] = &[
    "404",
    "page not found",
    "not found",
    "الصفحة غير موجودة",
    "الصفحة المطلوبة غير موجودة",
    "لم يتم العثور على الصفحة",
    "خطأ 404",
];

#[cfg(test)]
mod tests {
    use crate::html::{read_html, HtmlError, PageKind};
    use crate::{Document, ExtractError};

    fn kind_of(html: &str, url: &str) -> PageKind {
        let doc =
            Document { bytes: html.as_bytes(), content_type: Some("text/html"), url: Some(url), fetched_at: None };
        match read_html(&doc) {
            Ok(page) => page.kind,
            // A page with no prose at all is refused before it is read whole.
            Err(ExtractError::Html(HtmlError::NotArticle(kind))) => kind,
            Err(e) => panic!("{e}"),
        }
    }

    const PARAGRAPH: &str = "قال وزير الخارجية في مؤتمر صحفي عقده اليوم في العاصمة إن المحادثات مع الوفد الزائر تناولت سبل تعزيز التعاون الاقتصادي والتجاري بين البلدين، إضافة إلى تطورات الأوضاع في المنطقة.";

    fn teasers(n: usize) -> String {
        (0..n)
            .map(|i| format!("<div class=\"card\"><h3><a href=\"/news/{i}\">عنوان الخبر رقم {i} في قسم الأخبار المحلية</a></h3><a href=\"/news/{i}\">التفاصيل</a></div>"))
            .collect()
    }

    #[test]
    fn a_news_article_is_an_article() {
        let html = format!(
            "<html><head><meta property=\"og:type\" content=\"article\"></head><body><h1>الوزير يستقبل الوفد</h1><div class=\"post\"><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></div></body></html>"
        );
        assert_eq!(kind_of(&html, "https://example.com/2024/05/13/minister-meets-delegation-today"), PageKind::Article);
    }

    #[test]
    fn a_front_page_of_teasers_is_a_home_page() {
        let html = format!(
            "<html><head><meta property=\"og:type\" content=\"website\"></head><body><h1>الموقع</h1>{}</body></html>",
            teasers(30)
        );
        assert_eq!(kind_of(&html, "https://example.com/"), PageKind::Home);
    }

    #[test]
    fn a_tag_index_is_an_index() {
        let html = format!("<html><head><meta property=\"og:type\" content=\"website\"></head><body><h1>وسم: الاقتصاد</h1>{}</body></html>", teasers(30));
        assert_eq!(kind_of(&html, "https://example.com/tag/economy"), PageKind::Index);
    }

    #[test]
    fn an_error_page_says_so() {
        let html = "<html><head><title>الصفحة غير موجودة</title></head><body><h1>الصفحة غير موجودة</h1><p>عذرا، الصفحة التي تبحث عنها غير موجودة أو تم نقلها إلى عنوان آخر.</p></body></html>";
        assert_eq!(kind_of(html, "https://example.com/old/page"), PageKind::Error);
    }
}
