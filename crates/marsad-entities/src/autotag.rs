//! Keyword tags an editor would choose, for articles whose page gave none:
//! the article's main entities, then its key phrases.

use std::collections::HashMap;

use crate::resolve::{ArticleEntity, TextField};
use crate::tag::EntityKind;

/// Entities kept as tags at most.
const MAX_ENTITY_TAGS: usize = 4;
/// Key phrases kept as tags at most.
const MAX_PHRASE_TAGS: usize = 2;

/// Tags for an article: its main people, places and organisations (named in
/// the title, or mentioned at least twice), then the two-word phrases the
/// article repeats that are not names already.
pub fn auto_tags(entities: &[ArticleEntity], title: &str, body: &str) -> Vec<String> {
    let mut scored: Vec<(usize, usize, &ArticleEntity)> = entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind != EntityKind::Misc)
        .map(|(order, e)| {
            let in_title = e.mentions.iter().any(|m| m.field == TextField::Title);
            (e.mentions.len() + if in_title { 3 } else { 0 }, order, e)
        })
        .filter(|(score, _, _)| *score >= 2)
        .collect();
    scored.sort_by_key(|(score, order, _)| (std::cmp::Reverse(*score), *order));
    let mut tags: Vec<String> = scored.iter().take(MAX_ENTITY_TAGS).map(|(_, _, e)| e.name.clone()).collect();
    tags.extend(key_phrases(entities, title, body));
    tags
}

/// Word pairs, neither a function word nor inside an entity mention, that
/// occur at least twice; shown as first written.
fn key_phrases(entities: &[ArticleEntity], title: &str, body: &str) -> Vec<String> {
    let text = format!("{title}\n{body}");
    let title_chars = title.chars().count() + 1;
    // Mention spans in the combined text, sorted and merged, so that each
    // word is checked by a binary search, not against every mention (which
    // made a long page quadratic).
    let mut spans: Vec<(usize, usize)> = entities
        .iter()
        .flat_map(|x| &x.mentions)
        .map(|m| {
            let shift = if m.field == TextField::Title { 0 } else { title_chars };
            (m.start + shift, m.end + shift)
        })
        .collect();
    spans.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (s, e) in spans {
        match merged.last_mut() {
            Some(last) if s < last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    let named = |s: usize, e: usize| {
        let i = merged.partition_point(|&(_, end)| end <= s);
        merged.get(i).is_some_and(|&(start, _)| start < e)
    };
    let words: Vec<marsad_text::Token<'_>> =
        marsad_text::tokenize(&text).filter(|t| t.kind == marsad_text::TokenKind::Word).collect();
    let content: Vec<Option<String>> = words
        .iter()
        .map(|w| {
            let n = w.normalized();
            (n.chars().count() >= 3 && !marsad_text::is_stopword(&n) && !named(w.start, w.end)).then_some(n)
        })
        .collect();
    let mut counts: HashMap<(String, String), (usize, usize, String)> = HashMap::new();
    for i in 1..words.len() {
        let (Some(a), Some(b)) = (&content[i - 1], &content[i]) else { continue };
        if !crate::aliases::only_space(&text, &words[i - 1], &words[i]) {
            continue;
        }
        let stems = (marsad_text::stem(a).to_owned(), marsad_text::stem(b).to_owned());
        let shown = format!("{} {}", words[i - 1].text, words[i].text);
        let slot = counts.entry(stems).or_insert((0, i, shown));
        slot.0 += 1;
    }
    let mut phrases: Vec<(usize, usize, String)> = counts.into_values().filter(|(n, _, _)| *n >= 2).collect();
    phrases.sort_by_key(|(n, first, _)| (std::cmp::Reverse(*n), *first));
    phrases.into_iter().take(MAX_PHRASE_TAGS).map(|(_, _, shown)| shown).collect()
}
