//! Evaluation harnesses for Marsad.
//!
//! [`run_retrieval`] indexes a retrieval set's passages (plus, optionally, a
//! news corpus as distractors), runs its questions and reports MRR@10 and
//! Recall@1/5/20/100 for every analysis chain and for Lucene's
//! ArabicAnalyzer, at two BM25 settings. [`run_known_item`] does the same
//! with news titles as queries and their articles as answers.

mod bm25;
mod clustering;
mod data;
pub mod dates;
pub mod dedup;
mod error;
pub mod extract;
pub mod extract_bench;
mod extract_report;
mod extract_rs_trafilatura;
mod extract_smoothie;
mod labels;
pub mod lucene;
mod metrics;
mod partition;
pub mod python;
mod related;
mod report;
pub mod split;
pub mod stories;
pub mod synthetic;
mod systems;

use std::collections::HashMap;
use std::path::PathBuf;

use marsad_text::lexicon::Lexicon;
use marsad_text::tantivy::ChainTokenizer;
use marsad_text::{Chain, StemConfig, Stemmer};
use tantivy::tokenizer::TextAnalyzer;

pub use bm25::{Bm25, SETTINGS};
pub use data::{load_news, load_retrieval_dir, Doc, NewsArticle, Query};
pub use dates::{run_dates, DatesArgs, DatesReport};
pub use dedup::{run_dedup, DedupArgs, DedupReport};
pub use error::EvalError;
pub use extract::{run_extract, ExtractArgs, ExtractReport};
pub use extract_report::{BenchReport, BenchResult, BenchScores};
pub use metrics::{measure, Measures};
pub use partition::{bcubed, pairwise, Prf};
pub use related::{run_related, LabelReport, RelatedArgs, RelatedReport};
pub use report::{RetrievalReport, Row, SettingReport};
pub use stories::{run_stories, StoriesArgs, StoriesReport};
pub use systems::System;

/// Which half of the queries to run, for tuning on one half and checking on
/// the other (split by a hash of the query id).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Split {
    #[default]
    All,
    A,
    B,
}

/// Options shared by both tasks.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct CommonArgs {
    /// Systems to run (default: all six).
    #[arg(long, value_enum, value_delimiter = ',')]
    pub systems: Vec<System>,
    /// Run only one half of the queries (tuning on A, checking on B).
    #[arg(long, value_enum, default_value_t = Split::All)]
    pub split: Split,
    /// Override Marsad's stemmer thresholds, e.g.
    /// `prefix_ratio=0.2,suffix_ratio=0.2,min_known=3,enclitics=1,feminine=1`.
    #[arg(long, hide = true)]
    pub marsad_stem: Option<String>,
}

/// `marsad eval retrieval`: a retrieval set, optionally among news distractors.
#[derive(Debug, Clone, clap::Args)]
pub struct RetrievalArgs {
    /// Directory with one `*.passages.jsonl` and one `*.queries.jsonl`
    /// (the format of shared/data/arcd).
    #[arg(long)]
    pub data: PathBuf,
    /// News corpus (`.jsonl.gz`, SaudiNewsNet format) whose articles are
    /// indexed as extra passages.
    #[arg(long)]
    pub distractors: Option<PathBuf>,
    /// Index passages without their titles (by default each passage's
    /// title is indexed in front of its text, as news articles are).
    #[arg(long)]
    pub no_passage_titles: bool,
    #[command(flatten)]
    pub common: CommonArgs,
}

/// Known-item search on a news corpus: each title is a query, its article
/// (title left out) the answer.
#[derive(Debug, Clone, clap::Args)]
pub struct KnownItemArgs {
    /// News corpus (`.jsonl.gz`, SaudiNewsNet format).
    #[arg(long)]
    pub news: PathBuf,
    /// Use the title of every N-th article as a query (all articles are
    /// indexed).
    #[arg(long, default_value_t = 8)]
    pub every: usize,
    #[command(flatten)]
    pub common: CommonArgs,
}

