//! The article-volume chart, drawn on the server as SVG: no script, and it
//! reads the same with styles or fonts missing. Time runs from right to
//! left, as the page is read.

use std::fmt::Write;

use chrono::NaiveDate;

use crate::dates::{arabic_day, ShownDate};

const WIDTH: f64 = 600.0;
const HEIGHT: f64 = 180.0;
const BASELINE: f64 = 170.0;
const TOP: f64 = 14.0;

pub(crate) struct VolumeChart {
    /// The `<svg>` element; every text in it is made here from numbers and dates.
    pub svg: String,
    pub from: ShownDate,
    pub to: ShownDate,
    pub total: i64,
    pub peak: Option<(ShownDate, i64)>,
}

/// Bars for each of the `days` days ending on `to`, from the counts given
/// (days missing from `counts` had no articles).
pub(crate) fn volume(counts: &[(NaiveDate, i64)], to: NaiveDate, days: u32) -> VolumeChart {
    let from = to - chrono::Days::new(u64::from(days.max(1) - 1));
    let series: Vec<(NaiveDate, i64)> = from
        .iter_days()
        .take(days as usize)
        .map(|d| (d, counts.iter().find(|(c, _)| *c == d).map_or(0, |(_, n)| *n)))
        .collect();
    let max = series.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let slot = WIDTH / series.len() as f64;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="volume-caption" focusable="false">"#
    );
    let _ = write!(svg, r#"<line class="axis" x1="0" y1="{BASELINE}" x2="{WIDTH}" y2="{BASELINE}"/>"#);
    let _ = write!(svg, r#"<line class="grid" x1="0" y1="{TOP}" x2="{WIDTH}" y2="{TOP}"/>"#);
    let _ = write!(svg, r#"<text class="max" x="{}" y="{}">{max}</text>"#, WIDTH - 2.0, TOP - 3.0);
    for (i, (day, n)) in series.iter().enumerate() {
        let h = (BASELINE - TOP) * (*n as f64) / (max as f64);
        let x = WIDTH - (i as f64 + 1.0) * slot + slot * 0.15;
        let _ = write!(
            svg,
            r#"<rect class="bar" x="{x:.1}" y="{:.1}" width="{:.1}" height="{h:.1}"><title>{}: {n}</title></rect>"#,
            BASELINE - h,
            slot * 0.7,
            arabic_day(*day),
        );
    }
    svg.push_str("</svg>");
    let total = series.iter().map(|(_, n)| n).sum();
    let peak = series.iter().filter(|(_, n)| *n > 0).max_by_key(|(d, n)| (*n, std::cmp::Reverse(*d)));
    VolumeChart {
        svg,
        from: ShownDate::day(from),
        to: ShownDate::day(to),
        total,
        peak: peak.map(|(d, n)| (ShownDate::day(*d), *n)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_one_bar_per_day_newest_on_the_left() {
        let to = NaiveDate::from_ymd_opt(2023, 9, 14).unwrap();
        let c = volume(&[(to, 4), (to - chrono::Days::new(29), 2)], to, 30);
        assert_eq!(c.svg.matches("<rect").count(), 30);
        assert_eq!((c.total, c.from.machine.as_str()), (6, "2023-08-16"));
        assert_eq!(c.peak.as_ref().map(|(d, n)| (d.text.as_str(), *n)), Some(("14 سبتمبر 2023", 4)));
        // The newest day is the leftmost bar, and the tallest.
        assert!(
            c.svg.contains(r#"x="3.0" y="14.0" width="14.0" height="156.0"><title>14 سبتمبر 2023: 4<"#),
            "{}",
            c.svg
        );
    }
}
