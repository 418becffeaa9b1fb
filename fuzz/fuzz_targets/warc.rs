//! Any bytes through the WARC reader and the record-to-page step: no panic,
//! no endless loop, no block above the limit.
#![no_main]

use libfuzzer_sys::fuzz_target;
use marsad_ingest::warc::{page_of, WarcReader};

const MAX_BLOCK: u64 = 1 << 20;

fuzz_target!(|bytes: &[u8]| {
    let reader = WarcReader::new(std::io::Cursor::new(bytes), |_| true, MAX_BLOCK).unwrap();
    for (steps, record) in reader.enumerate() {
        assert!(steps <= bytes.len() + 1, "reader does not advance");
        if let Ok(record) = record {
            assert!(record.block.as_ref().is_none_or(|b| b.len() as u64 <= MAX_BLOCK));
            let _ = page_of(&record);
        }
    }
});
