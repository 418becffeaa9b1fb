//! `marsad feeds add|list|poll`.

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use clap::{Args, Subcommand};
use marsad_ingest::feeds::{poll_feed, PollSummary};
use marsad_ingest::fetch::{FetchConfig, Fetcher};
use marsad_store::Store;

use crate::render;

#[derive(Subcommand)]
pub enum FeedsCommand {
    /// Add an RSS or Atom feed to poll.
    Add {
        url: String,
        /// Allow this feed (and the pages it links to) to reach private,
        /// loopback and other special-purpose addresses.
        #[arg(long)]
        allow_private: bool,
    },
    /// The feeds, with their state.
    List,
    /// Fetch every feed and store the articles of its new items; repeats
    /// every --interval until Ctrl-C, or polls once with --once.
    Poll(PollArgs),
}

#[derive(Args)]
pub struct PollArgs {
    /// Poll once and exit.
    #[arg(long)]
    once: bool,
    /// Seconds between polls.
    #[arg(long, default_value_t = 900)]
    interval: u64,
    /// Least seconds between two requests to one host.
    #[arg(long, default_value_t = 1.0)]
    host_interval: f64,
    /// Seconds a request may take in all.
    #[arg(long, default_value_t = 30)]
    timeout: u64,
}

pub fn run(data_dir: &Path, command: &FeedsCommand, json: bool) -> anyhow::Result<ExitCode> {
    match command {
        FeedsCommand::Add { url, allow_private } => add(data_dir, url, *allow_private, json),
        FeedsCommand::List => list(data_dir, json),
        FeedsCommand::Poll(args) => poll(data_dir, args, json),
    }
}

fn add(data_dir: &Path, url: &str, allow_private: bool, json: bool) -> anyhow::Result<ExitCode> {
    let url = marsad_ingest::fetch::validate_url(url)?.to_string();
    let mut store = Store::open(data_dir)?;
    let (feed, new) = store.add_feed(&url, allow_private)?;
    if json {
        render::print_json(&feed)?;
    } else if new {
        println!("feed added: {}{}", feed.url, if allow_private { " (private addresses allowed)" } else { "" });
    } else {
        println!("feed already present: {}", feed.url);
    }
    Ok(ExitCode::SUCCESS)
}

fn list(data_dir: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let store = Store::open(data_dir)?;
    let feeds = store.feeds()?;
    if json {
        render::print_json(&feeds)?;
        return Ok(ExitCode::SUCCESS);
    }
    if feeds.is_empty() {
        println!("no feeds; add one with `marsad feeds add URL`");
    }
    for f in feeds {
        println!(
            "{}\t{}\titems seen: {}, stored: {}\tlast poll: {}{}{}",
            f.url,
            f.title.as_deref().unwrap_or("-"),
            f.items_seen,
            f.items_stored,
            f.last_polled_at.as_deref().unwrap_or("never"),
            f.last_error.as_deref().map(|e| format!("\terror ({} in a row): {e}", f.error_count)).unwrap_or_default(),
            if f.allow_private { "\t(private allowed)" } else { "" },
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn poll(data_dir: &Path, args: &PollArgs, json: bool) -> anyhow::Result<ExitCode> {
    let host_interval = Duration::try_from_secs_f64(args.host_interval).context("--host-interval")?;
    let fetcher = Fetcher::new(FetchConfig {
        host_interval,
        timeout: Duration::from_secs(args.timeout),
        ..FetchConfig::default()
    });
    let mut store = Store::open(data_dir)?;
    loop {
        // Held for one round, not between rounds, so that other runs can
        // write while this one sleeps.
        let lock = super::lock::hold(data_dir, "marsad feeds poll")?;
        let mut summary = PollSummary::default();
        for feed in store.feeds()? {
            let one = poll_feed(&mut store, &fetcher, &feed, &|e| eprintln!("marsad: error: {e}"))?;
            summary.add(&one);
        }
        super::ingest::derive(&lock, &mut store, data_dir)?;
        drop(lock);
        if json {
            render::print_json(&summary)?;
        } else {
            println!(
                "feeds polled: {}, not modified: {}, new items: {}, stored: {}, articles new: {}, already stored: {}, errors: {}",
                summary.feeds,
                summary.not_modified,
                summary.items_new,
                summary.items_stored,
                summary.articles_new,
                summary.articles_already_stored,
                summary.errors
            );
        }
        if args.once {
            return Ok(if summary.errors > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS });
        }
        std::thread::sleep(Duration::from_secs(args.interval));
    }
}
