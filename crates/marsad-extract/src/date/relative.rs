//! Relative dates ("منذ ساعتين", "قبل 3 أيام", "أمس", "2 hours ago"), read
//! only against the moment the page was fetched: without it they say
//! nothing, and nothing is guessed.
//!
//! Minutes and hours give an instant (the crawl time's offset); days and
//! weeks give a day. "منذ شهر" is left unread: a month is not a fixed span.

use std::sync::LazyLock;

use chrono::{DateTime, Duration, FixedOffset};
use marsad_core::PubDate;
use regex::{Captures, Regex};

use super::DateMatch;

struct Patterns {
    ago: Regex,
    english_ago: Regex,
    named_day: Regex,
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
    Patterns {
    ago: Regex::new(
        r"(?:منذ|قبل)\s+(?:(?P<n>\d{1,4})\s*)?(?P<unit>ثانيتين|ثانيه|ثواني|ثوان|دقيقتين|دقيقه|دقائق|ساعتين|ساعه|ساعات|يومين|يوم|ايام|اسبوعين|اسبوع|اسابيع)(?:\b|$)",
    )
    .expect("relative pattern compiles"),
    english_ago: Regex::new(r"\b(?P<n>\d{1,4}|an?)\s+(?P<unit>second|minute|hour|day|week)s?\s+ago\b")
        .expect("relative pattern compiles"),
    // "اليوم" and "أمس" are everyday words: read them only where a date
    // stamp starts (the text's start, or after a label's colon).
    named_day: Regex::new(r"^\s*(?:[^:\n]{0,24}[:：]\s*)?(?P<w>اول امس|امس|البارحه|اليوم|yesterday|today)(?:$|[\s,،|-])")
        .expect("relative pattern compiles"),
}
});

/// The first relative date in `normalized`, resolved against `now`.
pub(super) fn find(normalized: &str, now: DateTime<FixedOffset>) -> Option<DateMatch> {
    let p = &*PATTERNS;
    let arabic = p.ago.captures(normalized).and_then(|c| ago(&c, now, arabic_unit));
    let english = p.english_ago.captures(normalized).and_then(|c| ago(&c, now, english_unit));
    let named = p.named_day.captures(normalized).and_then(|c| {
        let back = match &c["w"] {
            "اليوم" | "today" => 0,
            "امس" | "البارحه" | "yesterday" => 1,
            _ => 2,
        };
        let day = now.date_naive() - Duration::days(back);
        let w = c.name("w")?;
        Some(DateMatch { date: PubDate::Date(day), span: w.start()..w.end() })
    });
    [arabic, english, named].into_iter().flatten().min_by_key(|m| m.span.start)
}

enum Unit {
    Seconds,
    Minutes,
    Hours,
    Days,
    Weeks,
}

/// The unit and, for a dual ("ساعتين"), its count.
fn arabic_unit(word: &str) -> (Unit, Option<i64>) {
    match word {
        "ثانيتين" => (Unit::Seconds, Some(2)),
        "ثانيه" | "ثواني" | "ثوان" => (Unit::Seconds, None),
        "دقيقتين" => (Unit::Minutes, Some(2)),
        "دقيقه" | "دقائق" => (Unit::Minutes, None),
        "ساعتين" => (Unit::Hours, Some(2)),
        "ساعه" | "ساعات" => (Unit::Hours, None),
        "يومين" => (Unit::Days, Some(2)),
        "يوم" | "ايام" => (Unit::Days, None),
        "اسبوعين" => (Unit::Weeks, Some(2)),
        _ => (Unit::Weeks, None),
    }
}

fn english_unit(word: &str) -> (Unit, Option<i64>) {
    let unit = match word {
        "second" => Unit::Seconds,
        "minute" => Unit::Minutes,
        "hour" => Unit::Hours,
        "day" => Unit::Days,
        _ => Unit::Weeks,
    };
    (unit, None)
}

fn ago(c: &Captures<'_>, now: DateTime<FixedOffset>, unit_of: fn(&str) -> (Unit, Option<i64>)) -> Option<DateMatch> {
    let (unit, dual) = unit_of(&c["unit"]);
    let n = match c.name("n").map(|m| m.as_str()) {
        None | Some("a" | "an") => dual.unwrap_or(1),
        Some(digits) => digits.parse().ok()?,
    };
    let date = match unit {
        Unit::Seconds => PubDate::DateTime(now - Duration::seconds(n)),
        Unit::Minutes => PubDate::DateTime(now - Duration::minutes(n)),
        Unit::Hours => PubDate::DateTime(now - Duration::hours(n)),
        Unit::Days => PubDate::Date(now.date_naive() - Duration::days(n)),
        Unit::Weeks => PubDate::Date(now.date_naive() - Duration::weeks(n)),
    };
    let whole = c.get(0)?;
    Some(DateMatch { date, span: whole.start()..whole.end() })
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use crate::date::parse_date_at;

    fn at(s: &str) -> String {
        let now = DateTime::parse_from_rfc3339("2024-05-13T10:00:00+03:00").unwrap();
        parse_date_at(s, Some(now)).map(|d| d.to_string()).unwrap_or_else(|| "none".into())
    }

    #[test]
    fn relative_forms_resolve_against_the_crawl_time() {
        let cases = [
            ("منذ ساعتين", "2024-05-13T08:00:00+03:00"),
            ("منذ 3 ساعات", "2024-05-13T07:00:00+03:00"),
            ("قبل 12 دقيقة", "2024-05-13T09:48:00+03:00"),
            ("منذ ٥ دقائق", "2024-05-13T09:55:00+03:00"),
            ("منذ 3 أيام", "2024-05-10"),
            ("منذ يومين", "2024-05-11"),
            ("منذ أسبوع", "2024-05-06"),
            ("أمس", "2024-05-12"),
            ("نشر: أمس 10:30", "2024-05-12"),
            ("اليوم", "2024-05-13"),
            ("أول أمس", "2024-05-11"),
            ("2 hours ago", "2024-05-13T08:00:00+03:00"),
            ("yesterday", "2024-05-12"),
            // An absolute date wins where it comes first.
            ("13 مايو 2024 - منذ ساعتين", "2024-05-13"),
        ];
        for (input, want) in cases {
            assert_eq!(at(input), want, "{input}");
        }
    }

    #[test]
    fn everyday_words_and_vague_spans_are_not_dates() {
        for s in ["صحيفة اليوم السعودية", "وقال أمس الإثنين إن", "منذ شهر", "منذ سنوات", "منذ زمن"]
        {
            assert_eq!(at(s), "none", "{s}");
        }
    }

    #[test]
    fn without_a_crawl_time_relative_forms_say_nothing() {
        assert_eq!(parse_date_at("منذ ساعتين", None), None);
        assert_eq!(parse_date_at("أمس", None), None);
    }
}
