//! Arabic text analysis shared by every Marsad stage.
//!
//! The chain is: [`tokenize`] the ORIGINAL text (spans are char offsets into
//! it, so highlights land on the right letters even with diacritics), take
//! each token's matching form ([`normalize`], [`Token::normalized_into`]),
//! drop function words ([`is_stopword`]) and [`stem`]. [`analyze`] runs the
//! whole chain; [`tantivy::register`] installs it in a search index as
//! `marsad_ar`. [`light10_stem`] is Lucene's light10, kept as the evaluation
//! baseline.

mod analyze;
pub mod lexicon;
mod light10;
mod memo;
mod normalize;
mod stem;
mod stopwords;
pub mod tantivy;
mod tokenize;

pub use analyze::{analyze, for_each_term, Chain};
pub use light10::{light10_normalize, light10_stem};
pub use normalize::{normalize, normalize_into};
pub use stem::{stem, StemConfig, Stemmer};
pub use stopwords::is_stopword;
pub use tokenize::{is_arabic_letter, tokenize, Token, TokenKind, Tokens};
