//! Runs the evaluations until the `marsad eval` CLI wires them:
//! `cargo run --release -p marsad-eval --example eval -- retrieval --data DIR [--distractors FILE] [--json]`
//! `cargo run --release -p marsad-eval --example eval -- known-item --news FILE [--json]`

use clap::{Parser, Subcommand};

#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    task: Task,
    /// Print JSON instead of the table.
    #[arg(long, global = true)]
    json: bool,
}

#[derive(Subcommand)]
enum Task {
    Retrieval(marsad_eval::RetrievalArgs),
    KnownItem(marsad_eval::KnownItemArgs),
}

fn main() {
    let cli = Cli::parse();
    let report = match &cli.task {
        Task::Retrieval(a) => marsad_eval::run_retrieval(a),
        Task::KnownItem(a) => marsad_eval::run_known_item(a),
    };
    match report {
        Ok(r) if cli.json => println!("{}", serde_json::to_string_pretty(&r).expect("serializable")),
        Ok(r) => print!("{r}"),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
