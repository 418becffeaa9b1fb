//! A synthetic set of syndicated copies, built from a news corpus by the
//! edits copies really carry: another headline, widget and share text glued
//! in, a dateline or agency credit added, paragraphs cut or swapped, other
//! punctuation and digit sets, a few words dropped. Deterministic: the same
//! corpus and seed give the same set.
//!
//! Originals are drawn from days that are not labelled (so the set does not
//! repeat the development day) and chosen so that no two of them share more
//! than a fifth of their word shingles: the corpus's own syndicated copies
//! would otherwise be unlabelled duplicates.

use std::collections::{HashMap, HashSet};

use marsad_cluster::shingle::{shingles, word_hashes};
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::data::NewsArticle;

/// Words an original needs: a very short item has no paragraphs to cut.
const MIN_WORDS: usize = 80;
/// Largest containment between two chosen originals.
const MAX_OVERLAP: f32 = 0.2;

const WIDGETS: &[&str] = &[
    "شارك هذا الخبر على تويتر",
    "تابعونا على فيسبوك وتويتر",
    "لمزيد من الأخبار حمّل تطبيق الصحيفة",
    "صورة أرشيفية",
    "جميع الحقوق محفوظة",
    "أضف تعليقاً",
    "طباعة الخبر | إرسال لصديق",
];
const DATELINES: &[&str] = &["الرياض - واس:", "(د ب أ) -", "متابعات:", "جدة - «الصحيفة»:", "القاهرة - وكالات:"];
const TITLE_PREFIXES: &[&str] = &["عاجل: ", "بالفيديو.. ", "شاهد: ", "بالصور: "];

pub struct Synthetic {
    pub articles: Vec<NewsArticle>,
    /// Every article's group: its original's id.
    pub group: HashMap<String, String>,
    pub originals: usize,
    pub copies: usize,
}

fn shingle_set(text: &str) -> Vec<u64> {
    let mut words = Vec::new();
    word_hashes(text, &mut words);
    let mut set = Vec::new();
    shingles(&words, 3, &mut set);
    set
}

/// Picks `n` originals (in random order) that do not overlap each other.
fn pick_originals<'a>(pool: &[&'a NewsArticle], n: usize) -> Vec<&'a NewsArticle> {
    let mut index: HashMap<u64, Vec<usize>> = HashMap::new();
    let mut chosen: Vec<(&NewsArticle, usize)> = Vec::new();
    for a in pool {
        if chosen.len() == n {
            break;
        }
        let set = shingle_set(&a.content);
        if set.len() < MIN_WORDS {
            continue;
        }
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for s in &set {
            for &c in index.get(s).map_or(&[][..], Vec::as_slice) {
                *shared.entry(c).or_default() += 1;
            }
        }
        let overlaps = shared.iter().any(|(&c, &k)| k as f32 / set.len().min(chosen[c].1) as f32 > MAX_OVERLAP);
        if overlaps {
            continue;
        }
        let slot = chosen.len();
        for s in set.iter() {
            index.entry(*s).or_default().push(slot);
        }
        chosen.push((a, set.len()));
    }
    chosen.into_iter().map(|(a, _)| a).collect()
}

fn swap_digits(text: &str, to_eastern: bool) -> String {
    text.chars()
        .map(|c| match (to_eastern, c) {
            (true, '0'..='9') => char::from_u32('٠' as u32 + (c as u32 - '0' as u32)).unwrap_or(c),
            (false, '٠'..='٩') => char::from_u32('0' as u32 + (c as u32 - '٠' as u32)).unwrap_or(c),
            _ => c,
        })
        .collect()
}

fn repunctuate(text: &str, rng: &mut ChaCha8Rng) -> String {
    let style = rng.random_range(0..3);
    text.chars()
        .filter_map(|c| match (style, c) {
            (0, '،') => Some(','),
            (0, '"' | '“' | '”') => Some('«'),
            (1, '.' | '،' | ',') => None,
            (2, '"' | '“' | '”' | '«' | '»') => None,
            (2, '.') => Some('…'),
            _ => Some(c),
        })
        .collect()
}

