//! Scores a model on a CoNLL file: `--data FILE|DIR [--model FILE] [--json]`.
//! A directory (like AQMAR's) is read file by file in name order, leniently.

use std::path::PathBuf;

use clap::Parser;
use marsad_entities::{evaluate, read_conll, read_conll_lenient, Model};

#[derive(Parser)]
struct Args {
    #[arg(long)]
    data: PathBuf,
    #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/model/ner.bin"))]
    model: PathBuf,
    #[arg(long)]
    json: bool,
    /// Read tags outside PERS/LOC/ORG/MISC as O instead of failing.
    #[arg(long)]
    lenient: bool,
}

fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt().with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "warn".into())).init();
    let args = Args::parse();
    let started = std::time::Instant::now();
    let model = Model::load(&args.model)?;
    let load = started.elapsed();
    let sentences = if args.data.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&args.data)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>()?;
        files.sort();
        let mut all = Vec::new();
        for f in files.iter().filter(|f| f.extension().is_some_and(|e| e == "txt")) {
            all.extend(read_conll_lenient(f)?);
        }
        all
    } else if args.lenient {
        read_conll_lenient(&args.data)?
    } else {
        read_conll(&args.data)?
    };
    let started = std::time::Instant::now();
    let report = evaluate(&model, &sentences);
    let tokens: usize = sentences.iter().map(|s| s.tokens.len()).sum();
    if args.json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        println!("{report}");
        eprintln!(
            "model loaded in {:.3} s; tagged {} tokens in {:.2} s ({:.0} tokens/s)",
            load.as_secs_f64(),
            tokens,
            started.elapsed().as_secs_f64(),
            tokens as f64 / started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}
