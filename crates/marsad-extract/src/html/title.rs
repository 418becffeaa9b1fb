//! The headline: the visible one (the page's `<h1>`), not "site | title".
//!
//! Pages have several h1s (a logo, a copy for small screens, a widget's
//! title), so the h1 chosen is the one that agrees best with what the page's
//! metadata calls the article (JSON-LD headline, og:title, `<title>`). With
//! no h1 that agrees, an h2 that does is taken; with none either, the
//! metadata title less the site name around it.

use super::meta::Meta;
use super::walk::Heading;

/// Separators between a headline and the site's name in `<title>`/og:title.
const SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " » ", " « ", " || ", " ـ "];

pub fn headline(headings: &[Heading], meta: &Meta) -> String {
    let references: Vec<&str> = [
        meta.ld.headline.as_deref(),
        meta.get(&["og:title", "twitter:title"]),
        meta.title.as_deref(),
        meta.get(&["headline", "title"]),
    ]
    .into_iter()
    .flatten()
    .collect();
    let best = |level: u8| {
        headings
            .iter()
            .filter(|h| h.level == level)
            .map(|h| {
                let score = references
                    .iter()
                    .flat_map(|r| [agreement(&h.text, r), agreement(&h.text, &strip_site_name(r, meta))])
                    .fold(0.0, f64::max);
                (score, h)
            })
            .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.order.cmp(&a.1.order)))
    };
    if let Some((score, h)) = best(1) {
        if score >= 0.5 || references.is_empty() {
            return h.text.clone();
        }
    }
    if let Some((score, h)) = best(2) {
        if score >= 0.8 {
            return h.text.clone();
        }
    }
    if let Some(r) = references.first() {
        return strip_site_name(r, meta);
    }
    headings.iter().find(|h| h.level == 1).map(|h| h.text.clone()).unwrap_or_default()
}

/// Word-set F1 of the heading against the reference (both normalized):
/// a one-word logo h1 inside "headline | site" agrees little.
fn agreement(heading: &str, reference: &str) -> f64 {
    let h = marsad_text::normalize(heading);
    let r = marsad_text::normalize(reference);
    let hw: std::collections::HashSet<&str> = h.split_whitespace().collect();
    let rw: std::collections::HashSet<&str> = r.split_whitespace().collect();
    let common = hw.intersection(&rw).count() as f64;
    if common == 0.0 {
        return 0.0;
    }
    let (p, r) = (common / hw.len() as f64, common / rw.len() as f64);
    2.0 * p * r / (p + r)
}

/// "عنوان الخبر | اليوم السابع" → "عنوان الخبر".
pub fn strip_site_name(title: &str, meta: &Meta) -> String {
    let site = meta.get(&["og:site_name", "application-name"]).or(meta.ld.site_name.as_deref());
    for sep in SEPARATORS {
        if let Some((a, b)) = title.split_once(sep).or_else(|| title.rsplit_once(sep)) {
            let is_site =
                |s: &str| site.is_some_and(|site| marsad_text::normalize(s.trim()) == marsad_text::normalize(site));
            if is_site(b) {
                return a.trim().to_owned();
            }
            if is_site(a) {
                return b.trim().to_owned();
            }
            // No site name to compare: the longer part is the headline.
            if site.is_none() {
                return if a.chars().count() >= b.chars().count() { a.trim() } else { b.trim() }.to_owned();
            }
        }
    }
    title.trim().to_owned()
}
