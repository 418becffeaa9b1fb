//! Entities: `marsad eval variants` and `marsad entity NAME`.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::render;

#[derive(clap::Args)]
pub struct VariantsArgs {
    /// Name pairs as TSV: name_a, name_b, same_entity (1/0), with a header
    /// (the format of ../shared/data/jrc_names_pairs_subset/).
    #[arg(long)]
    data: PathBuf,
}

pub fn eval_variants(args: &VariantsArgs, json: bool) -> anyhow::Result<ExitCode> {
    let pairs = marsad_entities::read_name_pairs(&args.data)?;
    let report = marsad_entities::evaluate_variants(&pairs);
    if json {
        render::print_json(&report)?;
    } else {
        print!("{report}");
    }
    Ok(ExitCode::SUCCESS)
}
