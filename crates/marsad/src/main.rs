//! `marsad`: the command that wires Marsad's stages together.

mod cmd;
mod render;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "marsad",
    version,
    about = "مرصد — Arabic news monitoring: extract, ingest, search and serve Arabic news"
)]
struct Cli {
    /// Where Marsad keeps its database and index.
    #[arg(long, global = true, env = "MARSAD_DATA", default_value = "./marsad-data")]
    data_dir: PathBuf,
    /// Print data as JSON instead of readable text.
    #[arg(long, global = true)]
    json: bool,
    /// More log output (-v: info, -vv: debug); RUST_LOG overrides.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    verbose: u8,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the articles of a plain-text page dump, in page order.
    Extract { path: PathBuf },
    /// Store the articles of page files and directories (recursively), and
    /// of WARC crawls (.warc, .warc.gz).
    Ingest {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Counts of files, articles and sources, and the date range.
    Stats,
    /// One stored article, by id (or a unique prefix of at least 4 characters).
    Show { id: String },
    /// Search stored articles (Arabic-aware: any spelling, clitics, stems).
    Search(cmd::search::SearchArgs),
    /// An entity: its names and spellings, articles per day, co-occurring entities, latest articles.
    Entity(cmd::entities::EntityArgs),
    /// Rebuild the search index from the store.
    Reindex,
    /// Stories (articles about one event across sources and days), newest first.
    Stories(cmd::stories::StoriesArgs),
    /// One story with its sources and timeline, by id.
    Story { id: String },
    /// Serve the HTTP JSON API until SIGTERM or Ctrl-C.
    Serve {
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// Token that POST /api/ingest requires; without it, ingest over HTTP is off.
        #[arg(long, env = "MARSAD_INGEST_TOKEN", hide_env_values = true)]
        ingest_token: Option<String>,
    },
    /// RSS and Atom feeds: add, list, poll.
    #[command(subcommand)]
    Feeds(cmd::feeds::FeedsCommand),
    /// Watches: searches, entities and stories that alert on new articles.
    #[command(subcommand)]
    Watch(cmd::watch::WatchCommand),
    /// Train a model from data.
    #[command(subcommand)]
    Train(TrainTask),
    /// Quality evaluations against anchors measured in the same run.
    #[command(subcommand)]
    Eval(cmd::eval::Task),
}

#[derive(Subcommand)]
enum TrainTask {
    /// The entity tagger, from ANERcorp-format data (deterministic).
    Ner(cmd::ner::TrainArgs),
}

/// Rust ignores SIGPIPE, so `marsad stories | head` would panic on the
/// closed pipe; like other command-line tools, the process just ends.
fn restore_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called first in main, before any thread exists; SIG_DFL is a
    // valid disposition for SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Not for the commands that talk over sockets: a peer that hangs up
    // must be an error there, never the end of the process.
    if !matches!(cli.command, Command::Serve { .. } | Command::Feeds(_)) {
        restore_sigpipe();
    }
    init_logging(cli.verbose);
    let result = match &cli.command {
        Command::Extract { path } => cmd::extract::run(path, cli.json),
        Command::Ingest { paths } => cmd::ingest::run(&cli.data_dir, paths, cli.json),
        Command::Stats => cmd::stats::run(&cli.data_dir, cli.json),
        Command::Show { id } => cmd::show::run(&cli.data_dir, id, cli.json),
        Command::Search(args) => cmd::search::run(&cli.data_dir, args, cli.json),
        Command::Entity(args) => cmd::entities::entity(&cli.data_dir, args, cli.json),
        Command::Reindex => cmd::reindex::run(&cli.data_dir),
        Command::Stories(args) => cmd::stories::list(&cli.data_dir, args, cli.json),
        Command::Story { id } => cmd::stories::show(&cli.data_dir, id, cli.json),
        Command::Serve { addr, ingest_token } => cmd::serve::run(&cli.data_dir, *addr, ingest_token.clone()),
        Command::Feeds(command) => cmd::feeds::run(&cli.data_dir, command, cli.json),
        Command::Watch(command) => cmd::watch::run(&cli.data_dir, command, cli.json),
        Command::Train(TrainTask::Ner(args)) => cmd::ner::train(args, cli.json),
        Command::Eval(task) => cmd::eval::run(task, cli.json),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("marsad: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging(verbose: u8) {
    let default = match verbose {
        // The command's own progress lines (when not on a terminal) are info.
        0 => "warn,marsad=info",
        1 => "info",
        _ => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_target(false)
        .init();
}
