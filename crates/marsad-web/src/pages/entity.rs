//! `/entities/{id}`: one entity (a person, place, organisation) with the
//! spellings it was found under, its daily volume (the home page's chart),
//! the entities named beside it, and its latest articles.

use askama::Template;
use axum::extract::Path;
use axum::response::Html;
use chrono::NaiveDate;

use super::{ArticleRow, Counted};
use crate::blocking::{blocking, Shared};
use crate::chart::{self, VolumeChart};
use crate::error::render;
use crate::{kinds, links, WebError};

const LATEST: usize = 20;
/// The chart covers the entity's last days: at least a month, at most a season.
const MIN_DAYS: i64 = 30;
const MAX_DAYS: i64 = 90;

#[derive(Template)]
#[template(path = "entity.html")]
struct EntityView {
    name: String,
    kind: &'static str,
    english: Option<String>,
    articles: i64,
    /// Spellings as written, with their mentions; each a search for it.
    names: Vec<Counted>,
    chart: Option<VolumeChart>,
    /// Articles the chart cannot place (no publication date).
    undated: i64,
    co_occurring: Vec<Counted>,
    latest: Vec<ArticleRow>,
    search_url: String,
}

pub(crate) async fn page(state: Shared, Path(id): Path<String>) -> Result<Html<String>, WebError> {
    let view = blocking(&state, move |data| {
        let store = data.readers.get()?;
        let page = store.entity_page(&id, LATEST)?.ok_or_else(|| WebError::not_found("لا يوجد اسم بهذا المعرّف."))?;
        let per_day: Vec<(NaiveDate, i64)> =
            page.per_day.iter().filter_map(|(d, n)| Some((d.parse().ok()?, *n))).collect();
        let dated: i64 = per_day.iter().map(|(_, n)| n).sum();
        let chart = match (per_day.first(), per_day.last()) {
            (Some((first, _)), Some((last, _))) => {
                let days = ((*last - *first).num_days() + 1).clamp(MIN_DAYS, MAX_DAYS) as u32;
                Some(chart::volume(&per_day, *last, days))
            }
            _ => None,
        };
        let e = page.entity;
        Ok(EntityView {
            names: page
                .names
                .into_iter()
                .map(|(name, n)| Counted {
                    url: links::search(&[("q", &name)]),
                    label: name,
                    count: n as u64,
                    current: false,
                })
                .collect(),
            co_occurring: page
                .co_occurring
                .into_iter()
                .map(|c| Counted {
                    url: links::entity(&c.entity.id),
                    label: c.entity.name,
                    count: c.articles as u64,
                    current: false,
                })
                .collect(),
            latest: page.latest.iter().map(ArticleRow::from).collect(),
            undated: page.articles - dated,
            chart,
            articles: page.articles,
            search_url: links::search(&[("entity", &e.id)]),
            kind: kinds::singular(&e.kind),
            english: e.english,
            name: e.name,
        })
    })
    .await?;
    render(&view)
}
