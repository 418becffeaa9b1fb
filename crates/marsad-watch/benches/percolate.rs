//! Articles per second matched against 1k, 10k and 100k watches, by the
//! percolator and by evaluating every watch, in the same run, on one thread.
//!
//! Articles: every 8th SaudiNewsNet article (`MARSAD_NEWS` overrides the
//! path). Watches: 2–3 words of the headlines of the OTHER articles (some as a
//! phrase, some with NOT, some with a source filter, some with OR) and entity
//! names from ANERGazet and ANETAC (`MARSAD_GAZETTEERS` overrides the data
//! directory), a name of several words as a phrase. Key frequencies: every 4th
//! of the other articles. Each figure is the median of 3 runs.

use std::io::{BufRead, BufReader};
use std::time::{Duration, Instant};

use marsad_watch::{Incoming, Matcher, NaiveMatcher, SavedSearch, TermStats, WatchId, WatchRule};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const NEWS: &str = "/work/shared/data/saudinewsnet/saudinewsnet_2015-08-01_to_2015-08-11.jsonl.gz";
const DATA: &str = "/work/shared/data";

struct Article {
    title: String,
    body: String,
    source: String,
}

impl Article {
    fn view(&self) -> Incoming<'_> {
        Incoming { title: &self.title, body: &self.body, source: Some(&self.source), ..Incoming::default() }
    }
}

fn load_news() -> Vec<Article> {
    let path = std::env::var("MARSAD_NEWS").unwrap_or_else(|_| NEWS.to_owned());
    let file = std::fs::File::open(&path)
        .unwrap_or_else(|e| panic!("the news corpus {path} is needed (set MARSAD_NEWS to another copy): {e}"));
    let reader = BufReader::new(flate2::read::GzDecoder::new(file));
    reader
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(&l.expect("readable corpus")).expect("a JSON line");
            let s = |k: &str| v[k].as_str().unwrap_or_default().to_owned();
            Article { title: s("title"), body: s("content"), source: s("source") }
        })
        .collect()
}

fn has_arabic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

/// Entity names: the ANERGazet lists and ANETAC's Arabic transliterations.
fn load_names() -> Vec<String> {
    let dir = std::env::var("MARSAD_GAZETTEERS").unwrap_or_else(|_| DATA.to_owned());
    let mut names = Vec::new();
    for f in ["locations", "persons", "organizations"] {
        let path = format!("{dir}/anergazet/ANERGazet_{f}_aligned.txt");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        names
            .extend(text.lines().map(str::trim).filter(|l| !l.starts_with("====") && has_arabic(l)).map(str::to_owned));
    }
    let path = format!("{dir}/anetac/EN-AR_Named-entities.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if let Some(i) = words.iter().position(|w| has_arabic(w)) {
            names.push(words[i..].join(" "));
        }
    }
    names.sort();
    names.dedup();
    names
}

fn headline_words(title: &str) -> Vec<String> {
    title
        .split(|c: char| c.is_whitespace() || c.is_ascii_punctuation() || "،؛؟«»“”".contains(c))
        .filter(|w| w.chars().count() >= 3 && has_arabic(w))
        .map(str::to_owned)
        .collect()
}

/// Watches as analysts write them: mostly a few words of a headline, and
/// names.
fn make_watches(n: usize, queries: &[&Article], names: &[String], rng: &mut ChaCha8Rng) -> Vec<WatchRule> {
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        if rng.random_range(0..100) < 40 {
            let name = &names[rng.random_range(0..names.len())];
            let q = if name.contains(' ') { format!("\"{name}\"") } else { name.clone() };
            out.push(WatchRule::search(q));
            continue;
        }
        let a = queries[rng.random_range(0..queries.len())];
        let mut words = headline_words(&a.title);
        // Distinct words, in order: `pick` draws distinct ones.
        let mut seen = std::collections::HashSet::new();
        words.retain(|w| seen.insert(w.clone()));
        if words.len() < 3 {
            continue;
        }
        let i = rng.random_range(0..words.len() - 1);
        let pick = |rng: &mut ChaCha8Rng, k: usize| {
            let mut ws: Vec<&str> = Vec::new();
            while ws.len() < k {
                let w = words[rng.random_range(0..words.len())].as_str();
                if !ws.contains(&w) {
                    ws.push(w);
                }
            }
            ws.join(" ")
        };
        let k = rng.random_range(2..=3);
        let mut search = SavedSearch::new(String::new());
        search.query = match rng.random_range(0..100) {
            0..60 => pick(rng, k),
            60..75 => format!("\"{} {}\"", words[i], words[i + 1]),
            75..85 => {
                let other = headline_words(&queries[rng.random_range(0..queries.len())].title);
                match other.first() {
                    Some(o) if !words.contains(o) => format!("{} NOT {o}", pick(rng, 2)),
                    _ => pick(rng, 2),
                }
            }
            85..95 => {
                search.source = Some(a.source.clone());
                pick(rng, 2)
            }
            _ => {
                let ws = pick(rng, 3);
                let ws: Vec<&str> = ws.split(' ').collect();
                format!("({} OR {}) {}", ws[0], ws[1], ws[2])
            }
        };
        out.push(WatchRule::Search(search));
    }
    out
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn rate(articles: usize, d: Duration) -> f64 {
    articles as f64 / d.as_secs_f64()
}

