use std::path::Path;
use std::process::ExitCode;

use marsad_store::index::{SearchIndex, SearchRequest, SortOrder};
use marsad_store::search::search_page;
use marsad_store::Store;

use crate::render;

#[derive(clap::Args)]
pub struct SearchArgs {
    /// The query: words (any spelling), "phrases", AND/OR, -excluded.
    query: String,
    /// Only articles published on or after this day (YYYY-MM-DD).
    #[arg(long)]
    from: Option<chrono::NaiveDate>,
    /// Only articles published on or before this day (YYYY-MM-DD).
    #[arg(long)]
    to: Option<chrono::NaiveDate>,
    /// Only articles from this source (as printed, e.g. "صحيفة الاتحاد").
    #[arg(long)]
    source: Option<String>,
    /// Only articles with this tag.
    #[arg(long)]
    tag: Option<String>,
    /// Only articles that mention this entity (a name in any spelling, or an entity id).
    #[arg(long)]
    entity: Option<String>,
    /// Hits to print, 1 to 10000 (the index's result window).
    #[arg(long, default_value_t = 10, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=10_000))]
    limit: usize,
    /// Order: "relevance" (BM25, title boosted) or "date" (newest first, relevance breaking ties).
    #[arg(long, default_value = "relevance")]
    sort: SortOrder,
}

/// Opens the store and brings the index up to it (repairing a lag left by
/// a crash between the two), unless another process is writing: that one
/// brings it up to date.
pub fn open_synced(data_dir: &Path) -> anyhow::Result<(Store, SearchIndex)> {
    let lock = super::lock::if_free(data_dir, "marsad search")?;
    let mut store = Store::open(data_dir)?;
    if let Some(lock) = &lock {
        marsad_pipeline::derive_once(lock, &mut store, data_dir)?;
    }
    Ok((store, SearchIndex::open(data_dir)?))
}

pub fn run(data_dir: &Path, args: &SearchArgs, json: bool) -> anyhow::Result<ExitCode> {
    let (store, index) = open_synced(data_dir)?;
    let req = SearchRequest {
        query: args.query.clone(),
        from: args.from,
        to: args.to,
        source: args.source.clone(),
        tag: args.tag.clone(),
        entity: super::entities::entity_filter(&store, args.entity.as_deref())?,
        query_entities: marsad_entities::store::query_entities(&store, &args.query)?,
        limit: args.limit,
        offset: 0,
        sort: args.sort,
    };
    let page = search_page(&store, &index, &req)?;
    if json {
        render::print_json(&page)?;
        return Ok(ExitCode::SUCCESS);
    }
    let hits = page.hits;
    if hits.is_empty() {
        println!("no article matches {:?}; try fewer words or another spelling", args.query);
        return Ok(ExitCode::SUCCESS);
    }
    println!("{} articles match; the best {}:\n", page.total, hits.len());
    for h in &hits {
        let meta: Vec<&str> = [h.published.as_deref(), h.source.as_deref()].into_iter().flatten().collect();
        println!("{}  {}  [{}]", h.id, h.title, meta.join(" · "));
        println!("    {}\n", h.snippet.marked("«", "»"));
    }
    Ok(ExitCode::SUCCESS)
}
