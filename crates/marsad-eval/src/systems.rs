//! The systems compared: five analysis chains scored by [`crate::bm25`], and
//! Lucene's ArabicAnalyzer with Lucene's own BM25 (see [`crate::lucene`]).

use std::fmt;

use marsad_text::tantivy::{analyzer, LIGHT10, MARSAD_AR, NORMALIZED, RAW, SNOWBALL};
use tantivy::tokenizer::TextAnalyzer;

/// One row of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, clap::ValueEnum)]
pub enum System {
    /// Whitespace tokens, no normalization.
    Raw,
    /// Marsad's tokenizer and normalization, no stemming.
    Normalized,
    /// tantivy's Snowball Arabic stemmer.
    Snowball,
    /// Lucene's light10 (ArabicNormalizer + ArabicStemmer), reimplemented.
    Light10,
    /// Marsad's analyzer.
    Marsad,
    /// Lucene's ArabicAnalyzer and BM25, run by the anchor.
    Lucene,
}

impl System {
    /// Every system, in report order.
    pub const ALL: [System; 6] =
        [System::Raw, System::Normalized, System::Snowball, System::Light10, System::Marsad, System::Lucene];

    /// The JSON key.
    pub fn key(self) -> &'static str {
        match self {
            System::Raw => "raw",
            System::Normalized => "normalized",
            System::Snowball => "snowball",
            System::Light10 => "light10",
            System::Marsad => "marsad",
            System::Lucene => "lucene",
        }
    }

    /// The tantivy analyzer of an in-process system; None for Lucene.
    pub fn analyzer(self) -> Option<TextAnalyzer> {
        let name = match self {
            System::Raw => RAW,
            System::Normalized => NORMALIZED,
            System::Snowball => SNOWBALL,
            System::Light10 => LIGHT10,
            System::Marsad => MARSAD_AR,
            System::Lucene => return None,
        };
        analyzer(name)
    }
}

impl fmt::Display for System {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// Runs `analyzer` on `text` and hands each term to `sink`.
pub fn terms(analyzer: &mut TextAnalyzer, text: &str, mut sink: impl FnMut(&str)) {
    let mut stream = analyzer.token_stream(text);
    while let Some(t) = stream.next() {
        sink(&t.text);
    }
}
