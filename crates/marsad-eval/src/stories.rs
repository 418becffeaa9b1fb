//! `marsad eval stories`: story clusters of a labelled day, B-cubed and
//! pairwise, against two anchors in the same run: every article alone, and
//! batch TF-IDF average-linkage clustering of the whole day (scikit-learn,
//! the method the labels' candidate groups were drawn with).

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

use serde::Serialize;

use crate::clustering;
use crate::data::load_news;
use crate::dedup::labelled_articles;
use crate::error::EvalError;
use crate::labels;
use crate::partition::{bcubed, pairwise, Prf};
use crate::python;

#[derive(Debug, Clone, clap::Args)]
pub struct StoriesArgs {
    /// News corpus (`.jsonl.gz`, SaudiNewsNet format).
    #[arg(long)]
    pub corpus: PathBuf,
    /// Label directory with `*.stories.jsonl` and `*.duplicates.jsonl`.
    #[arg(long)]
    pub labels: PathBuf,
    /// Parameter overrides, e.g. `link=0.4,centroid=0.35` (for sweeps).
    #[arg(long)]
    pub params: Option<String>,
    /// Also ingest the articles crawled this many days before the labelled
    /// day first (history: term frequencies and open stories); only the
    /// labelled articles are scored.
    #[arg(long, default_value_t = 0)]
    pub history_days: u32,
    /// Similarity threshold of the batch TF-IDF anchor (the labels' README uses 0.22).
    #[arg(long, default_value_t = 0.22)]
    pub anchor_threshold: f64,
    /// Write every article's predicted story as JSON lines here (for error analysis).
    #[arg(long, hide = true)]
    pub dump: Option<PathBuf>,
}

#[derive(Debug, Serialize)]
pub struct Scores {
    pub b3: Prf,
    pub pairwise: Prf,
}

#[derive(Debug, Serialize)]
pub struct StoriesReport {
    #[serde(flatten)]
    pub marsad: Scores,
    pub articles: usize,
    pub gold_stories: usize,
    pub predicted_stories: usize,
    /// Anchor: every article its own story.
    pub anchor_singletons: Scores,
    /// Anchor: the whole day clustered at once by average linkage over
    /// TF-IDF and containment similarities (None when not installed).
    pub anchor_batch_tfidf: Option<Scores>,
    /// Why the batch anchor did not run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anchor_missing: Option<String>,
    /// The same run scored on the articles with an even and with an odd
    /// number at the end of their id: two disjoint sets of pairs, to see
    /// that a change helps on both rather than on a few stories.
    pub halves: [Scores; 2],
    pub seconds: f64,
}

impl std::fmt::Display for StoriesReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "labelled day: {} articles, {} gold stories, {} predicted ({:.1} s)",
            self.articles, self.gold_stories, self.predicted_stories, self.seconds
        )?;
        writeln!(f, "  marsad            B3 {}   pairwise {}", self.marsad.b3, self.marsad.pairwise)?;
        writeln!(
            f,
            "  anchor: singletons B3 {}   pairwise {}",
            self.anchor_singletons.b3, self.anchor_singletons.pairwise
        )?;
        match (&self.anchor_batch_tfidf, &self.anchor_missing) {
            (Some(a), _) => writeln!(f, "  anchor: batch TF-IDF B3 {}   pairwise {}", a.b3, a.pairwise)?,
            (None, Some(why)) => writeln!(f, "  anchor: batch TF-IDF not run: {why}")?,
            (None, None) => {}
        }
        for (name, h) in ["even ids", "odd ids"].iter().zip(&self.halves) {
            writeln!(f, "  marsad, {name:<9} B3 {}   pairwise {}", h.b3, h.pairwise)?;
        }
        Ok(())
    }
}

pub fn run_stories(args: &StoriesArgs) -> Result<StoriesReport, EvalError> {
    let params = clustering::params(args.params.as_deref())?;
    let corpus = load_news(&args.corpus)?;
    let labels = labels::load(&args.labels)?;
    let day = labelled_articles(&corpus, &labels.story)?;
    let history = crate::dedup::history(&corpus, &day, args.history_days);
    let start = Instant::now();
    let decided = clustering::run(&[history, day.clone()].concat(), &params)?;
    let seconds = start.elapsed().as_secs_f64();
    if let Some(path) = &args.dump {
        let lines: Vec<String> =
            decided.story.iter().map(|(id, s)| serde_json::json!({"id": id, "story": s}).to_string()).collect();
        std::fs::write(path, lines.join("\n")).map_err(|e| EvalError::io(path, e))?;
    }
    let articles = day.iter().map(|a| python::StoryArticle { id: &a.id, title: &a.title, body: &a.content }).collect();
    let (anchor_batch_tfidf, anchor_missing) = match python::stories(articles, args.anchor_threshold) {
        Ok(run) => {
            let batch: HashMap<String, i64> = run.stories.into_iter().collect();
            (Some(Scores { b3: bcubed(&labels.story, &batch), pairwise: pairwise(&labels.story, &batch) }), None)
        }
        Err(e) => (None, Some(e.to_string())),
    };
    let alone: HashMap<String, String> = labels.story.keys().map(|k| (k.clone(), k.clone())).collect();
    let count = |m: &HashMap<String, i64>| m.values().collect::<std::collections::HashSet<_>>().len();
    let gold: std::collections::HashSet<&String> = labels.story.values().collect();
    Ok(StoriesReport {
        marsad: Scores { b3: bcubed(&labels.story, &decided.story), pairwise: pairwise(&labels.story, &decided.story) },
        articles: day.len(),
        gold_stories: gold.len(),
        predicted_stories: count(&decided.story),
        anchor_singletons: Scores { b3: bcubed(&labels.story, &alone), pairwise: pairwise(&labels.story, &alone) },
        anchor_batch_tfidf,
        anchor_missing,
        halves: [0, 1].map(|parity| {
            let half: HashMap<String, String> = labels
                .story
                .iter()
                .filter(|(id, _)| id_parity(id) == parity)
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            Scores { b3: bcubed(&half, &decided.story), pairwise: pairwise(&half, &decided.story) }
        }),
        seconds,
    })
}

/// The parity of the number an id ends with (SaudiNewsNet ids end in a
/// running number); ids without one count as even.
fn id_parity(id: &str) -> u32 {
    id.chars().next_back().and_then(|c| c.to_digit(10)).map_or(0, |d| d % 2)
}
