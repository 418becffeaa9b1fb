//! How good are "related articles"? On a news corpus, the share of an
//! article's top-k related articles that carry the same label as it, beside
//! the share that k articles drawn at random would reach.
//!
//! Two labels, both given by the data rather than by us:
//! - the section in the article's URL (only the outlets whose URLs name
//!   one: SaudiNewsNet's alwatan and 3alyoum), mapped to shared names, with
//!   related articles searched among those articles only;
//! - the story labels of a labelled day (`*.stories.jsonl`), with related
//!   articles searched in the whole corpus.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use marsad_core::{Article, ArticleId, PubDate};
use marsad_store::index::SearchIndex;
use marsad_store::{FileArticles, Store};
use serde::{Deserialize, Serialize};

use crate::data::{load_news, read_jsonl_file, NewsArticle};
use crate::EvalError;

#[derive(Debug, clap::Args)]
pub struct RelatedArgs {
    /// News corpus (`.jsonl.gz`, SaudiNewsNet format).
    #[arg(long)]
    pub corpus: PathBuf,
    /// Directory with a `*.stories.jsonl` story labelling of the corpus.
    #[arg(long)]
    pub labels: Option<PathBuf>,
    /// How many related articles are judged per article.
    #[arg(long, default_value_t = 5)]
    pub k: usize,
}

#[derive(Debug, Serialize)]
pub struct RelatedReport {
    pub k: usize,
    pub section: LabelReport,
    pub story: Option<LabelReport>,
}

/// The mean share of top-k related articles with the article's label.
#[derive(Debug, Serialize)]
pub struct LabelReport {
    /// Articles whose related articles were judged.
    pub articles: usize,
    /// Articles searched among.
    pub pool: usize,
    pub share: f64,
    /// Expected share of k articles drawn at random from the pool.
    pub random_share: f64,
    /// Share of articles with at least one same-label article in their top k.
    pub hit_rate: f64,
}

/// URL sections of the outlets that name one, as shared section names.
/// Generic ("news") and mixed sections are left out: they are not a label.
const SECTIONS: &[(&str, &str, &str)] = &[
    ("alwatan", "Local", "local"),
    ("alwatan", "Nation", "local"),
    ("alwatan", "Politics", "politics"),
    ("alwatan", "Sports", "sports"),
    ("alwatan", "Economy", "economy"),
    ("alwatan", "Culture", "culture"),
    ("alwatan", "Articles", "opinion"),
    ("alwatan", "Discussion", "opinion"),
    ("3alyoum", "sports", "sports"),
    ("3alyoum", "finance", "economy"),
    ("3alyoum", "culture", "culture"),
    ("3alyoum", "opinion", "opinion"),
    ("3alyoum", "technology", "technology"),
];

fn section(a: &NewsArticle) -> Option<&'static str> {
    let path = a.url.split_once("://").map_or(a.url.as_str(), |(_, rest)| rest);
    let first = path.split('/').nth(1)?;
    SECTIONS.iter().find(|(source, s, _)| *source == a.source && *s == first).map(|&(_, _, name)| name)
}

pub fn run_related(args: &RelatedArgs) -> Result<RelatedReport, EvalError> {
    let news = load_news(&args.corpus)?;
    let sectioned: Vec<&NewsArticle> = news.iter().filter(|a| section(a).is_some()).collect();
    let labels: HashMap<&str, &str> = sectioned.iter().map(|a| (a.id.as_str(), section(a).unwrap())).collect();
    let queries: Vec<&str> = sectioned.iter().map(|a| a.id.as_str()).collect();
    let section_report = judge(&sectioned, &queries, &labels, args.k)?;

    let story = match &args.labels {
        None => None,
        Some(dir) => {
            let stories = load_stories(dir)?;
            let mut size: HashMap<&str, usize> = HashMap::new();
            for story in stories.values() {
                *size.entry(story.as_str()).or_default() += 1;
            }
            // Only articles with story mates can find one.
            let queries: Vec<&str> =
                stories.iter().filter(|(_, s)| size[s.as_str()] > 1).map(|(id, _)| id.as_str()).collect();
            let labels: HashMap<&str, &str> = stories.iter().map(|(id, s)| (id.as_str(), s.as_str())).collect();
            let all: Vec<&NewsArticle> = news.iter().collect();
            Some(judge(&all, &queries, &labels, args.k)?)
        }
    };
    Ok(RelatedReport { k: args.k, section: section_report, story })
}

