//! `marsad stories` and `marsad story ID`: the stories clustering found.

use std::path::Path;
use std::process::ExitCode;

use marsad_store::clusters::StorySummary;
use marsad_store::Store;

use crate::render;

#[derive(Debug, clap::Args)]
pub struct StoriesArgs {
    /// Only stories with an article on this day or later (YYYY-MM-DD).
    #[arg(long)]
    pub since: Option<chrono::NaiveDate>,
    /// Smallest number of articles (1 lists single-article stories too).
    #[arg(long, default_value_t = 2)]
    pub min_size: i64,
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
}

fn summary_text(s: &StorySummary) -> String {
    let days =
        if s.first_day == s.last_day { s.first_day.clone() } else { format!("{} … {}", s.first_day, s.last_day) };
    let mut out = format!("[{}] {}\n  {} articles · {} · {}\n", s.id, s.label, s.size, days, s.sources.join(", "));
    if !s.tags.is_empty() {
        let tags: Vec<String> = s.tags.iter().map(|(t, n)| format!("{t} ({n})")).collect();
        out.push_str(&format!("  tags: {}\n", tags.join(" · ")));
    }
    out
}

pub fn list(data_dir: &Path, args: &StoriesArgs, json: bool) -> anyhow::Result<ExitCode> {
    let store = Store::open(data_dir)?;
    let stories = store.stories(args.since, args.min_size, args.limit)?;
    if json {
        render::print_json(&stories)?;
    } else if stories.is_empty() {
        println!("no stories (ingest articles first, or lower --min-size / --since)");
    } else {
        for s in &stories {
            print!("{}", summary_text(s));
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn show(data_dir: &Path, id: &str, json: bool) -> anyhow::Result<ExitCode> {
    let Ok(number) = id.parse::<i64>() else {
        anyhow::bail!("story id {id:?} is not a number (list stories with `marsad stories`)");
    };
    let store = Store::open(data_dir)?;
    let Some(story) = store.story(number)? else {
        anyhow::bail!("no story {number} in {} (list stories with `marsad stories`)", data_dir.display());
    };
    if json {
        render::print_json(&story)?;
    } else {
        print!("{}", summary_text(&story.summary));
        if !story.entities.is_empty() {
            let names: Vec<String> =
                story.entities.iter().take(10).map(|e| format!("{} ({})", e.entity.name, e.articles)).collect();
            println!("  entities: {}", names.join(" · "));
        }
        println!();
        for e in &story.timeline {
            let copy = e.duplicate_of.as_deref().map(|o| format!("  (copy of {o})")).unwrap_or_default();
            println!("  {}  {:<12} {}  {}{copy}", e.day, e.source.as_deref().unwrap_or("-"), e.id, e.title);
        }
    }
    Ok(ExitCode::SUCCESS)
}
