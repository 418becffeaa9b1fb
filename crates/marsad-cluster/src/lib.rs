//! Marsad's clustering stage: the same text from many sources, and the
//! articles about one event, grouped as they arrive.
//!
//! - [`dedup`]: exact duplicates by the hash of the body's words in matching
//!   form; near-duplicates by MinHash-LSH over word shingles (whole body and
//!   lead) verified by shingle containment. A copy links to the first-seen
//!   original.
//! - [`story`]: online story clustering within a window of days, TF-IDF of
//!   headline and lead, average link, centroid or (close) single link,
//!   discounted by days apart.
//! - [`hold`]: which days the windows hold: measured by published day and
//!   forgotten by arrival, with a cap, so that archives ingested in any date
//!   order find their own days and memory stays bounded.
//! - [`update`]: runs both over every stored article not yet processed,
//!   in crawl order, committing decisions with a cursor (idempotent,
//!   crash-safe).
//!
//! The method, the chosen parameters and their measurements are in
//! docs/clustering.md.

pub mod dedup;
mod engine;
pub mod hold;
pub mod lsh;
pub mod minhash;
pub mod shingle;
pub mod story;
mod update;

pub use engine::{Assignment, Clusterer, Doc, Params};
pub use hold::HoldParams;
pub use update::{update, ClusterError, Engine, Updated};

/// Days since the common era: the day number the engine works with.
pub fn day_number(day: chrono::NaiveDate) -> i32 {
    update::day_number(day)
}