/// Runs the retrieval evaluation.
pub fn run_retrieval(args: &RetrievalArgs) -> Result<RetrievalReport, EvalError> {
    let (mut docs, queries) = load_retrieval_dir(&args.data, !args.no_passage_titles)?;
    if let Some(path) = &args.distractors {
        let news = load_news(path)?;
        tracing::info!(articles = news.len(), "news distractors loaded");
        docs.extend(
            news.into_iter().map(|a| Doc { id: format!("news:{}", a.id), text: join_title(&a.title, &a.content) }),
        );
    }
    let queries = split(queries, args.common.split);
    evaluate("retrieval", &docs, &queries, &args.common)
}

/// Runs the known-item evaluation.
pub fn run_known_item(args: &KnownItemArgs) -> Result<RetrievalReport, EvalError> {
    let news = load_news(&args.news)?;
    let every = args.every.max(1);
    let docs: Vec<Doc> = news.iter().map(|a| Doc { id: a.id.clone(), text: a.content.clone() }).collect();
    // An exact copy of the article is as good an answer as the article.
    let mut by_content: HashMap<&str, Vec<String>> = HashMap::new();
    for a in &news {
        by_content.entry(a.content.trim()).or_default().push(a.id.clone());
    }
    let queries: Vec<Query> = news
        .iter()
        .step_by(every)
        .filter(|a| !a.title.trim().is_empty() && !a.content.trim().is_empty())
        .map(|a| Query { id: a.id.clone(), text: a.title.clone(), relevant: by_content[a.content.trim()].clone() })
        .collect();
    let queries = split(queries, args.common.split);
    evaluate("known-item", &docs, &queries, &args.common)
}

fn join_title(title: &str, content: &str) -> String {
    let mut s = String::with_capacity(title.len() + content.len() + 1);
    s.push_str(title);
    s.push('\n');
    s.push_str(content);
    s
}

fn split(queries: Vec<Query>, which: Split) -> Vec<Query> {
    let half = |id: &str| {
        if split::fnv1a_64(id.as_bytes()).is_multiple_of(2) {
            Split::A
        } else {
            Split::B
        }
    };
    match which {
        Split::All => queries,
        s => queries.into_iter().filter(|q| half(&q.id) == s).collect(),
    }
}

/// Parses `key=value,...` overrides of the stemmer thresholds.
pub fn parse_stem_config(spec: &str) -> Result<StemConfig, EvalError> {
    let mut c = StemConfig::default();
    for part in spec.split(',').filter(|p| !p.trim().is_empty()) {
        let (k, v) = part
            .split_once('=')
            .ok_or_else(|| EvalError::Data(format!("--marsad-stem: expected key=value, got {part:?}")))?;
        let bad = || EvalError::Data(format!("--marsad-stem: bad value for {k}: {v:?}"));
        match k.trim() {
            "min_stem" => c.min_stem = v.parse().map_err(|_| bad())?,
            "min_known" => c.min_known = v.parse().map_err(|_| bad())?,
            "prefix_ratio" => c.prefix_ratio = v.parse().map_err(|_| bad())?,
            "suffix_ratio" => c.suffix_ratio = v.parse().map_err(|_| bad())?,
            "enclitics" => c.enclitics = v.trim() == "1",
            "feminine" => c.feminine = v.trim() == "1",
            "bare_suffix_ratio" => c.bare_suffix_ratio = v.parse().map_err(|_| bad())?,
            "unknown_fallback" => c.unknown_fallback = v.trim() == "1",
            "teh_marbuta" => c.teh_marbuta = v.trim() == "1",
            "fallback_bytes" => c.fallback_bytes = v.parse().map_err(|_| bad())?,
            "fallback_rest" => c.fallback_rest = v.parse().map_err(|_| bad())?,
            "tanween_ratio" => c.tanween_ratio = v.parse().map_err(|_| bad())?,
            other => return Err(EvalError::Data(format!("--marsad-stem: unknown key {other}"))),
        }
    }
    Ok(c)
}

