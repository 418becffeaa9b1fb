pub mod eval;
pub mod extract;
pub mod ingest;
pub mod show;
pub mod stats;
