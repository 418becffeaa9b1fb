//! `/`: the newest articles, what arrived in the last day (tags, sources),
//! and the daily volume of the last 30 days.
//! Stories and entities join this page when the store offers them.

use askama::Template;
use axum::response::Html;
use marsad_store::Stats;

use super::{rows, ArticleRow, Counted};
use crate::blocking::{blocking, lock_error, Shared};
use crate::chart::{self, VolumeChart};
use crate::dates::ShownDate;
use crate::error::render;
use crate::{links, WebError};

const LATEST: usize = 12;
const TOP: usize = 12;
const CHART_DAYS: u32 = 30;

#[derive(Template)]
#[template(path = "home.html")]
struct Home {
    stats: Stats,
    latest: Vec<ArticleRow>,
    /// The newest arrival's day, which the last-day lists count back from.
    arrivals_until: Option<ShownDate>,
    arrivals: i64,
    tags: Vec<Counted>,
    sources: Vec<Counted>,
    chart: Option<VolumeChart>,
    undated: i64,
}

pub(crate) async fn page(state: Shared) -> Result<Html<String>, WebError> {
    let home = blocking(&state, |data| {
        let store = data.store.lock().map_err(lock_error)?;
        let stats = store.stats()?;
        let latest = rows(&store, &store.newest_ids(LATEST)?)?;
        let arrivals = store.recent_arrivals(TOP)?;
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
            latest,
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
