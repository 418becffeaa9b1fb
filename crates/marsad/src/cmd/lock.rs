//! The data directory's write lock, as commands take it: a writing command
//! waits for it and says whom it waits for; a reading command only catches
//! the derived views (entities, index) up when nobody else is writing.

use std::path::Path;

use marsad_store::lock::WriteLock;

/// Waits for the lock, telling the user once who holds it.
pub fn hold(data_dir: &Path, command: &str) -> anyhow::Result<WriteLock> {
    Ok(WriteLock::acquire(data_dir, command, |holder| {
        eprintln!("marsad: waiting for {}: another run writes to it: {holder}", data_dir.display());
    })?)
}

/// The lock if it is free. When another process holds it, that process
/// brings the derived views up to date itself, so a reader goes on with what
/// is already there.
pub fn if_free(data_dir: &Path, command: &str) -> anyhow::Result<Option<WriteLock>> {
    Ok(match WriteLock::try_acquire(data_dir, command)? {
        Ok(lock) => Some(lock),
        Err(holder) => {
            tracing::info!(%holder, "another process is writing: reading the store as it is");
            None
        }
    })
}
