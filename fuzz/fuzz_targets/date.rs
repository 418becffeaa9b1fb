//! Any text through the date parser: no panic, and a date it returns
//! prints as ISO-8601 that parses back to the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Some(date) = marsad_extract::parse_date(text) {
        assert_eq!(date.to_string().parse::<marsad_core::PubDate>().ok(), Some(date));
    }
});
