//! Trains the NER model: `--data FILE --out FILE [--holdout 0.1]`.
//! Gazetteers and the news corpus are taken from beside the data directory.

use std::path::PathBuf;

use clap::Parser;
use marsad_entities::TrainRecipe;

#[derive(Parser)]
struct Args {
    /// ANERcorp-format training file.
    #[arg(long)]
    data: PathBuf,
    /// Where to write the model.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Hold out this tail fraction of sentences and report F1 on it.
    #[arg(long, default_value_t = 0.0)]
    holdout: f64,
    #[arg(long)]
    epochs: Option<usize>,
    /// Seed of the sentence order and dropout (the shipped model uses the default).
    #[arg(long)]
    seed: Option<u64>,
    /// Differently seeded perceptrons averaged into each stage.
    #[arg(long)]
    mix: Option<usize>,
    /// Drop feature rows whose largest absolute weight is below this.
    #[arg(long)]
    prune: Option<f32>,
    /// Log F1 on the holdout after every epoch.
    #[arg(long)]
    trace_dev: bool,
    #[arg(long)]
    no_gazetteer: bool,
    #[arg(long)]
    no_anetac: bool,
    /// Leave out the word clusters learned from the SaudiNewsNet sample.
    #[arg(long)]
    no_clusters: bool,
    #[arg(long)]
    min_feature_count: Option<u32>,
    #[arg(long)]
    dropout: Option<f64>,
    /// Train only the first stage.
    #[arg(long)]
    one_pass: bool,
    /// Cache word clusters in this file across tuning runs.
    #[arg(long)]
    clusters_cache: Option<PathBuf>,
}

fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .init();
    let args = Args::parse();
    let mut recipe = TrainRecipe::next_to(&args.data);
    recipe.holdout = args.holdout;
    if let Some(e) = args.epochs {
        recipe.train.epochs = e;
    }
    if let Some(p) = args.prune {
        recipe.train.prune = p;
    }
    if let Some(m) = args.mix {
        recipe.train.mix = m;
    }
    if let Some(s) = args.seed {
        recipe.train.seed = s;
    }
    if let Some(m) = args.min_feature_count {
        recipe.train.min_feature_count = m;
    }
    recipe.train.two_pass = !args.one_pass;
    if let Some(d) = args.dropout {
        recipe.train.dropout = d;
    }
    recipe.clusters_cache = args.clusters_cache.clone();
    if args.no_gazetteer {
        recipe.anergazet = None;
    }
    if args.no_anetac {
        recipe.anetac = None;
    }
    if args.no_clusters {
        recipe.corpus = None;
    }
    if args.trace_dev && args.holdout > 0.0 {
        let sentences = marsad_entities::read_conll(&args.data)?;
        recipe.train.dev = marsad_entities::split_dev(&sentences, 1.0 - args.holdout).1.to_vec();
    }
    let started = std::time::Instant::now();
    let (model, report) = recipe.run()?;
    println!("trained in {:.1} s, {} features", started.elapsed().as_secs_f64(), model.feature_count());
    if let Some(report) = report {
        println!("holdout ({:.0}% tail):\n{report}", args.holdout * 100.0);
    }
    if let Some(out) = &args.out {
        model.save(out)?;
        println!("wrote {} ({} bytes)", out.display(), std::fs::metadata(out)?.len());
    }
    Ok(())
}