/// One copy of `a` with a random mix of edits.
fn copy(a: &NewsArticle, other_title: &str, rng: &mut ChaCha8Rng) -> NewsArticle {
    let mut title = a.title.clone();
    let mut paras: Vec<String> =
        a.content.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect();
    if rng.random_bool(0.7) {
        let words: Vec<&str> = a.title.split_whitespace().collect();
        title = match rng.random_range(0..3) {
            0 => format!("{}{}", TITLE_PREFIXES.choose(rng).unwrap_or(&""), a.title),
            1 if words.len() > 4 => words[..words.len() - 2].join(" "),
            _ => paras.first().map(|p| p.split_whitespace().take(10).collect::<Vec<_>>().join(" ")).unwrap_or(title),
        };
    }
    if paras.len() > 2 && rng.random_bool(0.5) {
        // Keep at least the first 40% of the paragraphs.
        let keep = rng.random_range(paras.len().div_ceil(5) * 2..paras.len());
        paras.truncate(keep.max(1));
    }
    if paras.len() > 3 && rng.random_bool(0.3) {
        let i = rng.random_range(1..paras.len() - 1);
        paras.swap(i, i + 1);
    }
    if paras.len() > 3 && rng.random_bool(0.2) {
        let i = rng.random_range(1..paras.len());
        paras.remove(i);
    }
    if rng.random_bool(0.3) {
        for p in &mut paras {
            let words: Vec<&str> = p.split_whitespace().filter(|_| !rng.random_bool(0.03)).collect();
            *p = words.join(" ");
        }
    }
    if rng.random_bool(0.4) {
        if let Some(first) = paras.first_mut() {
            *first = format!("{} {first}", DATELINES.choose(rng).unwrap_or(&""));
        }
    }
    if rng.random_bool(0.5) {
        let widget = if rng.random_bool(0.5) {
            format!("اقرأ أيضاً: {other_title}")
        } else {
            WIDGETS.choose(rng).unwrap_or(&"").to_string()
        };
        let at = if rng.random_bool(0.5) { paras.len() } else { rng.random_range(0..=paras.len()) };
        paras.insert(at, widget);
    }
    let mut content = paras.join("\n");
    if rng.random_bool(0.6) {
        content = repunctuate(&content, rng);
    }
    if rng.random_bool(0.5) {
        let eastern = rng.random_bool(0.5);
        content = swap_digits(&content, eastern);
        title = swap_digits(&title, eastern);
    }
    NewsArticle { title, content, ..a.clone() }
}

/// Builds the set from the corpus articles not crawled on `exclude_days`.
pub fn build(corpus: &[NewsArticle], exclude_days: &HashSet<String>, originals: usize, seed: u64) -> Synthetic {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut pool: Vec<&NewsArticle> =
        corpus.iter().filter(|a| !exclude_days.contains(a.date_extracted.get(..10).unwrap_or(""))).collect();
    pool.shuffle(&mut rng);
    let chosen = pick_originals(&pool, originals);
    let sources: Vec<&str> = {
        let mut s: Vec<&str> = corpus.iter().map(|a| a.source.as_str()).collect();
        s.sort_unstable();
        s.dedup();
        s
    };
    let mut articles = Vec::new();
    let mut group = HashMap::new();
    let mut copies = 0;
    for (i, a) in chosen.iter().enumerate() {
        articles.push((*a).clone());
        group.insert(a.id.clone(), a.id.clone());
        let other_title = chosen[(i + 1) % chosen.len()].title.as_str();
        for n in 0..rng.random_range(1..=3) {
            let mut c = copy(a, other_title, &mut rng);
            c.id = format!("{}-copy{n}", a.id);
            c.source = sources.choose(&mut rng).unwrap_or(&"").to_string();
            // A copy is crawled after its original (same day or the next).
            c.date_extracted = later(&a.date_extracted, rng.random_range(1..36 * 60));
            group.insert(c.id.clone(), a.id.clone());
            articles.push(c);
            copies += 1;
        }
    }
    Synthetic { originals: chosen.len(), copies, articles, group }
}

fn later(stamp: &str, minutes: i64) -> String {
    chrono::NaiveDateTime::parse_from_str(stamp, "%Y-%m-%d %H:%M:%S")
        .map(|t| (t + chrono::Duration::minutes(minutes)).format("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_else(|_| stamp.to_owned())
}
