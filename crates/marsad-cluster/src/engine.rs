//! Duplicates and stories together: what happens to one arriving article.

use rustc_hash::FxHashMap;

use crate::dedup::{DedupParams, Deduper, Duplicate, Fingerprint};
use crate::story::{distinct, term_counts, weigh, Placement, StoryClusterer, StoryParams, Vocabulary};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Params {
    pub dedup: DedupParams,
    pub story: StoryParams,
}

impl Params {
    /// Applies `name=value` overrides (for parameter sweeps in the
    /// evaluations), e.g. `containment=0.5,link=0.4`.
    pub fn apply(&mut self, overrides: &str) -> Result<(), String> {
        for pair in overrides.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, value) = pair.split_once('=').ok_or_else(|| format!("{pair:?}: expected name=value"))?;
            let bad = |_| format!("{name}: {value:?} is not a number");
            let d = &mut self.dedup;
            let s = &mut self.story;
            match name {
                "shingle" => d.shingle = value.parse().map_err(bad)?,
                "num_perm" => d.num_perm = value.parse().map_err(bad)?,
                "bands" => d.bands = value.parse().map_err(bad)?,
                "lead_words" => d.lead_words = value.parse().map_err(bad)?,
                "containment" => d.containment = value.parse().map_err(|_| format!("{name}: {value:?}"))?,
                "min_shingles" => d.min_shingles = value.parse().map_err(bad)?,
                "dup_window_days" => d.window_days = value.parse().map_err(bad)?,
                "story_window_days" => s.window_days = value.parse().map_err(bad)?,
                "title_weight" => s.title_weight = value.parse().map_err(|_| format!("{name}: {value:?}"))?,
                "lead_terms" => s.lead_terms = value.parse().map_err(bad)?,
                "link" => s.link = value.parse().map_err(|_| format!("{name}: {value:?}"))?,
                "centroid" => s.centroid = value.parse().map_err(|_| format!("{name}: {value:?}"))?,
                "day_penalty" => s.day_penalty = value.parse().map_err(|_| format!("{name}: {value:?}"))?,
                "max_posting_share" => s.max_posting_share = value.parse().map_err(|_| format!("{name}: {value:?}"))?,
                _ => return Err(format!("unknown parameter {name:?}")),
            }
        }
        Ok(())
    }
}

/// An article as clustering sees it. `key` orders articles (the store
/// rowid: crawl order); `day` is days since the common era.
#[derive(Debug, Clone, Copy)]
pub struct Doc<'a> {
    pub key: i64,
    pub day: i32,
    pub title: &'a str,
    pub body: &'a str,
}

/// What the engine decided for one article.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Assignment {
    pub key: i64,
    pub duplicate: Option<Duplicate>,
    pub story: Placement,
}

/// The online state: the window's fingerprints and story vectors, and the
/// document frequencies of every article seen.
pub struct Clusterer {
    dedup: Deduper,
    stories: StoryClusterer,
    vocab: Vocabulary,
    /// Original key → its story, for the window's originals.
    story_of: FxHashMap<i64, (i64, i32)>,
    today: i32,
}

impl Clusterer {
    pub fn new(params: Params) -> Self {
        Self::with_vocabulary(params, Vocabulary::default())
    }

    pub fn with_vocabulary(params: Params, vocab: Vocabulary) -> Self {
        Clusterer {
            dedup: Deduper::new(params.dedup),
            stories: StoryClusterer::new(params.story),
            vocab,
            story_of: FxHashMap::default(),
            today: i32::MIN,
        }
    }

    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocab
    }

    /// Articles held in the duplicate and story windows.
    pub fn window_sizes(&self) -> (usize, usize) {
        (self.dedup.len(), self.stories.len())
    }

    fn advance(&mut self, day: i32) {
        if day > self.today {
            self.today = day;
            self.dedup.expire(day);
            self.stories.expire(day);
            let oldest = day - self.dedup.params().window_days.max(self.stories.params().window_days);
            self.story_of.retain(|_, (_, d)| *d >= oldest);
        }
    }

    /// The earliest day of any article the state still holds, so callers
    /// keep whatever it may still name (as an original or a label).
    pub fn oldest_day_held(&self) -> Option<i32> {
        self.dedup.oldest_day().into_iter().chain(self.stories.oldest_day()).min()
    }

    /// Decides an arriving article and adds it to the state; its terms count
    /// in the document frequencies (returned ids, for persisting them).
    pub fn add(&mut self, doc: Doc<'_>) -> (Assignment, Vec<u32>) {
        self.advance(doc.day);
        let fp = self.dedup.fingerprint(doc.body);
        let duplicate = self.dedup.find(&fp);
        let original = duplicate.map_or(doc.key, |d| d.original);
        self.dedup.insert(doc.key, doc.day, original, fp);

        let tf = term_counts(&mut self.vocab, self.stories.params(), doc.title, doc.body);
        let terms: Vec<u32> = distinct(&tf).into_iter().collect();
        self.vocab.add_document(terms.iter().copied());
        let v = weigh(&self.vocab, &tf);
        let forced = duplicate.and_then(|d| self.story_of.get(&d.original).map(|&(s, _)| s));
        let story = self.stories.place(doc.key, doc.day, v, forced);
        if duplicate.is_none() {
            self.story_of.insert(doc.key, (story.story, doc.day));
        }
        (Assignment { key: doc.key, duplicate, story }, terms)
    }

    /// Puts an already decided article back into the state (after a
    /// restart): nothing is decided and the frequencies are not counted again.
    pub fn restore(&mut self, doc: Doc<'_>, original: Option<i64>, story: i64) {
        self.advance(doc.day);
        let fp = self.dedup.fingerprint(doc.body);
        self.dedup.insert(doc.key, doc.day, original.unwrap_or(doc.key), fp);
        let tf = term_counts(&mut self.vocab, self.stories.params(), doc.title, doc.body);
        let v = weigh(&self.vocab, &tf);
        self.stories.add(doc.key, story, doc.day, v);
        if original.is_none() {
            self.story_of.insert(doc.key, (story, doc.day));
        }
    }

    /// The key of the story's most central article in the window.
    pub fn label(&self, story: i64) -> Option<i64> {
        self.stories.central(story)
    }

    /// A fingerprint of `body` with this engine's parameters.
    pub fn fingerprint(&self, body: &str) -> Fingerprint {
        self.dedup.fingerprint(body)
    }
}
