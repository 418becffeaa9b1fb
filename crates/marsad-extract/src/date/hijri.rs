//! Hijri dates ("29 ربيع الأول 1445 هـ", "١٤ صفر ١٤٤٥هـ"), converted to the
//! Gregorian day with ICU4X's Umm al-Qura calendar: the official calendar of
//! Saudi Arabia, which Gulf news sites print, and within a day of the
//! sighted months that other countries announce.

use std::sync::LazyLock;

use chrono::NaiveDate;
use icu_calendar::cal::{Hijri, Iso};
use icu_calendar::Date;
use marsad_core::PubDate;
use regex::Regex;

use super::DateMatch;

/// Month names in matching form, with every spelling news pages use.
const MONTHS: &[(&str, u8)] = &[
    ("المحرم", 1),
    ("محرم", 1),
    ("صفر", 2),
    ("ربيع الاول", 3),
    ("ربيع اول", 3),
    ("ربيع الثاني", 4),
    ("ربيع الاخر", 4),
    ("ربيع ثاني", 4),
    ("جمادي الاولي", 5),
    ("جمادي الاول", 5),
    ("جمادي اولي", 5),
    ("جمادي الثانيه", 6),
    ("جمادي الاخره", 6),
    ("جمادي الثاني", 6),
    ("جمادي الاخر", 6),
    ("رجب", 7),
    ("شعبان", 8),
    ("رمضان", 9),
    ("شوال", 10),
    ("ذو القعده", 11),
    ("ذي القعده", 11),
    ("ذو الحجه", 12),
    ("ذي الحجه", 12),
];

static PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    let mut names: Vec<&str> = MONTHS.iter().map(|(m, _)| *m).collect();
    // Longest first, so that "جمادي الاولي" wins over "جمادي الاول".
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    let months = names.iter().map(|m| regex::escape(m)).collect::<Vec<_>>().join("|");
    // The year range keeps a Gregorian year out: Hijri 1300-1600 is 1882-2174 CE.
    Regex::new(&format!(
        r"\b(?P<d>\d{{1,2}})\s*(?:من\s+)?(?P<m>{months})\s*,?\s*(?P<y>1[3-5]\d\d)(?:\s*(?:ه\b|هجري|هجريه|للهجره))?"
    ))
    .expect("hijri pattern compiles")
});

/// The first Hijri date in `normalized`.
pub(super) fn find(normalized: &str) -> Option<DateMatch> {
    PATTERN.captures_iter(normalized).find_map(|c| {
        let day: u8 = c["d"].parse().ok()?;
        let year: i32 = c["y"].parse().ok()?;
        let month = MONTHS.iter().find(|(m, _)| *m == &c["m"]).map(|(_, n)| *n)?;
        let date = to_gregorian(year, month, day)?;
        let whole = c.get(0)?;
        Some(DateMatch { date: PubDate::Date(date), span: whole.start()..whole.end() })
    })
}

/// The Gregorian day of a Umm al-Qura date; `None` for a day the month does
/// not have (30 in a 29-day month).
pub fn to_gregorian(year: i32, month: u8, day: u8) -> Option<NaiveDate> {
    let hijri = Date::try_new_hijri_with_calendar(year, month, day, Hijri::new_umm_al_qura()).ok()?;
    let iso = hijri.to_calendar(Iso);
    NaiveDate::from_ymd_opt(iso.year().extended_year(), u32::from(iso.month().ordinal), u32::from(iso.day_of_month().0))
}

#[cfg(test)]
mod tests {
    use crate::date::parse_date;

    fn date(s: &str) -> String {
        parse_date(s).map(|d| d.to_string()).unwrap_or_else(|| "none".into())
    }

    #[test]
    fn hijri_forms() {
        // Checked against the Umm al-Qura tables (KACST): 1 Ramadan 1445 was
        // Monday 11 March 2024; 29 Rabi' al-Awwal 1445 was 14 October 2023.
        let cases = [
            ("29 ربيع الأول 1445 هـ", "2023-10-14"),
            ("١٤ صفر ١٤٤٥هـ", "2023-08-30"),
            ("الاثنين 1 رمضان 1445هـ", "2024-03-11"),
            ("10 ذو الحجة 1444 هـ", "2023-06-28"),
            ("1 محرم 1446", "2024-07-07"),
            ("15 جمادى الآخرة 1445 هـ", "2023-12-28"),
        ];
        for (input, want) in cases {
            assert_eq!(date(input), want, "{input}");
        }
    }

    #[test]
    fn impossible_hijri_days_and_years_are_refused() {
        for s in ["31 رمضان 1445 هـ", "12 رمضان 2024", "صفر 1445"] {
            assert_eq!(date(s), "none", "{s}");
        }
    }
}
