use std::path::Path;
use std::process::ExitCode;

use marsad_store::Store;

use crate::render;

pub fn run(data_dir: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let store = Store::open(data_dir)?;
    let stats = store.stats()?;
    if json {
        render::print_json(&stats)?;
        return Ok(ExitCode::SUCCESS);
    }
    println!("files:     {}", stats.files);
    println!("articles:  {}", stats.articles);
    println!("sources:   {}", stats.sources);
    match (&stats.first_day, &stats.last_day) {
        (Some(first), Some(last)) => println!("dates:     {first} … {last}"),
        _ => println!("dates:     (no article gives a date)"),
    }
    let latest = store.latest_ids(5)?;
    if !latest.is_empty() {
        println!("\nlatest articles:");
        for id in latest {
            if let Some(a) = store.article(&id)? {
                println!("  {id}  {}", a.article.title);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
