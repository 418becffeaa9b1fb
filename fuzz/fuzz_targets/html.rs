//! Any bytes through the HTML path (labels, decoding, parsing, extraction):
//! no panic, and an article it returns has a non-empty body.
#![no_main]

use libfuzzer_sys::fuzz_target;
use marsad_extract::{extract_document, Document};

fuzz_target!(|bytes: &[u8]| {
    let doc = Document { bytes, content_type: Some("text/html"), ..Document::default() };
    if let Ok(e) = extract_document(&doc) {
        for a in e.articles {
            assert!(!a.body.is_empty());
        }
    }
});
