//! Read-only connections to the store, pooled (r2d2), so that searches and
//! page views run side by side instead of queueing behind one connection.
//!
//! SQLite in WAL mode lets any number of readers work while one writer
//! commits; the writer stays the single `Store` that ingest and clustering
//! hold. A reader sees the last commit made before its statement began.
//!
//! The pool cannot be held by slow requests: a checked-out reader's SQL is
//! interrupted once [`READ_TIME_LIMIT`] has passed since its checkout (its
//! request then fails with [`StoreError::is_overload`]), and a request that
//! finds no reader free within [`CHECKOUT_TIMEOUT`] fails the same way,
//! instead of queueing without end.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use crate::{Result, Store, StoreError};

/// How long a request waits for a free reader before it fails.
pub const CHECKOUT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long one checkout may spend in SQL. Every page and API call of a
/// 16k-article store needs well under a second of it.
pub const READ_TIME_LIMIT: Duration = Duration::from_secs(10);
/// SQLite virtual-machine steps between two looks at the clock: about a
/// millisecond of work.
const STEPS_BETWEEN_LOOKS: std::ffi::c_int = 100_000;

#[derive(Clone)]
pub struct Readers {
    pool: r2d2::Pool<ReaderManager>,
    read_limit: Duration,
}

/// A reader checked out of the pool; it goes back when dropped.
pub type Reader = r2d2::PooledConnection<ReaderManager>;

impl Readers {
    /// A pool of up to `size` readers of the store in `data_dir`, whose
    /// schema the writer (`Store::open`) has already brought up to date.
    pub fn open(data_dir: &Path, size: u32) -> Result<Readers> {
        Self::with_read_limit(data_dir, size, READ_TIME_LIMIT)
    }

    /// [`Readers::open`] with another limit than [`READ_TIME_LIMIT`].
    pub fn with_read_limit(data_dir: &Path, size: u32, read_limit: Duration) -> Result<Readers> {
        let manager = ReaderManager { data_dir: data_dir.to_owned() };
        let pool = r2d2::Pool::builder()
            .max_size(size.max(1))
            .min_idle(Some(1))
            .connection_timeout(CHECKOUT_TIMEOUT)
            .build(manager)
            .map_err(|e| StoreError::Pool(e.to_string()))?;
        Ok(Readers { pool, read_limit })
    }

    pub fn get(&self) -> Result<Reader> {
        let reader = self.pool.get().map_err(|e| StoreError::Pool(e.to_string()))?;
        if let Some(deadline) = &reader.read_deadline {
            deadline.store(since_start() + self.read_limit.as_millis() as u64, Ordering::Relaxed);
        }
        Ok(reader)
    }
}

/// Milliseconds since the first call: a clock cheap to read and compare.
fn since_start() -> u64 {
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_millis() as u64
}

pub struct ReaderManager {
    data_dir: PathBuf,
}

impl r2d2::ManageConnection for ReaderManager {
    type Connection = Store;
    type Error = StoreError;

    fn connect(&self) -> Result<Store> {
        let mut store = Store::open_reader(&self.data_dir)?;
        let deadline = Arc::new(AtomicU64::new(u64::MAX));
        let seen = Arc::clone(&deadline);
        // Returning true interrupts the statement running.
        store.conn.progress_handler(STEPS_BETWEEN_LOOKS, Some(move || since_start() > seen.load(Ordering::Relaxed)))?;
        store.read_deadline = Some(deadline);
        Ok(store)
    }

    fn is_valid(&self, store: &mut Store) -> Result<()> {
        store.conn.query_row("SELECT 1", [], |_| Ok(()))?;
        Ok(())
    }

    fn has_broken(&self, _: &mut Store) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_read_over_its_time_limit_is_interrupted_and_frees_its_reader() {
        let dir = tempfile::tempdir().unwrap();
        Store::open(dir.path()).unwrap();
        let readers = Readers::with_read_limit(dir.path(), 1, Duration::from_millis(200)).unwrap();
        let endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n";
        let started = Instant::now();
        let failed = readers.get().unwrap().conn.query_row(endless, [], |r| r.get::<_, i64>(0)).unwrap_err();
        assert!(StoreError::from(failed).is_overload());
        assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
        // The one reader is back, with a fresh limit.
        let reader = readers.get().unwrap();
        assert_eq!(reader.conn.query_row("SELECT 1", [], |r| r.get::<_, i64>(0)).unwrap(), 1);
    }
}
