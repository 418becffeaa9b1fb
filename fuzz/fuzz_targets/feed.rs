//! Any bytes through the feed reader (feed-rs and link resolution): no panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = marsad_ingest::feeds::parse_feed(bytes, "https://example.com/rss.xml");
});
