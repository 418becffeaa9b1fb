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
    /// Print the first N sentences whose tags differ from the gold.
    #[arg(long, default_value_t = 0)]
    show_errors: usize,
    /// Score only the tail of the file from this fraction on (the holdout
    /// that `train --holdout` leaves out).
    #[arg(long)]
    tail_from: Option<f64>,
}

fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "warn".into()))
        .init();
    let args = Args::parse();
    let started = std::time::Instant::now();
    let model = Model::load(&args.model)?;
    let load = started.elapsed();
    let sentences = if args.data.is_dir() {
        let mut files: Vec<PathBuf> =
            std::fs::read_dir(&args.data)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>()?;
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
    let sentences = match args.tail_from {
        Some(f) => marsad_entities::split_dev(&sentences, f).1.to_vec(),
        None => sentences,
    };
    let started = std::time::Instant::now();
    let report = evaluate(&model, &sentences);
    for s in sentences.iter().filter(|s| model.tag(&s.token_refs()) != s.tags).take(args.show_errors) {
        let pred = model.tag(&s.token_refs());
        let line: Vec<String> = s
            .tokens
            .iter()
            .zip(s.tags.iter().zip(&pred))
            .map(|(t, (g, p))| match (g == p, g) {
                (true, marsad_entities::Tag::O) => t.clone(),
                (true, _) => format!("{t}/{g}"),
                (false, _) => format!("[{t} gold={g} pred={p}]"),
            })
            .collect();
        println!("{}\n", line.join(" "));
    }
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
