//! The data directory's write lock: one process at a time stores articles,
//! tags entities, clusters and commits the search index.
//!
//! SQLite alone would let two writers interleave their transactions, but the
//! search index allows one writer only, and the derived passes (entities,
//! index, stories) each move a cursor that two processes would race for. So
//! every writing command holds this lock for its run, and a process that
//! only reads (or only catches derived views up) skips the catch-up when it
//! cannot have the lock. The lock is the operating system's advisory file
//! lock on `write.lock`: it is released when its holder exits, however it
//! exits, so a killed run never leaves the directory locked. The file holds a
//! line naming the holder, for the message another process prints.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

/// The lock file inside the data dir.
pub const LOCK_FILE: &str = "write.lock";

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("cannot open the data directory's lock {path}: {source}")]
    Open { path: PathBuf, source: std::io::Error },
    #[error("cannot lock the data directory {path}: {source}")]
    Lock { path: PathBuf, source: std::io::Error },
}

/// The write lock, held until dropped.
#[derive(Debug)]
pub struct WriteLock {
    // Dropping the file releases the lock.
    _file: File,
}

impl WriteLock {
    /// Takes the lock, waiting for its holder to finish. `holder` names this
    /// process for others ("marsad ingest"); `waiting` is called once, with
    /// the current holder's line, when the lock is taken by someone else.
    pub fn acquire(data_dir: &Path, holder: &str, waiting: impl FnOnce(&str)) -> Result<WriteLock, LockError> {
        let (path, mut file) = open(data_dir)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                waiting(&read_holder(&mut file));
                file.lock().map_err(|source| LockError::Lock { path: path.clone(), source })?;
            }
            Err(TryLockError::Error(source)) => return Err(LockError::Lock { path, source }),
        }
        write_holder(&mut file, holder);
        Ok(WriteLock { _file: file })
    }

    /// Takes the lock if it is free; otherwise returns who holds it.
    pub fn try_acquire(data_dir: &Path, holder: &str) -> Result<Result<WriteLock, String>, LockError> {
        let (path, mut file) = open(data_dir)?;
        match file.try_lock() {
            Ok(()) => {
                write_holder(&mut file, holder);
                Ok(Ok(WriteLock { _file: file }))
            }
            Err(TryLockError::WouldBlock) => Ok(Err(read_holder(&mut file))),
            Err(TryLockError::Error(source)) => Err(LockError::Lock { path, source }),
        }
    }
}

fn open(data_dir: &Path) -> Result<(PathBuf, File), LockError> {
    let path = data_dir.join(LOCK_FILE);
    std::fs::create_dir_all(data_dir).map_err(|source| LockError::Open { path: path.clone(), source })?;
    // Never truncated on open: that would wipe the holder's line before we
    // know whether we are the holder.
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|source| LockError::Open { path: path.clone(), source })?;
    Ok((path, file))
}

/// Best effort: the line only serves messages, so failing to write it must
/// not fail the run that holds the lock.
fn write_holder(file: &mut File, holder: &str) {
    let line = format!(
        "pid {} ({holder}), since {}\n",
        std::process::id(),
        chrono::Utc::now().format("%Y-%m-%d %H:%M:%S UTC")
    );
    let written = file.set_len(0).and_then(|()| file.rewind()).and_then(|()| file.write_all(line.as_bytes()));
    if let Err(e) = written {
        tracing::debug!(error = %e, "could not record the lock holder");
    }
}

fn read_holder(file: &mut File) -> String {
    let mut line = String::new();
    let _ = file.rewind().and_then(|()| file.take(512).read_to_string(&mut line));
    match line.trim() {
        "" => "another process".to_owned(),
        held => held.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_told_who_holds_the_lock_and_gets_it_once_released() {
        let dir = tempfile::tempdir().unwrap();
        let first = WriteLock::acquire(dir.path(), "marsad ingest", |_| panic!("the lock was free")).unwrap();
        let held = WriteLock::try_acquire(dir.path(), "marsad search").unwrap().unwrap_err();
        assert!(held.starts_with(&format!("pid {} (marsad ingest), since ", std::process::id())), "{held}");
        drop(first);
        let second = WriteLock::try_acquire(dir.path(), "marsad search").unwrap();
        assert!(second.is_ok());
    }

    #[test]
    fn a_waiting_holder_gets_the_lock_when_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let first = WriteLock::acquire(dir.path(), "marsad ingest", |_| {}).unwrap();
        let path = dir.path().to_owned();
        let waiter = std::thread::spawn(move || {
            let mut told = String::new();
            let lock = WriteLock::acquire(&path, "marsad feeds poll", |h| told = h.to_owned()).unwrap();
            drop(lock);
            told
        });
        std::thread::sleep(std::time::Duration::from_millis(100));
        drop(first);
        let told = waiter.join().unwrap();
        assert!(told.contains("(marsad ingest)"), "{told}");
    }
}
