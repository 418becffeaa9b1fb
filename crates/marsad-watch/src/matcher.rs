//! The percolator ([`Matcher`]), its reference ([`NaiveMatcher`]) and the
//! frequencies that choose its keys ([`TermStats`]).

use marsad_text::{for_each_term, Chain, Stemmer};
use rustc_hash::FxHashMap;
use tantivy::query_grammar::Occur;

use crate::article::{Analyzed, Vocab};
use crate::query::{self, Node, Parsed};
use crate::{Incoming, WatchError, WatchId, WatchRule};

/// The most conjunctions one watch is expanded into. Beyond it, of the two
/// sides of an AND the one expected to bring fewer candidates is kept alone,
/// which is still a necessary condition, only a looser one.
pub const MAX_CONJUNCTIONS: usize = 32;

/// A query over interned terms, evaluated as tantivy's boolean query would.
#[derive(Debug, Clone)]
enum Expr {
    Term(u32),
    Phrase(Vec<u32>),
    Clause { must: Vec<Expr>, should: Vec<Expr>, not: Vec<Expr> },
}

impl Expr {
    fn from_node(node: Node, vocab: &mut Vocab) -> Expr {
        match node {
            Node::Term(t) => Expr::Term(vocab.intern(&t)),
            Node::Phrase(ts) => Expr::Phrase(ts.iter().map(|t| vocab.intern(t)).collect()),
            Node::Clause(children) => {
                let (mut must, mut should, mut not) = (Vec::new(), Vec::new(), Vec::new());
                for (occur, child) in children {
                    let e = Expr::from_node(child, vocab);
                    match occur {
                        Occur::Must => must.push(e),
                        Occur::Should => should.push(e),
                        Occur::MustNot => not.push(e),
                    }
                }
                Expr::Clause { must, should, not }
            }
        }
    }

    fn eval(&self, a: &Analyzed<'_>) -> bool {
        match self {
            Expr::Term(t) => a.has(*t),
            Expr::Phrase(ts) => a.has_phrase(ts),
            Expr::Clause { must, should, not } => {
                if must.is_empty() && should.is_empty() {
                    // tantivy: exclusions alone match nothing.
                    return false;
                }
                must.iter().all(|e| e.eval(a))
                    && !not.iter().any(|e| e.eval(a))
                    && (!must.is_empty() || should.iter().any(|e| e.eval(a)))
            }
        }
    }

    /// Conjunctions of required terms, at least one of which is wholly in
    /// any article the expression matches. Empty: it never matches.
    fn required(&self, df: &dyn Fn(&Atom) -> u64) -> Vec<Vec<Atom>> {
        match self {
            Expr::Term(t) => vec![vec![Atom::Term(*t)]],
            Expr::Phrase(ts) => {
                let mut c: Vec<Atom> = ts.iter().map(|&t| Atom::Term(t)).collect();
                c.sort_unstable();
                c.dedup();
                vec![c]
            }
            Expr::Clause { must, should, .. } if !must.is_empty() => {
                let mut acc: Vec<Vec<Atom>> = vec![Vec::new()];
                for e in must {
                    acc = and(acc, e.required(df), df);
                }
                acc
            }
            Expr::Clause { should, .. } => should.iter().flat_map(|e| e.required(df)).collect(),
        }
    }
}

/// The conjunctions of `a AND b`, capped at [`MAX_CONJUNCTIONS`].
fn and(a: Vec<Vec<Atom>>, b: Vec<Vec<Atom>>, df: &dyn Fn(&Atom) -> u64) -> Vec<Vec<Atom>> {
    if a.len() * b.len() > MAX_CONJUNCTIONS {
        // Expected candidates per article ∝ the sum of the keys' frequencies.
        let cost = |d: &[Vec<Atom>]| d.iter().map(|c| c.iter().map(df).min().unwrap_or(u64::MAX)).sum::<u64>();
        return if cost(&a) <= cost(&b) { a } else { b };
    }
    let mut out = Vec::with_capacity(a.len() * b.len());
    for x in &a {
        for y in &b {
            let mut c = x.clone();
            c.extend(y.iter().cloned());
            c.sort_unstable();
            c.dedup();
            out.push(c);
        }
    }
    out
}