fn analyzer_for(system: System, common: &CommonArgs) -> Result<Option<TextAnalyzer>, EvalError> {
    if system == System::Marsad {
        if let Some(spec) = &common.marsad_stem {
            let stemmer = Stemmer::new(Lexicon::shipped(), parse_stem_config(spec)?);
            return Ok(Some(TextAnalyzer::from(ChainTokenizer::with_stemmer(Chain::Marsad, stemmer))));
        }
    }
    Ok(system.analyzer())
}

/// Rankings (document indexes, best first) of every query at every setting in
/// [`SETTINGS`], for one in-process system.
pub fn run_system(
    system: System,
    common: &CommonArgs,
    docs: &[Doc],
    queries: &[Query],
) -> Result<Vec<Vec<Vec<u32>>>, EvalError> {
    let Some(mut analyzer) = analyzer_for(system, common)? else {
        return Err(EvalError::Data(format!("{system} has no in-process analyzer")));
    };
    let mut index = bm25::Index::default();
    let mut terms: Vec<String> = Vec::new();
    for d in docs {
        terms.clear();
        systems::terms(&mut analyzer, &d.text, |t| terms.push(t.to_string()));
        index.add(terms.iter().map(String::as_str));
    }
    let analyzed: Vec<Vec<String>> = queries
        .iter()
        .map(|q| {
            let mut v = Vec::new();
            systems::terms(&mut analyzer, &q.text, |t| v.push(t.to_string()));
            v
        })
        .collect();
    Ok(SETTINGS
        .iter()
        .map(|&p| analyzed.iter().map(|q| index.search(q.iter().map(String::as_str), p)).collect())
        .collect())
}

/// Indexes `docs` with every requested system, runs `queries` and measures.
pub fn evaluate(
    task: &str,
    docs: &[Doc],
    queries: &[Query],
    common: &CommonArgs,
) -> Result<RetrievalReport, EvalError> {
    if queries.is_empty() {
        return Err(EvalError::Data("no queries to run".into()));
    }
    let wanted: Vec<System> = if common.systems.is_empty() {
        System::ALL.to_vec()
    } else {
        let mut v = common.systems.clone();
        v.sort();
        v.dedup();
        v
    };
    let index_of: HashMap<&str, u32> = docs.iter().enumerate().map(|(i, d)| (d.id.as_str(), i as u32)).collect();
    let relevant: Vec<Vec<u32>> =
        queries.iter().map(|q| q.relevant.iter().filter_map(|r| index_of.get(r.as_str()).copied()).collect()).collect();

    // Lucene runs in its own process; let it work while the Rust systems do.
    let (lucene, rust_results) = std::thread::scope(|scope| {
        let lucene = wanted.contains(&System::Lucene).then(|| {
            scope.spawn(|| match lucene::find_anchor_dir() {
                Some(dir) => lucene::run(&dir, docs, queries, &SETTINGS).map_err(|e| e.to_string()),
                None => Err(lucene::missing_reason()),
            })
        });
        let mut rust_results = Vec::new();
        for &s in wanted.iter().filter(|&&s| s != System::Lucene) {
            tracing::info!(system = %s, "indexing");
            rust_results.push((s, run_system(s, common, docs, queries)));
        }
        let lucene = lucene.map(|h| h.join().unwrap_or_else(|_| Err("the Lucene runner thread panicked".to_string())));
        (lucene, rust_results)
    });

    let mut bm25: Vec<SettingReport> = SETTINGS.iter().map(|&p| SettingReport::new(p)).collect();
    for (s, result) in rust_results {
        let rankings = result?;
        for (i, r) in rankings.iter().enumerate() {
            bm25[i].insert(s.key(), Row::Measured(measure(r, &relevant)));
        }
    }
    if let Some(result) = lucene {
        match result {
            Ok(rankings) => {
                for (i, r) in rankings.iter().enumerate() {
                    bm25[i].insert("lucene", Row::Measured(measure(r, &relevant)));
                }
            }
            Err(reason) => {
                tracing::warn!("{reason}");
                for s in &mut bm25 {
                    s.insert("lucene", Row::Missing { missing: reason.clone() });
                }
            }
        }
    }
    Ok(RetrievalReport { task: task.to_string(), documents: docs.len(), queries: queries.len(), bm25 })
}
