//! The matching form of Arabic text.
//!
//! Most news text is plain ASCII plus the Arabic block, where NFKC changes
//! nothing once the few composing marks are gone; such text takes a fast
//! char-by-char path. Anything else (presentation forms, Latin with accents,
//! other scripts) goes through NFKC first, so both paths give the same answer.

use unicode_normalization::UnicodeNormalization;

/// What one original character becomes in the matching form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fold {
    /// Dropped (diacritic, tatweel, invisible control).
    Drop,
    /// Replaced by this one character (often itself).
    Char(char),
    /// Needs NFKC or full lower-casing: the caller must take the slow path.
    Slow,
}

/// Folds one character without NFKC. Only the characters for which NFKC is
/// the identity (given that the marks it would compose with are dropped) get
/// an answer here; all the rest report [`Fold::Slow`].
#[inline(always)]
pub(crate) fn fold_fast(c: char) -> Fold {
    match c {
        'A'..='Z' => Fold::Char(c.to_ascii_lowercase()),
        '\0'..='\x7f' => Fold::Char(c),
        '\u{0600}'..='\u{06FF}' => fold_arabic(c),
        '\u{00A0}' => Fold::Char(' '),
        '\u{00AB}' | '\u{00BB}' | '\u{2013}' | '\u{2014}' | '\u{2018}'..='\u{201D}' => Fold::Char(c),
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' => Fold::Drop,
        _ => Fold::Slow,
    }
}

#[inline(always)]
fn fold_arabic(c: char) -> Fold {
    match c {
        // Letters that stay as they are: the common case.
        '\u{0621}'
        | '\u{0624}'
        | '\u{0626}'..='\u{0628}'
        | '\u{062A}'..='\u{063A}'
        | '\u{0641}'..='\u{0648}'
        | '\u{064A}' => Fold::Char(c),
        // These compose or decompose under NFKC; let the slow path decide.
        '\u{0653}'..='\u{0655}' | '\u{0675}'..='\u{0678}' => Fold::Slow,
        // Harakat, tanween, shadda, sukun, superscript alef, honorific and
        // Quranic annotation marks: none of them changes which word it is.
        '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{0610}'..='\u{061A}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{0640}'
        | '\u{061C}' => Fold::Drop,
        _ => Fold::Char(map_letter(c)),
    }
}

/// Letter unification shared by both paths, applied after NFKC.
#[inline(always)]
fn map_letter(c: char) -> char {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' | 'ی' | 'ې' | 'ۍ' => 'ي',
        'ة' | 'ۀ' | 'ہ' | 'ە' | 'ھ' | 'ۃ' => 'ه',
        'ک' => 'ك',
        '٠'..='٩' => digit(c as u32 - '٠' as u32),
        '۰'..='۹' => digit(c as u32 - '۰' as u32),
        _ => c,
    }
}

#[inline]
fn digit(d: u32) -> char {
    char::from_digit(d, 10).unwrap_or('0')
}

/// Appends the matching form of `text` to `out`. Returns false (and leaves
/// `out` partly written) when a character needs the slow path.
#[inline]
pub(crate) fn fold_fast_into(text: &str, out: &mut String) -> bool {
    for c in text.chars() {
        match fold_fast(c) {
            Fold::Char(m) => out.push(m),
            Fold::Drop => {}
            Fold::Slow => return false,
        }
    }
    true
}

/// The full path: NFKC, then the same folding, with complete lower-casing.
fn fold_slow(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfkc() {
        match fold_fast(c) {
            Fold::Char(m) => out.push(m),
            Fold::Drop => {}
            Fold::Slow => match c {
                '\u{0653}'..='\u{0655}' => {}
                c if c.is_uppercase() => out.extend(c.to_lowercase()),
                c => out.push(map_letter(c)),
            },
        }
    }
    out
}

/// The matching form of `text`: presentation forms folded (NFKC), diacritics
/// and tatweel removed, alef/yeh/teh-marbuta variants unified, Eastern digits
/// made ASCII, Persian/Urdu letters mapped to Arabic, invisible controls
/// dropped, Latin lower-cased. Idempotent: `normalize(normalize(x)) == normalize(x)`.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    if fold_fast_into(text, &mut out) {
        return out;
    }
    normalize_slow(text)
}

/// Dropping a tatweel or control between a letter and a combining mark can
/// let them compose on a second pass, so repeat until nothing changes; in
/// practice this stops after one or two passes.
pub(crate) fn normalize_slow(text: &str) -> String {
    let mut current = fold_slow(text);
    for _ in 0..4 {
        let next = fold_slow(&current);
        if next == current {
            break;
        }
        current = next;
    }
    current
}

/// Appends the matching form of `text` to `out`, allocating only when the
/// text needs NFKC.
pub fn normalize_into(text: &str, out: &mut String) {
    let mark = out.len();
    if !fold_fast_into(text, out) {
        out.truncate(mark);
        out.push_str(&normalize_slow(text));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_the_issue_list() {
        assert_eq!(normalize("أإآٱ"), "اااا");
        assert_eq!(normalize("مستشفى"), "مستشفي");
        assert_eq!(normalize("مدرسة"), "مدرسه");
        assert_eq!(normalize("كَتَبَ"), "كتب");
        assert_eq!(normalize("كـــتـاب"), "كتاب");
        assert_eq!(normalize("٤٠ و ۴۵"), "40 و 45");
        assert_eq!(normalize("کتاب فارسی"), "كتاب فارسي");
        assert_eq!(normalize("a\u{200F}b\u{200B}C"), "abc");
        assert_eq!(normalize("Marsad NEWS"), "marsad news");
    }

    #[test]
    fn folds_presentation_forms() {
        // U+FEDF U+FEE0 U+FE8E U+FEE3 = lam lam alef meem in contextual forms.
        assert_eq!(normalize("\u{FEDF}\u{FEE0}\u{FE8E}\u{FEE3}"), "للام");
        assert_eq!(normalize("\u{FEFB}"), "لا");
        assert_eq!(normalize("\u{FEF7}"), "لا");
    }

    #[test]
    fn fast_path_agrees_with_nfkc_path() {
        let chars = (0u32..0x0800).chain(0x2000..0x2070).filter_map(char::from_u32);
        for c in chars {
            for text in [format!("{c}"), format!("ب{c}ت"), format!("a{c}B")] {
                let mut fast = String::new();
                if fold_fast_into(&text, &mut fast) {
                    assert_eq!(fast, normalize_slow(&text), "U+{:04X}", c as u32);
                }
            }
        }
    }

    #[test]
    fn composes_hamza_like_nfkc() {
        assert_eq!(normalize("\u{064A}\u{0654}"), "ئ");
        assert_eq!(normalize("\u{0627}\u{0653}"), "ا");
        assert_eq!(normalize("É"), "é");
    }
}
