//! Online story clustering over a sliding window of days.
//!
//! Each article becomes a TF-IDF vector of its headline (weighted up) and
//! its lead, in marsad-text's analysis (matching form, no function words,
//! stems). It joins the story of its most similar recent article
//! (single-link) or of the story whose centroid it is close to, discounted
//! by the days between them; otherwise it opens a story. A duplicate joins
//! its original's story whatever its vector says.
//!
//! Scoring works through an inverted index from term to the window's
//! articles, so an article is compared only with articles sharing a term,
//! and terms carried by a large share of the window (which say nothing about
//! the event) are not followed. The window is what keeps the work per
//! article flat as the store grows.
//!
//! Further signals (shared entities, once stored) add to [`Signals`]: the
//! score is a sum of weighted similarities, each computed from the same
//! candidates.

use rustc_hash::{FxHashMap, FxHashSet};

#[derive(Debug, Clone, PartialEq)]
pub struct StoryParams {
    /// Days an inactive story stays open.
    pub window_days: i32,
    /// How many times a headline term counts.
    pub title_weight: f32,
    /// Analyzed terms of the body that make the lead.
    pub lead_terms: usize,
    /// Smallest single-link similarity (to one article of the story).
    pub link: f32,
    /// Smallest similarity to the story's centroid.
    pub centroid: f32,
    /// Similarity lost per day between the article and the story's last one.
    pub day_penalty: f32,
    /// A term in more than this share of the window's articles is not used to find candidates.
    pub max_posting_share: f32,
}

impl Default for StoryParams {
    fn default() -> Self {
        StoryParams {
            window_days: 3,
            title_weight: 2.0,
            lead_terms: 50,
            link: 0.35,
            centroid: 0.30,
            day_penalty: 0.05,
            max_posting_share: 0.05,
        }
    }
}

/// Document frequencies of terms over every article seen so far: the IDF
/// that weighs a headline's distinctive words above its common ones.
#[derive(Debug, Default, Clone)]
pub struct Vocabulary {
    ids: FxHashMap<String, u32>,
    terms: Vec<String>,
    df: Vec<u32>,
    documents: u64,
}

impl Vocabulary {
    pub fn id(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = self.terms.len() as u32;
        self.ids.insert(term.to_owned(), id);
        self.terms.push(term.to_owned());
        self.df.push(0);
        id
    }

    pub fn term(&self, id: u32) -> &str {
        &self.terms[id as usize]
    }

    /// Restores a stored count.
    pub fn set(&mut self, term: &str, df: u32) {
        let id = self.id(term);
        self.df[id as usize] = df;
    }

    pub fn set_documents(&mut self, n: u64) {
        self.documents = n;
    }

    pub fn documents(&self) -> u64 {
        self.documents
    }

    pub fn add_document(&mut self, terms: impl IntoIterator<Item = u32>) {
        self.documents += 1;
        for t in terms {
            self.df[t as usize] += 1;
        }
    }

    pub fn idf(&self, id: u32) -> f32 {
        let df = self.df[id as usize] as f32;
        ((self.documents as f32 + 1.0) / (df + 1.0)).ln() + 1.0
    }
}

/// A unit-length sparse vector, sorted by term id.
pub type Vector = Vec<(u32, f32)>;

/// Term counts of an article's headline and lead, before weighting.
pub fn term_counts(vocab: &mut Vocabulary, params: &StoryParams, title: &str, body: &str) -> FxHashMap<u32, f32> {
    let mut tf: FxHashMap<u32, f32> = FxHashMap::default();
    for t in marsad_text::analyze(title) {
        if useful(&t) {
            *tf.entry(vocab.id(&t)).or_default() += params.title_weight;
        }
    }
    let mut n = 0;
    let stemmer = marsad_text::Stemmer::default();
    marsad_text::for_each_term(marsad_text::Chain::Marsad, &stemmer, body, |t, _, _| {
        if n < params.lead_terms && useful(t) {
            n += 1;
            *tf.entry(vocab.id(t)).or_default() += 1.0;
        }
    });
    tf
}

/// One-letter stems and punctuation-like numbers carry no event.
fn useful(t: &str) -> bool {
    t.chars().count() > 1
}

