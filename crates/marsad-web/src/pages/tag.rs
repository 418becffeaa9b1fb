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
    let page = page_number(query.page.as_deref())?;
    let view = blocking(&state, move |data| {
        let store = data.readers.get()?;
        let (total, ids) = store.tagged_ids(&tag, PER_PAGE, (page - 1) * PER_PAGE)?;
        if total == 0 {
            return Err(WebError::not_found(format!("لا توجد أخبار بالكلمة الدلالية «{tag}».")));
        }
        let base = links::tag(&tag);
        Ok(TagView {
            articles: rows(&store, &ids)?,
            pagination: Pagination::new(page, total as usize, PER_PAGE, |n| {
                if n == 1 {
                    base.clone()
                } else {
                    format!("{base}?page={n}")
                }
            }),
            search_url: links::search(&[("tag", &tag)]),
            total,
            tag,
        })
    })
    .await?;
    render(&view)
}
