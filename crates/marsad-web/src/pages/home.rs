//! `/`: the latest stories and newest articles, what arrived in the last
//! day (entities, tags, sources), and the daily volume of the last 30 days.

use std::sync::Arc;

use askama::Template;
use axum::body::Bytes;
use axum::response::Html;
use marsad_store::Stats;

use super::{rows, ArticleRow, Counted};
use crate::blocking::{blocking, Shared};
use crate::chart::{self, VolumeChart};
use crate::dates::ShownDate;
use crate::error::render;
use crate::{links, WebError};

const LATEST: usize = 12;
const TOP: usize = 12;
const CHART_DAYS: u32 = 30;
const STORIES: usize = 8;
/// A story is news told by more than one article.
const STORY_MIN_SIZE: i64 = 2;

/// A story in the home page's list.
pub(crate) struct StoryRow {
    pub url: String,
    pub label: String,
    pub articles: i64,
    pub sources: i64,
    pub first: Option<ShownDate>,
    pub last: Option<ShownDate>,
}

#[derive(Template)]
#[template(path = "home.html")]
struct Home {
    stats: Stats,
    stories: Vec<StoryRow>,
    latest: Vec<ArticleRow>,
    /// The newest arrival's day, which the last-day lists count back from.
    arrivals_until: Option<ShownDate>,
    arrivals: i64,
    entities: Vec<Counted>,
    tags: Vec<Counted>,
    sources: Vec<Counted>,
    chart: Option<VolumeChart>,
    undated: i64,
}

/// The last home page built, with the count of store changes it saw. A
/// page reads a dozen aggregates over the whole store; built per request,
/// 50 readers at once exhausted the store's connections (issue 20).
#[derive(Clone, Default)]
pub(crate) struct Cache(Arc<tokio::sync::Mutex<Option<(u64, Bytes)>>>);

pub(crate) async fn page(state: Shared, cache: Cache) -> Result<Html<Bytes>, WebError> {
    // Held while building, so requests that arrive meanwhile wait for this
    // page instead of each building their own.
    let mut cached = cache.0.lock().await;
    // Read before building: a change committed while building makes the
    // next request build again.
    let changes = state.changes.current();
    if let Some((seen, html)) = cached.as_ref().filter(|(seen, _)| *seen == changes) {
        tracing::trace!(changes = seen, "home page from cache");
        return Ok(Html(html.clone()));
    }
    let html = Bytes::from(build(&state).await?.0);
    *cached = Some((changes, html.clone()));
    Ok(Html(html))
}

async fn build(state: &Shared) -> Result<Html<String>, WebError> {
    let home = blocking(state, |data| {
        let store = data.readers.get()?;
        let stats = store.stats()?;
        let latest = rows(&store, &store.newest_ids(LATEST)?)?;
        let arrivals = store.recent_arrivals(TOP)?;
        let entities = match &arrivals.since {
            Some(since) => store.recent_entities(since, TOP)?,
            None => Vec::new(),
        };
        let stories = store
            .stories(None, STORY_MIN_SIZE, STORIES)?
            .into_iter()
            .map(|s| {
                let (first, last) = ShownDate::span(&s.first_day, &s.last_day);
                StoryRow {
                    url: links::story(s.id),
                    articles: s.size,
                    sources: s.sources.len() as i64,
                    first,
                    last,
                    label: s.label,
                }
            })
            .collect();
        let count = |items: Vec<(String, i64)>, url: &dyn Fn(&str) -> String| -> Vec<Counted> {
            items
                .into_iter()
                .map(|(label, n)| Counted { url: url(&label), label, count: n as u64, current: false })
                .collect()
        };
        let last_day = stats.last_day.as_deref().and_then(|d| d.parse::<chrono::NaiveDate>().ok());
        let chart = match last_day {
            Some(to) => {
                let from = to - chrono::Days::new(u64::from(CHART_DAYS - 1));
                Some(chart::volume(&store.daily_volume(from, to)?, to, CHART_DAYS))
            }
            None => None,
        };
        Ok(Home {
            stories,
            latest,
            entities: entities
                .into_iter()
                .map(|(e, n)| Counted { url: links::entity(&e.id), label: e.name, count: n as u64, current: false })
                .collect(),
            arrivals_until: arrivals.until.as_deref().and_then(|t| t.get(..10)).and_then(ShownDate::parse),
            arrivals: arrivals.articles,
            tags: count(arrivals.tags, &links::tag),
            sources: count(arrivals.sources, &|s| links::search(&[("source", s)])),
            chart,
            undated: store.undated_count()?,
            stats,
        })
    })
    .await?;
    render(&home)
}
