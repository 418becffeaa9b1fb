//! The one date parser of the project.
//!
//! It reads the forms that Arabic news pages print: Arabic month names of
//! every region (يناير, شباط, جانفي …) and doubled forms ("شباط/فبراير"),
//! English forms ("14th, September 2023 GMT"), numeric and ISO forms, with
//! Arabic-Indic digits, weekday prefixes and times, and Hijri dates
//! ("29 ربيع الأول 1445 هـ", see [`hijri`]). A date-time is returned only when
//! the page gives an offset (or a named fixed zone); otherwise the result is a
//! plain date. Relative forms ("منذ ساعتين", "أمس", see [`relative`]) are read
//! only against a known crawl time ([`parse_date_at`]). Nothing is guessed:
//! no match means `None`.

mod hijri;
mod relative;

use std::ops::Range;
use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use marsad_core::PubDate;
use regex::{Captures, Regex};

/// Month names in matching form (see `marsad_text::normalize`), with the
/// month they name. Multi-word names come before their prefixes.
const MONTHS: &[(&str, u32)] = &[
    // Levantine and Iraqi.
    ("كانون الثاني", 1),
    ("كانون الاول", 12),
    ("تشرين الاول", 10),
    ("تشرين الثاني", 11),
    ("شباط", 2),
    ("اذار", 3),
    ("نيسان", 4),
    ("ايار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("اب", 8),
    ("ايلول", 9),
    // Egypt and the Gulf.
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("ابريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    // The Maghreb.
    ("جانفي", 1),
    ("فيفري", 2),
    ("افريل", 4),
    ("ماي", 5),
    ("جوان", 6),
    ("جويليه", 7),
    ("يوليوز", 7),
    ("اوت", 8),
    ("غشت", 8),
    ("شتنبر", 9),
    ("نونبر", 11),
    ("دجنبر", 12),
    // English.
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sept", 9),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// Weekday names in matching form; they may prefix a date.
pub(crate) const WEEKDAYS: &[&str] = &[
    "السبت",
    "الاحد",
    "الاثنين",
    "الثلاثاء",
    "الاربعاء",
    "الخميس",
    "الجمعه",
    "saturday",
    "sunday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "sat",
    "sun",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
];

const TIME: &str = r"(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?:\.\d+)?(?:\s*(?P<ampm>am|pm|صباحا|مساء|ص|م)\b)?";
// Only zones with a fixed offset are read: a named zone with daylight saving
// (Cairo, Beirut) would need a guess about the season's rules.
const OFFSET: &str = r"(?P<tz>z\b|(?:gmt|utc)\s*(?P<sign>[+-])\s*(?P<oh>\d{1,2})(?::?(?P<om>\d{2}))?|(?P<isign>[+-])(?P<ioh>\d{2}):?(?P<iom>\d{2})\b|gmt\b|utc\b|(?:ب?توقيت\s+)?(?:غرينتش|جرينتش)|ب?توقيت\s+مكه(?:\s+المكرمه)?)";

struct Patterns {
    named_day_first: Regex,
    named_month_first: Regex,
    iso: Regex,
    numeric_day_first: Regex,
    numeric_year_first: Regex,
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
    let months = MONTHS.iter().map(|(m, _)| regex::escape(m)).collect::<Vec<_>>().join("|");
    let month = |name: &str| format!(r"(?P<{name}>{months})\b");
    let tail = format!(r"(?:\s*(?:[-–,|،]|\bفي\b|\bالساعه\b|\bat\b)?\s*{TIME}(?:\s*{OFFSET})?)?");
    let doubled = format!(r"(?:\s*[/\\(-]\s*{}\s*\)?)?", month("m2"));
    let re = |s: String| Regex::new(&s).expect("date pattern compiles");
    Patterns {
        named_day_first: re(format!(
            r"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*(?:من\s+)?{}{doubled}\s*,?\s*(?P<y>\d{{4}})\b{tail}",
            month("m")
        )),
        named_month_first: re(format!(
            r"\b{}{doubled}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*(?P<y>\d{{4}})\b{tail}",
            month("m")
        )),
        iso: re(format!(r"\b(?P<y>\d{{4}})-(?P<mo>\d{{1,2}})-(?P<d>\d{{1,2}})(?:(?:t|\s+){TIME}(?:\s*{OFFSET})?)?")),
        numeric_day_first: re(format!(
            r"\b(?P<d>\d{{1,2}})(?P<sep>\s?[/.-]\s?)(?P<mo>\d{{1,2}})(?P=sep)(?P<y>\d{{4}})\b{tail}"
        )
        // Sites space the slashes out: "الثلاثاء ١ / ١٢ / ٢٠٢٠".
        .replace("(?P=sep)", r"\s?[/.-]\s?")),
        numeric_year_first: re(format!(r"\b(?P<y>\d{{4}})/(?P<mo>\d{{1,2}})/(?P<d>\d{{1,2}})\b{tail}")),
    }
});

/// A date found in matching-form text, with the byte range it covers there.
#[derive(Debug, Clone, PartialEq)]
pub struct DateMatch {
    pub date: PubDate,
    pub span: Range<usize>,
}

/// The first date in `text` (any form: original or normalized).
pub fn parse_date(text: &str) -> Option<PubDate> {
    find_date(&marsad_text::normalize(text)).map(|m| m.date)
}

/// Like [`parse_date`], and relative forms ("منذ ساعتين", "أمس") are read
/// too, against `fetched_at`, the moment the page was fetched.
pub fn parse_date_at(text: &str, fetched_at: Option<DateTime<FixedOffset>>) -> Option<PubDate> {
    find_date_at(&marsad_text::normalize(text), fetched_at).map(|m| m.date)
}

/// [`find_date`], plus relative forms when the crawl time is known.
pub fn find_date_at(normalized: &str, fetched_at: Option<DateTime<FixedOffset>>) -> Option<DateMatch> {
    let absolute = find_date(normalized);
    let relative = fetched_at.and_then(|now| relative::find(normalized, now));
    match (absolute, relative) {
        (Some(a), Some(r)) => Some(if r.span.start < a.span.start { r } else { a }),
        (a, r) => a.or(r),
    }
}

/// The first readable date in `normalized` (already in matching form).
pub fn find_date(normalized: &str) -> Option<DateMatch> {
    let gregorian = find_gregorian(normalized);
    match (gregorian, hijri::find(normalized)) {
        (Some(g), Some(h)) => Some(if h.span.start < g.span.start { h } else { g }),
        (g, h) => g.or(h),
    }
}

fn find_gregorian(normalized: &str) -> Option<DateMatch> {
    let p = &*PATTERNS;
    let candidates = [
        (&p.named_day_first, Kind::Named),
        (&p.named_month_first, Kind::Named),
        (&p.iso, Kind::Numeric),
        (&p.numeric_day_first, Kind::DayFirst),
        (&p.numeric_year_first, Kind::Numeric),
    ];
    candidates
        .iter()
        .flat_map(|(re, kind)| re.captures_iter(normalized).filter_map(move |c| read(&c, *kind)))
        .min_by_key(|m| (m.span.start, usize::MAX - m.span.end))
}

#[derive(Clone, Copy)]
enum Kind {
    Named,
    Numeric,
    DayFirst,
}

fn read(c: &Captures<'_>, kind: Kind) -> Option<DateMatch> {
    let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
    let year = num("y")? as i32;
    if !(1900..=2100).contains(&year) {
        return None;
    }
    let (month, day) = match kind {
        Kind::Named => (month_number(c.name("m")?.as_str())?, num("d")?),
        Kind::Numeric => (num("mo")?, num("d")?),
        // Arabic pages write day first; only an impossible month flips it.
        Kind::DayFirst => {
            let (a, b) = (num("d")?, num("mo")?);
            if b > 12 && a <= 12 {
                (a, b)
            } else {
                (b, a)
            }
        }
    };
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    let whole = c.get(0)?;
    let mut end = whole.end();
    let value = match (time_of(c), offset_of(c)) {
        (Some(time), Some(offset)) => {
            let dt = offset.from_local_datetime(&date.and_time(time)).single()?;
            PubDate::DateTime(dt)
        }
        (time, _) => {
            if time.is_none() {
                // The match may have run into a time that was then not read.
                end =
                    ["y", "mo", "d", "m", "m2"].iter().filter_map(|g| c.name(g)).map(|m| m.end()).max().unwrap_or(end);
            }
            PubDate::Date(date)
        }
    };
    Some(DateMatch { date: value, span: whole.start()..end })
}

fn month_number(name: &str) -> Option<u32> {
    MONTHS.iter().find(|(m, _)| *m == name).map(|(_, n)| *n)
}

fn time_of(c: &Captures<'_>) -> Option<NaiveTime> {
    let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
    let mut hour = num("H")?;
    let minute = num("M")?;
    let second = num("S").unwrap_or(0);
    match c.name("ampm").map(|m| m.as_str()) {
        Some("pm" | "م" | "مساء") if hour < 12 => hour += 12,
        Some("am" | "ص" | "صباحا") if hour == 12 => hour = 0,
        _ => {}
    }
    NaiveTime::from_hms_opt(hour, minute, second)
}

fn offset_of(c: &Captures<'_>) -> Option<FixedOffset> {
    let tz = c.name("tz")?.as_str();
    let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<i32>().ok());
    let (sign, hours, minutes) = if let Some(s) = c.name("sign") {
        (s.as_str(), num("oh")?, num("om").unwrap_or(0))
    } else if let Some(s) = c.name("isign") {
        (s.as_str(), num("ioh")?, num("iom").unwrap_or(0))
    } else if tz.contains("مكه") {
        ("+", 3, 0)
    } else {
        ("+", 0, 0)
    };
    if hours > 14 || minutes > 59 {
        return None;
    }
    let secs = (hours * 60 + minutes) * 60;
    FixedOffset::east_opt(if sign == "-" { -secs } else { secs })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> String {
        parse_date(s).map(|d| d.to_string()).unwrap_or_else(|| "none".into())
    }

    #[test]
    fn forms_seen_on_arabic_news_pages() {
        let cases = [
            ("14th, September 2023 GMT", "2023-09-14"),
            ("الخميس 14 سبتمبر 2023", "2023-09-14"),
            ("14/09/2023", "2023-09-14"),
            ("١٤ أيلول ٢٠٢٣", "2023-09-14"),
            ("2023-09-14 10:30 GMT+4", "2023-09-14T10:30:00+04:00"),
            ("2023-09-14T10:30:00+03:00", "2023-09-14T10:30:00+03:00"),
            ("2023-09-14T07:30:00Z", "2023-09-14T07:30:00+00:00"),
            ("الأحد، 3 شباط/فبراير 2019", "2019-02-03"),
            ("3 فبراير (شباط) 2019", "2019-02-03"),
            ("14 تشرين الأول 2023", "2023-10-14"),
            ("1 كانون الثاني 2024 - 09:15 بتوقيت غرينتش", "2024-01-01T09:15:00+00:00"),
            ("الاثنين 13 مايو 2024 02:00 م", "2024-05-13"),
            ("13 مايو 2024 02:00 م بتوقيت مكة المكرمة", "2024-05-13T14:00:00+03:00"),
            ("September 14, 2023", "2023-09-14"),
            ("Sep 14th, 2023 at 10:30 UTC", "2023-09-14T10:30:00+00:00"),
            ("15 جويلية 2021", "2021-07-15"),
            ("2023/09/14", "2023-09-14"),
            ("09/14/2023", "2023-09-14"),
            ("الثلاثاء ١ / ١٢ / ٢٠٢٠", "2020-12-01"),
        ];
        for (input, want) in cases {
            assert_eq!(date(input), want, "{input}");
        }
    }

    #[test]
    fn a_time_without_offset_gives_only_the_date() {
        assert_eq!(date("14 سبتمبر 2023 الساعة 10:30"), "2023-09-14");
    }

    #[test]
    fn no_date_is_invented() {
        for s in
            ["ومنذ شباط /فبراير عام 2022، تشن روسيا هجوما", "لنحو 40 ثانية", "31 فبراير 2023", "منذ ساعتين", "أمس", ""]
        {
            assert_eq!(date(s), "none", "{s}");
        }
    }
}