/// Something an article must contain for a conjunction to hold.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Atom {
    Term(u32),
    Entity(Box<str>),
    Source(Box<str>),
    Tag(Box<str>),
    Story(i64),
}

impl Vocab {
    fn term_len(&self, atom: &Atom) -> usize {
        match atom {
            Atom::Term(t) => self.term(*t).chars().count(),
            _ => 0,
        }
    }
}

impl Atom {
    fn in_article(&self, a: &Analyzed<'_>) -> bool {
        let inc = a.incoming;
        match self {
            Atom::Term(t) => a.has(*t),
            Atom::Entity(e) => inc.entities.iter().any(|x| **x == **e),
            Atom::Source(s) => inc.source == Some(&**s),
            Atom::Tag(t) => inc.tags.iter().any(|x| **x == **t),
            Atom::Story(s) => inc.story == Some(*s),
        }
    }
}

#[derive(Debug, Clone)]
enum Text {
    Any,
    Nothing,
    Expr(Expr),
}

/// A watch ready to be evaluated on an analyzed article.
#[derive(Debug, Clone)]
enum Compiled {
    Search { text: Text, query_entities: Vec<Box<str>>, filters: Vec<Atom> },
    Entity(Box<str>),
    Story(i64),
}

impl Compiled {
    fn new(rule: &WatchRule, vocab: &mut Vocab, stemmer: &Stemmer<'_>) -> Result<Compiled, WatchError> {
        Ok(match rule {
            WatchRule::Entity(e) => Compiled::Entity(e.as_str().into()),
            WatchRule::Story(s) => Compiled::Story(*s),
            WatchRule::Search(s) => {
                let text = match query::parse(&s.query, stemmer)? {
                    Parsed::Any => Text::Any,
                    Parsed::Nothing => Text::Nothing,
                    Parsed::Node(n) => Text::Expr(Expr::from_node(n, vocab)),
                };
                let mut filters = Vec::new();
                filters.extend(s.source.as_deref().map(|v| Atom::Source(v.into())));
                filters.extend(s.tag.as_deref().map(|v| Atom::Tag(v.into())));
                filters.extend(s.entity.as_deref().map(|v| Atom::Entity(v.into())));
                let query_entities = s.query_entities.iter().map(|e| e.as_str().into()).collect();
                Compiled::Search { text, query_entities, filters }
            }
        })
    }

    fn verify(&self, a: &Analyzed<'_>) -> bool {
        match self {
            Compiled::Entity(e) => Atom::Entity(e.clone()).in_article(a),
            Compiled::Story(s) => a.incoming.story == Some(*s),
            Compiled::Search { text, query_entities, filters } => {
                filters.iter().all(|f| f.in_article(a))
                    && match text {
                        Text::Any => true,
                        Text::Nothing => false,
                        Text::Expr(e) => {
                            e.eval(a) || query_entities.iter().any(|q| a.incoming.entities.iter().any(|x| **x == **q))
                        }
                    }
            }
        }
    }

    /// Conjunctions of required atoms; empty when the watch matches nothing,
    /// one empty conjunction when it requires nothing.
    fn required(&self, df: &dyn Fn(&Atom) -> u64) -> Vec<Vec<Atom>> {
        match self {
            Compiled::Entity(e) => vec![vec![Atom::Entity(e.clone())]],
            Compiled::Story(s) => vec![vec![Atom::Story(*s)]],
            Compiled::Search { text, query_entities, filters } => {
                let mut dnf = match text {
                    Text::Any => vec![Vec::new()],
                    Text::Nothing => return Vec::new(),
                    Text::Expr(e) => {
                        let mut d = e.required(df);
                        d.extend(query_entities.iter().map(|q| vec![Atom::Entity(q.clone())]));
                        d
                    }
                };
                for c in &mut dnf {
                    c.extend(filters.iter().cloned());
                }
                dnf
            }
        }
    }
}

/// Document frequencies from a sample of articles, in analyzed form, to tell
/// rare terms (good keys) from common ones.
#[derive(Debug, Default, Clone)]
pub struct TermStats {
    docs: u64,
    terms: FxHashMap<String, u32>,
    entities: FxHashMap<String, u32>,
    sources: FxHashMap<String, u32>,
    tags: FxHashMap<String, u32>,
}

impl TermStats {
    pub fn new() -> Self {
        TermStats::default()
    }

