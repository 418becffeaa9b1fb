//! Properties of the parsers on any input: no panic, and the page parser's
//! promises hold on pages assembled from real page lines.

use marsad_extract::{decode, parse_date, parse_page};
use proptest::prelude::*;

const LINES: &[&str] = &[
    "موسكو: مستعدون لمساعدة بيونج يانج في بناء أقمار اصطناعية",
    "تاريخ النشر: 14th, September 2023 GMT",
    "موسكو (وكالات)",
    "أخبار ذات صلةاستقبل الرئيس الروسي فلاديمير بوتين الزعيم الكوري الشمالي كيم جونغ أون.",
    "وأكد بوتين أن موسكو مستعدة لمساعدة كوريا الشمالية في بناء أقمار اصطناعية.",
    "المصدر: صحيفة الاتحاد",
    "كلمات دلالية: الرئيس الروسي روسيا فلاديمير بوتين",
    "إقرأ أيضاً:",
    "اقرأ أيضاً: عنوان مقال آخر",
    "ماكرون: مستقبل أوروبا يجب أن يتحدد بها",
    "الخميس ١٤ أيلول ٢٠٢٣",
    "شاهد أيضاً",
    "",
    "   ",
];

proptest! {
    #[test]
    fn decode_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = decode(&bytes, None);
    }

    #[test]
    fn date_parser_never_panics(s in "\\PC{0,80}") {
        let _ = parse_date(&s);
    }

    #[test]
    fn page_parser_never_panics(s in "(\\PC{0,60}\n){0,12}") {
        let _ = parse_page(&s);
    }

    #[test]
    fn assembled_pages_keep_their_promises(picks in proptest::collection::vec(0..LINES.len(), 1..20), crlf in any::<bool>()) {
        let sep = if crlf { "\r\n" } else { "\n" };
        let page = picks.iter().map(|&i| LINES[i]).collect::<Vec<_>>().join(sep);
        let Ok(articles) = parse_page(&page) else { return Ok(()) };
        prop_assert!(!articles.is_empty());
        for a in &articles {
            prop_assert!(!a.title.is_empty() || a.body.is_empty());
            for p in a.body.split('\n').filter(|p| !p.is_empty()) {
                for marker in ["تاريخ النشر", "المصدر:", "كلمات دلالية", "إقرأ أيضاً", "أخبار ذات صلة", "شاهد أيضاً"] {
                    prop_assert!(!p.contains(marker), "{} in {:?}", marker, p);
                }
            }
        }
        // What follows a read-also header never gives the host its metadata.
        let header = page.find("إقرأ أيضاً:\n").or_else(|| page.find("إقرأ أيضاً:\r"));
        if let Some(at) = header {
            let before = &page[..at];
            if before.contains(articles[0].title.as_str()) && !before.contains("كلمات دلالية") {
                prop_assert!(articles[0].tags.is_empty());
            }
        }
    }
}
