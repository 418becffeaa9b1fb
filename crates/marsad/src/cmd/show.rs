use std::path::Path;
use std::process::ExitCode;

use marsad_store::Store;

use crate::render;

pub fn run(data_dir: &Path, id: &str, json: bool) -> anyhow::Result<ExitCode> {
    if id.chars().count() < 4 {
        anyhow::bail!("article id {id:?} is too short: give at least 4 characters");
    }
    let store = Store::open(data_dir)?;
    let Some(stored) = store.article(id)? else {
        anyhow::bail!("no article with id {id:?} in {} (list some with `marsad stats`)", data_dir.display());
    };
    if json {
        render::print_json(&stored)?;
    } else {
        print!("{}", render::article_text(&stored.article, Some(&stored.file)));
    }
    Ok(ExitCode::SUCCESS)
}
