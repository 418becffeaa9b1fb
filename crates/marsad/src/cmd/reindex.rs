use std::path::Path;
use std::process::ExitCode;

use marsad_store::index::SearchIndex;
use marsad_store::Store;

/// Rebuilds the search index from the store, the truth.
pub fn run(data_dir: &Path) -> anyhow::Result<ExitCode> {
    let _lock = super::lock::hold(data_dir, "marsad reindex")?;
    let mut store = Store::open(data_dir)?;
    marsad_entities::store::update_shipped(&mut store)?;
    let mut index = SearchIndex::open(data_dir)?;
    let n = index.rebuild(&store)?;
    println!("indexed {n} articles");
    Ok(ExitCode::SUCCESS)
}
