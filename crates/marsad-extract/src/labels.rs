//! Labels that scraped pages print before a value or glue into the text,
//! compared in matching form so that "إقرأ أيضاً" and "اقرا ايضا" are one.

/// Headers of a list of appended articles.
pub const READ_ALSO: &[&str] = &["اقرا ايضا", "اقرا كذلك", "اقرا المزيد من الاخبار"];

/// Widget labels that a scrape glues into the body; never article text.
pub const WIDGETS: &[&str] = &[
    "اخبار ذات صله",
    "اخبار متعلقه",
    "مواضيع ذات صله",
    "موضوعات ذات صله",
    "مقالات ذات صله",
    "اقرا المزيد",
    "اقرا ايضا",
    "اقرا كذلك",
    "شاهد ايضا",
    "شاهد المزيد",
    "شاهد بالفيديو",
    "قد يهمك ايضا",
    "قد يعجبك ايضا",
    "الاكثر قراءه",
    "الاكثر مشاهده",
];

pub const PUBLISHED: &[&str] =
    &["تاريخ النشر", "نشر بتاريخ", "نشر في", "تاريخ الخبر", "التاريخ", "تاريخ", "بتاريخ", "published", "date"];

pub const UPDATED: &[&str] = &["اخر تحديث", "تاريخ التحديث", "تم التحديث", "updated", "last updated"];

pub const SOURCE: &[&str] = &["المصدر", "مصدر الخبر", "source"];

pub const TAGS: &[&str] =
    &["كلمات دلاليه", "الكلمات الدلاليه", "كلمات مفتاحيه", "الكلمات المفتاحيه", "الوسوم", "وسوم", "tags", "keywords"];

/// If `line` starts with one of `labels` (compared in matching form, so
/// diacritics and hamza forms in the original do not matter), the label
/// found and the rest of the ORIGINAL line after it. Longer labels win.
pub fn strip_label<'a>(line: &'a str, labels: &[&'static str]) -> Option<(&'static str, &'a str)> {
    strip(line, labels).filter(|(_, rest)| !rest.chars().next().is_some_and(char::is_alphanumeric))
}

/// Like [`strip_label`] for widget labels, which a scrape also glues to the
/// next word with no space ("أخبار ذات صلةاستقبل").
pub fn strip_widget(line: &str) -> Option<&str> {
    strip(line, WIDGETS).map(|(_, rest)| rest)
}

fn strip<'a>(line: &'a str, labels: &[&'static str]) -> Option<(&'static str, &'a str)> {
    let mut seen = String::new();
    let mut buf = [0u8; 4];
    let mut best = None;
    for (i, c) in line.char_indices() {
        seen.push_str(&marsad_text::normalize(c.encode_utf8(&mut buf)));
        if !labels.iter().any(|l| l.starts_with(seen.as_str())) {
            break;
        }
        if let Some(label) = labels.iter().find(|l| **l == seen) {
            best = Some((*label, &line[i + c.len_utf8()..]));
        }
    }
    best
}

/// The value after a label: "المصدر: صحيفة الاتحاد" → "صحيفة الاتحاد".
pub fn value_after_colon(rest: &str) -> Option<&str> {
    let rest = rest.trim_start();
    let rest = rest.strip_prefix(':').or_else(|| rest.strip_prefix('：'))?;
    Some(rest.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_match_in_any_spelling() {
        assert_eq!(strip_label("إقرأ أيضاً:", READ_ALSO), Some(("اقرا ايضا", ":")));
        assert_eq!(strip_label("اقرأ أيضا", READ_ALSO), Some(("اقرا ايضا", "")));
        assert_eq!(strip_widget("أخبار ذات صلةاستقبل الرئيس"), Some("استقبل الرئيس"));
    }

    #[test]
    fn labels_end_at_a_word_boundary() {
        assert_eq!(strip_label("تاريخية هذه الزيارة", PUBLISHED), None);
        assert_eq!(strip_label("المصدري", SOURCE), None);
    }
}
