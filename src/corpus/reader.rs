//! Walking inputs and turning each file's bytes into records.

use std::path::PathBuf;

use super::{CorpusError, Encoding, Record};

/// Names of the fields read from `.json` and `.jsonl` objects (renamed by `--text-field` etc.).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldNames {
    /// Field holding the record id (default `id`).
    pub id: String,
    /// Field holding the article body (default `text`).
    pub text: String,
    /// Field holding the headline (default `title`).
    pub title: String,
    /// Field holding the outlet (default `source`).
    pub source: String,
    /// Field holding the date (default `date`).
    pub date: String,
    /// Field holding the link (default `url`).
    pub url: String,
}

impl Default for FieldNames {
    fn default() -> Self {
        FieldNames {
            id: "id".into(),
            text: "text".into(),
            title: "title".into(),
            source: "source".into(),
            date: "date".into(),
            url: "url".into(),
        }
    }
}

/// How inputs are read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// Field names for JSON formats.
    pub fields: FieldNames,
    /// Character encoding of the input files.
    pub encoding: Encoding,
}

/// Reads every input (files, and directories recursively in sorted order) into records, in
/// input order, then file order, then line order. Record-level problems become
/// [`Record::Rejected`]; only an input that cannot be found or listed is an error.
pub fn read_inputs(inputs: &[PathBuf], opts: &ReadOptions) -> Result<Vec<Record>, CorpusError> {
    let _ = (inputs, opts);
    todo!("corpus reader")
}
