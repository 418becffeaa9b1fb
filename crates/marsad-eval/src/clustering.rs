//! Runs Marsad's real clustering path on news-corpus articles: they are
//! stored in a fresh store in crawl order, `marsad_cluster` processes them,
//! and the decisions are read back from the store, per corpus id.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use marsad_cluster::{Engine, Params};
use marsad_core::{Article, PubDate};
use marsad_store::{FileArticles, Store};

use crate::data::NewsArticle;
use crate::error::EvalError;

/// What clustering decided, by corpus id.
#[derive(Debug, Default)]
pub struct Decisions {
    /// Duplicate group of every article (its original's corpus id, or its own).
    pub duplicate_group: HashMap<String, String>,
    pub story: HashMap<String, i64>,
}

/// Crawl order: crawl time, then id.
pub fn crawl_order(articles: &mut [NewsArticle]) {
    articles.sort_by(|a, b| a.date_extracted.cmp(&b.date_extracted).then_with(|| a.id.cmp(&b.id)));
}

/// A corpus article as extraction would give it: paragraphs trimmed, the
/// crawl day as its day (the corpus has no publication time).
pub fn to_article(a: &NewsArticle) -> Article {
    let body = a.content.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n");
    let published = a.date_extracted.get(..10).and_then(|d| d.parse().ok()).map(PubDate::Date);
    Article {
        id: marsad_extract::page::article_id(&a.title, &body),
        title: a.title.trim().to_owned(),
        published,
        source: (!a.source.is_empty()).then(|| a.source.clone()),
        body,
        lang: "ar".to_owned(),
        ..Default::default()
    }
}

fn store_error(dir: &Path, e: impl std::fmt::Display) -> EvalError {
    EvalError::Data(format!("store in {}: {e}", dir.display()))
}

/// Stores `articles` (already in crawl order) in a temporary store,
/// clusters them with `params` and reads the decisions back.
pub fn run(articles: &[NewsArticle], params: &Params) -> Result<Decisions, EvalError> {
    let tmp = tempfile::tempdir().map_err(|e| EvalError::io(PathBuf::from("temporary dir"), e))?;
    let dir = tmp.path();
    let mut store = Store::open(dir).map_err(|e| store_error(dir, e))?;
    let converted: Vec<Article> = articles.iter().map(to_article).collect();
    let file = FileArticles {
        path: "corpus".to_owned(),
        content_hash: String::new(),
        encoding: "utf-8",
        articles: converted.clone(),
    };
    for outcome in store.store_files(&[file]).map_err(|e| store_error(dir, e))? {
        outcome.map_err(|e| store_error(dir, e))?;
    }
    // As `marsad ingest` does: entities first, so clustering can use them.
    marsad_entities::store::update_shipped(&mut store).map_err(|e| store_error(dir, e))?;
    Engine::load(&store, params.clone())
        .and_then(|mut engine| engine.update(&mut store))
        .map_err(|e| store_error(dir, e))?;

    // Articles with the same content are one stored article: exact copies.
    let mut corpus_ids: HashMap<&str, Vec<&str>> = HashMap::new();
    for (a, c) in articles.iter().zip(&converted) {
        corpus_ids.entry(c.id.0.as_str()).or_default().push(a.id.as_str());
    }
    let links: HashMap<String, String> =
        store.duplicate_links().map_err(|e| store_error(dir, e))?.into_iter().collect();
    let root = |id: &str| -> String {
        let mut id = id.to_owned();
        while let Some(o) = links.get(&id) {
            id = o.clone();
        }
        corpus_ids[id.as_str()][0].to_owned()
    };
    let mut out = Decisions::default();
    for (stored, ids) in &corpus_ids {
        let group = root(stored);
        for id in ids {
            out.duplicate_group.insert((*id).to_owned(), group.clone());
        }
    }
    for (stored, story) in store.story_assignments().map_err(|e| store_error(dir, e))? {
        for id in &corpus_ids[stored.as_str()] {
            out.story.insert((*id).to_owned(), story);
        }
    }
    Ok(out)
}

/// Parameters with the `--params` overrides applied.
pub fn params(overrides: Option<&str>) -> Result<Params, EvalError> {
    let mut p = Params::default();
    if let Some(o) = overrides {
        p.apply(o).map_err(|e| EvalError::Data(format!("--params: {e}")))?;
    }
    Ok(p)
}
