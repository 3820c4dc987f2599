//! Errors that stop reading altogether (record-level problems are rejections instead).

use std::path::PathBuf;

/// An input that cannot be read at all.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CorpusError {
    /// The path given does not exist or cannot be opened.
    #[error("cannot read {path}")]
    Input {
        /// The input path.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// Standard input (`-`) named more than once: it can be read only once.
    #[error("standard input (-) is named more than once; it can be read only once")]
    StdinTwice,
}
