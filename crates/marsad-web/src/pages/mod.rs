//! One module per page: its handler, its template struct, the view rows it
//! shows. Rows hold text as plain strings; templates escape them.

pub(crate) mod article;
pub(crate) mod entity;
pub(crate) mod home;
pub(crate) mod search;
pub(crate) mod story;
pub(crate) mod tag;
pub(crate) mod watch;

use marsad_store::entities::ArticleRef;
use marsad_store::{Store, StoredArticle};

use crate::dates::ShownDate;
use crate::links;
use crate::WebError;

/// An article in a list: its headline as a link, date and source.
pub(crate) struct ArticleRow {
    pub url: String,
    pub title: String,
    pub date: Option<ShownDate>,
    pub source: Option<String>,
}

impl ArticleRow {
    pub fn of(stored: &StoredArticle) -> ArticleRow {
        let a = &stored.article;
        ArticleRow {
            url: links::article(&a.id.0),
            title: a.title.clone(),
            date: a.published.as_ref().map(ShownDate::of),
            source: a.source.clone(),
        }
    }
}

impl From<&ArticleRef> for ArticleRow {
    fn from(a: &ArticleRef) -> ArticleRow {
        ArticleRow {
            url: links::article(&a.id),
            title: a.title.clone(),
            date: a.published.as_deref().and_then(ShownDate::parse),
            source: a.source.clone(),
        }
    }
}

/// The rows of the stored articles among `ids`, in their order.
pub(crate) fn rows(store: &Store, ids: &[String]) -> Result<Vec<ArticleRow>, WebError> {
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(stored) = store.article(id)? {
            out.push(ArticleRow::of(&stored));
        }
    }
    Ok(out)
}

/// A value with a count and the link that filters by it.
pub(crate) struct Counted {
    pub label: String,
    pub count: u64,
    pub url: String,
    pub current: bool,
}

/// Page links: previous, next, and a window of numbers around the current.
pub(crate) struct Pagination {
    pub prev: Option<String>,
    pub next: Option<String>,
    /// Page number, its link, whether it is the current one; `None` is a gap.
    pub pages: Vec<Option<(usize, String, bool)>>,
}

impl Pagination {
    /// `None` when everything fits on one page.
    pub fn new(current: usize, total: usize, per_page: usize, url: impl Fn(usize) -> String) -> Option<Pagination> {
        let last = total.div_ceil(per_page).clamp(1, MAX_PAGE);
        if last == 1 {
            return None;
        }
        let current = current.clamp(1, last);
        let mut pages = Vec::new();
        let mut previous = 0;
        for n in 1..=last {
            if n == 1 || n == last || n.abs_diff(current) <= 2 {
                if n > previous + 1 {
                    pages.push(None);
                }
                pages.push(Some((n, url(n), n == current)));
                previous = n;
            }
        }
        Some(Pagination {
            prev: (current > 1).then(|| url(current - 1)),
            next: (current < last).then(|| url(current + 1)),
            pages,
        })
    }
}

/// Deep pages cost the index more than they help a reader; filters narrow better.
pub(crate) const MAX_PAGE: usize = 100;

/// The `page` parameter: a number from 1, or the first page.
pub(crate) fn page_number(raw: Option<&str>) -> Result<usize, WebError> {
    match raw.map(str::trim).filter(|p| !p.is_empty()) {
        None => Ok(1),
        Some(p) => {
            p.parse::<usize>().ok().filter(|n| (1..=MAX_PAGE).contains(n)).ok_or_else(|| {
                WebError::bad_request(format!("رقم الصفحة «{p}» غير صالح: اختر رقماً من 1 إلى {MAX_PAGE}."))
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagination_keeps_ends_and_neighbours() {
        let p = Pagination::new(6, 200, 10, |n| format!("/p{n}")).unwrap();
        let shown: Vec<_> = p.pages.iter().map(|x| x.as_ref().map(|(n, _, _)| *n)).collect();
        assert_eq!(shown, [Some(1), None, Some(4), Some(5), Some(6), Some(7), Some(8), None, Some(20)]);
        assert_eq!(p.prev.as_deref(), Some("/p5"));
        assert!(Pagination::new(1, 7, 10, |n| n.to_string()).is_none());
    }
}
