//! `/articles/{id}`: one article as its page gave it, with its tags and
//! entities as links, the page's own "إقرأ أيضاً" list, the copies of its
//! text and the other articles of its story, and related articles from the
//! index. A field the page did not give is not shown.

use askama::Template;
use axum::extract::Path;
use axum::response::Html;
use marsad_store::clusters::related_without_copies;
use marsad_store::index::{SearchIndex, SearchRequest};
use marsad_store::Store;

use super::{rows, ArticleRow};
use crate::blocking::{blocking, lock_error, Shared};
use crate::dates::ShownDate;
use crate::error::render;
use crate::kinds::{self, EntityLink};
use crate::{links, WebError};

const RELATED: usize = 6;
/// Other articles of the story listed here; the story page has them all.
const STORY_ARTICLES: usize = 8;

/// The article's story: its page, label and size.
pub(crate) struct StoryLinks {
    pub url: String,
    pub label: String,
    pub size: i64,
}

pub(crate) struct TagLink {
    pub tag: String,
    pub url: String,
}

/// A title under "إقرأ أيضاً": a link to that article when the store has
/// it, else to a search for its words.
pub(crate) struct ReadAlso {
    pub title: String,
    pub url: String,
    pub stored: bool,
}

#[derive(Template)]
#[template(path = "article.html")]
struct ArticleView {
    title: String,
    date: Option<ShownDate>,
    dateline: Option<String>,
    credit: Option<String>,
    source: Option<String>,
    source_url: Option<String>,
    paragraphs: Vec<String>,
    tags: Vec<TagLink>,
    /// Entities by type ("أشخاص", …), each in order of first mention.
    entities: Vec<(&'static str, Vec<EntityLink>)>,
    /// The other copies of this text (the same article in other places).
    copies: Vec<ArticleRow>,
    story: Option<StoryLinks>,
    /// The story's other articles that are not copies of this text.
    story_others: Vec<ArticleRow>,
    read_also: Vec<ReadAlso>,
    related: Vec<ArticleRow>,
}

pub(crate) async fn page(state: Shared, Path(id): Path<String>) -> Result<Html<String>, WebError> {
    let view = blocking(&state, move |data| {
        let not_found = || WebError::not_found(format!("لا يوجد خبر بالمعرّف «{id}»."));
        if id.len() < 4 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(not_found());
        }
        let store = data.readers.get()?;
        let article = store.article(&id)?.ok_or_else(not_found)?.article;
        let index = data.index.read().map_err(lock_error)?;
        let related_ids: Vec<String> =
            related_without_copies(&store, &index, &article, RELATED)?.into_iter().map(|(id, _)| id).collect();
        let entities = store.article_entities(&id)?;
        // The duplicate group: its first-seen copy and the others.
        let root = store.group_root(&id)?;
        let mut group: Vec<String> = store.copies_of(&root)?.into_iter().map(|c| c.id).collect();
        group.insert(0, root);
        group.retain(|g| *g != id);
        let copies = rows(&store, &group)?;
        let (story, story_others) = match store.story_of(&id)? {
            Some(number) => story_links(&store, number, &id, &group)?,
            None => (None, Vec::new()),
        };
        let read_also = article
            .read_also
            .iter()
            .map(|title| match stored_with_title(&store, &index, title) {
                Some(id) => ReadAlso { title: title.clone(), url: links::article(&id), stored: true },
                None => ReadAlso { title: title.clone(), url: links::search(&[("q", title)]), stored: false },
            })
            .collect();
        Ok(ArticleView {
            date: article.published.as_ref().map(ShownDate::of),
            source_url: article.source.as_deref().map(|s| links::search(&[("source", s)])),
            paragraphs: article.paragraphs().map(str::to_owned).collect(),
            tags: article.tags.iter().map(|t| TagLink { tag: t.clone(), url: links::tag(t) }).collect(),
            entities: kinds::grouped(entities.iter().map(|e| &e.entity)),
            copies,
            story,
            story_others,
            related: rows(&store, &related_ids)?,
            read_also,
            title: article.title,
            dateline: article.dateline,
            credit: article.credit,
            source: article.source,
        })
    })
    .await?;
    render(&view)
}

/// The story `number` as seen from article `id`, with its other articles
/// that are not copies of this text; `None` for a story of this one article.
fn story_links(
    store: &Store,
    number: i64,
    id: &str,
    copies: &[String],
) -> Result<(Option<StoryLinks>, Vec<ArticleRow>), WebError> {
    let Some(story) = store.story(number)? else { return Ok((None, Vec::new())) };
    let others: Vec<String> = story
        .timeline
        .iter()
        .map(|e| e.id.clone())
        .filter(|o| o != id && !copies.contains(o))
        .take(STORY_ARTICLES)
        .collect();
    if story.summary.size < 2 {
        return Ok((None, Vec::new()));
    }
    let links = StoryLinks { url: links::story(number), label: story.summary.label, size: story.summary.size };
    Ok((Some(links), rows(store, &others)?))
}

/// The id of the stored article whose headline is exactly `title`: the
/// index finds candidates by the title's words, the store confirms.
fn stored_with_title(store: &Store, index: &SearchIndex, title: &str) -> Option<String> {
    // Only words reach the query parser: no operator or quote in a title
    // can change what is asked.
    let words: String = title.chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    let req = SearchRequest { query: words.to_lowercase(), limit: 5, ..Default::default() };
    let found = index.search(&req).inspect_err(|e| tracing::debug!(error = %e, "read-also lookup")).ok()?;
    found
        .hits
        .into_iter()
        .map(|(id, _)| id)
        .find(|id| store.article(id).ok().flatten().is_some_and(|a| a.article.title.trim() == title.trim()))
}
