//! Counted nouns in Arabic: the noun's form depends on the number's last
//! two digits (1 and 2 have their own forms, 3–10 take the plural, 11–99
//! the accusative singular, hundreds the singular).

use std::borrow::Borrow;

pub(crate) struct Noun {
    singular: &'static str,
    one: &'static str,
    two: &'static str,
    plural: &'static str,
    accusative: &'static str,
}

pub(crate) const NEWS: Noun =
    Noun {
        singular: "خبر", one: "خبر واحد", two: "خبران", plural: "أخبار", accusative: "خبراً"
    };
pub(crate) const SOURCES: Noun =
    Noun {
        singular: "مصدر", one: "مصدر واحد", two: "مصدران", plural: "مصادر", accusative: "مصدراً"
    };
pub(crate) const RESULTS: Noun =
    Noun {
        singular: "نتيجة", one: "نتيجة واحدة", two: "نتيجتان", plural: "نتائج", accusative: "نتيجةً"
    };
pub(crate) const COPIES: Noun =
    Noun {
        singular: "نسخة", one: "نسخة واحدة", two: "نسختان", plural: "نسخ", accusative: "نسخةً"
    };

/// "خبر واحد", "خبران", "5 أخبار", "320 خبراً", "100 خبر".
pub(crate) fn count(n: impl Into<i64>, noun: &Noun) -> String {
    let n = n.into();
    match (n, n.rem_euclid(100)) {
        (1, _) => noun.one.to_owned(),
        (2, _) => noun.two.to_owned(),
        (_, 3..=10) => format!("{n} {}", noun.plural),
        (_, 11..=99) => format!("{n} {}", noun.accusative),
        _ => format!("{n} {}", noun.singular),
    }
}

// For templates, which cannot name the constants and pass values by reference.
pub(crate) fn news(n: impl Borrow<i64>) -> String {
    count(*n.borrow(), &NEWS)
}
pub(crate) fn sources(n: impl Borrow<i64>) -> String {
    count(*n.borrow(), &SOURCES)
}
pub(crate) fn copies(n: impl Borrow<usize>) -> String {
    count(*n.borrow() as i64, &COPIES)
}
pub(crate) fn results(n: impl Borrow<usize>) -> String {
    count(*n.borrow() as i64, &RESULTS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_the_number() {
        let got: Vec<_> = [0, 1, 2, 3, 10, 11, 99, 100, 102, 105, 320].iter().map(news).collect();
        assert_eq!(
            got,
            [
                "0 خبر",
                "خبر واحد",
                "خبران",
                "3 أخبار",
                "10 أخبار",
                "11 خبراً",
                "99 خبراً",
                "100 خبر",
                "102 خبر",
                "105 أخبار",
                "320 خبراً"
            ]
        );
        assert_eq!(results(14), "14 نتيجةً");
        assert_eq!((copies(2), copies(4)), ("نسختان".to_owned(), "4 نسخ".to_owned()));
    }
}