/// Weights counts by (1 + ln tf)·idf and scales to unit length.
pub fn weigh(vocab: &Vocabulary, tf: &FxHashMap<u32, f32>) -> Vector {
    let mut v: Vector = tf.iter().map(|(&t, &n)| (t, (1.0 + n.ln()) * vocab.idf(t))).collect();
    let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        for (_, w) in &mut v {
            *w /= norm;
        }
    }
    v.sort_unstable_by_key(|&(t, _)| t);
    v
}

struct Member {
    key: i64,
    story: i64,
    day: i32,
    vector: Vector,
}

struct StoryState {
    last_day: i32,
    /// Squared length of the sum of the members' vectors.
    norm2: f32,
    /// The sum of the members' vectors, so that adding an article costs its
    /// own length and not the story's size.
    sum: FxHashMap<u32, f32>,
    members: Vec<u32>,
}

/// The similarities of an article to one candidate story.
#[derive(Debug, Clone, Copy, Default)]
pub struct Signals {
    /// Highest cosine to one member.
    pub single: f32,
    /// Cosine to the sum of the members' vectors.
    pub centroid: f32,
}

/// Where an article went.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    pub story: i64,
    /// The similarity that decided (1 for the article that opens a story).
    pub score: f32,
}

pub struct StoryClusterer {
    params: StoryParams,
    members: FxHashMap<u32, Member>,
    next_member: u32,
    postings: FxHashMap<u32, Vec<(u32, f32)>>,
    dead_postings: usize,
    live_postings: usize,
    stories: FxHashMap<i64, StoryState>,
    scores: FxHashMap<u32, f32>,
}

impl StoryClusterer {
    pub fn new(params: StoryParams) -> Self {
        StoryClusterer {
            params,
            members: FxHashMap::default(),
            next_member: 0,
            postings: FxHashMap::default(),
            dead_postings: 0,
            live_postings: 0,
            stories: FxHashMap::default(),
            scores: FxHashMap::default(),
        }
    }

    pub fn params(&self) -> &StoryParams {
        &self.params
    }

    /// Articles in the window.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// Cosines of `v` to the window's articles that share a distinctive term.
    fn score_members(&mut self, v: &Vector) {
        self.scores.clear();
        let cap = ((self.members.len() as f32 * self.params.max_posting_share) as usize).max(50);
        for &(t, w) in v {
            let Some(list) = self.postings.get(&t) else { continue };
            if list.len() > cap {
                continue;
            }
            for &(m, mw) in list {
                if self.members.contains_key(&m) {
                    *self.scores.entry(m).or_default() += w * mw;
                }
            }
        }
    }

    /// The best story for `v` and its signals, without adding anything.
    fn best(&mut self, v: &Vector, day: i32) -> Option<(i64, Signals, f32)> {
        self.score_members(v);
        let mut per_story: FxHashMap<i64, (f32, f32)> = FxHashMap::default();
        for (&m, &s) in &self.scores {
            let story = self.members[&m].story;
            let e = per_story.entry(story).or_default();
            e.0 = e.0.max(s);
            e.1 += s;
        }
        let mut best: Option<(i64, Signals, f32)> = None;
        for (story, (single, dot_sum)) in per_story {
            let Some(st) = self.stories.get(&story) else { continue };
            let centroid = if st.norm2 > 0.0 { dot_sum / st.norm2.sqrt() } else { 0.0 };
            let days = (day - st.last_day).abs() as f32;
            let discount = self.params.day_penalty * days;
            let signals = Signals { single: single - discount, centroid: centroid - discount };
            let score = (signals.single / self.params.link).max(signals.centroid / self.params.centroid);
            if best.is_none_or(|(bs, _, b)| score > b || (score == b && story < bs)) {
                best = Some((story, signals, score));
            }
        }
        best
    }

