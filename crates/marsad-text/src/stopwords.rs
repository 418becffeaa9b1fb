//! Function words that carry no topic, in normalized form. Question words are
//! included because questions are a common query shape.

use crate::lexicon::FxMap;
use std::sync::OnceLock;

const WORDS: &str = "في من علي الي عن مع ان او ثم حتي اذا اذ لا لم لن ما ماذا متي اين كيف كم هل لماذا هو هي هم \
 هما هن انا نحن انت انتم هذا هذه ذلك تلك هؤلاء اولئك الذي التي الذين اللذين اللتين قد لقد \
 كان كانت يكون تكون كل بعض غير بين عند منذ بعد قبل حيث لكن بل اي ايضا وقد وهو وهي وان وفي \
 ومن وما ولا فان فقد فيه فيها منه منها عليه عليها اليه به بها له لها لهم انه انها الا اما \
 وكان وكانت يتم تم ذات نحو لدي عبر خلال ضمن ماهي ماهو بماذا ممن مما عما فيما فيم وكيف ومتي \
 واين وهل ايه و ف ب ك ل ا بينما عندما الان جميع وكل ولم ولن فهي فهو لك فما كما وذلك هناك \
 بان وهذا وهذه حول اللواتي اللاتي";

const MAX_BYTES: usize = 14;

/// True when the normalized `word` is a function word.
pub fn is_stopword(word: &str) -> bool {
    // No entry is longer than MAX_BYTES; most content words are.
    if word.len() > MAX_BYTES {
        return false;
    }
    static SET: OnceLock<FxMap<&'static str, ()>> = OnceLock::new();
    SET.get_or_init(|| WORDS.split_whitespace().map(|w| (w, ())).collect()).contains_key(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_fits_the_length_shortcut() {
        for w in WORDS.split_whitespace() {
            assert!(w.len() <= MAX_BYTES, "{w}");
            assert!(is_stopword(w), "{w}");
            assert_eq!(crate::normalize(w), w, "entries are in normalized form");
        }
    }
}
