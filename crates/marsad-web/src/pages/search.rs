//! `/search`: the query box with its filters, facet counts, results with
//! highlighted snippets, pages. Everything the reader chose is in the URL,
//! so a search can be bookmarked and shared.

use askama::Template;
use axum::extract::rejection::QueryRejection;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use marsad_store::index::{SearchRequest, SortOrder};
use marsad_store::search::search_page;
use serde::Deserialize;

use super::{page_number, Counted, Pagination};
use crate::blocking::{blocking, lock_error, Shared};
use crate::dates::ShownDate;
use crate::error::render;
use crate::snippet::snippet_html;
use crate::{links, WebError, MAX_QUERY_CHARS};

const PER_PAGE: usize = 10;
const _: () = assert!(super::MAX_PAGE * PER_PAGE <= marsad_store::index::MAX_RESULT_WINDOW);

/// The parameters as typed; each is checked before use.
#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct Form {
    #[serde(default)]
    q: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    tag: String,
    /// An entity: its id (from a link) or a name in any spelling (typed).
    #[serde(default)]
    entity: String,
    /// "date" for newest first; relevance otherwise.
    #[serde(default)]
    sort: String,
    page: Option<String>,
}

impl Form {
    fn params(&self) -> [(&'static str, &str); 7] {
        [
            ("q", &self.q),
            ("from", &self.from),
            ("to", &self.to),
            ("source", &self.source),
            ("tag", &self.tag),
            ("entity", &self.entity),
            ("sort", &self.sort),
        ]
    }

    /// Newest first when asked, or when there are no words to rank by.
    fn order(&self) -> SortOrder {
        if self.sort == "date" || self.q.trim().is_empty() {
            SortOrder::Date
        } else {
            SortOrder::Relevance
        }
    }

    /// This search with one parameter changed (and back on page 1).
    fn with(&self, key: &str, value: &str) -> String {
        let params: Vec<_> = self.params().into_iter().map(|(k, v)| (k, if k == key { value } else { v })).collect();
        links::search(&params)
    }

    fn at_page(&self, page: usize) -> String {
        let page = page.to_string();
        let mut params = self.params().to_vec();
        if page != "1" {
            params.push(("page", &page));
        }
        links::search(&params)
    }

    fn filtered(&self) -> bool {
        [&self.from, &self.to, &self.source, &self.tag, &self.entity].iter().any(|v| !v.trim().is_empty())
    }
}

pub(crate) struct HitView {
    pub url: String,
    pub title: String,
    /// Escaped page text with `<mark>`s: safe to insert as is.
    pub snippet: String,
    pub date: Option<ShownDate>,
    pub source: Option<String>,
    /// Copies of this text that are not shown as hits of their own.
    pub duplicates: usize,
    /// The sources of those copies, other than this hit's own.
    pub other_sources: Vec<String>,
}

/// A filter in force, with the link that lifts it.
pub(crate) struct ActiveFilter {
    pub label: &'static str,
    pub value: String,
    pub remove: String,
}

/// The entity filter as understood: its page and the name to show.
pub(crate) struct ChosenEntity {
    pub name: String,
    pub url: String,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchView {
    form: Form,
    sources: Vec<(String, i64)>,
    /// Why the search could not run, in Arabic.
    error: Option<String>,
    /// `None` before anything was asked.
    total: Option<usize>,
    hits: Vec<HitView>,
    first: usize,
    source_facet: Vec<Counted>,
    tag_facet: Vec<Counted>,
    entity_facet: Vec<Counted>,
    /// What the entity field shows: the chosen entity's name, or what was typed.
    entity_text: String,
    entity: Option<ChosenEntity>,
    active: Vec<ActiveFilter>,
    pagination: Option<Pagination>,
    clear_filters: String,
}

impl SearchView {
    fn new(form: Form) -> SearchView {
        SearchView {
            clear_filters: links::search(&[("q", &form.q)]),
            entity_text: form.entity.clone(),
            entity_facet: Vec::new(),
            entity: None,
            form,
            sources: Vec::new(),
            error: None,
            total: None,
            hits: Vec::new(),
            first: 1,
            source_facet: Vec::new(),
            tag_facet: Vec::new(),
            active: Vec::new(),
            pagination: None,
        }
    }
}

fn day(label: &str, value: &str) -> Result<Option<chrono::NaiveDate>, WebError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    value.parse().map(Some).map_err(|_| {
        WebError::bad_request(format!("التاريخ «{value}» في خانة «{label}» غير مفهوم: اكتبه بالشكل 2023-09-14."))
    })
}

fn request(form: &Form, page: usize) -> Result<SearchRequest, WebError> {
    if form.q.chars().count() > MAX_QUERY_CHARS {
        return Err(WebError::bad_request(format!("عبارة البحث أطول من {MAX_QUERY_CHARS} حرف: اختصرها.")));
    }
    let (from, to) = (day("من", &form.from)?, day("إلى", &form.to)?);
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(WebError::bad_request("تاريخ البداية بعد تاريخ النهاية: بدّل بينهما."));
        }
    }
    let text = |v: &str| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
    Ok(SearchRequest {
        query: form.q.trim().to_owned(),
        from,
        to,
        source: text(&form.source),
        tag: text(&form.tag),
        limit: PER_PAGE,
        offset: (page - 1) * PER_PAGE,
        sort: form.order(),
        ..Default::default()
    })
}

