//! Golden tests on HTML pages written for these tests, modelled on the
//! structures of real Arabic news sites (tests/html/make_pages.py writes
//! them, in their encodings): JSON-LD and bare pages, windows-1256 and
//! ISO-8859-6 bytes under honest and lying labels, `<br>` paragraphs, Hijri
//! and relative dates, a logo h1, a body split by a photo, and the furniture
//! sites put around articles. Each `NAME.html` has its expected article in
//! `NAME.expected.json`; regenerate with
//! `UPDATE_GOLDEN=1 cargo test -p marsad-extract --test html_pages` and
//! review the diff.

use std::path::{Path, PathBuf};

use chrono::DateTime;
use marsad_core::Article;
use marsad_extract::{extract_document, Document};

/// The crawl time relative dates resolve against.
const FETCHED_AT: &str = "2024-05-13T10:00:00+03:00";

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/html")
}

fn extract_with(name: &str, fetched_at: Option<&str>) -> (Article, &'static str) {
    let bytes = std::fs::read(dir().join(name)).unwrap();
    let doc = Document {
        bytes: &bytes,
        content_type: None,
        url: None,
        fetched_at: fetched_at.map(|t| DateTime::parse_from_rfc3339(t).unwrap()),
    };
    let mut e = extract_document(&doc).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(e.articles.len(), 1, "{name}");
    (e.articles.remove(0), e.encoding)
}

fn extract(name: &str) -> Article {
    extract_with(name, Some(FETCHED_AT)).0
}

fn paragraphs(a: &Article) -> Vec<&str> {
    a.body.split('\n').collect()
}

/// Text of the furniture in the test pages; none may reach a body.
const FURNITURE: &[&str] = &[
    "الرئيسية",
    "عاجل",
    "ملفات تعريف الارتباط",
    "الأكثر قراءة",
    "الأكثر مشاهدة",
    "أبو خالد",
    "أضف تعليقك",
    "أخبار ذات صلة",
    "قطر توقع اتفاقية",
    "إعلان",
    "مساحة إعلانية",
    "فيسبوك",
    "جميع الحقوق محفوظة",
    "الوسوم",
    "أرسل إلى صديق",
    "النشرة البريدية",
    "لحظة إطلاق الصاروخ",
    "محطة التحلية الجديدة على ساحل",
    "بقلم",
    "اقرأ أيضا",
    "شاهد أيضا",
    "مباحثات سعودية كويتية",
    "أرشيف الأعداد",
];

#[test]
fn no_furniture_in_any_body() {
    for name in page_names() {
        let a = extract(&name);
        for p in paragraphs(&a) {
            assert!(!p.trim().is_empty(), "{name}: empty paragraph");
            assert_ne!(p, "مشاركة", "{name}: the share button's label in the body");
            for f in FURNITURE {
                assert!(!p.contains(f), "{name}: {f:?} in body paragraph {p:?}");
            }
        }
    }
}

#[test]
fn json_ld_page_gives_every_field() {
    let a = extract("gulf_jsonld.html");
    assert_eq!(a.title, "الإمارات تطلق أكبر محطة لتحلية المياه بالطاقة الشمسية في المنطقة");
    assert_eq!(a.published.unwrap().to_string(), "2024-03-11T08:30:00+04:00");
    assert_eq!(a.modified.unwrap().to_string(), "2024-03-11T12:05:00+04:00");
    assert_eq!(a.author.as_deref(), Some("مريم الكعبي"));
    assert_eq!(a.section.as_deref(), Some("اقتصاد"));
    assert_eq!(a.site_name.as_deref(), Some("الخليج اليوم"));
    assert_eq!(a.image.as_deref(), Some("https://cdn.gulf-today.example/img/2024/desal.jpg"));
    assert_eq!(a.tags, ["تحلية المياه", "الطاقة الشمسية", "أبوظبي"]);
    assert_eq!(a.read_also, ["السعودية تبدأ تشغيل أول مزرعة رياح في شمال المملكة"]);
    assert_eq!(a.lang, "ar");
    let body = paragraphs(&a);
    assert_eq!(body.len(), 5, "{body:#?}");
    assert!(body[0].starts_with("أبوظبي - أعلنت وزارة الطاقة"));
    assert_eq!(body[2], "تقنيات حديثة");
}

