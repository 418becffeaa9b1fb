//! What one line of a plain-text page is.

use std::sync::LazyLock;

use marsad_core::PubDate;
use regex::Regex;

use crate::date::{find_date, WEEKDAYS};
use crate::labels::{self, strip_label, strip_widget, value_after_colon};

#[derive(Debug, Clone, PartialEq)]
pub enum Line<'a> {
    /// "إقرأ أيضاً:" alone: appended articles follow.
    ReadAlsoHeader,
    /// "اقرأ أيضاً: <title>": a link to another article, not its text.
    ReadAlsoLink(&'a str),
    /// A publication date line ("تاريخ النشر: …", or a line that is only a date).
    Published(PubDate),
    /// A metadata line whose value is not kept: a modification date, or a
    /// date label whose value cannot be read (never guessed).
    Dropped(&'static str),
    /// "موسكو (وكالات)": a dateline and an agency credit.
    Dateline {
        place: Option<&'a str>,
        credit: Option<&'a str>,
    },
    Source(&'a str),
    Tags(&'a str),
    /// Article text, with any widget label glued to its start removed.
    Text(&'a str),
}

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    // A place of at most four words, then the credit in parentheses.
    Regex::new(r"^(?:(?P<place>[^\s()\d:،,.«»]+(?:\s+[^\s()\d:،,.«»]+){0,3})\s*)?\((?P<credit>[^()\d]{2,40})\)\s*[-–—:]?\s*(?P<rest>.*)$")
        .expect("dateline pattern compiles")
});

pub fn classify(line: &str) -> Line<'_> {
    if let Some((_, rest)) = strip_label(line, labels::READ_ALSO) {
        return match value_after_colon(rest).filter(|v| !v.is_empty()) {
            Some(title) => Line::ReadAlsoLink(title),
            None if rest.trim().trim_start_matches([':', '：']).trim().is_empty() => Line::ReadAlsoHeader,
            None => Line::Text(line),
        };
    }
    if let Some(value) = labelled(line, labels::TAGS) {
        return Line::Tags(value);
    }
    if let Some(value) = labelled(line, labels::SOURCE) {
        return Line::Source(value);
    }
    if labelled(line, labels::UPDATED).is_some() {
        return Line::Dropped("modification date");
    }
    if let Some(value) = labelled(line, labels::PUBLISHED) {
        return match bare_date(value) {
            Some(date) => Line::Published(date),
            None => Line::Dropped("unreadable publication date"),
        };
    }
    if let Some(date) = bare_date(line) {
        return Line::Published(date);
    }
    if let Some(rest) = strip_widget(line) {
        let rest = rest.trim_start_matches([':', ' ', '-', '|']).trim();
        return if rest.is_empty() { Line::Dropped("widget label") } else { Line::Text(rest) };
    }
    if let Some(d) = dateline(line).filter(|(_, _, rest)| rest.is_empty()) {
        return Line::Dateline { place: d.0, credit: d.1 };
    }
    Line::Text(line)
}

/// "موسكو (وكالات) - استقبل …": the dateline, the credit and the text after them.
pub fn dateline(line: &str) -> Option<(Option<&str>, Option<&str>, &str)> {
    let c = DATELINE.captures(line)?;
    let place = c.name("place").map(|m| m.as_str().trim()).filter(|p| !p.is_empty());
    let credit = c.name("credit").map(|m| m.as_str().trim());
    let rest = c.name("rest").map_or("", |m| m.as_str().trim());
    // Inline, the dateline must be set off from the sentence by a dash or
    // colon; without one, "(…)" is part of the sentence.
    if !rest.is_empty() && !line[..c.name("rest")?.start()].trim_end().ends_with(['-', '–', '—', ':']) {
        return None;
    }
    Some((place, credit, rest))
}

fn labelled<'a>(line: &'a str, labels: &[&'static str]) -> Option<&'a str> {
    strip_label(line, labels).and_then(|(_, rest)| value_after_colon(rest))
}

/// A line that holds a date and nothing else but a weekday and punctuation.
fn bare_date(line: &str) -> Option<PubDate> {
    // A paragraph is never a date line; skip normalizing it.
    if line.len() > 240
        || !line.contains(|c: char| c.is_ascii_digit() || ('٠'..='٩').contains(&c) || ('۰'..='۹').contains(&c))
    {
        return None;
    }
    let normalized = marsad_text::normalize(line);
    if normalized.chars().count() > 80 {
        return None;
    }
    let found = find_date(&normalized)?;
    let mut rest = String::new();
    rest.push_str(&normalized[..found.span.start]);
    rest.push(' ');
    rest.push_str(&normalized[found.span.end..]);
    let leftover = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .filter(|w| !WEEKDAYS.contains(w) && !matches!(*w, "م" | "هـ" | "gmt" | "utc" | "الموافق"))
        .count();
    (leftover == 0).then_some(found.date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_lines() {
        assert!(matches!(classify("تاريخ النشر: 14th, September 2023 GMT"), Line::Published(_)));
        assert_eq!(classify("موسكو (وكالات)"), Line::Dateline { place: Some("موسكو"), credit: Some("وكالات") });
        assert_eq!(classify("المصدر: صحيفة الاتحاد"), Line::Source("صحيفة الاتحاد"));
        assert_eq!(classify("إقرأ أيضاً:"), Line::ReadAlsoHeader);
        assert_eq!(classify("أخبار ذات صلةاستقبل الرئيس"), Line::Text("استقبل الرئيس"));
    }

    #[test]
    fn sentences_are_text() {
        for s in [
            "وقال بوتين للصحافيين: «هذا هو سبب زيارتنا»",
            "ومنذ شباط /فبراير عام 2022، تشن روسيا هجوما عسكريا",
            "بحسب ما أوردته وكالة «تاس» (الروسية) للأنباء",
            "تاريخية هي هذه الزيارة",
        ] {
            assert_eq!(classify(s), Line::Text(s), "{s}");
        }
    }

    #[test]
    fn inline_dateline() {
        assert_eq!(dateline("واشنطن (رويترز) - قال مسؤول"), Some((Some("واشنطن"), Some("رويترز"), "قال مسؤول")));
        assert_eq!(dateline("قال مسؤول في وزارة الخارجية (الأميركية) إن"), None);
    }
}
