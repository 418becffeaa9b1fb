//! Duplicates and stories together: what happens to one arriving article.

use marsad_store::clusters::EntityMention;
use rustc_hash::FxHashMap;

use crate::dedup::{DedupParams, Deduper, Duplicate, Fingerprint};
use crate::hold::HoldParams;
use crate::story::{distinct, term_counts, weigh, Counts, Placement, StoryClusterer, StoryParams, Vectors, Vocabulary};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Params {
    pub dedup: DedupParams,
    pub story: StoryParams,
    /// Which days the windows hold, by arrival.
    pub hold: HoldParams,
}

impl Params {
    /// Applies `name=value` overrides (for parameter sweeps in the
    /// evaluations), e.g. `containment=0.5,link=0.4`.
    pub fn apply(&mut self, overrides: &str) -> Result<(), String> {
        for pair in overrides.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, value) = pair.split_once('=').ok_or_else(|| format!("{pair:?}: expected name=value"))?;
            let d = &mut self.dedup;
            let s = &mut self.story;
            let h = &mut self.hold;
            match name {
                "shingle" => d.shingle = num(name, value)?,
                "num_perm" => d.num_perm = num(name, value)?,
                "bands" => d.bands = num(name, value)?,
                "lead_words" => d.lead_words = num(name, value)?,
                "containment" => d.containment = num(name, value)?,
                "min_shingles" => d.min_shingles = num(name, value)?,
                "dup_window_days" => d.window_days = num(name, value)?,
                "story_window_days" => s.window_days = num(name, value)?,
                "title_weight" => s.title_weight = num(name, value)?,
                "lead_terms" => s.lead_terms = num(name, value)?,
                "link" => s.link = num(name, value)?,
                "centroid" => s.centroid = num(name, value)?,
                "day_penalty" => s.day_penalty = num(name, value)?,
                "average" => s.average = num(name, value)?,
                "title_sim" => s.title_sim = num(name, value)?,
                "entities" => s.entities = num(name, value)?,
                "entity_lead_chars" => s.entity_lead_chars = num(name, value)?,
                "entity_boost" => s.entity_boost = num(name, value)?,
                "place_penalty" => s.place_penalty = num(name, value)?,
                "max_df" => s.max_df = num(name, value)?,
                "bigrams" => s.bigrams = num(name, value)?,
                "hold_arrivals" => h.hold_arrivals = num(name, value)?,
                "max_held" => h.max_held = num(name, value)?,
                "max_posting_share" => s.max_posting_share = num(name, value)?,
                _ => return Err(format!("unknown parameter {name:?}")),
            }
        }
        Ok(())
    }
}

/// A parameter override's value.
fn num<T: std::str::FromStr>(name: &str, value: &str) -> Result<T, String> {
    value.parse().map_err(|_| format!("{name}: {value:?} is not a number"))
}

/// An article as clustering sees it. `key` orders articles (the store
/// rowid: crawl order); `day` is days since the common era.
#[derive(Debug, Clone, Copy)]
pub struct Doc<'a> {
    pub key: i64,
    pub day: i32,
    pub title: &'a str,
    pub body: &'a str,
    /// Its entity mentions (empty when entity recognition has not run).
    pub entities: &'a [EntityMention],
}

/// What the engine decided for one article.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Assignment {
    pub key: i64,
    pub duplicate: Option<Duplicate>,
    pub story: Placement,
}

/// The online state: the held articles' fingerprints and story vectors,
/// and the document frequencies of every article seen.
pub struct Clusterer {
    dedup: Deduper,
    stories: StoryClusterer,
    vocab: Vocabulary,
    /// Original key → its story and day, for the held originals.
    story_of: FxHashMap<i64, (i64, i32)>,
    /// How many held things name a key: its own fingerprint and story
    /// vector, and the fingerprints of its held copies (which name it as
    /// their original). A caller keeps what these keys stand for.
    refs: FxHashMap<i64, u32>,
}

impl Clusterer {
    pub fn new(params: Params) -> Self {
        Self::with_vocabulary(params, Vocabulary::default())
    }

