//! Read-only connections to the store, pooled (r2d2), so that searches and
//! page views run side by side instead of queueing behind one connection.
//!
//! SQLite in WAL mode lets any number of readers work while one writer
//! commits; the writer stays the single `Store` that ingest and clustering
//! hold. A reader sees the last commit made before its statement began.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::{Result, Store, StoreError};

/// How long a request waits for a free reader before it fails.
const CHECKOUT_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Clone)]
pub struct Readers {
    pool: r2d2::Pool<ReaderManager>,
}

/// A reader checked out of the pool; it goes back when dropped.
pub type Reader = r2d2::PooledConnection<ReaderManager>;

impl Readers {
    /// A pool of up to `size` readers of the store in `data_dir`, whose
    /// schema the writer (`Store::open`) has already brought up to date.
    pub fn open(data_dir: &Path, size: u32) -> Result<Readers> {
        let manager = ReaderManager { data_dir: data_dir.to_owned() };
        let pool = r2d2::Pool::builder()
            .max_size(size.max(1))
            .min_idle(Some(1))
            .connection_timeout(CHECKOUT_TIMEOUT)
            .build(manager)
            .map_err(|e| StoreError::Pool(e.to_string()))?;
        Ok(Readers { pool })
    }

    pub fn get(&self) -> Result<Reader> {
        self.pool.get().map_err(|e| StoreError::Pool(e.to_string()))
    }
}

pub struct ReaderManager {
    data_dir: PathBuf,
}

impl r2d2::ManageConnection for ReaderManager {
    type Connection = Store;
    type Error = StoreError;

    fn connect(&self) -> Result<Store> {
        Store::open_reader(&self.data_dir)
    }

    fn is_valid(&self, store: &mut Store) -> Result<()> {
        store.conn.query_row("SELECT 1", [], |_| Ok(()))?;
        Ok(())
    }

    fn has_broken(&self, _: &mut Store) -> bool {
        false
    }
}
