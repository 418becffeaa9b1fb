//! Entities: `marsad eval variants` and `marsad entity NAME`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use marsad_store::Store;

use crate::render;

#[derive(clap::Args)]
pub struct VariantsArgs {
    /// Name pairs as TSV: name_a, name_b, same_entity (1/0), with a header
    /// (the format of ../shared/data/jrc_names_pairs_subset/).
    #[arg(long)]
    data: PathBuf,
    /// Also print the tuning part's pairs the matcher gets wrong (to stderr).
    #[arg(long)]
    errors: bool,
}

pub fn eval_variants(args: &VariantsArgs, json: bool) -> anyhow::Result<ExitCode> {
    let pairs = marsad_entities::read_name_pairs(&args.data)?;
    let report = marsad_entities::evaluate_variants(&pairs);
    if args.errors {
        for p in pairs.iter().step_by(2) {
            if marsad_entities::names::same_name(&p.a, &p.b) != p.same {
                eprintln!("{}\t{}\t{}", p.a, p.b, u8::from(p.same));
            }
        }
    }
    if json {
        render::print_json(&report)?;
    } else {
        print!("{report}");
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct EntityArgs {
    /// A name in any spelling ("بيونغ يانغ", "ترمب") or an entity id.
    name: String,
    /// Latest articles to list.
    #[arg(long, default_value_t = 10)]
    limit: usize,
}

/// An article with its entities (and automatic tags when the page gave none).
#[derive(serde::Serialize)]
pub struct WithEntities {
    #[serde(flatten)]
    article: marsad_core::Article,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    auto_tags: Vec<String>,
    entities: Vec<marsad_entities::ArticleEntity>,
}

pub fn with_entities(articles: Vec<marsad_core::Article>) -> anyhow::Result<Vec<WithEntities>> {
    let resolver = marsad_entities::Resolver::shipped()?;
    Ok(articles
        .into_iter()
        .map(|article| {
            let entities = resolver.resolve(&article.title, &article.body);
            let auto_tags = if article.tags.is_empty() {
                marsad_entities::auto_tags(&entities, &article.title, &article.body)
            } else {
                Vec::new()
            };
            WithEntities { article, auto_tags, entities }
        })
        .collect())
}

/// The entity id `--entity` names; an unknown name is an error that says so.
pub fn entity_filter(store: &Store, name: Option<&str>) -> anyhow::Result<Option<String>> {
    let Some(name) = name else { return Ok(None) };
    match marsad_entities::store::lookup(store, name)?.into_iter().next() {
        Some(e) => Ok(Some(e.id)),
        None => anyhow::bail!("no entity named {name:?} in the store (try `marsad entity {name}`)"),
    }
}

pub fn entity(data_dir: &Path, args: &EntityArgs, json: bool) -> anyhow::Result<ExitCode> {
    let lock = super::lock::if_free(data_dir, "marsad entity")?;
    let mut store = Store::open(data_dir)?;
    if let Some(lock) = &lock {
        marsad_pipeline::derive_once(lock, &mut store, data_dir)?;
    }
    let found = marsad_entities::store::lookup(&store, &args.name)?;
    let Some(first) = found.first() else {
        anyhow::bail!(
            "no entity named {:?} in {} (ingest articles that mention it first)",
            args.name,
            data_dir.display()
        );
    };
    let page = store.entity_page(&first.id, args.limit)?.expect("looked up from the store");
    if json {
        render::print_json(&page)?;
        return Ok(ExitCode::SUCCESS);
    }
    let e = &page.entity;
    let english = e.english.as_deref().map(|n| format!(" ({n})")).unwrap_or_default();
    println!("{}{english}  [{}]  id {}", e.name, e.kind, e.id);
    println!("articles: {}", page.articles);
    let names: Vec<String> = page.names.iter().map(|(n, c)| format!("{n} ×{c}")).collect();
    println!("names seen: {}", names.join(" · "));
    if !page.per_day.is_empty() {
        println!("\narticles per day:");
        for (day, n) in &page.per_day {
            println!("  {day}  {n}");
        }
    }
    if !page.co_occurring.is_empty() {
        println!("\nmentioned with:");
        for c in &page.co_occurring {
            println!("  {} [{}] ×{}  ({})", c.entity.name, c.entity.kind, c.articles, c.entity.id);
        }
    }
    println!("\nlatest articles:");
    for a in &page.latest {
        let meta: Vec<&str> = [a.published.as_deref(), a.source.as_deref()].into_iter().flatten().collect();
        println!("  {}  {}  [{}]", a.id, a.title, meta.join(" · "));
    }
    if found.len() > 1 {
        let others: Vec<String> = found[1..].iter().map(|e| format!("{} ({})", e.name, e.id)).collect();
        println!("\nother entities by that name: {}", others.join(", "));
    }
    Ok(ExitCode::SUCCESS)
}