    pub fn with_vocabulary(params: Params, vocab: Vocabulary) -> Self {
        Clusterer {
            dedup: Deduper::new(params.dedup, params.hold.clone()),
            stories: StoryClusterer::new(params.story, params.hold),
            vocab,
            story_of: FxHashMap::default(),
            refs: FxHashMap::default(),
        }
    }

    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocab
    }

    /// Articles held in the duplicate and story windows.
    pub fn window_sizes(&self) -> (usize, usize) {
        (self.dedup.len(), self.stories.len())
    }

    /// An article of `day` arrives (or, after a restart, is replayed): the
    /// days within its windows stay held, days that no recent arrival used
    /// are forgotten.
    pub fn arrive(&mut self, day: i32) {
        self.dedup.arrive(day);
        self.stories.arrive(day);
        self.settle();
    }

    /// Whether the state still holds or names the article `key` (as the
    /// original of a held copy, or as a possible story label), so that a
    /// caller keeps what it needs to report it.
    pub fn refers_to(&self, key: i64) -> bool {
        self.refs.contains_key(&key)
    }

    fn refer(&mut self, key: i64) {
        *self.refs.entry(key).or_default() += 1;
    }

    /// Drops the references of what the windows forgot.
    fn settle(&mut self) {
        let release = |refs: &mut FxHashMap<i64, u32>, key: i64| {
            if let Some(n) = refs.get_mut(&key) {
                *n -= 1;
                if *n == 0 {
                    refs.remove(&key);
                }
            }
        };
        for (key, original) in self.dedup.take_forgotten() {
            self.story_of.remove(&key);
            release(&mut self.refs, key);
            if original != key {
                release(&mut self.refs, original);
            }
        }
        for key in self.stories.take_forgotten() {
            release(&mut self.refs, key);
        }
    }

    fn hold_fingerprint(&mut self, key: i64, day: i32, original: i64, fp: Fingerprint) {
        self.refer(key);
        if original != key {
            self.refer(original);
        }
        self.dedup.insert(key, day, original, fp);
    }

    /// Decides an arriving article and adds it to the state; its terms count
    /// in the document frequencies (returned ids, for persisting them).
    pub fn add(&mut self, doc: Doc<'_>) -> (Assignment, Vec<u32>) {
        self.arrive(doc.day);
        let fp = self.dedup.fingerprint(doc.body);
        let duplicate = self.dedup.find(&fp, doc.day);
        let original = duplicate.map_or(doc.key, |d| d.original);
        self.hold_fingerprint(doc.key, doc.day, original, fp);

        let counts = term_counts(&mut self.vocab, self.stories.params(), &doc);
        let terms: Vec<u32> = distinct(&counts.all).into_iter().collect();
        self.vocab.add_document(terms.iter().copied());
        let v = self.vectors(counts);
        // A copy joins its original's story when the original, too, lies
        // within the duplicate window (it may have matched a later copy).
        let window = self.dedup.params().window_days;
        let forced = duplicate.and_then(|d| {
            self.story_of.get(&d.original).filter(|(_, day)| (day - doc.day).abs() <= window).map(|&(s, _)| s)
        });
        self.refer(doc.key);
        let story = self.stories.place(doc.key, doc.day, v, forced);
        if duplicate.is_none() {
            self.story_of.insert(doc.key, (story.story, doc.day));
        }
        self.settle();
        (Assignment { key: doc.key, duplicate, story }, terms)
    }

    /// An article's vectors from its term counts, with the current IDF.
    fn vectors(&self, counts: Counts) -> Vectors {
        let max_df = self.stories.params().max_df;
        Vectors {
            all: weigh(&self.vocab, &counts.all, max_df),
            title: weigh(&self.vocab, &counts.title, max_df),
            entities: counts.entities,
            places: counts.places,
        }
    }

    /// Puts an already decided article back into the state (after a
    /// restart): nothing is decided, it is no arrival (replay those with
    /// [`Clusterer::arrive`]), and the frequencies are not counted again.
    pub fn restore(&mut self, doc: Doc<'_>, original: Option<i64>, story: i64) {
        let fp = self.dedup.fingerprint(doc.body);
        if original.is_none() {
            self.story_of.insert(doc.key, (story, doc.day));
        }
        self.hold_fingerprint(doc.key, doc.day, original.unwrap_or(doc.key), fp);
        let counts = term_counts(&mut self.vocab, self.stories.params(), &doc);
        let v = self.vectors(counts);
        self.refer(doc.key);
        self.stories.add(doc.key, story, doc.day, v);
        self.settle();
    }

    /// The key of the story's most central held article.
    pub fn label(&self, story: i64) -> Option<i64> {
        self.stories.central(story)
    }

    /// A fingerprint of `body` with this engine's parameters.
    pub fn fingerprint(&self, body: &str) -> Fingerprint {
        self.dedup.fingerprint(body)
    }
}
