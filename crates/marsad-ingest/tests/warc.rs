//! The WARC reader against files written by warcio, a writer it did not make.

mod support;

use std::path::Path;

use marsad_ingest::warc::{ingest_warc, page_of, Content, WarcReader, MAX_BLOCK};
use marsad_store::Store;
use serde_json::json;
use support::*;

fn news(name: &str) -> String {
    sample(&format!("news-extraction/{name}.txt")).to_str().unwrap().to_owned()
}

fn html(name: &str) -> String {
    repo().join("../shared/data/arabic_news_extraction").join(name).join("page.html").to_str().unwrap().to_owned()
}

const TEXT: &str = "text/plain; charset=utf-8";

/// A crawl as a crawler writes it: warcinfo, a request before each response,
/// pages, an image, an error page, metadata, a resource record.
fn crawl_spec(gzip: bool, version: &str) -> serde_json::Value {
    json!({"gzip": gzip, "version": version, "records": [
        {"type": "warcinfo"},
        {"type": "request", "uri": "https://www.alittihad.ae/news/1"},
        {"type": "response", "uri": "https://www.alittihad.ae/news/1", "date": "2023-09-14T08:30:00Z",
         "headers": [["Content-Type", TEXT]], "body_file": seed().to_str().unwrap()},
        {"type": "response", "uri": "https://example.com/logo.png",
         "headers": [["Content-Type", "image/png"]], "body_b64": "iVBORw0KGgo="},
        {"type": "response", "uri": "https://example.com/missing",
         "headers": [["Content-Type", "text/html"]], "status": "404 Not Found", "body": "<html>404</html>"},
        {"type": "response", "uri": "https://arabic.cnn.com/2013/middle_east/8/3/syria", "date": "2013-08-04T00:00:00Z",
         "headers": [["Content-Type", TEXT]], "body_file": news("cnn_arabic_2013_syria_clashes"),
         "chunked": true, "content_encoding": "gzip"},
        {"type": "metadata", "uri": "https://www.alittihad.ae/news/1", "body": "outlinks: none"},
        {"type": "resource", "uri": "file:///dumps/youm7.txt", "content_type": TEXT,
         "body_file": news("youm7_2020_groundwater_study")},
        {"type": "response", "uri": "https://www.alyaum.com/articles/6294433", "date": "2020-12-01T12:00:00Z",
         "headers": [["Content-Type", "text/html; charset=UTF-8"]], "body_file": html("alyaum_2020_fakhrizadeh_funeral")},
    ]})
}

fn pages(path: &Path) -> (Vec<marsad_ingest::warc::Page>, Vec<String>, Vec<u64>) {
    let file = std::fs::File::open(path).unwrap();
    let mut pages = Vec::new();
    let mut skipped = Vec::new();
    let mut offsets = Vec::new();
    for record in WarcReader::new(file, |_| true, MAX_BLOCK).unwrap() {
        let record = record.unwrap();
        offsets.push(record.offset);
        match page_of(&record).unwrap() {
            Content::Page(p) => pages.push(p),
            Content::Skipped(why) => skipped.push(why),
        }
    }
    (pages, skipped, offsets)
}

fn check_crawl(gzip: bool, version: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(if gzip { "crawl.warc.gz" } else { "crawl.warc" });
    let index = write_warc(&path, &crawl_spec(gzip, version));
    let (pages, skipped, offsets) = pages(&path);
    // Our offsets are warcio's.
    assert_eq!(offsets, index.iter().map(|r| r.offset).collect::<Vec<_>>());
    assert_eq!(skipped.len(), 5, "{skipped:?}");
    assert!(skipped.iter().any(|s| s == "content type image/png"), "{skipped:?}");
    assert!(skipped.iter().any(|s| s == "HTTP status 404"), "{skipped:?}");
    let urls: Vec<_> = pages.iter().map(|p| p.url.as_deref().unwrap()).collect();
    assert_eq!(
        urls,
        [
            "https://www.alittihad.ae/news/1",
            "https://arabic.cnn.com/2013/middle_east/8/3/syria",
            "file:///dumps/youm7.txt",
            "https://www.alyaum.com/articles/6294433"
        ]
    );
    // The payload comes out as the server sent it, chunking and gzip undone.
    assert_eq!(pages[0].bytes, std::fs::read(seed()).unwrap());
    assert_eq!(pages[1].bytes, std::fs::read(news("cnn_arabic_2013_syria_clashes")).unwrap());
    assert_eq!(pages[0].content_type.as_deref(), Some(TEXT));
    assert_eq!(pages[3].content_type.as_deref(), Some("text/html; charset=UTF-8"));
    assert_eq!(pages[0].fetched_at.unwrap().to_rfc3339(), "2023-09-14T08:30:00+00:00");
    assert_eq!(pages[0].key, format!("warc:{}", index[2].id.as_deref().unwrap().trim_matches(['<', '>'])));

    // Into the store; a rerun skips every record already stored.
    let data = dir.path().join("data");
    let mut store = Store::open(&data).unwrap();
    let errors = Errors::default();
    let first = ingest_warc(&mut store, &path, &errors).unwrap();
    let html_stored = first.files_read == 4;
    if !html_stored {
        // Until the HTML extractor lands, the HTML record gets a clear error.
        let errors = errors.list();
        assert_eq!(errors.len(), 1, "{errors:?}");
        let offset = index[8].offset;
        assert!(errors[0].contains("crawl.warc") && errors[0].contains(&format!("record at byte {offset}")));
        assert!(errors[0].contains("HTML"), "{}", errors[0]);
    }
    assert_eq!(first.records_skipped, 5);
    assert!(first.articles_new >= 4, "{first:?}");
    let stats = store.stats().unwrap();
    assert_eq!(stats.articles as usize, first.articles_new);
    let seed_article = store.article("d3e2671f").unwrap().expect("the seed page's first article");
    assert_eq!(seed_article.article.title, "موسكو: مستعدون لمساعدة بيونج يانج في بناء أقمار اصطناعية");
    assert!(seed_article.file.starts_with("warc:urn:uuid:"), "{}", seed_article.file);

    let again = ingest_warc(&mut store, &path, &Errors::default()).unwrap();
    assert_eq!(again.articles_new, 0, "{again:?}");
    assert_eq!(again.files_read, 0);
    assert_eq!(again.files_unchanged, first.files_read);
    assert_eq!(store.stats().unwrap().articles, stats.articles);
}

