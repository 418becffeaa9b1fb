//! A small per-thread cache of stemming decisions.
//!
//! News text is Zipfian: a few thousand forms make up most tokens, and each
//! stemming decision costs several lookups in an 80k-entry table that does not
//! fit in cache. Remembering the decision (as byte offsets into the word) in
//! a direct-mapped table of 16-byte slots keeps the frequent forms in L2.
//! Slots hold a 64-bit fingerprint instead of the word; a false match would
//! need a 64-bit collision, and even then the offsets are checked to be a
//! valid slice of the word.

use std::cell::RefCell;
use std::hash::Hasher;

use crate::lexicon::FxHasher;

const SLOTS: usize = 1 << 15;

#[derive(Clone, Copy, Default)]
struct Slot {
    fingerprint: u64,
    start: u32,
    end: u32,
}

thread_local! {
    static MEMO: RefCell<Vec<Slot>> = RefCell::new(vec![Slot::default(); SLOTS]);
}

/// A well-mixed hash of the word and stemmer; never 0, which marks an empty slot.
#[inline]
fn fingerprint(owner: u64, word: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(word.as_bytes());
    h.write_u64(owner);
    // FxHash's low bits are weak; fold the high ones in.
    let x = h.finish();
    (x ^ (x >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9) | 1
}

#[inline]
fn slot(fp: u64) -> usize {
    (fp >> 40) as usize & (SLOTS - 1)
}

/// The remembered `(start, end)` of `word`'s stem for stemmer `owner`.
#[inline]
pub(crate) fn get(owner: u64, word: &str) -> Option<(usize, usize)> {
    let fp = fingerprint(owner, word);
    let s = MEMO.with(|m| m.borrow()[slot(fp)]);
    let (start, end) = (s.start as usize, s.end as usize);
    (s.fingerprint == fp && start <= end && word.get(start..end).is_some()).then_some((start, end))
}

/// Remembers the stem `start..end` of `word` for stemmer `owner`.
#[inline]
pub(crate) fn put(owner: u64, word: &str, start: usize, end: usize) {
    let (Ok(start), Ok(end)) = (u32::try_from(start), u32::try_from(end)) else {
        return;
    };
    let fp = fingerprint(owner, word);
    MEMO.with(|m| m.borrow_mut()[slot(fp)] = Slot { fingerprint: fp, start, end });
}
