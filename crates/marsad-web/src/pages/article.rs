//! `/articles/{id}`: one article as its page gave it, with its tags as
//! links, the page's own "إقرأ أيضاً" list, and related articles from the
//! index. A field the page did not give is not shown.

use askama::Template;
use axum::extract::Path;
use axum::response::Html;
use marsad_store::index::{SearchIndex, SearchRequest};
use marsad_store::Store;

use super::{rows, ArticleRow};
use crate::blocking::{blocking, lock_error, Shared};
use crate::dates::ShownDate;
use crate::error::render;
use crate::{links, WebError};

const RELATED: usize = 6;

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
    read_also: Vec<ReadAlso>,
    related: Vec<ArticleRow>,
}

pub(crate) async fn page(state: Shared, Path(id): Path<String>) -> Result<Html<String>, WebError> {
    let view = blocking(&state, move |data| {
        let not_found = || WebError::not_found(format!("لا يوجد خبر بالمعرّف «{id}»."));
        if id.len() < 4 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(not_found());
        }
        let store = data.store.lock().map_err(lock_error)?;
        let article = store.article(&id)?.ok_or_else(not_found)?.article;
        let index = data.index.read().map_err(lock_error)?;
        let related_ids: Vec<String> = index.related(&article, RELATED)?.into_iter().map(|(id, _)| id).collect();
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
