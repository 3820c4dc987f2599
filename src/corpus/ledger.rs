//! What later stages need to know of every record once its text is gone: id, file, line,
//! date, length, and why it was rejected. A streaming run keeps this (about 100 bytes per
//! record) instead of the records themselves.

use super::{Origin, Record};

/// One record without its text.
#[derive(Debug, Clone, PartialEq, Eq, bincode::Encode, bincode::Decode)]
struct Entry {
    id: Box<str>,
    file: u32,
    /// The 1-based line, 0 for none (half the size of an `Option<u64>`).
    line: u64,
    date: Option<Box<str>>,
    chars: u32,
    reason: Option<Box<str>>,
}

/// Every record read, in order, without texts. File names are kept once each.
#[derive(Debug, Clone, Default, PartialEq, Eq, bincode::Encode, bincode::Decode)]
pub struct Ledger {
    files: Vec<Box<str>>,
    entries: Vec<Entry>,
}

impl Ledger {
    /// Notes a record; returns its number.
    pub fn push(&mut self, record: &Record) -> usize {
        let origin: &Origin = record.origin();
        if self.files.last().is_none_or(|f| **f != *origin.file) {
            self.files.push(origin.file.as_str().into());
        }
        let (date, chars, reason) = match record {
            Record::Document(d) => {
                let chars = u32::try_from(d.text.chars().count()).unwrap_or(u32::MAX);
                (d.date.as_deref().map(Into::into), chars, None)
            }
            Record::Rejected(r) => (None, 0, Some(r.reason.as_str().into())),
        };
        self.entries.push(Entry {
            id: record.id().into(),
            file: (self.files.len() - 1) as u32,
            line: origin.line.unwrap_or(0),
            date,
            chars,
            reason,
        });
        self.entries.len() - 1
    }

    /// Makes room for `additional` more records, so that gathering many shards' ledgers does
    /// not grow (and briefly double) the largest allocation of a run's last task.
    pub fn reserve(&mut self, additional: usize) {
        self.entries.reserve_exact(additional);
    }

    /// Appends another ledger's records after these (a later shard of the same run).
    pub fn append(&mut self, other: Ledger) {
        let mut map = Vec::with_capacity(other.files.len());
        for f in other.files {
            if self.files.last() != Some(&f) {
                self.files.push(f);
            }
            map.push((self.files.len() - 1) as u32);
        }
        self.entries.extend(other.entries.into_iter().map(|mut e| {
            e.file = map[e.file as usize];
            e
        }));
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no record was read.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Record `r`'s id.
    pub fn id(&self, r: usize) -> &str {
        &self.entries[r].id
    }

    /// The file record `r` was read from.
    pub fn file(&self, r: usize) -> &str {
        &self.files[self.entries[r].file as usize]
    }

    /// The line record `r` starts on, where the format has lines.
    pub fn line(&self, r: usize) -> Option<u64> {
        Some(self.entries[r].line).filter(|&l| l > 0)
    }

    /// Record `r`'s date as written, for documents that have one.
    pub fn date(&self, r: usize) -> Option<&str> {
        self.entries[r].date.as_deref()
    }

    /// Length of record `r`'s text in characters (0 for rejections).
    pub fn chars(&self, r: usize) -> usize {
        self.entries[r].chars as usize
    }

    /// Why record `r` was rejected, when it was.
    pub fn reason(&self, r: usize) -> Option<&str> {
        self.entries[r].reason.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Document, Rejected};

    fn origin(file: &str, line: Option<u64>) -> Origin {
        Origin {
            file: file.into(),
            line,
        }
    }

    #[test]
    fn a_ledger_remembers_everything_but_the_text() {
        let mut l = Ledger::default();
        l.push(&Record::Document(Document {
            id: "a".into(),
            text: "نص قصير".into(),
            title: Some("t".into()),
            source: None,
            date: Some("2015-07-21".into()),
            url: None,
            origin: origin("x.jsonl", Some(1)),
        }));
        l.push(&Record::Rejected(Rejected {
            id: "x.jsonl:2".into(),
            origin: origin("x.jsonl", Some(2)),
            reason: "not JSON".into(),
        }));
        l.push(&Record::Rejected(Rejected {
            id: "y.txt".into(),
            origin: origin("y.txt", None),
            reason: "binary".into(),
        }));
        assert_eq!(l.len(), 3);
        assert_eq!((l.id(0), l.file(0), l.line(0)), ("a", "x.jsonl", Some(1)));
        assert_eq!(
            (l.date(0), l.chars(0), l.reason(0)),
            (Some("2015-07-21"), 7, None)
        );
        assert_eq!(
            (l.file(1), l.line(1), l.reason(1)),
            ("x.jsonl", Some(2), Some("not JSON"))
        );
        assert_eq!((l.id(2), l.file(2), l.line(2)), ("y.txt", "y.txt", None));
        assert_eq!(l.files.len(), 2, "a file's name is kept once");
    }
}
