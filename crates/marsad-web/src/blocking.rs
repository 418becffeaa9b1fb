//! SQLite and tantivy are synchronous: page handlers read them on the
//! blocking pool.

use std::sync::Arc;

use crate::{Data, WebError};

pub(crate) type Shared = axum::extract::State<Arc<Data>>;

pub(crate) async fn blocking<T: Send + 'static>(
    data: &Arc<Data>,
    f: impl FnOnce(&Data) -> Result<T, WebError> + Send + 'static,
) -> Result<T, WebError> {
    let data = Arc::clone(data);
    tokio::task::spawn_blocking(move || f(&data)).await.map_err(|e| WebError::internal(e.to_string()))?
}

pub(crate) fn lock_error<E: std::fmt::Display>(e: E) -> WebError {
    WebError::internal(format!("state lock: {e}"))
}
