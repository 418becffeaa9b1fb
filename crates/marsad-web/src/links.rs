//! The UI's own URLs. Page text only ever enters a URL percent-encoded
//! behind one of these fixed paths, so a tag like `javascript:alert(1)` is
//! a harmless `/tags/javascript%3Aalert%281%29`.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but unreserved characters is encoded in a path segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

pub(crate) fn article(id: &str) -> String {
    format!("/articles/{}", utf8_percent_encode(id, SEGMENT))
}

/// A tag's page. `.` and `..` cannot be a path segment: browsers resolve
/// them away even percent-encoded (`%2E%2E` is `..` to the URL standard), so
/// `/tags/..` would be `/`. Those two go in the query instead.
pub(crate) fn tag(tag: &str) -> String {
    if matches!(tag, "." | "..") {
        search_like("/tags", &[("tag", tag)])
    } else {
        format!("/tags/{}", utf8_percent_encode(tag, SEGMENT))
    }
}

/// Page `page` of a tag's articles.
pub(crate) fn tag_page(name: &str, page: usize) -> String {
    let base = tag(name);
    match page {
        1 => base,
        n if base.contains('?') => format!("{base}&page={n}"),
        n => format!("{base}?page={n}"),
    }
}

pub(crate) fn entity(id: &str) -> String {
    format!("/entities/{}", utf8_percent_encode(id, SEGMENT))
}

pub(crate) fn story(id: i64) -> String {
    format!("/stories/{id}")
}

/// `/search` with the given parameters; empty values are left out so the
/// URL stays short enough to share.
pub(crate) fn search(params: &[(&str, &str)]) -> String {
    search_like("/search", params)
}

fn search_like(path: &str, params: &[(&str, &str)]) -> String {
    let kept: Vec<_> = params.iter().filter(|(_, v)| !v.is_empty()).collect();
    if kept.is_empty() {
        return path.to_owned();
    }
    format!("{path}?{}", serde_urlencoded::to_string(kept).expect("string pairs always encode"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_text_stays_inside_the_path() {
        assert_eq!(
            tag("كوريا الشمالية"),
            "/tags/%D9%83%D9%88%D8%B1%D9%8A%D8%A7%20%D8%A7%D9%84%D8%B4%D9%85%D8%A7%D9%84%D9%8A%D8%A9"
        );
        assert_eq!(tag("javascript:alert(1)"), "/tags/javascript%3Aalert%281%29");
        assert_eq!(tag("../../api"), "/tags/..%2F..%2Fapi");
        assert_eq!(tag(".."), "/tags?tag=..");
        assert_eq!(tag("."), "/tags?tag=.");
        assert_eq!(tag("..."), "/tags/...");
        assert_eq!(tag("a/b"), "/tags/a%2Fb");
        assert_eq!(tag_page("..", 2), "/tags?tag=..&page=2");
        assert_eq!(tag_page("x", 2), "/tags/x?page=2");
        assert_eq!(tag_page("x", 1), "/tags/x");
        assert_eq!(entity("north-korea"), "/entities/north-korea");
        assert_eq!(entity("a/b?c"), "/entities/a%2Fb%3Fc");
        assert_eq!(
            search(&[("q", "بوتين & كيم"), ("tag", ""), ("page", "2")]),
            "/search?q=%D8%A8%D9%88%D8%AA%D9%8A%D9%86+%26+%D9%83%D9%8A%D9%85&page=2"
        );
        assert_eq!(search(&[("q", "")]), "/search");
    }
}
