//! The HTML extractor on any input: random bytes, random markup, and real
//! pages mutated (bytes flipped, cut short, tags dropped or nested deep)
//! never panic and finish in bounded time. The test pages of tests/html and
//! the shared development pages (when present) are the seeds.

use std::path::Path;
use std::time::{Duration, Instant};

use marsad_extract::{extract_document, Document};
use proptest::prelude::*;

/// Far above the few milliseconds a page takes in a debug build.
const LIMIT: Duration = Duration::from_secs(5);

fn seeds() -> Vec<Vec<u8>> {
    let mut pages = Vec::new();
    let local = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/html");
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/arabic_news_extraction");
    for dir in [local, shared] {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut paths: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        paths.sort();
        for p in paths {
            let file = if p.is_dir() { p.join("page.html") } else { p };
            if file.extension().is_some_and(|e| e == "html") {
                pages.push(std::fs::read(&file).unwrap());
            }
        }
    }
    assert!(!pages.is_empty());
    pages
}

fn run(bytes: &[u8]) {
    let start = Instant::now();
    let doc = Document { bytes, content_type: Some("text/html"), ..Document::default() };
    if let Ok(e) = extract_document(&doc) {
        for a in &e.articles {
            assert!(!a.body.is_empty());
            assert!(!a.body.split('\n').any(|p| p.trim().is_empty()), "empty paragraph");
        }
    }
    assert!(start.elapsed() < LIMIT, "took {:?}", start.elapsed());
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Cut(usize),
    Drop(usize, usize),
    Insert(usize, &'static str),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        any::<usize>().prop_map(Mutation::Cut),
        (any::<usize>(), 0usize..400).prop_map(|(i, n)| Mutation::Drop(i, n)),
        (
            any::<usize>(),
            prop::sample::select(vec![
                "<div>",
                "</div>",
                "<p>",
                "</p>",
                "<br>",
                "<h1>",
                "</h1>",
                "<script>",
                "<!--",
                "-->",
                "<meta charset=\"windows-1256\">",
                "<a href=x>",
                "\u{FEFF}",
                "\0",
                "<table><tr><td>",
                "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":",
            ])
        )
            .prop_map(|(i, s)| Mutation::Insert(i, s)),
    ]
}

fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = bytes.len().max(1);
        match m {
            Mutation::Flip(i, b) => {
                if !bytes.is_empty() {
                    bytes[i % len] = *b;
                }
            }
            Mutation::Cut(i) => bytes.truncate(i % len),
            Mutation::Drop(i, n) => {
                let start = (i % len).min(bytes.len());
                let end = (start + n).min(bytes.len());
                bytes.drain(start..end);
            }
            Mutation::Insert(i, s) => {
                let at = (i % len).min(bytes.len());
                bytes.splice(at..at, s.bytes());
            }
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        run(&bytes);
    }

    #[test]
    fn random_markup(s in "(<(div|p|h1|h2|br|a|script|article|span)( class=\"(content|share|date|tags)\")?>|</(div|p|h1|a|script|article)>|[ا-ي ،.0-9]{0,40}){0,80}") {
        run(s.as_bytes());
    }

    #[test]
    fn mutated_real_pages(seed in any::<prop::sample::Index>(), mutations in proptest::collection::vec(mutation(), 1..12)) {
        let pages = seeds();
        let page = pages[seed.index(pages.len())].clone();
        run(&mutate(page, &mutations));
    }
}

/// html5ever's tree builder scans its stack of open elements, so time
/// grows with the square of the nesting depth (100,000 levels took 15 s in
/// a release build); nesting past 512 levels is flattened before parsing,
/// and the text inside survives.
#[test]
fn deep_nesting_stays_linear_and_keeps_its_text() {
    let paragraph = "نص عربي طويل بما يكفي ليكون فقرة من فقرات المقال، مع فواصل، وأرقام 2024، ويكفي لأن يقرأ.";
    for depth in [3_000, 100_000] {
        let page = format!(
            "<html><body><h1>عنوان المقال العميق</h1>{}<p>{paragraph}</p><p>{paragraph}</p><p>{paragraph}</p>{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let start = Instant::now();
        let doc = Document { bytes: page.as_bytes(), content_type: Some("text/html"), url: None, fetched_at: None };
        let article = extract_document(&doc).map(|e| e.articles[0].body.clone());
        assert!(start.elapsed() < Duration::from_secs(5), "{depth} levels took {:?}", start.elapsed());
        assert!(article.as_deref().is_ok_and(|b| b.contains(paragraph)), "{depth} levels: {article:?}");
    }
}