fn main() {
    let t = Instant::now();
    let news = load_news();
    let names = load_names();
    let (mut articles, mut others) = (Vec::new(), Vec::new());
    for (i, a) in news.iter().enumerate() {
        if i % 8 == 0 {
            articles.push(a);
        } else {
            others.push(a);
        }
    }
    println!(
        "corpus: {} articles ({} to match, {} as query and frequency sources), {} entity names; loaded in {:.1} s",
        news.len(),
        articles.len(),
        others.len(),
        names.len(),
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let mut stats = TermStats::new();
    for a in others.iter().step_by(4) {
        stats.add(&a.view());
    }
    println!("term stats: {} sample articles in {:.1} s", stats.docs(), t.elapsed().as_secs_f64());

    let t = Instant::now();
    let bare = NaiveMatcher::build([]).expect("no watch");
    for a in &articles {
        std::hint::black_box(bare.matches(&a.view()));
    }
    let analysis = t.elapsed();
    println!(
        "analysis alone (tokenize, normalize, stem every article, no watch): {:.0} articles/s",
        rate(articles.len(), analysis)
    );
    println!();
    println!(
        "{:>7} | {:>9} | {:>12} | {:>14} | {:>13} | {:>8} | {:>10} | {:>9}",
        "watches", "build (s)", "percolator/s", "naive/s (same)", "ratio", "matched", "verified", "articles"
    );

    let mut rng = ChaCha8Rng::seed_from_u64(17);
    // Drawn independently, so each prefix (1k, 10k) is a fair sample of the 100k.
    let rules = make_watches(100_000, &others, &names, &mut rng);
    for n in [1_000usize, 10_000, 100_000] {
        let watches: Vec<(WatchId, &WatchRule)> =
            rules[..n].iter().enumerate().map(|(i, r)| (WatchId(i as i64), r)).collect();
        let t = Instant::now();
        let matcher = Matcher::build(stats.clone(), watches.iter().copied()).expect("benchmark watches are readable");
        let build = t.elapsed();
        let naive = NaiveMatcher::build(watches.iter().copied()).expect("benchmark watches are readable");
        // The naive side is slow at 100k: both sides run on the same prefix.
        let sample = match n {
            100_000 => &articles[..300],
            _ => &articles[..],
        };
        let mut perc_runs = Vec::new();
        let mut naive_runs = Vec::new();
        let (mut matched, mut verified) = (0usize, 0usize);
        for run in 0..3 {
            let t = Instant::now();
            let (mut m, mut v) = (0, 0);
            for a in sample {
                let (ids, cands) = matcher.matches_counting(&a.view());
                m += ids.len();
                v += cands;
            }
            perc_runs.push(t.elapsed());
            let t = Instant::now();
            let mut m2 = 0;
            for a in sample {
                m2 += naive.matches(&a.view()).len();
            }
            naive_runs.push(t.elapsed());
            assert_eq!(m, m2, "percolator and naive disagree (run {run}, {n} watches)");
            (matched, verified) = (m, v);
        }
        // Same answers article by article, once.
        for a in sample.iter().take(200) {
            assert_eq!(matcher.matches(&a.view()), naive.matches(&a.view()));
        }
        let p = rate(sample.len(), median(perc_runs));
        let q = rate(sample.len(), median(naive_runs));
        println!(
            "{:>7} | {:>9.2} | {:>12.0} | {:>14.0} | {:>12.1}x | {:>8.2} | {:>10.1} | {:>9}",
            n,
            build.as_secs_f64(),
            p,
            q,
            p / q,
            matched as f64 / sample.len() as f64,
            verified as f64 / sample.len() as f64,
            sample.len()
        );
    }
    println!();
    println!("matched and verified are per article; build is the percolator's, from parsed rules to index.");
}
