use std::process::ExitCode;

use clap::Subcommand;

use crate::render;

#[derive(Subcommand)]
pub enum Task {
    /// Passage retrieval (ARCD format) among news distractors: MRR@10 and
    /// Recall@1/5/20/100 for every analysis chain and Lucene's ArabicAnalyzer.
    Retrieval(marsad_eval::RetrievalArgs),
    /// Known-item search on a news corpus: each title finds its article.
    KnownItem(marsad_eval::KnownItemArgs),
    /// Related articles: share of the top k that share the article's section
    /// (from its URL) or story (from labels), beside a random draw.
    Related(marsad_eval::RelatedArgs),
    /// Entity recognition: CoNLL entity-level precision, recall and F1.
    Ner(super::ner::EvalArgs),
    /// Near-duplicates: pairwise P/R/F1 of duplicate pairs on a labelled day
    /// and on synthetic syndicated copies, against plain MinHash-LSH.
    Dedup(marsad_eval::DedupArgs),
    /// Stories: B-cubed and pairwise P/R/F1 on a labelled day, against
    /// every article alone.
    Stories(marsad_eval::StoriesArgs),
    /// Article extraction from HTML: body token P/R/F1, title and date
    /// accuracy, against dom_smoothie, rs-trafilatura, trafilatura,
    /// newspaper4k and readability-lxml; on the Arabic pages, or on WCXB or
    /// ScrapingHub AEB with the benchmark's own metric (found from --data).
    Extract(marsad_eval::ExtractArgs),
    /// Publication dates of HTML pages, against htmldate.
    Dates(marsad_eval::DatesArgs),
    /// Name variants: precision, recall and F1 of the same-entity decision on name pairs.
    Variants(super::entities::VariantsArgs),
}

pub fn run(task: &Task, json: bool) -> anyhow::Result<ExitCode> {
    match task {
        Task::Ner(args) => super::ner::eval(args, json),
        Task::Retrieval(args) => show(&marsad_eval::run_retrieval(args)?, json),
        Task::KnownItem(args) => show(&marsad_eval::run_known_item(args)?, json),
        Task::Related(args) => show(&marsad_eval::run_related(args)?, json),
        Task::Dedup(args) => show(&marsad_eval::run_dedup(args)?, json),
        Task::Stories(args) => show(&marsad_eval::run_stories(args)?, json),
        Task::Extract(args) => show(&marsad_eval::run_extract(args)?, json),
        Task::Dates(args) => show(&marsad_eval::run_dates(args)?, json),
        Task::Variants(args) => super::entities::eval_variants(args, json),
    }
}

/// Prints a report as text, or as JSON with `--json`.
fn show<R: serde::Serialize + std::fmt::Display>(report: &R, json: bool) -> anyhow::Result<ExitCode> {
    if json {
        render::print_json(report)?;
    } else {
        print!("{report}");
    }
    Ok(ExitCode::SUCCESS)
}
