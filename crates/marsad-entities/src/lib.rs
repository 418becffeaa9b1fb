//! Named-entity recognition for Marsad.
//!
//! Averaged structured perceptrons tag tokens with IOB2 tags for PERS, LOC,
//! ORG and MISC (ANERcorp's scheme). The first stage reads hashed word
//! features: normalized words and stems from marsad-text in a ±2 window,
//! affixes, word shape, gazetteer membership and word clusters learned from
//! unlabeled news ([`cluster_corpus`]). The second stage adds the first
//! stage's tags and, for each word, the type the first stage gave it in
//! nearby sentences, so that a document agrees with itself. Gazetteers and
//! clusters live inside the model file as hashes, so a research-only list
//! can train the model without its entries being shipped. See docs/ner.md
//! for the measurements behind each choice.
//!
//! - [`read_conll`] reads ANERcorp-format data, [`train`] fits a [`Model`],
//!   [`evaluate`] scores it with CoNLL entity-level P/R/F1.
//! - [`Model::tag`] tags a tokenized sentence; [`Model::tag_text`] tags raw
//!   text and returns [`EntitySpan`]s with character offsets.

mod aliases;
mod autotag;
mod clusters;
mod conll;
mod decode;
mod document;
mod error;
mod eval;
mod evidence;
mod features;
mod fingerprint;
mod gazetteer;
mod hash;
mod model;
pub mod names;
mod recipe;
mod resolve;
mod spans;
pub mod store;
mod tag;
mod train;
mod variants;
mod wordvec;

pub use aliases::{Alias, AliasMatch, Aliases};
pub use autotag::auto_tags;
pub use clusters::Clusters;
pub use conll::{read_conll, read_conll_lenient, Sentence};
pub use error::EntitiesError;
pub use eval::{evaluate, NerReport, Scores};
pub use features::Resources;
pub use gazetteer::Gazetteer;
pub use model::Model;
pub use recipe::TrainRecipe;
pub use resolve::{learned_id, ArticleEntity, Mention, Resolver, TextField};
pub use spans::EntitySpan;
pub use tag::{EntityKind, Tag, TAG_COUNT};
pub use train::{train, TrainConfig};
pub use variants::{evaluate_variants, read_name_pairs, NamePair, PairScores, Parts, VariantsReport};
pub use wordvec::{cluster_corpus, cluster_news_jsonl_gz, ClusterConfig};

/// Splits sentences into a training part and a development part: every
/// sentence from `dev_from` (a fraction, e.g. 0.9) on goes to dev. A tail
/// split keeps whole stories together, which a shuffled split would not.
pub fn split_dev(sentences: &[Sentence], dev_from: f64) -> (&[Sentence], &[Sentence]) {
    let at = ((sentences.len() as f64) * dev_from).round() as usize;
    sentences.split_at(at.min(sentences.len()))
}
