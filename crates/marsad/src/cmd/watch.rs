//! `marsad watch add|list|show|rm`: saved searches, entities and stories
//! that alert on every new article that matches them.

use std::path::Path;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use marsad_store::watches::NewWatch;
use marsad_store::Store;

use crate::render;

#[derive(Subcommand)]
pub enum WatchCommand {
    /// Watch a search (--query, with optional --source, --tag, --entity
    /// filters), an entity (--entity alone) or a story (--story).
    Add(AddArgs),
    /// Every watch, with how many alerts it raised.
    List,
    /// One watch and its alerts, newest first, with the copies of each.
    Show {
        id: i64,
        /// Most alerts shown.
        #[arg(long, default_value_t = 50, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=10_000))]
        limit: usize,
    },
    /// Remove a watch and its alerts.
    Rm { id: i64 },
}

#[derive(Args)]
pub struct AddArgs {
    /// A search, in `marsad search`'s syntax.
    #[arg(long)]
    query: Option<String>,
    /// An entity, by id or by a name in any spelling: alone, a watch on the
    /// entity; with --query, a filter.
    #[arg(long)]
    entity: Option<String>,
    /// A story's id: alerts on each new article of the story.
    #[arg(long, conflicts_with_all = ["query", "entity"])]
    story: Option<i64>,
    /// Only articles from this source (with --query).
    #[arg(long, requires = "query")]
    source: Option<String>,
    /// Only articles with this tag (with --query).
    #[arg(long, requires = "query")]
    tag: Option<String>,
    /// A name for the watch (default: what it follows).
    #[arg(long)]
    name: Option<String>,
    /// Not delivered yet: alerts are read with `marsad watch show` and the
    /// watch's Atom feed.
    #[arg(long)]
    webhook: Option<String>,
}

pub fn run(data_dir: &Path, command: &WatchCommand, json: bool) -> anyhow::Result<ExitCode> {
    match command {
        WatchCommand::Add(args) => add(data_dir, args, json),
        WatchCommand::List => list(data_dir, json),
        WatchCommand::Show { id, limit } => show(data_dir, *id, *limit, json),
        WatchCommand::Rm { id } => rm(data_dir, *id, json),
    }
}

fn add(data_dir: &Path, args: &AddArgs, json: bool) -> anyhow::Result<ExitCode> {
    let mut store = Store::open(data_dir)?;
    let watch = NewWatch {
        name: args.name.clone().unwrap_or_default(),
        query: args.query.clone(),
        source: args.source.clone(),
        tag: args.tag.clone(),
        entity: args.entity.clone(),
        story: args.story,
        webhook: args.webhook.clone(),
    };
    let row = marsad_pipeline::watch::add(&mut store, watch)?;
    if json {
        render::print_json(&row)?;
    } else {
        println!("watch {} added: {} ({})", row.id, row.watch.name, row.kind);
    }
    Ok(ExitCode::SUCCESS)
}

fn list(data_dir: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let watches = Store::open(data_dir)?.watches()?;
    if json {
        render::print_json(&watches)?;
    } else if watches.is_empty() {
        println!("no watches; add one with `marsad watch add --query WORDS`");
    }
    if !json {
        for w in &watches {
            println!("{}\t{}\t{}\talerts: {}", w.id, w.kind, w.watch.name, w.alerts);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn show(data_dir: &Path, id: i64, limit: usize, json: bool) -> anyhow::Result<ExitCode> {
    let store = Store::open(data_dir)?;
    let Some(watch) = store.watch(id)? else {
        anyhow::bail!("no watch {id} in {} (list them with `marsad watch list`)", data_dir.display());
    };
    let alerts = store.watch_alerts(id, limit)?;
    if json {
        render::print_json(&serde_json::json!({ "watch": watch, "alerts": alerts }))?;
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "[{}] {} ({}) · {} alerts · since {}",
        watch.id, watch.watch.name, watch.kind, watch.alerts, watch.created_at
    );
    for a in &alerts {
        let source = a.article.source.as_deref().unwrap_or("-");
        println!("  {}  {:<12} {}  {}", a.created_at, source, a.article.id, a.article.title);
        for c in &a.copies {
            println!("      copy: {:<12} {}", c.source.as_deref().unwrap_or("-"), c.id);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn rm(data_dir: &Path, id: i64, json: bool) -> anyhow::Result<ExitCode> {
    let removed = Store::open(data_dir)?.remove_watch(id)?;
    if json {
        render::print_json(&serde_json::json!({ "id": id, "removed": removed }))?;
    } else if removed {
        println!("watch {id} removed");
    }
    if !removed {
        anyhow::bail!("no watch {id} in {}", data_dir.display());
    }
    Ok(ExitCode::SUCCESS)
}
