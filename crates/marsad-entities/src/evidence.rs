//! Minimum evidence for an entity the alias table does not list.
//!
//! The tagger's errors become entity pages unless something stops them: a
//! common noun tagged once (`البحر`, `الوكالة`, `تنظيم`), an adverb with
//! tanween (`ميدانياً`), a chemical formula or a lower-case English word. A
//! learned entity mentioned once, as a single word, is kept only when that
//! word could be a name. Entities mentioned again, named in more than one
//! word, or listed in the alias table are kept as they are.

use crate::gazetteer::proclitic_variants;
use crate::resolve::ArticleEntity;
use crate::tag::EntityKind;

/// How often the news corpus must use a word both bare and with the article
/// to count it as a common noun. Names are written one way: `مصر` never takes
/// `ال`, and `الحوثي` is rarely written without it; `بحر` / `البحر`,
/// `اتحاد` / `الاتحاد` are common both ways.
const COMMON_BOTH_WAYS: u32 = 50;

/// Words the tagger takes for names that never are one on their own,
/// however often tagged: the divine name of everyday formulas ("إن شاء الله",
/// "رحمه الله"), currency units ("ريال", "دولار") and honorifics with a
/// pronoun ("سموه", "معاليه": "His Highness", standing for a person named
/// elsewhere). A name that contains them ("عبد الله", "ريال مدريد") is not
/// affected.
const NEVER_ALONE: &[&str] = &[
    "الله",
    "ريال",
    "دولار",
    "يورو",
    "درهم",
    "دينار",
    "جنيه",
    "ليرة",
    "روبل",
    "سموه",
    "معاليه",
    "سعادته",
    "فضيلته",
    "سماحته",
    "جلالته",
    "فخامته",
];

/// Whether a learned entity has enough evidence to be one.
pub fn enough_evidence(entity: &ArticleEntity) -> bool {
    if entity.mentions.iter().all(|m| never_alone(&m.text)) {
        return false;
    }
    let [only] = entity.mentions.as_slice() else { return true };
    let mut words = only.text.split_whitespace();
    let (Some(word), None) = (words.next(), words.next()) else { return true };
    could_be_name(word, entity.kind)
}

fn never_alone(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let (Some(word), None) = (words.next(), words.next()) else { return false };
    let normalized = marsad_text::normalize(word);
    proclitic_variants(&normalized).into_iter().any(|v| NEVER_ALONE.iter().any(|w| marsad_text::normalize(w) == v))
}

/// Whether one word, tagged once, could be a name.
fn could_be_name(word: &str, kind: EntityKind) -> bool {
    if word.is_ascii() {
        // English names are capitalised and have no digits (T06, C21H30O5, "ten").
        return word.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && !word.chars().any(|c| c.is_ascii_digit());
    }
    // Tanween on the last letter makes an adverb or an indefinite noun
    // (ميدانياً، ريالاً); names do not take it.
    if word.chars().any(|c| matches!(c, '\u{064B}'..='\u{064D}')) {
        return false;
    }
    // Given names are often common words (صالح، سلطان، هادي): a person keeps
    // the benefit of the doubt.
    if kind == EntityKind::Pers {
        return true;
    }
    !is_common_noun(word)
}

/// Whether the news writes a word (or it without a proclitic) often both
/// bare and with the article: a common noun ("البحر", "جامعة").
pub(crate) fn is_common_noun(word: &str) -> bool {
    let lexicon = marsad_text::lexicon::Lexicon::shipped();
    let normalized = marsad_text::normalize(word);
    proclitic_variants(&normalized).into_iter().any(|v| {
        let seen = lexicon.seen(v);
        seen.bare >= COMMON_BOTH_WAYS && seen.with_article >= COMMON_BOTH_WAYS
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::{Mention, TextField};

    fn once(text: &str, kind: EntityKind) -> ArticleEntity {
        let mention = Mention { field: TextField::Body, text: text.into(), start: 0, end: text.chars().count() };
        ArticleEntity { id: "e0".into(), name: text.into(), kind, mentions: vec![mention] }
    }

    #[test]
    fn common_words_tagged_once_are_not_entities() {
        for (word, kind) in [
            ("البحر", EntityKind::Loc),
            ("الوكالة", EntityKind::Org),
            ("تنظيم", EntityKind::Org),
            ("للصواريخ", EntityKind::Loc),
            ("ميدانياً", EntityKind::Loc),
            ("T06", EntityKind::Pers),
            ("ten", EntityKind::Org),
            ("الله", EntityKind::Pers),
            ("بالله", EntityKind::Pers),
            ("الريال", EntityKind::Org),
        ] {
            assert!(!enough_evidence(&once(word, kind)), "{word}");
        }
        // However often tagged.
        let mut often = once("الله", EntityKind::Pers);
        often.mentions.push(often.mentions[0].clone());
        assert!(!enough_evidence(&often));
    }

    #[test]
    fn names_tagged_once_stay() {
        for (word, kind) in [
            ("مصر", EntityKind::Loc),
            ("بجدة", EntityKind::Loc),
            ("كوالالمبور", EntityKind::Loc),
            ("الباقوري", EntityKind::Pers),
            ("صالح", EntityKind::Pers),
            ("Sanders", EntityKind::Org),
        ] {
            assert!(enough_evidence(&once(word, kind)), "{word}");
        }
        assert!(!enough_evidence(&once("سموه", EntityKind::Pers)));
        // Names that contain a never-alone word stay.
        assert!(enough_evidence(&once("عبد الله", EntityKind::Pers)));
        assert!(enough_evidence(&once("ريال مدريد", EntityKind::Org)));
        // Two mentions, or two words, are evidence enough.
        let mut twice = once("البحر", EntityKind::Loc);
        twice.mentions.push(twice.mentions[0].clone());
        assert!(enough_evidence(&twice));
        assert!(enough_evidence(&once("البحر الأحمر", EntityKind::Loc)));
    }
}
