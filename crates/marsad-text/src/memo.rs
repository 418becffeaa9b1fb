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
///
/// Every 8-byte step goes through a full avalanche (SplitMix64's finalizer):
/// FxHash's rotate-xor-multiply let same-length Arabic words collide
/// ("ولاحظ" and "ولاعب"), and a collision here returns another word's stem.
#[inline]
fn fingerprint(owner: u64, word: &str) -> u64 {
    let mut h = mix(owner ^ (word.len() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
    for chunk in word.as_bytes().chunks(8) {
        let mut bytes = [0u8; 8];
        bytes[..chunk.len()].copy_from_slice(chunk);
        h = mix(h ^ u64::from_le_bytes(bytes));
    }
    h | 1
}

#[inline]
fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
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

#[cfg(test)]
mod tests {
    use super::fingerprint;

    #[test]
    fn same_length_words_do_not_collide() {
        // These two collided under FxHash and made stemming depend on the
        // order words were seen in.
        assert_ne!(fingerprint(7, "ولاحظ"), fingerprint(7, "ولاعب"));
        assert_ne!(fingerprint(7, "العبء"), fingerprint(7, "العشر"));
        let words: Vec<String> = (0x0621u32..0x064A)
            .filter_map(char::from_u32)
            .flat_map(|a| (0x0621u32..0x064A).filter_map(char::from_u32).map(move |b| format!("وال{a}{b}")))
            .collect();
        let distinct: std::collections::HashSet<u64> = words.iter().map(|w| fingerprint(7, w)).collect();
        assert_eq!(distinct.len(), words.len());
    }
}
