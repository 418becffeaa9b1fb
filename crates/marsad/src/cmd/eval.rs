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
    /// Name variants: precision, recall and F1 of the same-entity decision on name pairs.
    Variants(super::entities::VariantsArgs),
}

pub fn run(task: &Task, json: bool) -> anyhow::Result<ExitCode> {
    if let Task::Ner(args) = task {
        return super::ner::eval(args, json);
    }
    if let Task::Variants(args) = task {
        return super::entities::eval_variants(args, json);
    }
    if let Task::Related(args) = task {
        let report = marsad_eval::run_related(args)?;
        if json {
            render::print_json(&report)?;
        } else {
            print!("{report}");
        }
        return Ok(ExitCode::SUCCESS);
    }
    let report = match task {
        Task::Retrieval(args) => marsad_eval::run_retrieval(args)?,
        Task::KnownItem(args) => marsad_eval::run_known_item(args)?,
        Task::Ner(_) | Task::Related(_) | Task::Variants(_) => unreachable!("handled above"),
    };
    if json {
        render::print_json(&report)?;
    } else {
        print!("{report}");
    }
    Ok(ExitCode::SUCCESS)
}