    /// Places an article: in `forced` (its original's story) when given and
    /// still open, else in the best story above the thresholds, else in a new
    /// story keyed `key`.
    pub fn place(&mut self, key: i64, day: i32, v: Vector, forced: Option<i64>) -> Placement {
        let best = self.best(&v, day);
        let placement = match (forced.filter(|s| self.stories.contains_key(s)), best) {
            (Some(story), _) => Placement { story, score: 1.0 },
            (None, Some((story, s, score))) if score >= 1.0 => Placement { story, score: s.single.max(s.centroid) },
            _ => Placement { story: key, score: 1.0 },
        };
        self.add(key, placement.story, day, v);
        placement
    }

    /// Adds an article to a story without deciding (restoring stored state).
    pub fn add(&mut self, key: i64, story: i64, day: i32, v: Vector) {
        let id = self.next_member;
        self.next_member = self.next_member.wrapping_add(1);
        for &(t, w) in &v {
            self.postings.entry(t).or_default().push((id, w));
        }
        self.live_postings += v.len();
        let st = self.stories.entry(story).or_insert(StoryState {
            last_day: day,
            norm2: 0.0,
            sum: FxHashMap::default(),
            members: Vec::new(),
        });
        // |S + v|² = |S|² + 2 v·S + |v|², with |v| = 1.
        let mut dot = 0.0;
        for &(t, w) in &v {
            let acc = st.sum.entry(t).or_default();
            dot += w * *acc;
            *acc += w;
        }
        st.norm2 += 2.0 * dot + 1.0;
        st.last_day = st.last_day.max(day);
        st.members.push(id);
        self.members.insert(id, Member { key, story, day, vector: v });
    }

    /// The key of the story's most central article in the window (the
    /// highest summed cosine to the others; the earliest on a tie): the
    /// story's label. The sum of a member's cosines to all members is its
    /// dot product with the members' summed vector, so one pass builds that
    /// sum and a second scores each member: linear in the story's size, where
    /// comparing every pair took minutes for a story of thousands of copies.
    pub fn central(&self, story: i64) -> Option<i64> {
        let st = self.stories.get(&story)?;
        let members: Vec<&Member> = st.members.iter().filter_map(|m| self.members.get(m)).collect();
        // f64: a large story sums thousands of weights, and near-identical
        // copies must tie so that the earliest wins.
        let mut sum: FxHashMap<u32, f64> = FxHashMap::default();
        for m in &members {
            for &(t, w) in &m.vector {
                *sum.entry(t).or_default() += f64::from(w);
            }
        }
        let mut best: Option<(i64, f64)> = None;
        for a in &members {
            let s: f64 = a.vector.iter().map(|&(t, w)| f64::from(w) * sum.get(&t).copied().unwrap_or(0.0)).sum();
            let tie = 1e-6 * s.abs().max(1.0);
            if best.is_none_or(|(bk, bs)| s > bs + tie || ((s - bs).abs() <= tie && a.key < bk)) {
                best = Some((a.key, s));
            }
        }
        best.map(|(k, _)| k)
    }

    /// The earliest day among the articles held.
    pub fn oldest_day(&self) -> Option<i32> {
        self.members.values().map(|m| m.day).min()
    }

    /// Closes the stories and forgets the articles older than the window.
    pub fn expire(&mut self, today: i32) {
        let oldest = today - self.params.window_days;
        let stale: Vec<u32> = self.members.iter().filter(|(_, m)| m.day < oldest).map(|(&k, _)| k).collect();
        for k in stale {
            if let Some(m) = self.members.remove(&k) {
                self.dead_postings += m.vector.len();
                self.live_postings -= m.vector.len();
            }
        }
        self.stories.retain(|_, st| st.last_day >= oldest);
        // Compact the postings when most of them point at forgotten articles:
        // amortized, each posting is dropped once.
        if self.dead_postings > self.live_postings.max(1024) {
            let members = &self.members;
            self.postings.retain(|_, list| {
                list.retain(|(m, _)| members.contains_key(m));
                !list.is_empty()
            });
            for st in self.stories.values_mut() {
                st.members.retain(|m| members.contains_key(m));
            }
            self.dead_postings = 0;
        }
    }
}

pub fn dot(a: &Vector, b: &Vector) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

/// Distinct term ids of counts, for the document frequencies.
pub fn distinct(tf: &FxHashMap<u32, f32>) -> FxHashSet<u32> {
    tf.keys().copied().collect()
}
