//! Errors that stop reading altogether (record-level problems are rejections instead).

use std::path::PathBuf;

/// An input that cannot be read at all.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    /// The path given does not exist or cannot be opened.
    #[error("cannot read {path}")]
    Input {
        /// The input path.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
}