#[test]
fn legacy_encodings_under_honest_and_lying_labels() {
    let (a, enc) = extract_with("levant_windows1256.html", None);
    assert_eq!(enc, "windows-1256");
    assert_eq!(a.title, "بلدية بيروت تبدأ ترميم الأسواق القديمة");
    assert_eq!(a.published.unwrap().to_string(), "2019-04-03");
    assert_eq!(paragraphs(&a).len(), 3);

    let (a, enc) = extract_with("iso8859_6_mislabelled.html", None);
    assert_eq!(enc, "ISO-8859-6");
    assert_eq!(a.title, "افتتاح معرض الكتاب الدولي بمشاركة خمسين دارا للنشر");
    assert_eq!(a.published.unwrap().to_string(), "2023-09-14");
    assert!(a.body.starts_with("افتتح وزير الثقافة مساء الخميس"));

    let (a, enc) = extract_with("utf8_labelled_1256.html", None);
    assert_eq!(enc, "UTF-8");
    assert_eq!(a.title, "الجزائر: انطلاق حملة وطنية لتشجير الغابات المتضررة من الحرائق");
    assert_eq!(a.published.unwrap().to_string(), "2021-07-15T10:00:00+01:00");
    assert_eq!(a.tags, ["التشجير", "الغابات"]);
    assert_eq!(paragraphs(&a).len(), 2);
}

#[test]
fn br_paragraphs_subheadings_and_a_hijri_date() {
    let a = extract("hijri_br_paragraphs.html");
    assert_eq!(a.title, "أمانة الرياض تفتتح ثلاث حدائق جديدة في أحياء شمال المدينة");
    // 29 Rabi' al-Awwal 1445 (Umm al-Qura) is 14 October 2023.
    assert_eq!(a.published.unwrap().to_string(), "2023-10-14");
    let body = paragraphs(&a);
    assert_eq!(body.len(), 5, "{body:#?}");
    assert_eq!(body[2], "مشاركة الأهالي");
    assert_eq!(a.author.as_deref(), Some("عبدالله القحطاني - الرياض"));
}

#[test]
fn relative_dates_need_the_crawl_time() {
    let a = extract("relative_date.html");
    assert_eq!(a.published.unwrap().to_string(), "2024-05-13T08:00:00+03:00");
    let (a, _) = extract_with("relative_date.html", None);
    assert_eq!(a.published, None);
}

#[test]
fn bare_page_and_nothing_invented() {
    let a = extract("no_metadata.html");
    assert_eq!(a.title, "جامعة تونس تعلن عن منح دراسية لطلاب الدكتوراه");
    assert_eq!(paragraphs(&a).len(), 2);
    assert_eq!(
        (&a.published, &a.modified, &a.author, &a.section, &a.site_name, &a.url, &a.image),
        (&None, &None, &None, &None, &None, &None, &None)
    );
    assert!(a.tags.is_empty() && a.read_also.is_empty());
}

#[test]
fn logo_h1_and_a_body_split_by_a_photo() {
    let a = extract("split_body_logo_h1.html");
    assert_eq!(a.title, "المغرب يطلق قمرا اصطناعيا لرصد التغيرات المناخية");
    assert_eq!(a.published.unwrap().to_string(), "2019-02-03");
    assert_eq!(paragraphs(&a).len(), 4);
    assert_eq!(a.author.as_deref(), Some("يوسف بنعلي"));
    assert_eq!(a.read_also, ["الجزائر تطلق برنامجا لتطوير الأقمار الاصطناعية الصغيرة"]);
}

#[test]
fn golden_files() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    for name in page_names() {
        let got = serde_json::to_string_pretty(&extract(&name)).unwrap() + "\n";
        let golden = dir().join(name.replace(".html", ".expected.json"));
        if update {
            std::fs::write(&golden, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&golden).unwrap_or_else(|_| panic!("missing {}", golden.display()));
        assert_eq!(got, want, "{name} differs from {}", golden.display());
    }
}

fn page_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".html"))
        .collect();
    names.sort();
    assert!(names.len() >= 8, "{names:?}");
    names
}
