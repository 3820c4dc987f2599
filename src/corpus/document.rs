//! The plain records that leave the corpus stage.

use serde::Serialize;

/// Where a record came from: the file (as given or relative to the input root) and its
/// 1-based line, when the format has lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// Path of the file the record was read from.
    pub file: String,
    /// 1-based line where the record starts (`None` for whole-file formats).
    pub line: Option<u64>,
}

/// `file:line`, or the file alone for a whole-file record: how a person finds the record.
impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}", self.file),
            None => f.write_str(&self.file),
        }
    }
}

/// One article read from the inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The record's id, or `file:line` (or the relative path, for `.txt`/`.md`/`.html`) when it
    /// has none.
    pub id: String,
    /// The article body.
    pub text: String,
    /// Headline, when the record has one.
    pub title: Option<String>,
    /// Outlet or feed, when known.
    pub source: Option<String>,
    /// Publication or extraction date as written in the record (compared as text, ISO first).
    pub date: Option<String>,
    /// Link to the original article.
    pub url: Option<String>,
    /// Where it was read from.
    pub origin: Origin,
}

/// A record that could not be turned into a [`Document`], and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// The id, when the record got far enough to have one; otherwise `file:line`.
    pub id: String,
    /// Where it was read from.
    pub origin: Origin,
    /// What was wrong, in words a person can act on.
    pub reason: String,
}

/// What reading one input record produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    /// A usable article.
    Document(Document),
    /// A record that was malformed.
    Rejected(Rejected),
}

impl Record {
    /// The record's id, whatever became of it.
    pub fn id(&self) -> &str {
        match self {
            Record::Document(d) => &d.id,
            Record::Rejected(r) => &r.id,
        }
    }

    /// Where the record was read from.
    pub fn origin(&self) -> &Origin {
        match self {
            Record::Document(d) => &d.origin,
            Record::Rejected(r) => &r.origin,
        }
    }
}
