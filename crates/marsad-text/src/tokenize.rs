//! Splitting original text into tokens with exact character offsets.
//!
//! Tokens are found on the ORIGINAL text, so that a diacritic, a tatweel or a
//! presentation form inside a word stays inside its span; the matching form
//! of a token is computed on demand into a caller's buffer.

use crate::normalize::normalize_into;

/// What kind of text a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A word in Arabic script (Arabic, Persian, Urdu letters).
    Word,
    /// Digits in any of the three digit sets, with decimal points, thousands
    /// separators and date separators inside (`3.5`, `٤٠`, `2015/08/01`).
    Number,
    /// A word in Latin script, possibly with digits after the first letter.
    Latin,
    /// A run of letters of another script (Cyrillic, CJK, ...).
    Other,
}

/// One token: a slice of the original text and its character span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// The token exactly as in the original text.
    pub text: &'a str,
    /// Character offset of the first character in the original text.
    pub start: usize,
    /// Character offset one past the last character in the original text.
    pub end: usize,
    /// What kind of token this is.
    pub kind: TokenKind,
}

impl Token<'_> {
    /// Appends the matching form of the token to `out` (no allocation unless
    /// the token needs NFKC).
    pub fn normalized_into(&self, out: &mut String) {
        normalize_into(self.text, out);
    }

    /// The matching form of the token.
    pub fn normalized(&self) -> String {
        let mut out = String::with_capacity(self.text.len());
        self.normalized_into(&mut out);
        out
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Arabic,
    /// Marks, tatweel and invisible joiners: inside a word, never start one.
    Joiner,
    Digit,
    Latin,
    OtherLetter,
    Separator,
}

/// A letter of an Arabic-script block (Arabic, Persian, Urdu letters and
/// their presentation forms), decided by ranges: `char::is_alphabetic` is a
/// table lookup that costs more than the rest of the analysis of a word.
#[inline]
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c,
        '\u{0620}'..='\u{064A}'
        | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}'
        | '\u{06D5}'
        | '\u{06E5}'..='\u{06E6}'
        | '\u{06EE}'..='\u{06EF}'
        | '\u{06FA}'..='\u{06FC}'
        | '\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08D2}'
        | '\u{FB50}'..='\u{FD3D}'
        | '\u{FD50}'..='\u{FDFB}'
        | '\u{FE70}'..='\u{FEFC}')
}

#[inline(always)]
fn classify(c: char) -> Class {
    // The two classes that make up nearly all news text, tested first.
    if ('\u{0621}'..='\u{063A}').contains(&c) || ('\u{0641}'..='\u{064A}').contains(&c) {
        return Class::Arabic;
    }
    if c == ' ' {
        return Class::Separator;
    }
    classify_rest(c)
}

fn classify_rest(c: char) -> Class {
    match c {
        'a'..='z' | 'A'..='Z' => Class::Latin,
        '0'..='9' => Class::Digit,
        '\0'..='\x7f' => Class::Separator,
        '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}' => Class::Digit,
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{0640}'
        | '\u{08D3}'..='\u{08FF}'
        | '\u{200C}'..='\u{200D}'
        | '\u{0300}'..='\u{036F}'
        | '\u{FE20}'..='\u{FE2F}' => Class::Joiner,
        c if is_arabic_letter(c) => Class::Arabic,
        // The rest of the Arabic block (، ؛ ؟ ٪ ۔ and symbols) and general
        // punctuation: separators, without the slow Unicode table lookups.
        '\u{0600}'..='\u{06FF}' | '\u{2000}'..='\u{206F}' | '\u{00A0}'..='\u{00BF}' => Class::Separator,
        c if c.is_alphabetic() => {
            if (c as u32) < 0x0250 || ('\u{1E00}'..='\u{1EFF}').contains(&c) {
                Class::Latin
            } else {
                Class::OtherLetter
            }
        }
        c if c.is_numeric() => Class::Digit,
        _ => Class::Separator,
    }
}

/// Separators that may sit between digits of one number.
#[inline]
fn is_number_joiner(c: char) -> bool {
    matches!(c, '.' | ',' | '/' | '-' | ':' | '\u{066B}' | '\u{066C}')
}

/// Iterator over the tokens of a text; see [`tokenize`].
#[derive(Debug, Clone)]
pub struct Tokens<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

