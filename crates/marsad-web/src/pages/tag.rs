//! `/tags/{tag}`: the articles a tag was given to, newest first.

use askama::Template;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query};
use axum::response::Html;
use serde::Deserialize;

use super::{page_number, rows, ArticleRow, Pagination};
use crate::blocking::{blocking, Shared};
use crate::error::render;
use crate::{links, WebError};

const PER_PAGE: usize = 20;
const _: () = assert!(super::MAX_PAGE * PER_PAGE <= marsad_store::index::MAX_RESULT_WINDOW);

#[derive(Deserialize)]
pub(crate) struct PageParam {
    page: Option<String>,
}

/// `/tags?tag=…`: the form of the link for a tag that cannot be a path
/// segment (`links::tag`), served like `/tags/{tag}`.
#[derive(Deserialize)]
pub(crate) struct TagQuery {
    tag: Option<String>,
    page: Option<String>,
}

#[derive(Template)]
#[template(path = "tag.html")]
struct TagView {
    tag: String,
    total: i64,
    articles: Vec<ArticleRow>,
    pagination: Option<Pagination>,
    search_url: String,
}

pub(crate) async fn page(
    state: Shared,
    Path(tag): Path<String>,
    query: Result<Query<PageParam>, QueryRejection>,
) -> Result<Html<String>, WebError> {
    let Ok(Query(query)) = query else {
        return Err(WebError::bad_request("عنوان الصفحة غير صالح."));
    };
    tag_page(state, tag, query.page.as_deref()).await
}

pub(crate) async fn by_query(
    state: Shared,
    query: Result<Query<TagQuery>, QueryRejection>,
) -> Result<Html<String>, WebError> {
    let Ok(Query(query)) = query else {
        return Err(WebError::bad_request("عنوان الصفحة غير صالح."));
    };
    let Some(tag) = query.tag.filter(|t| !t.is_empty()) else {
        return Err(WebError::not_found("لا توجد صفحة بهذا العنوان."));
    };
    tag_page(state, tag, query.page.as_deref()).await
}

async fn tag_page(state: Shared, tag: String, page: Option<&str>) -> Result<Html<String>, WebError> {
    let page = page_number(page)?;
    let view = blocking(&state, move |data| {
        let store = data.readers.get()?;
        let (total, ids) = store.tagged_ids(&tag, PER_PAGE, (page - 1) * PER_PAGE)?;
        if total == 0 {
            return Err(WebError::not_found(format!("لا توجد أخبار بالكلمة الدلالية «{tag}».")));
        }
        Ok(TagView {
            articles: rows(&store, &ids)?,
            pagination: Pagination::new(page, total as usize, PER_PAGE, |n| links::tag_page(&tag, n)),
            search_url: links::search(&[("tag", &tag)]),
            total,
            tag,
        })
    })
    .await?;
    render(&view)
}