fn load_stories(dir: &Path) -> Result<HashMap<String, String>, EvalError> {
    #[derive(Deserialize)]
    struct Line {
        id: String,
        story: String,
    }
    let path = crate::data::find_one(dir, ".stories.jsonl")?;
    let lines: Vec<Line> = read_jsonl_file(&path)?;
    Ok(lines.into_iter().map(|l| (l.id, l.story)).collect())
}

/// Indexes `pool` in a fresh store, asks for the related articles of each
/// query article, and scores them against `labels`.
fn judge(
    pool: &[&NewsArticle],
    queries: &[&str],
    labels: &HashMap<&str, &str>,
    k: usize,
) -> Result<LabelReport, EvalError> {
    let dir = tempfile::tempdir().map_err(|e| EvalError::io(std::env::temp_dir(), e))?;
    let store_err = |e: marsad_store::StoreError| EvalError::Data(format!("store: {e}"));
    let mut store = Store::open(dir.path()).map_err(store_err)?;
    let articles: Vec<Article> = pool.iter().map(|a| to_article(a)).collect();
    for (n, chunk) in articles.chunks(1000).enumerate() {
        let file = FileArticles {
            path: format!("eval:{n}"),
            content_hash: n.to_string(),
            encoding: "UTF-8",
            articles: chunk.to_vec(),
        };
        store.store_files(std::slice::from_ref(&file)).map_err(store_err)?.remove(0).map_err(store_err)?;
    }
    let mut index = SearchIndex::open(dir.path()).map_err(store_err)?;
    index.sync(&store).map_err(store_err)?;
    let by_id: HashMap<&str, &Article> = articles.iter().map(|a| (a.id.0.as_str(), a)).collect();

    let mut label_count: HashMap<&str, usize> = HashMap::new();
    for a in pool {
        if let Some(l) = labels.get(a.id.as_str()) {
            *label_count.entry(l).or_default() += 1;
        }
    }
    let (mut share, mut random, mut hits, mut judged) = (0.0, 0.0, 0usize, 0usize);
    for id in queries {
        let (Some(article), Some(label)) = (by_id.get(id), labels.get(id)) else { continue };
        let related = index.related(article, k).map_err(store_err)?;
        if related.is_empty() {
            continue;
        }
        let same = related.iter().filter(|(r, _)| labels.get(r.as_str()) == Some(label)).count();
        share += same as f64 / related.len() as f64;
        hits += usize::from(same > 0);
        random += (label_count[label] - 1) as f64 / (pool.len() - 1) as f64;
        judged += 1;
    }
    let n = judged.max(1) as f64;
    Ok(LabelReport {
        articles: judged,
        pool: pool.len(),
        share: share / n,
        random_share: random / n,
        hit_rate: hits as f64 / n,
    })
}

fn to_article(a: &NewsArticle) -> Article {
    let body: Vec<&str> = a.content.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    Article {
        id: ArticleId(a.id.clone()),
        title: a.title.trim().to_owned(),
        published: a.date_extracted.get(..10).and_then(|d| d.parse::<PubDate>().ok()),
        source: Some(a.source.clone()),
        body: body.join("\n"),
        lang: "ar".into(),
        ..Default::default()
    }
}

impl fmt::Display for RelatedReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "related articles: share of the top {} with the article's own label", self.k)?;
        writeln!(
            f,
            "{:<8} {:>8} {:>8} {:>8} {:>8} {:>9}",
            "label", "articles", "pool", "marsad", "random", "hit rate"
        )?;
        let rows = [("section", Some(&self.section)), ("story", self.story.as_ref())];
        for (name, row) in rows {
            if let Some(r) = row {
                writeln!(
                    f,
                    "{:<8} {:>8} {:>8} {:>8.3} {:>8.3} {:>9.3}",
                    name, r.articles, r.pool, r.share, r.random_share, r.hit_rate
                )?;
            }
        }
        Ok(())
    }
}