    /// Counts one sample article: each distinct analyzed term, entity,
    /// source and tag once.
    pub fn add(&mut self, article: &Incoming<'_>) {
        let stemmer = Stemmer::default();
        let mut seen: Vec<String> = Vec::new();
        let texts = [article.title, article.body].into_iter().chain(article.tags.iter().map(String::as_str));
        for text in texts.chain([article.dateline, article.credit].into_iter().flatten()) {
            for_each_term(Chain::Marsad, &stemmer, text, |t, _, _| seen.push(t.to_owned()));
        }
        seen.sort_unstable();
        seen.dedup();
        for t in seen {
            *self.terms.entry(t).or_default() += 1;
        }
        let mut entities: Vec<&String> = article.entities.iter().collect();
        entities.sort_unstable();
        entities.dedup();
        for e in entities {
            *self.entities.entry(e.clone()).or_default() += 1;
        }
        if let Some(s) = article.source {
            *self.sources.entry(s.to_owned()).or_default() += 1;
        }
        let mut tags: Vec<&String> = article.tags.iter().collect();
        tags.sort_unstable();
        tags.dedup();
        for t in tags {
            *self.tags.entry(t.clone()).or_default() += 1;
        }
        self.docs += 1;
    }

    /// Sample articles counted.
    pub fn docs(&self) -> u64 {
        self.docs
    }

    /// Sample articles that contain the analyzed term `term`.
    pub fn doc_freq(&self, term: &str) -> u64 {
        self.terms.get(term).copied().unwrap_or(0).into()
    }

    fn atom_freq(&self, atom: &Atom, vocab: &Vocab) -> u64 {
        let n = match atom {
            Atom::Term(t) => self.terms.get(vocab.term(*t)),
            Atom::Entity(e) => self.entities.get(&**e),
            Atom::Source(s) => self.sources.get(&**s),
            Atom::Tag(t) => self.tags.get(&**t),
            Atom::Story(_) => None,
        };
        // Never seen: as rare as can be.
        n.copied().unwrap_or(0).into()
    }
}

/// Where a conjunction is filed: the watch's slot and the conjunction's index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Posting {
    slot: u32,
    conj: u32,
}

#[derive(Debug)]
struct Slot {
    id: WatchId,
    watch: Compiled,
    conjunctions: Vec<Vec<Atom>>,
    /// The atom each conjunction is filed under (parallel to `conjunctions`).
    keys: Vec<Atom>,
    always: bool,
}

/// The percolator: watches indexed by the rarest atom of each of their
/// required conjunctions (see the crate docs).
#[derive(Debug)]
pub struct Matcher {
    stats: TermStats,
    stemmer: Stemmer<'static>,
    vocab: Vocab,
    slots: Vec<Option<Slot>>,
    free: Vec<u32>,
    by_id: FxHashMap<WatchId, u32>,
    /// Indexed by term id.
    by_term: Vec<Vec<Posting>>,
    by_other: FxHashMap<Atom, Vec<Posting>>,
    /// Watches that require nothing: checked for every article.
    always: Vec<u32>,
}

impl Matcher {
    /// An empty matcher whose keys are chosen by `stats`.
    pub fn new(stats: TermStats) -> Self {
        Matcher {
            stats,
            stemmer: Stemmer::default(),
            vocab: Vocab::default(),
            slots: Vec::new(),
            free: Vec::new(),
            by_id: FxHashMap::default(),
            by_term: Vec::new(),
            by_other: FxHashMap::default(),
            always: Vec::new(),
        }
    }

    /// A matcher holding `watches`.
    pub fn build<'r>(
        stats: TermStats,
        watches: impl IntoIterator<Item = (WatchId, &'r WatchRule)>,
    ) -> Result<Self, WatchError> {
        let mut m = Matcher::new(stats);
        for (id, rule) in watches {
            m.add(id, rule)?;
        }
        Ok(m)
    }

