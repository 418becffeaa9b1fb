//! Dates as an Arabic reader writes them ("14 سبتمبر 2023"), next to the
//! machine-readable form for `<time datetime>`.

use chrono::{Datelike, NaiveDate};
use marsad_core::PubDate;

/// The Gregorian month names used across the Arab press (Egypt, the Gulf).
const MONTHS: [&str; 12] =
    ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"];

pub(crate) fn arabic_day(day: NaiveDate) -> String {
    format!("{} {} {}", day.day(), MONTHS[day.month0() as usize], day.year())
}

/// A date ready for a template: what to show and what `datetime` says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ShownDate {
    pub text: String,
    pub machine: String,
}

impl ShownDate {
    pub fn of(date: &PubDate) -> ShownDate {
        ShownDate { text: arabic_day(date.day()), machine: date.to_string() }
    }

    pub fn day(day: NaiveDate) -> ShownDate {
        ShownDate { text: arabic_day(day), machine: day.to_string() }
    }

    /// From a stored ISO string; `None` when it is not a date.
    pub fn parse(iso: &str) -> Option<ShownDate> {
        iso.parse::<PubDate>().ok().map(|d| ShownDate::of(&d))
    }

    /// A story's first and last day, the last only when it is another day.
    pub fn span(first: &str, last: &str) -> (Option<ShownDate>, Option<ShownDate>) {
        (ShownDate::parse(first), if last == first { None } else { ShownDate::parse(last) })
    }
}

/// A stored `YYYY-MM-DD` written the Arabic way (as is if it is not one).
pub(crate) fn iso_day_text(iso: &str) -> String {
    iso.parse().map(arabic_day).unwrap_or_else(|_| iso.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_the_day_the_arabic_way() {
        let d = NaiveDate::from_ymd_opt(2023, 9, 14).unwrap();
        assert_eq!(arabic_day(d), "14 سبتمبر 2023");
        let shown = ShownDate::parse("2023-09-14T10:30:00+04:00").unwrap();
        assert_eq!(shown.text, "14 سبتمبر 2023");
        assert_eq!(shown.machine, "2023-09-14T10:30:00+04:00");
        assert_eq!(ShownDate::parse("أمس"), None);
    }
}
