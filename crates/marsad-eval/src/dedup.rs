//! `marsad eval dedup`: duplicate pairs found by Marsad's clustering on a
//! labelled day and on a synthetic set of syndicated copies, against plain
//! MinHash-LSH (estimated Jaccard of word 3-shingles) in the same run.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::time::Instant;

use marsad_cluster::lsh::Lsh;
use marsad_cluster::minhash::{jaccard, MinHasher};
use marsad_cluster::shingle::{shingles, word_hashes};
use serde::Serialize;

use crate::clustering::{self, crawl_order};
use crate::data::{load_news, NewsArticle};
use crate::error::EvalError;
use crate::partition::{pairwise, Prf};
use crate::{labels, synthetic};

#[derive(Debug, Clone, clap::Args)]
pub struct DedupArgs {
    /// News corpus (`.jsonl.gz`, SaudiNewsNet format).
    #[arg(long)]
    pub corpus: PathBuf,
    /// Label directory with `*.stories.jsonl` and `*.duplicates.jsonl`.
    #[arg(long)]
    pub labels: PathBuf,
    /// Originals of the synthetic set (0: skip it).
    #[arg(long, default_value_t = 1500)]
    pub synthetic: usize,
    /// Seed of the synthetic set.
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// Parameter overrides, e.g. `containment=0.5,bands=16` (for sweeps).
    #[arg(long)]
    pub params: Option<String>,
}

/// Duplicate-pair scores of one set.
#[derive(Debug, Serialize)]
pub struct SetScores {
    pub articles: usize,
    pub gold_groups: usize,
    pub marsad: Prf,
    /// Plain MinHash-LSH: estimated Jaccard of word 3-shingles ≥ 0.5.
    pub anchor_minhash_jaccard: Prf,
    pub seconds: f64,
}

#[derive(Debug, Serialize)]
pub struct DedupReport {
    /// Marsad on the labelled day.
    #[serde(flatten)]
    pub dev: Prf,
    pub labelled: SetScores,
    pub synthetic: Option<SetScores>,
    pub synthetic_description: Option<String>,
}

impl std::fmt::Display for DedupReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut set = |name: &str, s: &SetScores| {
            writeln!(f, "{name}: {} articles, {} gold groups of 2+", s.articles, s.gold_groups)?;
            writeln!(f, "  marsad (LSH whole+lead, containment)   {}   ({:.1} s)", s.marsad, s.seconds)?;
            writeln!(f, "  anchor: MinHash-LSH Jaccard ≥ 0.5      {}", s.anchor_minhash_jaccard)
        };
        set("labelled day (duplicate pairs)", &self.labelled)?;
        if let Some(s) = &self.synthetic {
            set("synthetic copies (duplicate pairs)", s)?;
        }
        if let Some(d) = &self.synthetic_description {
            writeln!(f, "  ({d})")?;
        }
        Ok(())
    }
}

/// The baseline: MinHash over word 3-shingles, LSH at 32 bands,
/// a pair is a duplicate when the estimated Jaccard is at least 0.5;
/// groups are connected components in arrival order.
pub fn minhash_jaccard_groups(articles: &[NewsArticle]) -> HashMap<String, String> {
    const THRESHOLD: f32 = 0.5;
    let hasher = MinHasher::new(128, 1);
    let mut lsh = Lsh::new(128, 32);
    let mut sigs: Vec<Vec<u32>> = Vec::new();
    let mut root: Vec<usize> = Vec::new();
    let (mut words, mut set, mut cands) = (Vec::new(), Vec::new(), Vec::new());
    for (i, a) in articles.iter().enumerate() {
        words.clear();
        word_hashes(&a.content, &mut words);
        shingles(&words, 3, &mut set);
        let sig = hasher.signature(&set);
        lsh.query(&sig, &mut cands);
        let best = cands
            .iter()
            .map(|&c| (jaccard(&sig, &sigs[c as usize]), c as usize))
            .filter(|&(j, _)| j >= THRESHOLD)
            .max_by(|a, b| a.0.total_cmp(&b.0));
        root.push(best.map_or(i, |(_, c)| root[c]));
        lsh.insert(i as u32, &sig);
        sigs.push(sig);
    }
    articles.iter().zip(&root).map(|(a, &r)| (a.id.clone(), articles[r].id.clone())).collect()
}