    /// Number of watches held.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// Adds a watch, replacing the one with the same id. A query search would
    /// refuse is refused, and the matcher is left as it was.
    pub fn add(&mut self, id: WatchId, rule: &WatchRule) -> Result<(), WatchError> {
        let watch = Compiled::new(rule, &mut self.vocab, &self.stemmer)?;
        self.remove(id);
        let (stats, vocab) = (&self.stats, &self.vocab);
        let df = |a: &Atom| stats.atom_freq(a, vocab);
        let conjunctions = watch.required(&df);
        let always = conjunctions.iter().any(Vec::is_empty);
        let keys: Vec<Atom> = if always {
            Vec::new()
        } else {
            conjunctions
                .iter()
                // Between equally rare atoms (all of them when the stats are
                // empty), the longest term: long words are the rarer ones.
                .map(|c| {
                    let key = |a: &&Atom| (df(a), std::cmp::Reverse(vocab.term_len(a)));
                    c.iter().min_by_key(key).expect("conjunction has an atom").clone()
                })
                .collect()
        };
        let slot = match self.free.pop() {
            Some(s) => s,
            None => {
                self.slots.push(None);
                u32::try_from(self.slots.len() - 1).expect("fewer than 2^32 watches")
            }
        };
        if self.by_term.len() < self.vocab.len() {
            self.by_term.resize_with(self.vocab.len(), Vec::new);
        }
        if always {
            self.always.push(slot);
        }
        for (conj, key) in keys.iter().enumerate() {
            let posting = Posting { slot, conj: conj as u32 };
            match key {
                Atom::Term(t) => self.by_term[*t as usize].push(posting),
                other => self.by_other.entry(other.clone()).or_default().push(posting),
            }
        }
        let conjunctions = if always { Vec::new() } else { conjunctions };
        self.slots[slot as usize] = Some(Slot { id, watch, conjunctions, keys, always });
        self.by_id.insert(id, slot);
        Ok(())
    }

    /// Removes a watch; false when there was none with that id.
    pub fn remove(&mut self, id: WatchId) -> bool {
        let Some(slot) = self.by_id.remove(&id) else { return false };
        let s = self.slots[slot as usize].take().expect("an id points at a live slot");
        for key in &s.keys {
            let list = match key {
                Atom::Term(t) => &mut self.by_term[*t as usize],
                other => match self.by_other.get_mut(other) {
                    Some(l) => l,
                    None => continue,
                },
            };
            list.retain(|p| p.slot != slot);
            if list.is_empty() {
                if let Atom::Term(_) = key {
                    list.shrink_to_fit();
                } else {
                    self.by_other.remove(key);
                }
            }
        }
        if s.always {
            self.always.retain(|&x| x != slot);
        }
        self.free.push(slot);
        true
    }

    /// The watches `article` matches, in id order.
    pub fn matches(&self, article: &Incoming<'_>) -> Vec<WatchId> {
        self.matches_counting(article).0
    }

    /// [`Matcher::matches`], with the number of watches that had to be
    /// verified (for measuring the pre-filter).
    pub fn matches_counting(&self, article: &Incoming<'_>) -> (Vec<WatchId>, usize) {
        let a = Analyzed::new(article, &self.vocab, &self.stemmer);
        let mut candidates: Vec<u32> = self.always.clone();
        let mut consider = |postings: &[Posting]| {
            for p in postings {
                let slot = self.slots[p.slot as usize].as_ref().expect("postings point at live slots");
                if slot.conjunctions[p.conj as usize].iter().all(|atom| atom.in_article(&a)) {
                    candidates.push(p.slot);
                }
            }
        };
        for &t in a.terms() {
            if let Some(postings) = self.by_term.get(t as usize) {
                consider(postings);
            }
        }
        if !self.by_other.is_empty() {
            let mut probe = |atom: Atom| {
                if let Some(postings) = self.by_other.get(&atom) {
                    consider(postings);
                }
            };
            for e in article.entities {
                probe(Atom::Entity(e.as_str().into()));
            }
            for t in article.tags {
                probe(Atom::Tag(t.as_str().into()));
            }
            if let Some(s) = article.source {
                probe(Atom::Source(s.into()));
            }
            if let Some(s) = article.story {
                probe(Atom::Story(s));
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        let verified = candidates.len();
        let mut out: Vec<WatchId> = candidates
            .into_iter()
            .filter_map(|s| {
                let slot = self.slots[s as usize].as_ref().expect("candidates are live slots");
                slot.watch.verify(&a).then_some(slot.id)
            })
            .collect();
        out.sort_unstable();
        (out, verified)
    }
}

/// Every watch evaluated on every article: the reference for [`Matcher`]
/// and the baseline of the benchmark. Same analysis, same verification.
#[derive(Debug)]
pub struct NaiveMatcher {
    stemmer: Stemmer<'static>,
    vocab: Vocab,
    watches: Vec<(WatchId, Compiled)>,
}

impl NaiveMatcher {
    pub fn build<'r>(watches: impl IntoIterator<Item = (WatchId, &'r WatchRule)>) -> Result<Self, WatchError> {
        let stemmer = Stemmer::default();
        let mut vocab = Vocab::default();
        let mut by_id: FxHashMap<WatchId, Compiled> = FxHashMap::default();
        for (id, rule) in watches {
            by_id.insert(id, Compiled::new(rule, &mut vocab, &stemmer)?);
        }
        let mut watches: Vec<_> = by_id.into_iter().collect();
        watches.sort_unstable_by_key(|(id, _)| *id);
        Ok(NaiveMatcher { stemmer, vocab, watches })
    }