#[test]
fn gzip_warc_1_1_from_warcio() {
    check_crawl(true, "1.1");
}

#[test]
fn plain_warc_1_0_from_warcio() {
    check_crawl(false, "1.0");
}

fn three_pages(gzip: bool) -> serde_json::Value {
    let names = ["cnn_arabic_2013_syria_clashes", "youm7_2020_groundwater_study", "youm7_2024_electric_taxi"];
    let records: Vec<_> = names
        .iter()
        .map(|n| {
            json!({"type": "response", "uri": format!("https://example.com/{n}"),
                        "headers": [["Content-Type", TEXT]], "body_file": news(n)})
        })
        .collect();
    json!({"gzip": gzip, "version": "1.1", "records": records})
}

fn ingest_damaged(path: &Path) -> (marsad_ingest::Summary, Vec<String>) {
    let data = path.parent().unwrap().join("data");
    let mut store = Store::open(&data).unwrap();
    let errors = Errors::default();
    let summary = ingest_warc(&mut store, path, &errors).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    (summary, errors.list())
}

#[test]
fn damaged_gzip_member_is_named_and_the_rest_ingests() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.warc.gz");
    let index = write_warc(&path, &three_pages(true));
    let mut bytes = std::fs::read(&path).unwrap();
    // Scramble the middle of the second member's deflate stream.
    let middle = (index[1].offset + index[1].length / 2) as usize;
    for b in &mut bytes[middle..middle + 64] {
        *b ^= 0x5a;
    }
    std::fs::write(&path, &bytes).unwrap();
    let (summary, errors) = ingest_damaged(&path);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with(&format!("{}: record at byte {}:", path.display(), index[1].offset)),
        "{}",
        errors[0]
    );
    assert_eq!(summary.files_read, 2, "{summary:?}");
}

#[test]
fn damaged_plain_record_is_named_and_the_rest_ingests() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.warc");
    let index = write_warc(&path, &three_pages(false));
    let mut bytes = std::fs::read(&path).unwrap();
    // A Content-Length that is not a number.
    let at = index[1].offset as usize;
    let header = &bytes[at..at + 2000];
    let pos = at + header.windows(15).position(|w| w == b"Content-Length:").unwrap() + 16;
    bytes[pos] = b'x';
    std::fs::write(&path, &bytes).unwrap();
    let (summary, errors) = ingest_damaged(&path);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains(&format!("record at byte {}: Content-Length", index[1].offset)), "{}", errors[0]);
    assert_eq!(summary.files_read, 2, "{summary:?}");
}

#[test]
fn truncated_file_keeps_the_records_before_the_cut() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cut.warc.gz");
    let index = write_warc(&path, &three_pages(true));
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..(index[2].offset + index[2].length / 2) as usize]).unwrap();
    let (summary, errors) = ingest_damaged(&path);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains(&format!("record at byte {}: truncated", index[2].offset)), "{}", errors[0]);
    assert_eq!(summary.files_read, 2);
}

#[test]
fn whole_file_in_one_gzip_member_reads_every_record() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("crawl.warc");
    write_warc(&plain, &crawl_spec(false, "1.1"));
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&std::fs::read(&plain).unwrap()).unwrap();
    let whole = dir.path().join("whole.warc.gz");
    std::fs::write(&whole, gz.finish().unwrap()).unwrap();
    let (pages, skipped, offsets) = pages(&whole);
    assert_eq!((pages.len(), skipped.len()), (4, 5));
    // Records inside one member are located by the member's start.
    assert!(offsets.iter().all(|&o| o == 0));
    assert_eq!(pages[0].bytes, std::fs::read(seed()).unwrap());
}
