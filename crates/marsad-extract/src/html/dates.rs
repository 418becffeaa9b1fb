//! Publication and modification dates, from what the page says in order of
//! trust: JSON-LD and `<meta>` give an exact stamp, the visible date line
//! gives the day readers see. They usually agree; where they disagree by a
//! day (a UTC stamp of a local evening story) the visible day wins, since
//! it is the local date the page shows. A short unmarked line between the
//! headline and the body ("By Ann Lee | May 13, 2024") comes next, and the
//! URL's /2024/5/13/ is the last resort. Nothing is taken from article text
//! or from other stories' lists, and no date past the fetch is believed.

use std::sync::LazyLock;

use chrono::{DateTime, Datelike, Days, FixedOffset, NaiveDate};
use marsad_core::PubDate;
use regex::Regex;

use super::meta::Meta;
use super::walk::Stamp;
use crate::date::{find_date_at, parse_date};
use crate::labels::UPDATED;

const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "article.published",
    "published_time",
    "og:published_time",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.created",
    "dc.date",
    "date",
];

const MODIFIED_KEYS: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "last-modified",
    "dc.date.modified",
    "dcterms.modified",
];

#[derive(Debug, Default, PartialEq)]
pub struct Dates {
    pub published: Option<PubDate>,
    pub modified: Option<PubDate>,
}

/// `stamps` are the page's visible date elements in document order;
/// `after` is the document order of the headline (stamps before it belong
/// to the site's header: today's date, a ticker).
/// `header_lines` are short lines of text between the headline and the
/// body (bylines, unmarked date lines such as "By Ann Lee | May 13, 2024"),
/// read when no stamp or metadata gives a date.
pub fn dates(
    meta: &Meta,
    stamps: &[Stamp],
    header_lines: &[&str],
    after: Option<usize>,
    body_end: Option<usize>,
    url: Option<&str>,
    fetched_at: Option<DateTime<FixedOffset>>,
) -> Dates {
    // A date past the fetch (or, unknown, past tomorrow) is a mistake, an
    // event's date or a countdown, not when the page was published.
    let latest = fetched_at.map_or_else(|| chrono::Utc::now().date_naive(), |f| f.date_naive()) + Days::new(1);
    let plausible = |d: &PubDate| d.day() <= latest && d.day().year() >= EARLIEST_YEAR;
    let machine = |v: Option<&str>| v.and_then(parse_date).filter(plausible);
    let meta_published = machine(meta.ld.published.as_deref()).or_else(|| machine(meta.get(PUBLISHED_KEYS)));
    let meta_modified = machine(meta.ld.modified.as_deref()).or_else(|| machine(meta.get(MODIFIED_KEYS)));

    let mut found = visible(stamps, after, body_end, fetched_at);
    if found.0.is_none() && meta_published.is_none() && after.is_some() {
        // Some sites print the date line above the headline.
        found = visible(stamps, None, body_end, fetched_at);
    }
    let (shown, shown_modified) = (found.0.filter(plausible), found.1.filter(plausible));
    let header = || {
        header_lines.iter().find_map(|line| {
            let norm = marsad_text::normalize(line);
            if UPDATED.iter().any(|l| norm.starts_with(l)) {
                return None;
            }
            find_date_at(&norm, fetched_at).map(|m| m.date).filter(plausible)
        })
    };

    let published = match (meta_published, shown) {
        (Some(m), Some(v)) => Some(reconcile(m, v)),
        (m, v) => m.or(v).or_else(header).or_else(|| url.and_then(url_date).filter(plausible)),
    };
    // An update before the publication is some other date.
    let modified = meta_modified.or(shown_modified).filter(|m| published.is_none_or(|p| m.day() >= p.day()));
    Dates { published, modified }
}

/// Pages older than the web are misread dates.
const EARLIEST_YEAR: i32 = 1994;

