//! Golden tests on the plain-text page family: the seed page and pages that
//! vary each of its rules. Each `pages/NAME.txt` has its expected articles in
//! `pages/NAME.expected.json`; after a deliberate change, regenerate them
//! with `UPDATE_GOLDEN=1 cargo test -p marsad-extract --test pages` and review
//! the diff.

use std::path::{Path, PathBuf};

use marsad_core::Article;
use marsad_extract::extract_text_page;

fn pages_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages")
}

fn extract(name: &str) -> Vec<Article> {
    let bytes = std::fs::read(pages_dir().join(name)).unwrap();
    extract_text_page(&bytes).unwrap_or_else(|e| panic!("{name}: {e}")).articles
}

fn paragraphs(a: &Article) -> Vec<&str> {
    a.body.split('\n').collect()
}

#[test]
fn seed_page_gives_exactly_its_two_articles() {
    let articles = extract("seed.txt");
    assert_eq!(articles.len(), 2);
    let (first, second) = (&articles[0], &articles[1]);

    assert_eq!(first.title, "موسكو: مستعدون لمساعدة بيونج يانج في بناء أقمار اصطناعية");
    assert_eq!(first.published.unwrap().to_string(), "2023-09-14");
    assert_eq!(first.dateline.as_deref(), Some("موسكو"));
    assert_eq!(first.credit.as_deref(), Some("وكالات"));
    assert_eq!(first.source.as_deref(), Some("صحيفة الاتحاد"));
    let body = paragraphs(first);
    assert_eq!(body.len(), 6);
    assert!(body[0].starts_with("استقبل الرئيس الروسي"), "{}", body[0]);
    assert!(body[5].ends_with("لعلاقاتها مع روسيا."));
    assert_eq!(
        first.tags,
        ["الرئيس الروسي", "روسيا", "فلاديمير بوتين", "كيم جونغ أون", "الزعيم الكوري الشمالي", "كوريا الشمالية"]
    );
    assert_eq!(first.read_also, std::slice::from_ref(&second.title));
    assert_eq!(first.lang, "ar");

    assert_eq!(second.title, "ماكرون: مستقبل أوروبا يجب أن يتحدد بها وليس في واشنطن أو موسكو");
    assert_eq!(paragraphs(second).len(), 9);
    assert_eq!((second.published, &second.dateline, &second.source), (None, &None, &None));
    assert!(second.tags.is_empty());
    assert!(second.credit.is_none());
}

#[test]
fn no_metadata_line_stays_in_any_body() {
    let metadata = [
        "تاريخ النشر",
        "المصدر:",
        "كلمات دلالية",
        "إقرأ أيضاً",
        "اقرأ أيضا",
        "اقرأ المزيد",
        "شاهد أيضاً",
        "أخبار ذات صلة",
    ];
    for name in page_names() {
        for a in extract(&name) {
            for p in paragraphs(&a) {
                assert!(!metadata.iter().any(|m| p.contains(m)), "{name}: metadata in body: {p}");
                assert_ne!(p.trim(), "", "{name}: empty paragraph");
            }
        }
    }
}

#[test]
fn date_forms() {
    for (page, date) in [
        ("no_credit.txt", "2023-09-14"),
        ("date_numeric.txt", "2023-09-14"),
        ("date_levantine_indic.txt", "2023-09-14"),
        ("date_time_offset.txt", "2023-09-14T10:30:00+04:00"),
        ("inline_dateline.txt", "2023-09-14"),
    ] {
        assert_eq!(extract(page)[0].published.map(|d| d.to_string()).as_deref(), Some(date), "{page}");
    }
}

#[test]
fn encodings_and_line_ends_do_not_change_the_articles() {
    assert_eq!(extract("crlf.txt"), extract("date_numeric.txt"));
    assert_eq!(extract("bom.txt"), extract("date_levantine_indic.txt"));
    assert_eq!(extract("windows1256.txt"), extract("no_credit.txt"));
}

#[test]
fn no_tags_no_credit() {
    assert!(extract("no_tags.txt")[0].tags.is_empty());
    let a = &extract("no_credit.txt")[0];
    assert_eq!((&a.dateline, &a.credit), (&None, &None));
    // Boundaries recovered through proclitics in the text ("بالطاقة الشمسية").
    assert_eq!(a.tags, ["وزارة الطاقة", "الطاقة الشمسية", "تحلية المياه"]);
}

#[test]
fn glued_widget_labels_are_removed() {
    let a = &extract("widget_read_more.txt")[0];
    assert!(a.body.starts_with("تأهل المنتخب السعودي"));
    let a = &extract("widget_watch_also.txt")[0];
    assert!(a.body.starts_with("أطلقت وكالة الفضاء"));
    assert_eq!(paragraphs(a).len(), 3);
}

#[test]
fn several_appended_articles_inherit_nothing() {
    let articles = extract("several_appended.txt");
    let titles: Vec<&str> = articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "البنك المركزي يبقي أسعار الفائدة دون تغيير",
            "افتتاح متحف جديد للحضارة النوبية في أسوان",
            "ارتفاع صادرات الحمضيات بنسبة 20 في المئة",
            "موسم الحج يبدأ بوصول أولى رحلات الحجاج",
        ]
    );
    assert_eq!(articles[0].read_also, titles[1..]);
    for a in &articles[1..] {
        assert_eq!((a.published, &a.dateline, &a.credit, &a.source), (None, &None, &None, &None), "{}", a.title);
        assert!(a.tags.is_empty() && a.read_also.is_empty());
        assert_eq!(paragraphs(a).len(), 2, "{}", a.title);
    }
}

#[test]
fn an_appended_article_keeps_its_own_metadata() {
    let articles = extract("appended_with_own_metadata.txt");
    assert_eq!(articles[1].published.unwrap().to_string(), "2023-09-12");
    assert_eq!(articles[1].source.as_deref(), Some("هسبريس"));
    assert_eq!((&articles[1].dateline, &articles[1].credit), (&None, &None));
}

#[test]
fn inline_dateline_and_read_also_link() {
    let a = &extract("inline_dateline.txt")[0];
    assert_eq!((a.dateline.as_deref(), a.credit.as_deref()), (Some("بيروت"), Some("أ ف ب")));
    assert!(a.body.starts_with("دعا الأمين العام"));
    let a = &extract("read_also_link.txt")[0];
    assert_eq!(a.read_also, ["الكويت تفوز بذهبية الرماية في دورة الألعاب الآسيوية"]);
    assert_eq!(paragraphs(a).len(), 2);
}

#[test]
fn explicit_tag_separators() {
    assert_eq!(extract("tags_with_commas.txt")[0].tags, ["التشجير", "المدن العربية", "التغير المناخي", "عمان"]);
}

#[test]
fn golden_files() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    for name in page_names() {
        let got = serde_json::to_string_pretty(&extract(&name)).unwrap() + "\n";
        let golden = pages_dir().join(name.replace(".txt", ".expected.json"));
        if update {
            std::fs::write(&golden, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&golden).unwrap_or_else(|_| panic!("missing {}", golden.display()));
        assert_eq!(got, want, "{name} differs from {}", golden.display());
    }
}

fn page_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(pages_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    assert!(names.len() >= 13, "{names:?}");
    names
}