pub(crate) async fn page(state: Shared, query: Result<Query<Form>, QueryRejection>) -> Result<Response, WebError> {
    let Ok(Query(form)) = query else {
        return Err(WebError::bad_request("عنوان البحث غير صالح: ابدأ بحثاً جديداً من الخانة أعلاه."));
    };
    let view = blocking(&state, move |data| {
        let store = data.readers.get()?;
        let mut view = SearchView::new(form.clone());
        view.sources = store.sources()?;
        if form.q.trim().is_empty() && !form.filtered() {
            return Ok(view);
        }
        let prepared = page_number(form.page.as_deref()).and_then(|page| Ok((page, request(&form, page)?)));
        let (page, mut req) = match prepared {
            Ok(p) => p,
            Err(e) => {
                view.error = Some(e.message);
                return Ok(view);
            }
        };
        if !form.entity.trim().is_empty() {
            let found = marsad_entities::store::lookup(&store, &form.entity)
                .map_err(|e| WebError::internal(format!("entities: {e}")))?;
            let Some(e) = found.into_iter().next() else {
                view.error = Some(format!(
                    "لا نعرف اسماً «{}»: اكتبه كما يرد في الأخبار، أو ابحث عنه في خانة كلمات البحث.",
                    form.entity.trim()
                ));
                return Ok(view);
            };
            view.entity_text = e.name.clone();
            view.entity = Some(ChosenEntity { url: links::entity(&e.id), name: e.name });
            req.entity = Some(e.id);
        }
        // A name in any spelling also finds the articles that spell it otherwise.
        req.query_entities = marsad_entities::store::query_entities(&store, &req.query)
            .map_err(|e| WebError::internal(format!("entities: {e}")))?;
        let index = data.index.read().map_err(lock_error)?;
        let found = match search_page(&store, &index, &req) {
            Ok(found) => found,
            Err(e) => {
                let e = WebError::from(e);
                if e.status.is_server_error() {
                    return Err(e);
                }
                view.error = Some(e.message);
                return Ok(view);
            }
        };
        view.total = Some(found.total);
        view.first = req.offset + 1;
        view.hits = found
            .hits
            .iter()
            .map(|h| HitView {
                url: links::article(&h.id),
                title: h.title.clone(),
                snippet: snippet_html(&h.snippet),
                date: h.published.as_deref().and_then(ShownDate::parse),
                source: h.source.clone(),
                duplicates: h.duplicates,
                other_sources: h.other_sources.clone(),
            })
            .collect();
        let facet = |values: &[(String, u64)], key: &str, chosen: &str| -> Vec<Counted> {
            values
                .iter()
                .map(|(v, n)| Counted { url: form.with(key, v), label: v.clone(), count: *n, current: v == chosen })
                .collect()
        };
        view.source_facet = facet(&found.facets.source, "source", form.source.trim());
        view.tag_facet = facet(&found.facets.tag, "tag", form.tag.trim());
        // Entity ids as names: one lookup per value shown (20 at most).
        let chosen = req.entity.as_deref().unwrap_or_default();
        for (id, n) in &found.facets.entity {
            if let Some(e) = store.entity(id)? {
                view.entity_facet.push(Counted {
                    url: form.with("entity", id),
                    label: e.name,
                    count: *n,
                    current: id == chosen,
                });
            }
        }
        for (key, label) in
            [("source", "المصدر"), ("tag", "الكلمة الدلالية"), ("entity", "الاسم"), ("from", "من"), ("to", "إلى")]
        {
            let value = form.params().into_iter().find(|(k, _)| *k == key).map_or("", |(_, v)| v).trim();
            if !value.is_empty() {
                let value = if key == "entity" { view.entity_text.clone() } else { value.to_owned() };
                view.active.push(ActiveFilter { label, value, remove: form.with(key, "") });
            }
        }
        view.pagination = Pagination::new(page, found.total, PER_PAGE, |n| form.at_page(n));
        Ok(view)
    })
    .await?;
    let status = if view.error.is_some() { StatusCode::BAD_REQUEST } else { StatusCode::OK };
    Ok((status, render(&view)?).into_response())
}