/// Splits `text` into words, numbers, Latin words and other-script runs;
/// punctuation (including ، ؛ ؟ « ») and symbols separate tokens and are
/// not returned. Offsets are in characters of `text`.
pub fn tokenize(text: &str) -> Tokens<'_> {
    Tokens { text, byte: 0, chars: 0 }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let rest = &self.text[self.byte..];
        let mut iter = rest.char_indices().peekable();
        // Skip to the first character that can start a token.
        let (start_off, first, kind) = loop {
            let (off, c) = iter.next()?;
            let kind = match classify(c) {
                Class::Arabic => TokenKind::Word,
                Class::Digit => TokenKind::Number,
                Class::Latin => TokenKind::Latin,
                Class::OtherLetter => TokenKind::Other,
                Class::Joiner | Class::Separator => {
                    self.chars += 1;
                    continue;
                }
            };
            break (off, c, kind);
        };
        let start_chars = self.chars;
        let mut end_off = start_off + first.len_utf8();
        let mut n_chars = 1;
        // The last position that may end the token: trailing invisible
        // joiners (ZWNJ/ZWJ) are not part of the word's span.
        let mut kept_end = end_off;
        let mut kept_chars = 1;
        while let Some(&(off, c)) = iter.peek() {
            let class = classify(c);
            let continues = match kind {
                TokenKind::Word => matches!(class, Class::Arabic | Class::Joiner),
                TokenKind::Latin => matches!(class, Class::Latin | Class::Digit | Class::Joiner),
                TokenKind::Other => matches!(class, Class::OtherLetter | Class::Joiner),
                TokenKind::Number => {
                    class == Class::Digit
                        || (is_number_joiner(c) && {
                            let mut ahead = rest[off + c.len_utf8()..].chars();
                            matches!(ahead.next().map(classify), Some(Class::Digit))
                        })
                }
            };
            if !continues {
                break;
            }
            iter.next();
            end_off = off + c.len_utf8();
            n_chars += 1;
            if !matches!(c, '\u{200C}' | '\u{200D}') {
                kept_end = end_off;
                kept_chars = n_chars;
            }
        }
        self.byte += kept_end;
        self.chars = start_chars + kept_chars;
        Some(Token { text: &rest[start_off..kept_end], start: start_chars, end: start_chars + kept_chars, kind })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<(&str, TokenKind)> {
        tokenize(s).map(|t| (t.text, t.kind)).collect()
    }

    #[test]
    fn splits_on_arabic_punctuation() {
        assert_eq!(
            texts("«مرحبا»، كيف؟ نعم؛ لا"),
            vec![
                ("مرحبا", TokenKind::Word),
                ("كيف", TokenKind::Word),
                ("نعم", TokenKind::Word),
                ("لا", TokenKind::Word),
            ]
        );
    }

    #[test]
    fn numbers_decimals_and_dates() {
        assert_eq!(
            texts("بلغ 40 و٤٠ بنسبة 3.5% في 2015/08/01."),
            vec![
                ("بلغ", TokenKind::Word),
                ("40", TokenKind::Number),
                ("و", TokenKind::Word),
                ("٤٠", TokenKind::Number),
                ("بنسبة", TokenKind::Word),
                ("3.5", TokenKind::Number),
                ("في", TokenKind::Word),
                ("2015/08/01", TokenKind::Number),
            ]
        );
    }

    #[test]
    fn latin_and_mixed() {
        assert_eq!(
            texts("شركة Apple وiPhone15"),
            vec![
                ("شركة", TokenKind::Word),
                ("Apple", TokenKind::Latin),
                ("و", TokenKind::Word),
                ("iPhone15", TokenKind::Latin),
            ]
        );
    }

    #[test]
    fn offsets_keep_diacritics_and_tatweel() {
        let text = "قالَ الـــوزيرُ: نعم";
        let toks: Vec<_> = tokenize(text).collect();
        assert_eq!(toks[1].text, "الـــوزيرُ");
        let chars: Vec<char> = text.chars().collect();
        let span: String = chars[toks[1].start..toks[1].end].iter().collect();
        assert_eq!(span, "الـــوزيرُ");
        assert_eq!(toks[1].normalized(), "الوزير");
    }
}
