//! Property tests of the WARC and feed readers on random and mutated real
//! input: no panic, no hang (every input is read to its end in a bounded
//! number of steps), memory bounded by the block limit.

mod support;

use std::io::Cursor;
use std::sync::OnceLock;

use marsad_ingest::feeds::parse_feed;
use marsad_ingest::warc::{page_of, WarcReader};
use proptest::prelude::*;
use serde_json::json;

const MAX_BLOCK: u64 = 64 * 1024;

/// A small real crawl written by warcio, gzip and plain.
fn real_warcs() -> &'static (Vec<u8>, Vec<u8>) {
    static WARCS: OnceLock<(Vec<u8>, Vec<u8>)> = OnceLock::new();
    WARCS.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let write = |gzip: bool| {
            let path = dir.path().join("crawl.warc");
            let seed = support::seed();
            let spec = json!({"gzip": gzip, "version": "1.1", "records": [
                {"type": "warcinfo"},
                {"type": "response", "uri": "https://a.example/1", "headers": [["Content-Type", "text/plain; charset=utf-8"]],
                 "body_file": seed.to_str().unwrap(), "chunked": true},
                {"type": "request", "uri": "https://a.example/1"},
                {"type": "response", "uri": "https://a.example/2", "headers": [["Content-Type", "text/html"]],
                 "body": "<html><body><h1>عنوان</h1><p>نص</p></body></html>", "content_encoding": "gzip"},
            ]});
            support::write_warc(&path, &spec);
            std::fs::read(&path).unwrap()
        };
        (write(true), write(false))
    })
}

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>أخبار</title>
<item><title>خبر</title><link>https://a.example/1</link><guid>1</guid><pubDate>Thu, 14 Sep 2023 08:30:00 GMT</pubDate></item>
<item><title>خبر آخر</title><link>/2</link></item></channel></rss>"#;

/// Reads every record; the number of steps is bounded by the input size.
fn read_all(bytes: &[u8]) {
    let mut steps = 0;
    for record in WarcReader::new(Cursor::new(bytes), |_| true, MAX_BLOCK).unwrap() {
        steps += 1;
        assert!(steps <= bytes.len() + 1, "reader does not advance");
        if let Ok(record) = record {
            assert!(record.block.as_ref().is_none_or(|b| b.len() as u64 <= MAX_BLOCK));
            let _ = page_of(&record);
        }
    }
}

fn mutate(base: &[u8], edits: &[(usize, u8, u8)]) -> Vec<u8> {
    let mut bytes = base.to_vec();
    for &(at, kind, value) in edits {
        if bytes.is_empty() {
            break;
        }
        let at = at % bytes.len();
        match kind % 4 {
            0 => bytes[at] = value,
            1 => {
                bytes.remove(at);
            }
            2 => bytes.insert(at, value),
            _ => bytes.truncate(at),
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn warc_random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        read_all(&bytes);
    }

    #[test]
    fn warc_random_records(header in "WARC/1\\.[01]\r\n([A-Za-z-]{1,12}: [ -~]{0,20}\r\n){0,6}Content-Length: [0-9]{1,12}\r\n\r\n",
                           body in proptest::collection::vec(any::<u8>(), 0..512)) {
        let mut bytes = header.into_bytes();
        bytes.extend_from_slice(&body);
        read_all(&bytes);
    }

    #[test]
    fn warc_mutated_gzip(edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..8)) {
        read_all(&mutate(&real_warcs().0, &edits));
    }

    #[test]
    fn warc_mutated_plain(edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..8)) {
        read_all(&mutate(&real_warcs().1, &edits));
    }

    #[test]
    fn feed_random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = parse_feed(&bytes, "https://a.example/feed");
    }

    #[test]
    fn feed_mutated(edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..8)) {
        let _ = parse_feed(&mutate(RSS.as_bytes(), &edits), "https://a.example/feed");
    }
}

#[test]
fn unmutated_real_warcs_read_whole() {
    for bytes in [&real_warcs().0, &real_warcs().1] {
        let records: Vec<_> = WarcReader::new(Cursor::new(bytes), |_| true, MAX_BLOCK).unwrap().collect();
        assert_eq!(records.len(), 4);
        assert!(records.iter().all(|r| r.is_ok()));
    }
}
