//! `/watches`: every watch; `/watches/{id}`: one watch's alerts, newest first, copies rolled up into
//! the alert of the article they repeat; `/watches/{id}/feed.atom`: the same
//! as an Atom feed for feed readers.

use askama::Template;
use axum::extract::Path;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{Html, IntoResponse, Response};

use crate::blocking::{blocking, Shared};
use crate::error::render;
use crate::{links, WebError};

/// Alerts a page or a feed shows.
const SHOWN: usize = 100;

pub(crate) struct AlertView {
    id: i64,
    url: String,
    title: String,
    source: Option<String>,
    /// When the alert was raised (RFC 3339).
    at: String,
    /// The article's publication day, when its page gave one.
    published: Option<String>,
    /// Each copy's link and source.
    copies: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "watch.html")]
struct WatchPage {
    name: String,
    kind: &'static str,
    since: String,
    alerts_count: i64,
    feed_url: String,
    alerts: Vec<AlertView>,
}

#[derive(Template)]
#[template(path = "watch.atom.xml")]
struct WatchFeed {
    id: i64,
    name: String,
    base: String,
    updated: String,
    alerts: Vec<AlertView>,
}

pub(crate) struct WatchLine {
    url: String,
    name: String,
    kind: &'static str,
    alerts: i64,
}

#[derive(Template)]
#[template(path = "watches.html")]
struct WatchesPage {
    watches: Vec<WatchLine>,
}

fn kind_name(kind: &str) -> &'static str {
    match kind {
        "search" => "بحث محفوظ",
        "entity" => "متابعة اسم",
        _ => "متابعة قصة",
    }
}

pub(crate) async fn list(state: Shared) -> Result<Html<String>, WebError> {
    let watches = blocking(&state, |data| Ok(data.readers.get()?.watches()?)).await?;
    render(&WatchesPage {
        watches: watches
            .into_iter()
            .map(|w| WatchLine {
                url: format!("/watches/{}", w.id),
                name: w.watch.name,
                kind: kind_name(&w.kind),
                alerts: w.alerts,
            })
            .collect(),
    })
}

struct Loaded {
    watch: marsad_store::watches::WatchRow,
    alerts: Vec<AlertView>,
}

async fn load(state: Shared, id: String) -> Result<Loaded, WebError> {
    blocking(&state, move |data| {
        let not_found = || WebError::not_found(format!("لا توجد متابعة بالرقم «{id}»."));
        let number: i64 = id.parse().map_err(|_| not_found())?;
        let store = data.readers.get()?;
        let watch = store.watch(number)?.ok_or_else(not_found)?;
        let alerts = store
            .watch_alerts(number, SHOWN)?
            .into_iter()
            .map(|a| AlertView {
                id: a.id,
                url: links::article(&a.article.id),
                title: a.article.title,
                source: a.article.source,
                at: a.created_at,
                published: a.article.published.as_deref().and_then(atom_time),
                copies: a
                    .copies
                    .into_iter()
                    .map(|c| (links::article(&c.id), c.source.unwrap_or_else(|| "نسخة".into())))
                    .collect(),
            })
            .collect();
        Ok(Loaded { watch, alerts })
    })
    .await
}

pub(crate) async fn page(state: Shared, Path(id): Path<String>) -> Result<Html<String>, WebError> {
    let Loaded { watch, alerts } = load(state, id).await?;
    let kind = kind_name(&watch.kind);
    render(&WatchPage {
        feed_url: format!("/watches/{}/feed.atom", watch.id),
        name: watch.watch.name,
        kind,
        since: watch.created_at,
        alerts_count: watch.alerts,
        alerts,
    })
}

/// A stored publication date (a day, or a time with the page's offset) as
/// Atom's RFC 3339 time: a day alone is its midnight in UTC.
fn atom_time(published: &str) -> Option<String> {
    Some(match published.parse::<marsad_core::PubDate>().ok()? {
        marsad_core::PubDate::Date(day) => format!("{day}T00:00:00Z"),
        marsad_core::PubDate::DateTime(time) => time.to_rfc3339(),
    })
}

/// The feed's links are absolute, as Atom wants: made from the request's
/// Host (the server listens on loopback or behind a proxy that sets it).
pub(crate) async fn feed(state: Shared, headers: HeaderMap, Path(id): Path<String>) -> Result<Response, WebError> {
    let Loaded { watch, alerts } = load(state, id).await?;
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| h.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | ':' | '-' | '[' | ']')))
        .unwrap_or("localhost");
    let updated = alerts.first().map_or_else(|| watch.created_at.clone(), |a| a.at.clone());
    let xml = WatchFeed { id: watch.id, name: watch.watch.name, base: format!("http://{host}"), updated, alerts }
        .render()
        .map_err(WebError::from)?;
    let mut response = xml.into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/atom+xml; charset=utf-8"));
    Ok(response)
}

#[cfg(test)]
mod tests {
    #[test]
    fn publication_dates_become_rfc3339_times() {
        assert_eq!(super::atom_time("2023-09-14").as_deref(), Some("2023-09-14T00:00:00Z"));
        // Before: "2023-09-14T10:30:00+04:00T00:00:00Z", which feed readers reject.
        assert_eq!(super::atom_time("2023-09-14T10:30:00+04:00").as_deref(), Some("2023-09-14T10:30:00+04:00"));
        assert_eq!(super::atom_time("غير معروف"), None);
    }
}
