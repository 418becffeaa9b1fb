//! Online story clustering within a window of days.
//!
//! Each article becomes a TF-IDF vector of its headline (weighted up) and
//! its lead, in marsad-text's analysis (matching form, no function words,
//! stems). It joins the story it is closest to on average (average link:
//! the mean similarity to the story's articles), or whose centroid it is
//! close to, or, when it nearly repeats one article of a story, that story
//! (single link at a high threshold); all discounted by the days between
//! it and the story's nearest article. Only articles published within the
//! window's days of it count. Otherwise it opens a story. A duplicate joins
//! its original's story whatever its vector says. Average link rather than
//! single link keeps a story from chaining: an article close to one member
//! only (the same kind of event somewhere else) no longer pulls in its own
//! neighbours.
//!
//! Scoring works through an inverted index per published day from term to
//! the held articles, so an article is compared only with articles of its
//! window's days sharing a term, and terms carried by a large share of them
//! (which say nothing about the event) are not followed. The window is what
//! keeps the work per article flat as the store grows; which days are held
//! is decided by arrival (`hold.rs`).
//!
//! Further signals, off by default (they did not help on the labelled day,
//! see docs/clustering.md) but kept for sweeps: headline-to-headline cosine,
//! adjacent term pairs, entity ids as terms, an entity-overlap boost and a
//! penalty for articles naming different places.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::hold::{DayBuckets, HoldParams};
use crate::shingle::shared;

#[derive(Debug, Clone, PartialEq)]
pub struct StoryParams {
    /// How many days apart (published) an article and the story articles
    /// it is compared with can be: a story stays open this many days after
    /// its last article.
    pub window_days: i32,
    /// How many times a headline term counts.
    pub title_weight: f32,
    /// Analyzed terms of the body that make the lead.
    pub lead_terms: usize,
    /// Smallest similarity to one article of the story (single link).
    pub link: f32,
    /// Smallest similarity to the story's centroid.
    pub centroid: f32,
    /// Similarity lost per day between the article and the story's last one.
    pub day_penalty: f32,
    /// A term in more than this share of the window's articles is not used to find candidates.
    pub max_posting_share: f32,
    /// Smallest average similarity to the story's members (average link);
    /// infinite turns it off.
    pub average: f32,
    /// Factor on the headline-to-headline cosine: an article's similarity to
    /// a member is the larger of the headline-and-lead cosine and this
    /// factor times the headline cosine (0 turns it off).
    pub title_sim: f32,
    /// How much a pair of adjacent terms counts against a single term (0: no pairs).
    pub bigrams: f32,
    /// How much an entity mention counts against a term (0: entities unused).
    /// Entities are terms of their own: a person or place named by any of
    /// its spellings, weighted by its IDF like any term.
    pub entities: f32,
    /// Body mentions before this character offset belong to the lead.
    pub entity_lead_chars: usize,
    /// Terms in more than this share of the articles seen are left out of the vectors (1: none).
    pub max_df: f32,
    /// Added to the similarity of two articles by the share of entities
    /// they have in common (over the smaller set, headline and lead): who
    /// and where, whatever words surround them.
    pub entity_boost: f32,
    /// The similarity is scaled by 1 − this when both articles name places
    /// and none of them in common: the same kind of event somewhere else.
    pub place_penalty: f32,
}

