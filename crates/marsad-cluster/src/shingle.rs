//! Words and word shingles in matching form, as 64-bit hashes.
//!
//! Copies of one text differ in diacritics, hamza carriers, digit sets and
//! punctuation; the matching form of marsad-text removes all of those, and
//! punctuation tokens are not words, so none of it changes a shingle.

use std::hash::Hasher;

use marsad_text::{tokenize, TokenKind};
use rustc_hash::FxHasher;

/// Appends the hash of every word (Arabic, Latin, other script) and number
/// of `text`, in matching form, to `out`.
pub fn word_hashes(text: &str, out: &mut Vec<u64>) {
    let mut buf = String::new();
    for tok in tokenize(text) {
        if matches!(tok.kind, TokenKind::Word | TokenKind::Number | TokenKind::Latin | TokenKind::Other) {
            buf.clear();
            tok.normalized_into(&mut buf);
            out.push(hash_bytes(buf.as_bytes()));
        }
    }
}

/// A well-mixed 64-bit hash of `bytes`.
#[inline]
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(bytes);
    mix(h.finish())
}

/// SplitMix64's finalizer: every input bit reaches every output bit, which
/// the multiply-shift permutations of MinHash rely on.
#[inline]
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The hashes of the `k`-word shingles of `words`, sorted and deduplicated:
/// a set. A text shorter than `k` words is one shingle of all its words.
pub fn shingles(words: &[u64], k: usize, out: &mut Vec<u64>) {
    out.clear();
    if words.is_empty() {
        return;
    }
    let k = k.clamp(1, words.len());
    for w in words.windows(k) {
        let mut h = 0u64;
        for &x in w {
            h = mix(h.rotate_left(17) ^ x);
        }
        out.push(h);
    }
    out.sort_unstable();
    out.dedup();
}

/// |A∩B| / min(|A|,|B|) of two sorted sets: how much of the shorter text
/// the longer one contains. A trimmed copy keeps containment near 1 while
/// its Jaccard similarity falls with the cut.
pub fn containment(a: &[u32], b: &[u32]) -> f32 {
    let smaller = a.len().min(b.len());
    if smaller == 0 {
        return 0.0;
    }
    shared(a, b) as f32 / smaller as f32
}

/// How many items two sorted sets share.
pub(crate) fn shared(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        word_hashes(text, &mut out);
        out
    }

    #[test]
    fn spelling_punctuation_and_digits_do_not_change_words() {
        let a = words("أعلنت الوزارة، اليوم، عن ٣ مبادرات جديدة.");
        let b = words("اعلنت الوزارة اليوم عن 3 مبادرات جديده");
        assert_eq!(a, b);
        assert_eq!(a.len(), 7);
    }

    #[test]
    fn trimmed_copy_keeps_full_containment() {
        let long = "قال وزير الصحة إن الوزارة ستفتتح عشرة مستشفيات جديدة في المناطق الشمالية خلال العام المقبل وإن العمل يجري على تجهيزها";
        let short = "قال وزير الصحة إن الوزارة ستفتتح عشرة مستشفيات جديدة";
        let set = |t: &str| {
            let mut s = Vec::new();
            shingles(&words(t), 3, &mut s);
            let mut v: Vec<u32> = s.iter().map(|&h| h as u32).collect();
            v.sort_unstable();
            v
        };
        assert_eq!(containment(&set(long), &set(short)), 1.0);
    }
}
