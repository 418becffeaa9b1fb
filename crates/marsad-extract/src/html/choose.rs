//! One body out of several readings of the page. No single reading holds
//! on the open web: class names hide an article that a page builder calls
//! "widget" and let in furniture a site names oddly; a readability-style
//! scorer finds one section of an article split into boxes, and a
//! whole-article scorer can swallow teaser lists. Each fails on different
//! pages, so the reading that agrees most with the others wins (a vote, as
//! trafilatura settles its fallback chain by comparing candidates), and the
//! publisher's own `articleBody` is the last resort when no reading found
//! any text.

use std::collections::HashSet;

use super::content::Body;
use super::MIN_BODY_CHARS;

/// The words of a reading, as a set. Agreement needs no normalization: the
/// readings are cut from the same page.
fn words(b: &Body) -> HashSet<&str> {
    b.paragraphs.iter().flat_map(|p| p.split(|c: char| !c.is_alphanumeric())).filter(|w| !w.is_empty()).collect()
}

/// Word-set F1 of two readings.
fn agreement(a: &HashSet<&str>, b: &HashSet<&str>) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.iter().filter(|w| b.contains(*w)).count() as f64;
    2.0 * shared / (a.len() + b.len()) as f64
}

/// The reading that agrees most with the others (the first on a tie); a
/// reading that found nothing gets no say. When none found anything, the
/// page's `articleBody`, one paragraph a line.
pub fn best<const N: usize>(candidates: [Body; N], ld_body: Option<&str>) -> Body {
    if !candidates[0].paragraphs.is_empty() && candidates.iter().all(|c| c.paragraphs == candidates[0].paragraphs) {
        return candidates.into_iter().next().unwrap_or_default();
    }
    let sets: Vec<HashSet<&str>> = candidates.iter().map(words).collect();
    let mut best: Option<(usize, f64)> = None;
    for (i, set) in sets.iter().enumerate().filter(|(_, s)| !s.is_empty()) {
        let votes: f64 = sets.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, o)| agreement(set, o)).sum();
        if best.is_none_or(|(_, b)| votes > b + 1e-9) {
            best = Some((i, votes));
        }
    }
    match best.map(|b| b.0) {
        Some(i) => candidates.into_iter().nth(i).unwrap_or_default(),
        None => ld_body
            .filter(|b| b.chars().count() >= MIN_BODY_CHARS)
            .map(|b| Body { paragraphs: b.lines().map(str::to_owned).collect(), ..Body::default() })
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str) -> Body {
        Body { paragraphs: text.lines().map(str::to_owned).collect(), ..Body::default() }
    }

    #[test]
    fn the_reading_the_others_agree_with_wins() {
        let whole = "قال الوزير إن الحكومة ستعلن خطة جديدة\nوأضاف أن الخطة تشمل دعم الأسر";
        let part = "قال الوزير إن الحكومة ستعلن خطة جديدة";
        let teasers = "أخبار ذات صلة\nالطقس غدا\nنتائج المباريات";
        let chosen = best([body(part), body(whole), body(teasers)], None);
        assert_eq!(chosen.paragraphs.join("\n"), part, "the part agrees with both others more than they do");
        let chosen = best([body(whole), body(whole), body(part)], None);
        assert_eq!(chosen.paragraphs.join("\n"), whole);
    }

    #[test]
    fn article_body_is_the_last_resort() {
        let ld = "نص المقال كما نشره الموقع في بياناته. ".repeat(10);
        assert_eq!(best([Body::default(), Body::default()], Some(&ld)).paragraphs, vec![ld.clone()]);
        assert!(best([Body::default()], Some("قصير")).paragraphs.is_empty());
        assert_eq!(best([body("نص"), Body::default()], Some(&ld)).paragraphs, vec!["نص"]);
    }
}
