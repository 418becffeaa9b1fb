//! Marsad's analysis chains as tantivy tokenizers.
//!
//! [`register`] installs, by name: [`MARSAD_AR`] (the full chain, for the
//! search index) and the evaluation systems [`RAW`], [`NORMALIZED`],
//! [`SNOWBALL`] and [`LIGHT10`]. Token offsets are BYTE offsets, as tantivy
//! expects for snippets; [`crate::Token`] has the char offsets.

use ::tantivy::tokenizer::{
    Language, LowerCaser, Stemmer as SnowballStemmer, TextAnalyzer, Token as TvToken, TokenStream, Tokenizer,
    WhitespaceTokenizer,
};
use ::tantivy::Index;

use crate::analyze::{for_each_term, Chain};
use crate::stem::Stemmer;

/// The full Marsad chain: normalize, drop function words, stem.
pub const MARSAD_AR: &str = "marsad_ar";
/// Whitespace-separated tokens, nothing else.
pub const RAW: &str = "marsad_raw";
/// Marsad's tokenizer and matching form, no stemming.
pub const NORMALIZED: &str = "marsad_normalized";
/// Marsad's tokenizer, lower-casing, tantivy's Snowball Arabic stemmer.
pub const SNOWBALL: &str = "marsad_snowball";
/// Marsad's tokenizer with Lucene's light10 normalizer and stemmer.
pub const LIGHT10: &str = "marsad_light10";

/// A tantivy tokenizer running one of Marsad's chains.
#[derive(Clone, Debug)]
pub struct ChainTokenizer {
    chain: Chain,
    stemmer: Stemmer<'static>,
    tokens: Vec<TvToken>,
}

impl ChainTokenizer {
    /// A tokenizer for `chain` with the shipped lexicon.
    pub fn new(chain: Chain) -> Self {
        Self::with_stemmer(chain, *crate::stem::static_stemmer())
    }

    /// A tokenizer for `chain` with a given stemmer (for tuning).
    pub fn with_stemmer(chain: Chain, stemmer: Stemmer<'static>) -> Self {
        ChainTokenizer { chain, stemmer, tokens: Vec::new() }
    }
}

/// Token stream over the terms of one text.
pub struct ChainTokenStream<'a> {
    tokens: &'a mut Vec<TvToken>,
    next: usize,
}

impl Tokenizer for ChainTokenizer {
    type TokenStream<'a> = ChainTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ChainTokenStream<'a> {
        // Terms are produced into a reused vector: tantivy tokens own their
        // text, and reusing the vector keeps each String's capacity.
        let mut used = 0;
        let tokens = &mut self.tokens;
        let mut char_to_byte = CharToByte::new(text);
        for_each_term(self.chain, &self.stemmer, text, |term, start, end| {
            if used == tokens.len() {
                tokens.push(TvToken::default());
            }
            let t = &mut tokens[used];
            t.text.clear();
            t.text.push_str(term);
            t.offset_from = char_to_byte.byte(start);
            t.offset_to = char_to_byte.byte(end);
            t.position = used;
            t.position_length = 1;
            used += 1;
        });
        tokens.truncate(used);
        ChainTokenStream { tokens: &mut self.tokens, next: 0 }
    }
}

impl TokenStream for ChainTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &TvToken {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut TvToken {
        &mut self.tokens[self.next - 1]
    }
}

/// Converts increasing char offsets to byte offsets in one forward pass.
struct CharToByte<'a> {
    text: &'a str,
    chars: usize,
    bytes: usize,
}

impl<'a> CharToByte<'a> {
    fn new(text: &'a str) -> Self {
        CharToByte { text, chars: 0, bytes: 0 }
    }

    fn byte(&mut self, char_offset: usize) -> usize {
        if char_offset < self.chars {
            self.chars = 0;
            self.bytes = 0;
        }
        let mut it = self.text[self.bytes..].chars();
        while self.chars < char_offset {
            match it.next() {
                Some(c) => {
                    self.bytes += c.len_utf8();
                    self.chars += 1;
                }
                None => break,
            }
        }
        self.bytes
    }
}

/// The analyzer registered under `name`, or None for an unknown name.
pub fn analyzer(name: &str) -> Option<TextAnalyzer> {
    Some(match name {
        MARSAD_AR => TextAnalyzer::from(ChainTokenizer::new(Chain::Marsad)),
        NORMALIZED => TextAnalyzer::from(ChainTokenizer::new(Chain::Normalized)),
        LIGHT10 => TextAnalyzer::from(ChainTokenizer::new(Chain::Light10)),
        SNOWBALL => TextAnalyzer::builder(ChainTokenizer::new(Chain::Surface))
            .filter(LowerCaser)
            .filter(SnowballStemmer::new(Language::Arabic))
            .build(),
        RAW => TextAnalyzer::from(WhitespaceTokenizer::default()),
        _ => return None,
    })
}

/// Registers every Marsad analyzer on `index` under its name.
pub fn register(index: &Index) {
    let manager = index.tokenizers();
    for name in [MARSAD_AR, RAW, NORMALIZED, SNOWBALL, LIGHT10] {
        if let Some(a) = analyzer(name) {
            manager.register(name, a);
        }
    }
}
