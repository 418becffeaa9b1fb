//! Exact and near-duplicate detection within a window of days.
//!
//! Exact copies share the hash of their body's word sequence in matching
//! form. Near copies are found in two steps:
//! 1. candidates: MinHash-LSH over the whole body's word shingles, and a
//!    second MinHash-LSH over the shingles of the body's first words only
//!    (the lead). A copy cut to its first paragraphs shares few shingles with
//!    the full text overall (low Jaccard) but nearly all of its lead.
//! 2. verification: exact containment |A∩B| / min(|A|,|B|) of the two
//!    shingle sets, kept for the window's documents. Containment, not
//!    Jaccard, because a trimmed or padded copy is still a copy.
//!
//! A duplicate links to the first-seen document of its group (the original
//! of the document it matched), so groups never chain into a new root.

use std::hash::Hasher;

use rustc_hash::{FxHashMap, FxHasher};

use crate::hold::{DayBuckets, HoldParams};
use crate::lsh::Lsh;
use crate::minhash::MinHasher;
use crate::shingle::{containment, shingles, word_hashes};

#[derive(Debug, Clone, PartialEq)]
pub struct DedupParams {
    /// Words per shingle.
    pub shingle: usize,
    /// MinHash permutations.
    pub num_perm: usize,
    /// LSH bands (rows per band = num_perm / bands).
    pub bands: usize,
    /// Words of the lead signature.
    pub lead_words: usize,
    /// Smallest containment that makes a duplicate.
    pub containment: f32,
    /// A text with fewer shingles is matched only exactly: a caption or a
    /// one-line lead is "contained" in every longer report that quotes it.
    pub min_shingles: usize,
    /// How many days apart (published) a copy and its original can be.
    pub window_days: i32,
    pub seed: u64,
}

impl Default for DedupParams {
    fn default() -> Self {
        DedupParams {
            shingle: 3,
            num_perm: 128,
            bands: 64,
            lead_words: 40,
            containment: 0.6,
            min_shingles: 10,
            window_days: 7,
            seed: 0x6d61_7273_6164,
        }
    }
}

/// What duplicate detection keeps of a document.
#[derive(Debug, Clone, Default)]
pub struct Fingerprint {
    /// Hash of the body's words in matching form; `None` for an empty body.
    pub exact: Option<u64>,
    /// Sorted 32-bit shingle hashes (32 bits keep collisions negligible at
    /// article sizes and halve the memory).
    pub shingles: Vec<u32>,
    pub signature: Vec<u32>,
    pub lead_signature: Vec<u32>,
}

/// A document this one copies.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Duplicate {
    /// Key of the first-seen document of the group.
    pub original: i64,
    /// Key of the document that matched (the original or another copy).
    pub matched: i64,
    pub containment: f32,
}

struct Entry {
    key: i64,
    day: i32,
    original: i64,
    fp: Fingerprint,
}

pub struct Deduper {
    params: DedupParams,
    hasher: MinHasher,
    full: Lsh,
    lead: Lsh,
    /// Exact hash → the slots holding it, first inserted first.
    exact: FxHashMap<u64, Vec<u32>>,
    entries: Vec<Option<Entry>>,
    free: Vec<u32>,
    /// Slots by published day, forgotten by arrival.
    held: DayBuckets<u32>,
    /// (key, original) of the documents forgotten since the last `take_forgotten`.
    released: Vec<(i64, i64)>,
    scratch: Vec<u32>,
}

impl Deduper {
    pub fn new(params: DedupParams, hold: HoldParams) -> Self {
        Deduper {
            hasher: MinHasher::new(params.num_perm, params.seed),
            full: Lsh::new(params.num_perm, params.bands),
            lead: Lsh::new(params.num_perm, params.bands),
            held: DayBuckets::new(params.window_days, hold),
            params,
            exact: FxHashMap::default(),
            entries: Vec::new(),
            free: Vec::new(),
            released: Vec::new(),
            scratch: Vec::new(),
        }
    }

    pub fn params(&self) -> &DedupParams {
        &self.params
    }

    /// Documents held.
    pub fn len(&self) -> usize {
        self.held.len()
    }

    pub fn is_empty(&self) -> bool {
        self.held.is_empty()
    }

