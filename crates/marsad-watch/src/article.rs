//! An arriving article reduced to what the watches can ask of it: which of
//! the watches' terms it contains, and where.

use marsad_text::{for_each_term, Chain, Stemmer};
use rustc_hash::FxHashMap;

use crate::Incoming;

/// The analyzed terms of all watches, as dense ids.
#[derive(Debug, Default, Clone)]
pub(crate) struct Vocab {
    ids: FxHashMap<Box<str>, u32>,
    terms: Vec<Box<str>>,
}

impl Vocab {
    pub(crate) fn intern(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = u32::try_from(self.terms.len()).expect("fewer than 2^32 distinct watch terms");
        self.terms.push(term.into());
        self.ids.insert(term.into(), id);
        id
    }

    pub(crate) fn get(&self, term: &str) -> Option<u32> {
        self.ids.get(term).copied()
    }

    pub(crate) fn term(&self, id: u32) -> &str {
        &self.terms[id as usize]
    }

    pub(crate) fn len(&self) -> usize {
        self.terms.len()
    }
}

/// The positions of the watch terms an article contains. Positions run on
/// across the text fields with a gap between two fields (and two tags), as
/// tantivy indexes a document, so a phrase never spans a field boundary.
pub(crate) struct Analyzed<'a> {
    pub(crate) incoming: &'a Incoming<'a>,
    /// Distinct watch terms present, ascending.
    terms: Vec<u32>,
    /// `positions[starts[i]..starts[i + 1]]` are the positions of `terms[i]`, ascending.
    starts: Vec<u32>,
    positions: Vec<u32>,
}

impl<'a> Analyzed<'a> {
    pub(crate) fn new(incoming: &'a Incoming<'a>, vocab: &Vocab, stemmer: &Stemmer<'_>) -> Self {
        let mut hits: Vec<(u32, u32)> = Vec::new();
        let mut pos: u32 = 0;
        let mut field = |text: &str| {
            for_each_term(Chain::Marsad, stemmer, text, |t, _, _| {
                // A term no watch uses still takes its position: it breaks phrases.
                if let Some(id) = vocab.get(t) {
                    hits.push((id, pos));
                }
                pos += 1;
            });
            pos += 1;
        };
        field(incoming.title);
        field(incoming.body);
        for tag in incoming.tags {
            field(tag);
        }
        for text in [incoming.dateline, incoming.credit].into_iter().flatten() {
            field(text);
        }
        hits.sort_unstable();
        let mut terms = Vec::new();
        let mut starts = Vec::new();
        let mut positions = Vec::with_capacity(hits.len());
        for (i, &(term, p)) in hits.iter().enumerate() {
            if i == 0 || hits[i - 1].0 != term {
                terms.push(term);
                starts.push(positions.len() as u32);
            }
            positions.push(p);
        }
        starts.push(positions.len() as u32);
        Analyzed { incoming, terms, starts, positions }
    }

    /// The distinct watch terms of the article.
    pub(crate) fn terms(&self) -> &[u32] {
        &self.terms
    }

    pub(crate) fn has(&self, term: u32) -> bool {
        self.terms.binary_search(&term).is_ok()
    }

    fn positions(&self, term: u32) -> &[u32] {
        match self.terms.binary_search(&term) {
            Ok(i) => &self.positions[self.starts[i] as usize..self.starts[i + 1] as usize],
            Err(_) => &[],
        }
    }

    /// Whether `phrase` occurs at consecutive positions.
    pub(crate) fn has_phrase(&self, phrase: &[u32]) -> bool {
        let Some((&first, rest)) = phrase.split_first() else { return false };
        let lists: Vec<&[u32]> = rest.iter().map(|&t| self.positions(t)).collect();
        if lists.iter().any(|l| l.is_empty()) {
            return false;
        }
        self.positions(first)
            .iter()
            .any(|&p| lists.iter().enumerate().all(|(i, l)| l.binary_search(&(p + 1 + i as u32)).is_ok()))
    }
}