fn groups_of_two_or_more(group: &HashMap<String, String>) -> usize {
    let mut n: HashMap<&str, usize> = HashMap::new();
    for g in group.values() {
        *n.entry(g.as_str()).or_default() += 1;
    }
    n.values().filter(|&&k| k >= 2).count()
}

fn score_set(
    articles: &[NewsArticle],
    gold: &HashMap<String, String>,
    params: &marsad_cluster::Params,
) -> Result<SetScores, EvalError> {
    let start = Instant::now();
    let decided = clustering::run(articles, params)?;
    let seconds = start.elapsed().as_secs_f64();
    let anchor = minhash_jaccard_groups(articles);
    Ok(SetScores {
        articles: articles.len(),
        gold_groups: groups_of_two_or_more(gold),
        marsad: pairwise(gold, &decided.duplicate_group),
        anchor_minhash_jaccard: pairwise(gold, &anchor),
        seconds,
    })
}

/// The labelled articles of the corpus, in crawl order.
pub fn labelled_articles(
    corpus: &[NewsArticle],
    labelled: &HashMap<String, String>,
) -> Result<Vec<NewsArticle>, EvalError> {
    let mut day: Vec<NewsArticle> = corpus.iter().filter(|a| labelled.contains_key(&a.id)).cloned().collect();
    if day.len() != labelled.len() {
        let have: HashSet<&str> = day.iter().map(|a| a.id.as_str()).collect();
        let missing = labelled.keys().find(|k| !have.contains(k.as_str())).cloned().unwrap_or_default();
        return Err(EvalError::Data(format!(
            "{} labelled ids are not in the corpus (e.g. {missing:?}): labels and corpus do not match",
            labelled.len() - day.len()
        )));
    }
    crawl_order(&mut day);
    Ok(day)
}

/// The corpus articles crawled in the `days` days before the first of
/// `day`'s articles, in crawl order.
pub fn history(corpus: &[NewsArticle], day: &[NewsArticle], days: u32) -> Vec<NewsArticle> {
    let Some(first) = day.iter().filter_map(|a| a.date_extracted.get(..10)?.parse::<chrono::NaiveDate>().ok()).min()
    else {
        return Vec::new();
    };
    let from = first - chrono::Days::new(u64::from(days));
    let mut out: Vec<NewsArticle> = corpus
        .iter()
        .filter(|a| {
            a.date_extracted
                .get(..10)
                .and_then(|d| d.parse::<chrono::NaiveDate>().ok())
                .is_some_and(|d| d >= from && d < first)
        })
        .cloned()
        .collect();
    crawl_order(&mut out);
    out
}

pub fn run_dedup(args: &DedupArgs) -> Result<DedupReport, EvalError> {
    let params = clustering::params(args.params.as_deref())?;
    let corpus = load_news(&args.corpus)?;
    let labels = labels::load(&args.labels)?;
    let day = labelled_articles(&corpus, &labels.story)?;
    let labelled = score_set(&day, &labels.duplicate_group, &params)?;
    let (synthetic, synthetic_description) = if args.synthetic > 0 {
        let days: HashSet<String> = day.iter().filter_map(|a| a.date_extracted.get(..10)).map(str::to_owned).collect();
        let mut set = synthetic::build(&corpus, &days, args.synthetic, args.seed);
        let description = format!(
            "synthetic: {} originals from unlabelled days, {} edited copies, seed {}",
            set.originals, set.copies, args.seed
        );
        crawl_order(&mut set.articles);
        (Some(score_set(&set.articles, &set.group, &params)?), Some(description))
    } else {
        (None, None)
    };
    Ok(DedupReport { dev: labelled.marsad, labelled, synthetic, synthetic_description })
}
