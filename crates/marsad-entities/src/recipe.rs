//! The whole training run behind `marsad train ner` and the `train`
//! example: data, resources found next to it, an optional held-out tail.

use std::path::{Path, PathBuf};

use crate::conll::read_conll;
use crate::error::EntitiesError;
use crate::eval::{evaluate, NerReport};
use crate::features::Resources;
use crate::gazetteer::Gazetteer;
use crate::model::Model;
use crate::train::{train, TrainConfig};
use crate::wordvec::{cluster_news_jsonl_gz, ClusterConfig};
use crate::{split_dev, Clusters};

/// Inputs of a training run. [`TrainRecipe::next_to`] fills the resource
/// paths from the shared-data layout, so that `--data` alone reproduces the
/// shipped model.
#[derive(Debug, Clone)]
pub struct TrainRecipe {
    /// ANERcorp-format training file.
    pub data: PathBuf,
    /// Directory with ANERGazet's aligned files.
    pub anergazet: Option<PathBuf>,
    /// ANETAC's `EN-AR_Named-entities.txt`.
    pub anetac: Option<PathBuf>,
    /// Gzipped JSON-lines news corpus for word clusters.
    pub corpus: Option<PathBuf>,
    /// Fraction of sentences (the tail) held out and scored; 0 trains on all.
    pub holdout: f64,
    /// Reuse word clusters saved here (or compute and save them): a cache
    /// for tuning runs; delete it when the corpus or [`ClusterConfig`] change.
    pub clusters_cache: Option<PathBuf>,
    pub train: TrainConfig,
    pub clusters: ClusterConfig,
}

impl TrainRecipe {
    /// Looks for `anergazet/`, `anetac/` and the SaudiNewsNet sample beside
    /// the directory holding `data` (the layout of Marsad's shared data).
    pub fn next_to(data: &Path) -> TrainRecipe {
        let root = data.parent().and_then(Path::parent).unwrap_or(Path::new("."));
        let existing = |p: PathBuf| p.exists().then_some(p);
        TrainRecipe {
            data: data.to_path_buf(),
            anergazet: existing(root.join("anergazet")),
            anetac: existing(root.join("anetac/EN-AR_Named-entities.txt")),
            corpus: TrainRecipe::news_corpus_next_to(data),
            holdout: 0.0,
            clusters_cache: None,
            train: TrainConfig::default(),
            clusters: ClusterConfig::default(),
        }
    }

    /// The SaudiNewsNet sample in the shared-data layout, if present.
    pub fn news_corpus_next_to(data: &Path) -> Option<PathBuf> {
        let root = data.parent().and_then(Path::parent).unwrap_or(Path::new("."));
        let p = root.join("saudinewsnet/saudinewsnet_2015-08-01_to_2015-08-11.jsonl.gz");
        p.exists().then_some(p)
    }

    pub fn resources(&self) -> Result<Resources, EntitiesError> {
        let mut gazetteer = match &self.anergazet {
            Some(dir) => Gazetteer::from_anergazet_dir(dir)?,
            None => Gazetteer::default(),
        };
        if let Some(path) = &self.anetac {
            gazetteer.add_anetac(path)?;
        }
        let clusters = match (&self.corpus, &self.clusters_cache) {
            (None, _) => Clusters::default(),
            (Some(_), Some(cache)) if cache.exists() => Clusters::load(cache)?,
            (Some(path), cache) => {
                let clusters = cluster_news_jsonl_gz(path, &self.clusters)?;
                if let Some(cache) = cache {
                    clusters.save(cache)?;
                }
                clusters
            }
        };
        tracing::info!(gazetteer_entries = gazetteer.len(), cluster_words = clusters.len(), "resources ready");
        Ok(Resources { gazetteer, clusters })
    }

    /// Trains; with a holdout, also returns the scores on it.
    pub fn run(&self) -> Result<(Model, Option<NerReport>), EntitiesError> {
        let sentences = read_conll(&self.data)?;
        let (train_part, dev) = split_dev(&sentences, 1.0 - self.holdout);
        let mut config = self.train.clone();
        config.resources = self.resources()?;
        let model = train(train_part, &config);
        let report = (!dev.is_empty()).then(|| evaluate(&model, dev));
        Ok((model, report))
    }
}