/// The first visible publication and update dates among `stamps` after
/// the headline and not past the body's end.
fn visible(
    stamps: &[Stamp],
    after: Option<usize>,
    body_end: Option<usize>,
    fetched_at: Option<DateTime<FixedOffset>>,
) -> (Option<PubDate>, Option<PubDate>) {
    let (mut published, mut modified) = (None, None);
    let in_article = |s: &&Stamp| after.is_none_or(|a| s.order > a) && body_end.is_none_or(|e| s.order <= e + 2);
    for stamp in stamps.iter().filter(in_article) {
        let norm = marsad_text::normalize(&stamp.text);
        let updated = UPDATED.iter().any(|l| norm.starts_with(l));
        let found =
            stamp.machine.as_deref().and_then(parse_date).or_else(|| find_date_at(&norm, fetched_at).map(|m| m.date));
        match (found, updated) {
            (Some(d), true) if modified.is_none() => modified = Some(d),
            (Some(d), false) if published.is_none() => published = Some(d),
            _ => {}
        }
    }
    (published, modified)
}

/// The stamp is exact, the visible date is what readers see: one day apart
/// means the stamp is in another offset than the page's readers, and the
/// visible day is the local one. Further apart, the visible date is some
/// other date (an update) and the stamp stands.
fn reconcile(stamp: PubDate, visible: PubDate) -> PubDate {
    let gap = (stamp.day() - visible.day()).num_days().abs();
    match gap {
        0 => match (stamp, visible) {
            (PubDate::Date(_), PubDate::DateTime(_)) => visible,
            _ => stamp,
        },
        1 => visible,
        _ => stamp,
    }
}

static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?:/|$|-)").expect("URL date pattern compiles")
});

fn url_date(url: &str) -> Option<PubDate> {
    let c = URL_DATE.captures(url)?;
    let d = NaiveDate::from_ymd_opt(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)?;
    Some(PubDate::Date(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_dates() {
        let d = |u: &str| url_date(u).map(|d| d.to_string());
        assert_eq!(d("https://www.youm7.com/story/2020/8/24/slug/4943459").as_deref(), Some("2020-08-24"));
        assert_eq!(d("https://example.com/news/2023-09-14/x").as_deref(), Some("2023-09-14"));
        assert_eq!(d("https://example.com/2013/middle_east/8/3/x"), None);
    }

    #[test]
    fn the_visible_day_wins_over_a_stamp_a_day_off() {
        let stamp: PubDate = "2023-09-13T22:30:00+00:00".parse().unwrap();
        let visible: PubDate = "2023-09-14".parse().unwrap();
        assert_eq!(reconcile(stamp, visible), visible);
        let same: PubDate = "2023-09-13".parse().unwrap();
        assert_eq!(reconcile(stamp, same), stamp);
        let far: PubDate = "2023-10-02".parse().unwrap();
        assert_eq!(reconcile(stamp, far), stamp);
    }

    fn meta_with(published: &str) -> Meta {
        let mut meta = Meta::default();
        meta.ld.published = Some(published.to_owned());
        meta
    }

    #[test]
    fn no_date_past_the_fetch_is_believed() {
        let fetched: DateTime<FixedOffset> = "2024-05-13T10:00:00+03:00".parse().unwrap();
        let d = dates(&meta_with("2031-01-01"), &[], &[], None, None, None, Some(fetched));
        assert_eq!(d.published, None, "an event date in the metadata is not the publication");
        let d = dates(&meta_with("2024-05-12"), &[], &[], None, None, None, Some(fetched));
        assert_eq!(d.published.map(|p| p.day().to_string()).as_deref(), Some("2024-05-12"));
    }

    #[test]
    fn an_unmarked_line_under_the_headline_gives_the_date() {
        let fetched: DateTime<FixedOffset> = "2024-06-01T10:00:00+00:00".parse().unwrap();
        let lines = ["By Ann Lee | May 13, 2024", "الاثنين 13 مايو 2024"];
        let d = dates(&Meta::default(), &[], &lines, None, None, None, Some(fetched));
        assert_eq!(d.published.map(|p| p.day().to_string()).as_deref(), Some("2024-05-13"));
        let d = dates(&Meta::default(), &[], &[], None, None, None, Some(fetched));
        assert_eq!(d.published, None, "nothing is invented");
    }
}
