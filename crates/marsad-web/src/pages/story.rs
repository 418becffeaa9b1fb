//! `/stories/{id}`: one story (the articles clustering put together) as a
//! timeline of its articles by day, copies marked with the article they
//! repeat, with the sources, entities and tags of the whole story.

use std::collections::HashMap;

use askama::Template;
use axum::extract::Path;
use axum::response::Html;
use marsad_store::Store;

use super::Counted;
use crate::blocking::{blocking, Shared};
use crate::dates::ShownDate;
use crate::error::render;
use crate::{links, WebError};

/// One article on the timeline.
pub(crate) struct Entry {
    pub url: String,
    pub title: String,
    pub date: Option<ShownDate>,
    pub source: Option<String>,
    /// The article this one copies (its link and headline), for a copy.
    pub copy_of: Option<(String, String)>,
}

/// The story's articles of one day.
pub(crate) struct Day {
    pub day: ShownDate,
    /// No article of the day gives its publication date: the day is when
    /// they were stored, which the page says.
    pub undated: bool,
    pub entries: Vec<Entry>,
}

#[derive(Template)]
#[template(path = "story.html")]
struct StoryView {
    label: String,
    label_url: String,
    size: i64,
    source_count: i64,
    copies: usize,
    first: Option<ShownDate>,
    last: Option<ShownDate>,
    sources: Vec<Counted>,
    days: Vec<Day>,
    entities: Vec<Counted>,
    tags: Vec<Counted>,
}

pub(crate) async fn page(state: Shared, Path(id): Path<String>) -> Result<Html<String>, WebError> {
    let view = blocking(&state, move |data| {
        let not_found = || WebError::not_found(format!("لا توجد قصة بالرقم «{id}»."));
        let number: i64 = id.parse().map_err(|_| not_found())?;
        let store = data.readers.get()?;
        let story = store.story(number)?.ok_or_else(not_found)?;
        let titles: HashMap<&str, &str> = story.timeline.iter().map(|e| (e.id.as_str(), e.title.as_str())).collect();
        let mut days: Vec<Day> = Vec::new();
        let mut current_day: Option<&str> = None;
        for e in &story.timeline {
            let entry = Entry {
                url: links::article(&e.id),
                title: e.title.clone(),
                date: e.published.as_deref().and_then(ShownDate::parse),
                source: e.source.clone(),
                copy_of: e.duplicate_of.as_deref().map(|o| {
                    let title = titles.get(o).map_or_else(|| original_title(&store, o), |t| (*t).to_owned());
                    (links::article(o), title)
                }),
            };
            let undated = entry.date.is_none();
            match days.last_mut() {
                Some(d) if current_day == Some(e.day.as_str()) => {
                    d.undated &= undated;
                    d.entries.push(entry);
                }
                _ => {
                    let day = ShownDate::parse(&e.day)
                        .unwrap_or_else(|| ShownDate { text: e.day.clone(), machine: e.day.clone() });
                    days.push(Day { day, undated, entries: vec![entry] });
                    current_day = Some(&e.day);
                }
            }
        }
        let s = story.summary;
        let (first, last) = ShownDate::span(&s.first_day, &s.last_day);
        let source_counts =
            |source: &str| story.timeline.iter().filter(|e| e.source.as_deref() == Some(source)).count();
        Ok(StoryView {
            label_url: links::article(&s.label_article),
            size: s.size,
            source_count: s.sources.len() as i64,
            copies: story.timeline.iter().filter(|e| e.duplicate_of.is_some()).count(),
            first,
            last,
            sources: s
                .sources
                .iter()
                .map(|src| Counted {
                    url: links::search(&[("source", src)]),
                    label: src.clone(),
                    count: source_counts(src) as u64,
                    current: false,
                })
                .collect(),
            days,
            entities: story
                .entities
                .iter()
                .map(|e| Counted {
                    url: links::entity(&e.entity.id),
                    label: e.entity.name.clone(),
                    count: e.articles as u64,
                    current: false,
                })
                .collect(),
            tags: s
                .tags
                .into_iter()
                .map(|(t, n)| Counted { url: links::tag(&t), label: t, count: n as u64, current: false })
                .collect(),
            label: s.label,
        })
    })
    .await?;
    render(&view)
}

/// The headline of an original outside the story (clustering may put a
/// copy in another story than its original's when days apart).
fn original_title(store: &Store, id: &str) -> String {
    store.article(id).ok().flatten().map(|a| a.article.title).unwrap_or_else(|| id.to_owned())
}