impl Default for StoryParams {
    fn default() -> Self {
        StoryParams {
            window_days: 3,
            title_weight: 2.0,
            lead_terms: 50,
            link: 0.50,
            centroid: 0.35,
            day_penalty: 0.05,
            max_posting_share: 0.05,
            average: 0.30,
            title_sim: 0.0,
            bigrams: 0.0,
            entities: 0.0,
            entity_lead_chars: 400,
            max_df: 1.0,
            entity_boost: 0.0,
            place_penalty: 0.0,
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
#[derive(Debug, Default, Clone)]
pub struct Counts {
    /// Headline (weighted up) and lead together.
    pub all: FxHashMap<u32, f32>,
    /// The headline alone.
    pub title: FxHashMap<u32, f32>,
    /// Entities of the headline and lead, and the places among them (sorted, distinct).
    pub entities: Vec<u32>,
    pub places: Vec<u32>,
}

/// Adds `terms` to `tf` with `weight`, and their adjacent pairs with
/// `weight · bigrams`: a pair such as a first and last name, or a place and
/// what happened there, is more specific than either word.
fn count_terms(vocab: &mut Vocabulary, terms: &[String], weight: f32, bigrams: f32, tf: &mut FxHashMap<u32, f32>) {
    for t in terms {
        *tf.entry(vocab.id(t)).or_default() += weight;
    }
    if bigrams > 0.0 {
        let mut pair = String::new();
        for w in terms.windows(2) {
            pair.clear();
            pair.push_str(&w[0]);
            pair.push(' ');
            pair.push_str(&w[1]);
            *tf.entry(vocab.id(&pair)).or_default() += weight * bigrams;
        }
    }
}

pub fn term_counts(vocab: &mut Vocabulary, params: &StoryParams, doc: &crate::Doc<'_>) -> Counts {
    let (title, body) = (doc.title, doc.body);
    let title_terms: Vec<String> = marsad_text::analyze(title).into_iter().filter(|t| useful(t)).collect();
    let mut lead: Vec<String> = Vec::with_capacity(params.lead_terms);
    let stemmer = marsad_text::Stemmer::default();
    marsad_text::for_each_term(marsad_text::Chain::Marsad, &stemmer, body, |t, _, _| {
        if lead.len() < params.lead_terms && useful(t) {
            lead.push(t.to_owned());
        }
    });
    let mut counts = Counts::default();
    count_terms(vocab, &title_terms, params.title_weight, params.bigrams, &mut counts.all);
    count_terms(vocab, &lead, 1.0, params.bigrams, &mut counts.all);
    if params.title_sim > 0.0 {
        count_terms(vocab, &title_terms, 1.0, params.bigrams, &mut counts.title);
    }
    let use_entities = params.entities > 0.0 || params.entity_boost > 0.0 || params.place_penalty > 0.0;
    if use_entities {
        // "@" keeps entity ids apart from words.
        let mut term = String::new();
        for m in doc.entities.iter().filter(|m| m.in_title || m.start < params.entity_lead_chars) {
            term.clear();
            term.push('@');
            term.push_str(&m.entity);
            let id = vocab.id(&term);
            counts.entities.push(id);
            if m.kind == "LOC" {
                counts.places.push(id);
            }
            if params.entities <= 0.0 {
                continue;
            }
            let weight = if m.in_title { params.title_weight } else { 1.0 };
            *counts.all.entry(id).or_default() += weight * params.entities;
            if m.in_title && params.title_sim > 0.0 {
                *counts.title.entry(id).or_default() += params.entities;
            }
        }
        for set in [&mut counts.entities, &mut counts.places] {
            set.sort_unstable();
            set.dedup();
        }
    }
    counts
}

/// One-letter stems and punctuation-like numbers carry no event.
fn useful(t: &str) -> bool {
    t.chars().count() > 1
}

/// Weights counts by (1 + ln tf)·idf and scales to unit length.
pub fn weigh(vocab: &Vocabulary, tf: &FxHashMap<u32, f32>, max_df: f32) -> Vector {
    // A term in more than `max_df` of the articles seen (once there are
    // enough of them to tell) is a word of the news in general, not of an
    // event: it is left out, so that it does not dilute the others.
    let cap = if vocab.documents >= 200 { (max_df * vocab.documents as f32) as u32 } else { u32::MAX };
    // Sublinear above one occurrence; a part-weighted term (a pair, an
    // entity in the body) keeps its fraction.
    let mut v: Vector = tf
        .iter()
        .filter(|(&t, _)| vocab.df[t as usize] <= cap)
        .map(|(&t, &n)| (t, if n > 1.0 { 1.0 + n.ln() } else { n } * vocab.idf(t)))
        .collect();
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
    title: Vector,
    entities: Vec<u32>,
    places: Vec<u32>,
}

/// An article's vectors: headline and lead, and the headline alone.
#[derive(Debug, Clone, Default)]
pub struct Vectors {
    pub all: Vector,
    pub title: Vector,
    pub entities: Vec<u32>,
    pub places: Vec<u32>,
}

struct StoryState {
    /// Squared length of the sum of the members' vectors.
    norm2: f32,
    /// The sum of the members' vectors, so that adding an article costs its
    /// own length and not the story's size.
    sum: FxHashMap<u32, f32>,
    members: Vec<u32>,
    /// Members still held (`members` keeps forgotten ones until it is
    /// compacted).
    live: usize,
    /// Held members per published day, by day: an arriving article counts
    /// only those within its window (a story's held articles can lie outside
    /// it when an archive arrives out of date order).
    days: Vec<(i32, u32)>,
}

impl StoryState {
    /// How many held members lie within `window` days of `day`, and the
    /// fewest days between `day` and one of them.
    fn within(&self, day: i32, window: i32) -> (usize, i32) {
        let mut n = 0;
        let mut nearest = i32::MAX;
        for &(d, count) in &self.days {
            let apart = (d - day).abs();
            if apart <= window {
                n += count as usize;
                nearest = nearest.min(apart);
            }
        }
        (n, nearest)
    }

    fn count_day(&mut self, day: i32, added: bool) {
        match self.days.binary_search_by_key(&day, |&(d, _)| d) {
            Ok(i) if added => self.days[i].1 += 1,
            Ok(i) => {
                self.days[i].1 -= 1;
                if self.days[i].1 == 0 {
                    self.days.remove(i);
                }
            }
            Err(i) if added => self.days.insert(i, (day, 1)),
            Err(_) => {}
        }
    }
}

/// The inverted index of one published day's held articles: an arriving
/// article reads only the days within its window.
#[derive(Default)]
struct DayIndex {
    postings: FxHashMap<u32, Vec<(u32, f32)>>,
    live: usize,
    /// Postings of articles forgotten while their day stays held (the cap).
    dead: usize,
}

/// The similarities of an article to one candidate story.
#[derive(Debug, Clone, Copy, Default)]
pub struct Signals {
    /// Highest cosine to one member.
    pub single: f32,
    /// Cosine to the sum of the members' vectors.
    pub centroid: f32,
    /// Average similarity to the members.
    pub average: f32,
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
    /// Member ids by published day, forgotten by arrival.
    held: DayBuckets<u32>,
    days: FxHashMap<i32, DayIndex>,
    stories: FxHashMap<i64, StoryState>,
    scores: FxHashMap<u32, f32>,
    /// Keys of the articles forgotten since the last `take_forgotten`.
    released: Vec<i64>,
}

impl StoryClusterer {
    pub fn new(params: StoryParams, hold: HoldParams) -> Self {
        StoryClusterer {
            held: DayBuckets::new(params.window_days, hold),
            params,
            members: FxHashMap::default(),
            next_member: 0,
            days: FxHashMap::default(),
            stories: FxHashMap::default(),
            scores: FxHashMap::default(),
            released: Vec::new(),
        }
    }

    pub fn params(&self) -> &StoryParams {
        &self.params
    }

    /// Articles held.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// Cosines of `v` to the held articles within the window of `day` that
    /// share a distinctive term.
    fn score_members(&mut self, v: &Vector, day: i32) {
        self.scores.clear();
        let cap = ((self.held.count_in_window(day) as f32 * self.params.max_posting_share) as usize).max(50);
        let indexes: Vec<&DayIndex> = self.held.window_days(day).filter_map(|d| self.days.get(&d)).collect();
        let mut lists: Vec<&Vec<(u32, f32)>> = Vec::with_capacity(indexes.len());
        for &(t, w) in v {
            lists.clear();
            lists.extend(indexes.iter().filter_map(|ix| ix.postings.get(&t)));
            if lists.iter().map(|l| l.len()).sum::<usize>() > cap {
                continue;
            }
            for list in &lists {
                for &(m, mw) in list.iter() {
                    if self.members.contains_key(&m) {
                        *self.scores.entry(m).or_default() += w * mw;
                    }
                }
            }
        }
    }

    /// The best story for `v` and its signals, without adding anything.
    fn best(&mut self, v: &Vectors, day: i32) -> Option<(i64, Signals, f32)> {
        self.score_members(&v.all, day);
        // Per story: highest similarity to one member, summed similarity
        // (average link) and summed headline-and-lead cosine (centroid).
        let mut per_story: FxHashMap<i64, (f32, f32, f32)> = FxHashMap::default();
        let (title_sim, entity_boost, place_penalty) =
            (self.params.title_sim, self.params.entity_boost, self.params.place_penalty);
        for (&m, &s) in &self.scores {
            let member = &self.members[&m];
            let mut sim = if title_sim > 0.0 { s.max(title_sim * dot(&v.title, &member.title)) } else { s };
            if entity_boost > 0.0 && !v.entities.is_empty() && !member.entities.is_empty() {
                let smaller = v.entities.len().min(member.entities.len());
                sim += entity_boost * shared(&v.entities, &member.entities) as f32 / smaller as f32;
            }
            if place_penalty > 0.0
                && !v.places.is_empty()
                && !member.places.is_empty()
                && shared(&v.places, &member.places) == 0
            {
                sim *= 1.0 - place_penalty;
            }
            let e = per_story.entry(member.story).or_default();
            e.0 = e.0.max(sim);
            e.1 += sim;
            e.2 += s;
        }
        let mut best: Option<(i64, Signals, f32)> = None;
        let p = &self.params;
        for (story, (single, sim_sum, dot_sum)) in per_story {
            let Some(st) = self.stories.get(&story) else { continue };
            let (held, days) = st.within(day, p.window_days);
            let centroid = if st.norm2 > 0.0 { dot_sum / st.norm2.sqrt() } else { 0.0 };
            let average = if p.average.is_finite() { sim_sum / held.max(1) as f32 } else { 0.0 };
            let discount = p.day_penalty * days as f32;
            let signals =
                Signals { single: single - discount, centroid: centroid - discount, average: average - discount };
            let score = (signals.single / p.link).max(signals.centroid / p.centroid).max(signals.average / p.average);
            if best.is_none_or(|(bs, _, b)| score > b || (score == b && story < bs)) {
                best = Some((story, signals, score));
            }
        }
        best
    }

    /// An article of `day` arrives: the days it is compared with stay held,
    /// and days no recent arrival used are forgotten (a story whose articles
    /// are all forgotten is closed).
    pub fn arrive(&mut self, day: i32) {
        let gone = self.held.arrive(day);
        self.remove(gone);
    }

    /// Places an article: in `forced` (its original's story) when given and
    /// still open (an article of it held within the window), else in the
    /// best story above the thresholds, else in a new story keyed `key`.
    pub fn place(&mut self, key: i64, day: i32, v: Vectors, forced: Option<i64>) -> Placement {
        let best = self.best(&v, day);
        let window = self.params.window_days;
        let open = forced.filter(|s| self.stories.get(s).is_some_and(|st| st.within(day, window).0 > 0));
        let placement = match (open, best) {
            (Some(story), _) => Placement { story, score: 1.0 },
            (None, Some((story, s, score))) if score >= 1.0 => {
                Placement { story, score: s.single.max(s.centroid).max(s.average) }
            }
            _ => Placement { story: key, score: 1.0 },
        };
        self.add(key, placement.story, day, v);
        placement
    }

    /// Adds an article to a story without deciding (restoring stored state).
    pub fn add(&mut self, key: i64, story: i64, day: i32, v: Vectors) {
        let id = self.next_member;
        self.next_member = self.next_member.wrapping_add(1);
        let index = self.days.entry(day).or_default();
        for &(t, w) in &v.all {
            index.postings.entry(t).or_default().push((id, w));
        }
        index.live += v.all.len();
        let st = self.stories.entry(story).or_insert(StoryState {
            norm2: 0.0,
            sum: FxHashMap::default(),
            members: Vec::new(),
            live: 0,
            days: Vec::new(),
        });
        // |S + v|² = |S|² + 2 v·S + |v|², with |v| = 1.
        let mut dot = 0.0;
        for &(t, w) in &v.all {
            let acc = st.sum.entry(t).or_default();
            dot += w * *acc;
            *acc += w;
        }
        st.norm2 += 2.0 * dot + 1.0;
        st.members.push(id);
        st.live += 1;
        st.count_day(day, true);
        self.members.insert(
            id,
            Member { key, story, day, vector: v.all, title: v.title, entities: v.entities, places: v.places },
        );
        let gone = self.held.insert(day, id);
        self.remove(gone);
    }

    /// Keys of every article forgotten since the last call.
    pub fn take_forgotten(&mut self) -> Vec<i64> {
        std::mem::take(&mut self.released)
    }

    fn remove(&mut self, ids: Vec<u32>) {
        for id in ids {
            let Some(m) = self.members.remove(&id) else { continue };
            if self.held.count(m.day) == 0 {
                self.days.remove(&m.day);
            } else if let Some(index) = self.days.get_mut(&m.day) {
                index.live -= m.vector.len();
                index.dead += m.vector.len();
                // Amortized: each posting is dropped once.
                if index.dead > index.live.max(1024) {
                    let members = &self.members;
                    index.postings.retain(|_, list| {
                        list.retain(|(m, _)| members.contains_key(m));
                        !list.is_empty()
                    });
                    index.dead = 0;
                }
            }
            if let Some(st) = self.stories.get_mut(&m.story) {
                st.live -= 1;
                st.count_day(m.day, false);
                if st.live == 0 {
                    self.stories.remove(&m.story);
                } else if st.members.len() > 2 * st.live + 16 {
                    let members = &self.members;
                    st.members.retain(|m| members.contains_key(m));
                }
            }
            self.released.push(m.key);
        }
    }

    /// The key of the story's most central held article (the highest summed
    /// cosine to the others; the earliest on a tie): the story's label. The
    /// sum of a member's cosines to all members is its dot product with the
    /// members' summed vector, so one pass builds that sum and a second
    /// scores each member: linear in the story's size, where comparing every
    /// pair took minutes for a story of thousands of copies.
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

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(v: &[(u32, f32)]) -> Vectors {
        let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        Vectors { all: v.iter().map(|&(t, w)| (t, w / norm)).collect(), ..Default::default() }
    }

    /// A is close to B, B to C, C not to A: single link chains C into A's
    /// story; average link keeps it apart.
    #[test]
    fn average_link_does_not_chain() {
        let a = unit(&[(1, 1.0), (2, 1.0)]);
        let b = unit(&[(2, 1.0), (3, 1.0)]);
        let c = unit(&[(3, 1.0), (4, 1.0)]);
        let single = StoryParams { link: 0.45, centroid: f32::INFINITY, average: f32::INFINITY, ..Default::default() };
        let mut s = StoryClusterer::new(single, HoldParams::default());
        assert_eq!(s.place(1, 0, a.clone(), None).story, 1);
        assert_eq!(s.place(2, 0, b.clone(), None).story, 1);
        assert_eq!(s.place(3, 0, c.clone(), None).story, 1);

        let average = StoryParams { link: f32::INFINITY, centroid: f32::INFINITY, average: 0.45, ..Default::default() };
        let mut s = StoryClusterer::new(average, HoldParams::default());
        assert_eq!(s.place(1, 0, a, None).story, 1);
        assert_eq!(s.place(2, 0, b, None).story, 1);
        assert_eq!(s.place(3, 0, c, None).story, 3);
    }

    /// The days between an article and a story's last one count against it.
    #[test]
    fn days_apart_discount_the_similarity() {
        let a = unit(&[(1, 1.0), (2, 1.0)]);
        let b = unit(&[(1, 1.0), (2, 1.0), (3, 0.5)]);
        let mut s = StoryClusterer::new(StoryParams::default(), HoldParams::default());
        assert_eq!(s.place(1, 0, a.clone(), None).story, 1);
        assert_eq!(s.place(2, 0, b.clone(), None).story, 1);
        let mut s = StoryClusterer::new(StoryParams { day_penalty: 0.5, ..Default::default() }, HoldParams::default());
        assert_eq!(s.place(1, 0, a, None).story, 1);
        assert_eq!(s.place(2, 2, b, None).story, 2);
    }
}