    /// The watches `article` matches, in id order.
    pub fn matches(&self, article: &Incoming<'_>) -> Vec<WatchId> {
        let a = Analyzed::new(article, &self.vocab, &self.stemmer);
        self.watches.iter().filter(|(_, w)| w.verify(&a)).map(|(id, _)| *id).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SavedSearch;

    fn article<'a>(title: &'a str, body: &'a str) -> Incoming<'a> {
        Incoming { title, body, ..Incoming::default() }
    }

    fn matcher(rules: &[WatchRule]) -> Matcher {
        let rules: Vec<_> = rules.iter().enumerate().map(|(i, r)| (WatchId(i as i64), r)).collect();
        Matcher::build(TermStats::new(), rules).unwrap()
    }

    fn ids(v: &[i64]) -> Vec<WatchId> {
        v.iter().map(|&i| WatchId(i)).collect()
    }

    #[test]
    fn a_word_matches_with_clitics_and_punctuation() {
        let m = matcher(&[WatchRule::search("بوتين")]);
        assert_eq!(m.matches(&article("", "التقى أوباما وبوتين في موسكو")), ids(&[0]));
        assert_eq!(m.matches(&article("قال بوتين، إن", "")), ids(&[0]));
        assert_eq!(m.matches(&article("", "التقى أوباما في موسكو")), ids(&[]));
    }

    #[test]
    fn a_phrase_needs_consecutive_terms_in_one_field() {
        let m = matcher(&[WatchRule::search("\"البيت الأبيض\"")]);
        assert_eq!(m.matches(&article("", "أعلن البيت الأبيض أمس")), ids(&[0]));
        // Both words, not side by side.
        assert_eq!(m.matches(&article("", "البيت الذي بناه الأبيض")), ids(&[]));
        // Not across the title/body boundary.
        assert_eq!(m.matches(&article("زار البيت", "الأبيض")), ids(&[]));
        // A stopword between them does not count as a position, as in the index.
        let m = matcher(&[WatchRule::search("\"وزير خارجية\"")]);
        assert_eq!(m.matches(&article("", "وزير في خارجية")), ids(&[0]));
    }

    #[test]
    fn not_excludes() {
        let m = matcher(&[WatchRule::search("بوتين NOT ترامب"), WatchRule::search("بوتين -أوباما")]);
        assert_eq!(m.matches(&article("بوتين يلتقي ترامب", "")), ids(&[1]));
        assert_eq!(m.matches(&article("بوتين وأوباما", "")), ids(&[0]));
        assert_eq!(m.matches(&article("بوتين", "")), ids(&[0, 1]));
        // An exclusion alone finds nothing, as in search.
        let m = matcher(&[WatchRule::search("NOT ترامب")]);
        assert_eq!(m.matches(&article("بوتين", "")), ids(&[]));
    }

    #[test]
    fn or_and_parentheses() {
        let m = matcher(&[WatchRule::search("اليمن (عدن OR صنعاء)")]);
        assert_eq!(m.matches(&article("اليمن", "معارك في عدن")), ids(&[0]));
        assert_eq!(m.matches(&article("اليمن", "معارك في تعز")), ids(&[]));
    }

    #[test]
    fn entity_and_story_watches() {
        let m = matcher(&[WatchRule::Entity("Q7747".into()), WatchRule::Story(42)]);
        let ents = vec!["Q7747".to_string()];
        let a = Incoming { title: "بوتن يزور بكين", entities: &ents, ..Incoming::default() };
        assert_eq!(m.matches(&a), ids(&[0]));
        let a = Incoming { title: "خبر", story: Some(42), ..Incoming::default() };
        assert_eq!(m.matches(&a), ids(&[1]));
        let a = Incoming { title: "خبر", story: Some(43), ..Incoming::default() };
        assert_eq!(m.matches(&a), ids(&[]));
    }

    #[test]
    fn filters_and_query_entities() {
        let s = SavedSearch { source: Some("okaz".into()), ..SavedSearch::new("بوتين") };
        let only_source = SavedSearch { source: Some("okaz".into()), ..SavedSearch::new("") };
        let by_entity = SavedSearch { query_entities: vec!["Q7747".into()], ..SavedSearch::new("بوتين") };
        let m = matcher(&[WatchRule::Search(s), WatchRule::Search(only_source), WatchRule::Search(by_entity)]);
        let ents = vec!["Q7747".to_string()];
        let a = Incoming { title: "بوتين", source: Some("okaz"), ..Incoming::default() };
        assert_eq!(m.matches(&a), ids(&[0, 1, 2]));
        let a = Incoming { title: "بوتن", source: Some("sabq"), entities: &ents, ..Incoming::default() };
        assert_eq!(m.matches(&a), ids(&[2]));
    }

    #[test]
    fn unbalanced_quotes_search_the_words() {
        let m = matcher(&[WatchRule::search("\"البيت الأبيض")]);
        assert_eq!(m.matches(&article("", "الأبيض لون البيت")), ids(&[0]));
    }

    #[test]
    fn the_empty_query_matches_everything_and_is_always_checked() {
        let m = matcher(&[WatchRule::search("")]);
        assert_eq!(m.always.len(), 1);
        assert_eq!(m.matches(&article("أي شيء", "")), ids(&[0]));
    }

    #[test]
    fn keys_are_the_rarest_terms() {
        let mut stats = TermStats::new();
        for _ in 0..10 {
            stats.add(&article("مصري", ""));
        }
        stats.add(&article("سفير مصري", ""));
        let rule = WatchRule::search("السفير المصري");
        let m = Matcher::build(stats, [(WatchId(1), &rule)]).unwrap();
        let slot = m.slots[0].as_ref().unwrap();
        assert_eq!(slot.keys, vec![Atom::Term(m.vocab.get("سفير").unwrap())]);
    }

    #[test]
    fn without_stats_the_longest_term_is_the_key() {
        let rule = WatchRule::search("في الرياض اليوم مؤتمر الاستثمار");
        let m = Matcher::build(TermStats::new(), [(WatchId(1), &rule)]).unwrap();
        let slot = m.slots[0].as_ref().unwrap();
        assert_eq!(slot.keys, vec![Atom::Term(m.vocab.get("استثمار").unwrap())]);
    }

    #[test]
    fn add_replaces_and_remove_forgets() {
        let mut m = matcher(&[WatchRule::search("بوتين")]);
        m.add(WatchId(0), &WatchRule::search("ترامب")).unwrap();
        assert_eq!(m.len(), 1);
        assert_eq!(m.matches(&article("بوتين", "")), ids(&[]));
        assert_eq!(m.matches(&article("ترامب", "")), ids(&[0]));
        assert!(m.remove(WatchId(0)));
        assert!(!m.remove(WatchId(0)));
        assert!(m.is_empty());
        assert_eq!(m.matches(&article("ترامب", "")), ids(&[]));
        m.add(WatchId(5), &WatchRule::search("ترامب")).unwrap();
        assert_eq!(m.matches(&article("ترامب", "")), ids(&[5]));
    }

    #[test]
    fn a_large_product_is_capped() {
        let q = "(مصر OR سوريا OR لبنان OR الأردن OR تونس OR ليبيا OR اليمن) (طائرة OR سيارة OR قطار OR سفينة OR دبابة OR صاروخ OR قارب)";
        let m = matcher(&[WatchRule::search(q)]);
        let slot = m.slots[0].as_ref().unwrap();
        assert_eq!(slot.conjunctions.len(), 7);
        assert_eq!(m.matches(&article("لبنان", "صاروخ")), ids(&[0]));
        assert_eq!(m.matches(&article("لبنان", "")), ids(&[]));
    }
}
