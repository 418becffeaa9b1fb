//! Stemming and analysis of real words from Arabic news.

use marsad_text::{analyze, light10_normalize, light10_stem, normalize, stem, tokenize};

fn st(word: &str) -> String {
    stem(&normalize(word)).to_string()
}

#[test]
fn seed_words() {
    // The two spellings of one transliterated name must meet.
    assert_eq!(st("فوستوشني"), normalize("فوستوشني"));
    assert_eq!(st("فوستوتشني"), normalize("فوستوتشني"));
    assert_eq!(st("الاصطناعية"), "اصطناعي");
    assert_eq!(st("والصداقة"), "صداق");
    assert_eq!(st("لموسكو"), "موسكو");
    assert_eq!(st("بتكنولوجيا"), "تكنولوجيا");
}

#[test]
fn guards_keep_stem_letters() {
    assert_eq!(st("الله"), "الله");
    assert_eq!(st("لبنان"), "لبنان");
    assert_eq!(st("بريطانيا"), "بريطانيا");
    assert_eq!(st("وزير"), "وزير");
    assert_eq!(st("فلسطين"), "فلسطين");
}

#[test]
fn light10_overstrips_where_marsad_does_not() {
    let l10 = |w: &str| light10_stem(&light10_normalize(w));
    assert_eq!(l10("الله"), "له");
    assert_eq!(l10("وزير"), "زير");
}

#[test]
fn inflections_meet() {
    assert_eq!(st("السعودية"), st("السعودي"));
    assert_eq!(st("المعلمين"), st("المعلم"));
    assert_eq!(st("والمؤتمرات"), st("مؤتمر"));
    assert_eq!(st("وقال"), "قال");
    // Teh marbuta shows as ت before a pronoun.
    assert_eq!(st("طفولته"), st("طفولة"));
    assert_eq!(st("سياستها"), st("السياسة"));
    assert_eq!(st("بيته"), "بيت");
}

#[test]
fn names_keep_their_endings() {
    assert_eq!(st("جبران"), "جبران");
    assert_eq!(st("عمان"), "عمان");
    assert_eq!(st("ايران"), "ايران");
}

#[test]
fn unseen_words_lose_a_frequent_clitic() {
    assert_eq!(st("لاوراسيا"), "اوراسيا");
}

#[test]
fn analyze_drops_function_words_and_stems() {
    let terms = analyze("ما هي عاصمة المملكة العربية السعودية؟");
    assert_eq!(terms, vec!["عاصم", "مملك", "عربي", "سعودي"]);
}

#[test]
fn spans_point_into_the_original() {
    let text = "أعلنَ وزيرُ الخارجيـــة، ٤٠ مرة";
    let chars: Vec<char> = text.chars().collect();
    for t in tokenize(text) {
        let span: String = chars[t.start..t.end].iter().collect();
        assert_eq!(span, t.text);
    }
}

#[test]
fn remembered_decisions_stay_per_stemmer() {
    use marsad_text::lexicon::Lexicon;
    use marsad_text::{StemConfig, Stemmer};
    let light = Stemmer::new(Lexicon::shipped(), StemConfig { feminine: false, ..StemConfig::default() });
    let word = normalize("السعودية");
    for _ in 0..3 {
        assert_eq!(stem(&word), "سعودي");
        assert_eq!(light.stem(&word), "سعود");
    }
}
