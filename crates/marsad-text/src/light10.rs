//! A faithful light10 (Larkey et al. 2007) as Lucene implements it in
//! `ArabicNormalizer` + `ArabicStemmer`: the evaluation baseline, written
//! from the published rules so that Marsad's stemmer is compared against the
//! real thing and not a strawman.

/// Lucene's `ArabicNormalizer`: alef-hamza/madda to alef, alef maqsura to
/// yeh, teh marbuta to heh; tatweel and the eight harakat removed. Nothing
/// else (no wasla, no Persian letters, no digits).
pub fn light10_normalize(word: &str) -> String {
    word.chars()
        .filter_map(|c| match c {
            'آ' | 'أ' | 'إ' => Some('ا'),
            'ى' => Some('ي'),
            'ة' => Some('ه'),
            '\u{0640}' | '\u{064B}'..='\u{0652}' => None,
            c => Some(c),
        })
        .collect()
}

const PREFIXES: [&[char]; 7] =
    [&['ا', 'ل'], &['و', 'ا', 'ل'], &['ب', 'ا', 'ل'], &['ك', 'ا', 'ل'], &['ف', 'ا', 'ل'], &['ل', 'ل'], &['و']];

const SUFFIXES: [&[char]; 10] =
    [&['ه', 'ا'], &['ا', 'ن'], &['ا', 'ت'], &['و', 'ن'], &['ي', 'ن'], &['ي', 'ه'], &['ي', 'ة'], &['ه'], &['ة'], &['ي']];

/// Lucene's `ArabicStemmer` on an already light10-normalized word: strip at
/// most one prefix (first match in Lucene's order; a one-letter prefix only
/// from words of 4+ letters; at least 2 letters must remain), then try every
/// suffix once in order, each leaving at least 2 letters.
pub fn light10_stem(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut s: &[char] = &chars;
    for p in PREFIXES {
        let ok = if p.len() == 1 && s.len() < 4 { false } else { s.len() >= p.len() + 2 && s.starts_with(p) };
        if ok {
            s = &s[p.len()..];
            break;
        }
    }
    for x in SUFFIXES {
        if s.len() >= x.len() + 2 && s.ends_with(x) {
            s = &s[..s.len() - x.len()];
        }
    }
    s.iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l10(w: &str) -> String {
        light10_stem(&light10_normalize(w))
    }

    #[test]
    fn matches_lucene_test_cases() {
        // Expected values as Lucene's TestArabicStemFilter states them.
        assert_eq!(l10("الحسن"), "حسن");
        assert_eq!(l10("والحسن"), "حسن");
        assert_eq!(l10("بالحسن"), "حسن");
        assert_eq!(l10("كالحسن"), "حسن");
        assert_eq!(l10("فالحسن"), "حسن");
        assert_eq!(l10("للاخر"), "اخر");
        assert_eq!(l10("وحسن"), "حسن");
        assert_eq!(l10("زوجها"), "زوج");
        assert_eq!(l10("ساهدان"), "ساهد");
        assert_eq!(l10("ساهدات"), "ساهد");
        assert_eq!(l10("ساهدون"), "ساهد");
        assert_eq!(l10("ساهدين"), "ساهد");
        assert_eq!(l10("ساهديه"), "ساهد");
        assert_eq!(l10("ساهدية"), "ساهد");
        assert_eq!(l10("ساهده"), "ساهد");
        assert_eq!(l10("ساهدة"), "ساهد");
        assert_eq!(l10("ساهدي"), "ساهد");
        assert_eq!(l10("وساهدون"), "ساهد");
        assert_eq!(l10("ساهدهان"), "ساهد");
        assert_eq!(l10("ال"), "ال");
        assert_eq!(l10("وا"), "وا");
        assert_eq!(l10("الله"), "له");
    }
}
