//! Any bytes through decoding and the page parser: no panic, and every
//! article that comes out has a headline.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(extracted) = marsad_extract::extract_text_page(bytes) {
        assert!(extracted.articles.iter().all(|a| !a.title.is_empty()));
    }
});
