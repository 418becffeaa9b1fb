use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressStyle};
use marsad_ingest::{FileError, Progress, Summary};
use marsad_store::lock::WriteLock;
use marsad_store::Store;

use crate::render;

pub fn run(data_dir: &Path, paths: &[PathBuf], json: bool) -> anyhow::Result<ExitCode> {
    let collected = marsad_ingest::collect_files(paths);
    // A path that cannot be walked is reported here, once, and the others
    // are still stored; it only makes the exit status non-zero.
    for e in &collected.errors {
        LogLines.error(e);
    }
    let (warcs, files): (Vec<PathBuf>, Vec<PathBuf>) =
        collected.files.into_iter().partition(|p| marsad_ingest::warc::is_warc(p));
    let lock = super::lock::hold(data_dir, "marsad ingest")?;
    let mut store = Store::open(data_dir)?;
    let mut summary = Summary::default();
    if !files.is_empty() {
        let progress: Box<dyn Progress> =
            if std::io::stderr().is_terminal() { Box::new(Bar::new()) } else { Box::new(LogLines) };
        summary = marsad_ingest::ingest(&mut store, &files, progress.as_ref())?;
    }
    summary.errors += collected.errors.len();
    if !warcs.is_empty() {
        for warc in &warcs {
            let one = marsad_ingest::warc::ingest_warc(&mut store, warc, &LogLines)?;
            summary.add(&one);
        }
    }
    derive(&lock, &mut store, data_dir)?;
    if json {
        render::print_json(&summary)?;
    } else {
        println!(
            "files read: {}, unchanged: {}, articles new: {}, already stored: {}, errors: {}{}",
            summary.files_read,
            summary.files_unchanged,
            summary.articles_new,
            summary.articles_already_stored,
            summary.errors,
            if warcs.is_empty() {
                String::new()
            } else {
                format!(", WARC records without a page: {}", summary.records_skipped)
            }
        );
    }
    Ok(if summary.errors > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// Brings what is derived from the stored articles up to them (the
/// pipeline's stages after storing), and reports articles given up on.
pub fn derive(lock: &WriteLock, store: &mut Store, data_dir: &Path) -> anyhow::Result<()> {
    let derived = marsad_pipeline::derive_once(lock, store, data_dir)?;
    for id in &derived.entities.over_budget {
        eprintln!(
            "marsad: article {id}: stored without entities: recognition took longer than {} s",
            marsad_entities::store::ARTICLE_BUDGET.as_secs()
        );
    }
    Ok(())
}

/// A progress bar for a person at a terminal.
struct Bar(ProgressBar);

impl Bar {
    fn new() -> Self {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} files {msg}")
                .expect("valid template")
                .progress_chars("=> "),
        );
        Bar(bar)
    }
}

impl Progress for Bar {
    fn start(&self, files: usize) {
        self.0.set_length(files as u64);
    }
    fn advance(&self, files: usize, s: &Summary) {
        self.0.inc(files as u64);
        self.0.set_message(format!("{} new articles, {} errors", s.articles_new, s.errors));
        if self.0.position() == self.0.length().unwrap_or(0) {
            self.0.finish_and_clear();
        }
    }
    fn error(&self, e: &FileError) {
        self.0.suspend(|| eprintln!("marsad: error: {e}"));
    }
}

/// Plain lines when output goes to a file or a pipe.
struct LogLines;

impl Progress for LogLines {
    fn start(&self, files: usize) {
        tracing::info!(files, "ingest started");
    }
    fn advance(&self, files: usize, s: &Summary) {
        tracing::info!(files, new = s.articles_new, errors = s.errors, "batch stored");
    }
    fn error(&self, e: &FileError) {
        eprintln!("marsad: error: {e}");
    }
}
