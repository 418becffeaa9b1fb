//! Tagging raw text: tokens from marsad-text, entities as character spans
//! of the original text.

use crate::eval::chunks;
use crate::model::Model;
use crate::tag::EntityKind;

/// One entity found in a text; `start..end` are character offsets into it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct EntitySpan {
    pub kind: EntityKind,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A token of the tagger's input with its character and byte span.
struct Piece<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    byte: usize,
}

impl Model {
    /// Tags raw text. Words come from [`marsad_text::tokenize`]; the
    /// punctuation it skips is put back as one-character tokens because the
    /// training data has it (a "،" or "(" next to a name is evidence), and
    /// sentences are cut at full stops, question marks and line breaks.
    pub fn tag_text(&self, text: &str) -> Vec<EntitySpan> {
        let mut spans = Vec::new();
        let sentences = sentences(text);
        let tokens: Vec<Vec<&str>> = sentences.iter().map(|s| s.iter().map(|p| p.text).collect()).collect();
        for (sentence, tags) in sentences.iter().zip(self.tag_document(&tokens)) {
            for (kind, first, last) in chunks(&tags) {
                let (a, b) = (&sentence[first], &sentence[last - 1]);
                let byte_end = b.byte + b.text.len();
                spans.push(EntitySpan { kind, start: a.start, end: b.end, text: text[a.byte..byte_end].to_string() });
            }
        }
        spans
    }
}

/// Splits `text` into sentences of pieces.
fn sentences<'t>(text: &'t str) -> Vec<Vec<Piece<'t>>> {
    let base = text.as_ptr() as usize;
    let mut out = vec![Vec::new()];
    let gap = |from_byte: usize, from_char: usize, to_byte: usize, out: &mut Vec<Vec<Piece<'t>>>| {
        for (c, (off, ch)) in (from_char..).zip(text[from_byte..to_byte].char_indices()) {
            if ch == '\n' {
                out.push(Vec::new());
            } else if !ch.is_whitespace() {
                let b = from_byte + off;
                out.last_mut().unwrap().push(Piece {
                    text: &text[b..b + ch.len_utf8()],
                    start: c,
                    end: c + 1,
                    byte: b,
                });
                if matches!(ch, '.' | '!' | '?' | '؟') {
                    out.push(Vec::new());
                }
            }
        }
    };
    let (mut byte, mut chars) = (0, 0);
    for tok in marsad_text::tokenize(text) {
        let tb = tok.text.as_ptr() as usize - base;
        gap(byte, chars, tb, &mut out);
        out.last_mut().unwrap().push(Piece { text: tok.text, start: tok.start, end: tok.end, byte: tb });
        byte = tb + tok.text.len();
        chars = tok.end;
    }
    gap(byte, chars, text.len(), &mut out);
    out.retain(|s| !s.is_empty());
    out
}
