//! `marsad train ner` and `marsad eval ner`: the entity tagger's training and
//! CoNLL evaluation, over marsad-entities.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use marsad_entities::{evaluate, read_conll, read_conll_lenient, Model, TrainRecipe};

use crate::render;

/// The model shipped in the repository.
const SHIPPED_MODEL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../marsad-entities/model/ner.bin");

#[derive(clap::Args)]
pub struct TrainArgs {
    /// ANERcorp-format training file (gazetteers and the news corpus are
    /// looked up beside its directory, as in ../shared/data).
    #[arg(long)]
    data: PathBuf,
    /// Where to write the model.
    #[arg(long)]
    out: PathBuf,
    /// Hold out this tail fraction of the sentences and report F1 on it.
    #[arg(long, default_value_t = 0.0)]
    holdout: f64,
}

#[derive(clap::Args)]
pub struct EvalArgs {
    /// A CoNLL file in ANERcorp's format, or a directory of them (read
    /// leniently: unknown tags count as O, MIS* as MISC).
    #[arg(long)]
    data: PathBuf,
    #[arg(long, default_value = SHIPPED_MODEL)]
    model: PathBuf,
}

pub fn train(args: &TrainArgs, json: bool) -> anyhow::Result<ExitCode> {
    let mut recipe = TrainRecipe::next_to(&args.data);
    recipe.holdout = args.holdout;
    let (model, report) = recipe.run()?;
    model.save(&args.out).with_context(|| format!("cannot write {}", args.out.display()))?;
    eprintln!("model written to {}", args.out.display());
    if let Some(report) = report {
        if json {
            render::print_json(&report)?;
        } else {
            println!("{report}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn eval(args: &EvalArgs, json: bool) -> anyhow::Result<ExitCode> {
    let model = Model::load(&args.model)?;
    let sentences = read_sentences(&args.data)?;
    let report = evaluate(&model, &sentences);
    if json {
        render::print_json(&report)?;
    } else {
        println!("{report}");
    }
    Ok(ExitCode::SUCCESS)
}

fn read_sentences(path: &Path) -> anyhow::Result<Vec<marsad_entities::Sentence>> {
    if !path.is_dir() {
        return Ok(read_conll(path)?);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)
        .with_context(|| format!("cannot read {}", path.display()))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    files.sort();
    let mut all = Vec::new();
    for f in files.iter().filter(|f| f.extension().is_some_and(|e| e == "txt")) {
        all.extend(read_conll_lenient(f)?);
    }
    Ok(all)
}
