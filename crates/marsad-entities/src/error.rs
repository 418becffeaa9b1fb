use std::path::PathBuf;

/// Everything that can go wrong reading data or models.
#[derive(Debug, thiserror::Error)]
pub enum EntitiesError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: {message}")]
    Parse { path: PathBuf, line: usize, message: String },
    #[error("{path}: not a Marsad NER model ({message})")]
    BadModel { path: PathBuf, message: String },
    #[error(transparent)]
    Store(#[from] marsad_store::StoreError),
}

impl EntitiesError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        EntitiesError::Io { path: path.into(), source }
    }
}
