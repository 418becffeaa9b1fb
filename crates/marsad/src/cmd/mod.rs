pub mod eval;
pub mod extract;
pub mod ingest;
pub mod reindex;
pub mod search;
pub mod serve;
pub mod show;
pub mod stats;
