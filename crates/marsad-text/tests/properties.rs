//! Properties that must hold on any input.

use marsad_text::{analyze, normalize, stem, tokenize};
use proptest::prelude::*;

/// Text drawn mostly from the characters that make Arabic news hard:
/// letters, marks, tatweel, presentation forms, digits, controls, emoji.
fn arabic_heavy() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        prop::char::range('\u{0600}', '\u{06FF}'),
        prop::char::range('\u{064B}', '\u{0655}'),
        prop::char::range('\u{FB50}', '\u{FEFF}'),
        prop::char::range('\u{0300}', '\u{036F}'),
        prop::char::range('\u{2000}', '\u{206F}'),
        prop::char::range('A', 'z'),
        prop::char::range('0', '9'),
        Just('\u{0640}'),
        Just(' '),
        Just('.'),
        Just('🙂'),
        any::<char>(),
    ];
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn normalize_is_idempotent(s in arabic_heavy()) {
        let once = normalize(&s);
        prop_assert_eq!(normalize(&once), once);
    }

    #[test]
    fn normalize_is_idempotent_any(s in any::<String>()) {
        let once = normalize(&s);
        prop_assert_eq!(normalize(&once), once);
    }

    #[test]
    fn spans_map_back_to_the_original(s in arabic_heavy()) {
        let chars: Vec<char> = s.chars().collect();
        let mut last_end = 0;
        for t in tokenize(&s) {
            prop_assert!(t.start < t.end && t.end <= chars.len());
            prop_assert!(t.start >= last_end);
            last_end = t.end;
            let span: String = chars[t.start..t.end].iter().collect();
            prop_assert_eq!(span.as_str(), t.text);
            // The slice itself is on char boundaries of the original.
            let byte = t.text.as_ptr() as usize - s.as_ptr() as usize;
            prop_assert!(s.is_char_boundary(byte) && s.is_char_boundary(byte + t.text.len()));
        }
    }

    #[test]
    fn nothing_panics(s in any::<String>()) {
        for t in tokenize(&s) {
            let n = t.normalized();
            let _ = stem(&n);
        }
        let _ = analyze(&s);
    }

    #[test]
    fn stem_is_a_slice_of_its_input(s in arabic_heavy()) {
        let n = normalize(&s);
        let st = stem(&n);
        prop_assert!(n.contains(st));
    }
}

#[test]
fn empty_and_lone_marks() {
    assert_eq!(normalize(""), "");
    assert_eq!(tokenize("").count(), 0);
    assert_eq!(tokenize("\u{064E}\u{0651}").count(), 0);
    assert_eq!(normalize("\u{064E}\u{0651}"), "");
    assert!(analyze("🙂🙂 \u{200F}").is_empty());
}