    pub fn fingerprint(&self, body: &str) -> Fingerprint {
        let mut words = Vec::new();
        word_hashes(body, &mut words);
        if words.is_empty() {
            return Fingerprint::default();
        }
        let mut h = FxHasher::default();
        for &w in &words {
            h.write_u64(w);
        }
        let mut set = Vec::new();
        shingles(&words, self.params.shingle, &mut set);
        let signature = self.hasher.signature(&set);
        let mut lead = Vec::new();
        shingles(&words[..words.len().min(self.params.lead_words)], self.params.shingle, &mut lead);
        let lead_signature = self.hasher.signature(&lead);
        let mut small: Vec<u32> = set.iter().map(|&x| x as u32).collect();
        small.sort_unstable();
        small.dedup();
        Fingerprint { exact: Some(h.finish()), shingles: small, signature, lead_signature }
    }

    /// A document of `day` arrives: the days it is compared with stay held,
    /// and days no recent arrival used are forgotten.
    pub fn arrive(&mut self, day: i32) {
        let gone = self.held.arrive(day);
        self.remove(gone);
    }

    /// The held document of a day within the window of `day` that `fp`
    /// copies, if any. Documents of other days are held too (an archive
    /// arrives out of date order), but they are not copies.
    pub fn find(&mut self, fp: &Fingerprint, day: i32) -> Option<Duplicate> {
        let exact = fp.exact?;
        let held = &self.held;
        let in_window = |e: &&Entry| held.in_window(day, e.day);
        if let Some(e) = self
            .exact
            .get(&exact)
            .and_then(|slots| slots.iter().filter_map(|&s| self.entries[s as usize].as_ref()).find(in_window))
        {
            return Some(Duplicate { original: e.original, matched: e.key, containment: 1.0 });
        }
        if fp.shingles.len() < self.params.min_shingles {
            return None;
        }
        let mut candidates = std::mem::take(&mut self.scratch);
        self.full.query(&fp.signature, &mut candidates);
        let mut lead = Vec::new();
        self.lead.query(&fp.lead_signature, &mut lead);
        candidates.extend(lead);
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Option<(f32, i64, &Entry)> = None;
        for &slot in &candidates {
            let Some(e) = self.entries[slot as usize].as_ref().filter(|e| self.held.in_window(day, e.day)) else {
                continue;
            };
            if e.fp.shingles.len() < self.params.min_shingles {
                continue;
            }
            let c = containment(&fp.shingles, &e.fp.shingles);
            if c >= self.params.containment && best.is_none_or(|(bc, bk, _)| c > bc || (c == bc && e.key < bk)) {
                best = Some((c, e.key, e));
            }
        }
        let found = best.map(|(c, _, e)| Duplicate { original: e.original, matched: e.key, containment: c });
        self.scratch = candidates;
        found
    }

    /// Holds a document; `original` is its own key unless it is a
    /// duplicate. Beyond the cap, the least recently used day's oldest
    /// documents are forgotten.
    pub fn insert(&mut self, key: i64, day: i32, original: i64, fp: Fingerprint) {
        let slot = match self.free.pop() {
            Some(s) => s,
            None => {
                self.entries.push(None);
                (self.entries.len() - 1) as u32
            }
        };
        if let Some(x) = fp.exact {
            self.exact.entry(x).or_default().push(slot);
        }
        if fp.shingles.len() >= self.params.min_shingles {
            self.full.insert(slot, &fp.signature);
            self.lead.insert(slot, &fp.lead_signature);
        }
        self.entries[slot as usize] = Some(Entry { key, day, original, fp });
        let gone = self.held.insert(day, slot);
        self.remove(gone);
    }

    /// (key, original) of every document forgotten since the last call.
    pub fn take_forgotten(&mut self) -> Vec<(i64, i64)> {
        std::mem::take(&mut self.released)
    }

    fn remove(&mut self, slots: Vec<u32>) {
        for slot in slots {
            let Some(e) = self.entries[slot as usize].take() else { continue };
            if let Some(x) = e.fp.exact {
                if let Some(list) = self.exact.get_mut(&x) {
                    list.retain(|&s| s != slot);
                    if list.is_empty() {
                        self.exact.remove(&x);
                    }
                }
            }
            if e.fp.shingles.len() >= self.params.min_shingles {
                self.full.remove(slot, &e.fp.signature);
                self.lead.remove(slot, &e.fp.lead_signature);
            }
            self.released.push((e.key, e.original));
            self.free.push(slot);
        }
    }
}
