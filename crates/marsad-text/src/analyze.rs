//! The whole chain from text to index terms.

use crate::light10::{light10_normalize, light10_stem};
use crate::stem::Stemmer;
use crate::stopwords::is_stopword;
use crate::tokenize::{tokenize, TokenKind};

/// Which analysis chain to run; each is one system of the evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Chain {
    /// Marsad's tokenizer, tokens exactly as in the original text.
    Surface,
    /// Marsad's tokenizer, the matching form, no stemming.
    Normalized,
    /// Marsad's tokenizer, lower-casing, Lucene's light10 normalizer+stemmer.
    Light10,
    /// Marsad's tokenizer, the matching form, stopwords dropped, Marsad's stemmer.
    Marsad,
}

/// Runs `chain` over `text`, calling `sink` with each term and the token's
/// char span. Reuses one buffer: no allocation per token on the fast path.
pub fn for_each_term(chain: Chain, stemmer: &Stemmer<'_>, text: &str, mut sink: impl FnMut(&str, usize, usize)) {
    let mut buf = String::new();
    for tok in tokenize(text) {
        buf.clear();
        match chain {
            Chain::Surface => sink(tok.text, tok.start, tok.end),
            Chain::Normalized => {
                tok.normalized_into(&mut buf);
                sink(&buf, tok.start, tok.end);
            }
            Chain::Light10 => {
                let lower = tok.text.to_lowercase();
                let stemmed = light10_stem(&light10_normalize(&lower));
                sink(&stemmed, tok.start, tok.end);
            }
            Chain::Marsad => {
                tok.normalized_into(&mut buf);
                if tok.kind == TokenKind::Word {
                    if is_stopword(&buf) {
                        continue;
                    }
                    sink(stemmer.stem(&buf), tok.start, tok.end);
                } else {
                    sink(&buf, tok.start, tok.end);
                }
            }
        }
    }
}

/// Marsad's index terms for `text`: tokenize, normalize, drop function
/// words, stem.
pub fn analyze(text: &str) -> Vec<String> {
    let stemmer = crate::stem::static_stemmer();
    let mut out = Vec::new();
    for_each_term(Chain::Marsad, stemmer, text, |t, _, _| out.push(t.to_string()));
    out
}
