//! A small per-thread cache of stemming decisions.
//!
//! News text is Zipfian: a few thousand forms make up most tokens, and each
//! stemming decision costs several lookups in an 80k-entry table that does not
//! fit in cache. Remembering the decision (as byte offsets into the word) in
//! a direct-mapped table with the key stored inline makes the common case one
//! hash and one cache line.

use std::cell::RefCell;
use std::hash::Hasher;

use crate::lexicon::FxHasher;

const SLOTS: usize = 1 << 14;
/// Longer words (over 14 Arabic letters) are rare and not remembered.
const KEY: usize = 28;

#[derive(Clone, Copy)]
struct Slot {
    key: [u8; KEY],
    len: u8,
    start: u8,
    end: u8,
    owner: u8,
}

const EMPTY: Slot = Slot { key: [0; KEY], len: 0, start: 0, end: 0, owner: 0 };

thread_local! {
    static MEMO: RefCell<Vec<Slot>> = RefCell::new(vec![EMPTY; SLOTS]);
}

fn slot_of(owner: u64, word: &str) -> usize {
    let mut h = FxHasher::default();
    h.write(word.as_bytes());
    h.write_u64(owner);
    (h.finish() >> 7) as usize & (SLOTS - 1)
}

/// A one-byte tag of the stemmer, never 0 (0 marks an empty slot); the slot
/// index already mixes in the full owner hash.
fn tag(owner: u64) -> u8 {
    (owner as u8) | 1
}

/// The remembered `(start, end)` of `word`'s stem for stemmer `owner`.
#[inline]
pub(crate) fn get(owner: u64, word: &str) -> Option<(usize, usize)> {
    if word.len() > KEY {
        return None;
    }
    let i = slot_of(owner, word);
    MEMO.with(|m| {
        let m = m.borrow();
        let s = &m[i];
        (s.owner == tag(owner) && usize::from(s.len) == word.len() && &s.key[..word.len()] == word.as_bytes())
            .then_some((usize::from(s.start), usize::from(s.end)))
    })
}

/// Remembers the stem `start..end` of `word` for stemmer `owner`.
#[inline]
pub(crate) fn put(owner: u64, word: &str, start: usize, end: usize) {
    if word.len() > KEY {
        return;
    }
    let i = slot_of(owner, word);
    let mut key = [0u8; KEY];
    key[..word.len()].copy_from_slice(word.as_bytes());
    // KEY < 256, so every offset fits in a byte.
    let slot = Slot { key, len: word.len() as u8, start: start as u8, end: end as u8, owner: tag(owner) };
    MEMO.with(|m| m.borrow_mut()[i] = slot);
}
