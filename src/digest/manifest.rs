//! The manifest: one line per input record with what became of it, so nothing is lost.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use super::{WriteError, round4, write_atomically};
use crate::corpus::{Ledger, Record};
use crate::dedup::{DedupOutcome, Status};

/// The status word written for a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordStatus {
    /// Unique, or the representative of its cluster.
    Kept,
    /// A near-duplicate of a kept record.
    Duplicate,
    /// No text.
    Empty,
    /// Fewer words than a shingle.
    TooShort,
    /// Malformed input.
    Rejected,
}

/// One manifest line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ManifestEntry<'a> {
    /// The record id.
    pub id: &'a str,
    /// What became of it.
    pub status: RecordStatus,
    /// The cluster number (as in `clusters.jsonl`) for members of a cluster.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster: Option<usize>,
    /// The story number (as in `stories.jsonl`) for articles in a story.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub story: Option<usize>,
    /// The representative's id, for duplicates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<&'a str>,
    /// Exact Jaccard similarity to the representative, for duplicates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jaccard: Option<f64>,
    /// Why a record was rejected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'a str>,
    /// The file it was read from.
    pub file: &'a str,
    /// The line it starts on, where the format has lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
}

/// Counts of records per status; they add up to the records read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Records read.
    pub read: usize,
    /// Kept.
    pub kept: usize,
    /// Duplicates.
    pub duplicates: usize,
    /// Empty.
    pub empty: usize,
    /// Too short.
    pub too_short: usize,
    /// Rejected.
    pub rejected: usize,
}

impl Tally {
    /// Counts the statuses of manifest entries.
    pub fn of(entries: &[ManifestEntry]) -> Tally {
        let mut t = Tally::default();
        for e in entries {
            t.count(e);
        }
        t
    }

    /// Counts one entry.
    pub fn count(&mut self, e: &ManifestEntry) {
        self.read += 1;
        match e.status {
            RecordStatus::Kept => self.kept += 1,
            RecordStatus::Duplicate => self.duplicates += 1,
            RecordStatus::Empty => self.empty += 1,
            RecordStatus::TooShort => self.too_short += 1,
            RecordStatus::Rejected => self.rejected += 1,
        }
    }
}

/// What the manifest needs of the records read, whether they are held whole ([`Record`]s)
/// or without their texts (a [`Ledger`]).
pub trait RecordView {
    /// Number of records.
    fn count(&self) -> usize;
    /// Record `r`'s id.
    fn id(&self, r: usize) -> &str;
    /// The file it was read from.
    fn file(&self, r: usize) -> &str;
    /// The line it starts on, where the format has lines.
    fn line(&self, r: usize) -> Option<u64>;
    /// Why it was rejected; `None` for documents.
    fn reason(&self, r: usize) -> Option<&str>;
}

impl RecordView for [Record] {
    fn count(&self) -> usize {
        self.len()
    }
    fn id(&self, r: usize) -> &str {
        self[r].id()
    }
    fn file(&self, r: usize) -> &str {
        &self[r].origin().file
    }
    fn line(&self, r: usize) -> Option<u64> {
        self[r].origin().line
    }
    fn reason(&self, r: usize) -> Option<&str> {
        match &self[r] {
            Record::Rejected(rej) => Some(&rej.reason),
            Record::Document(_) => None,
        }
    }
}

impl RecordView for Ledger {
    fn count(&self) -> usize {
        self.len()
    }
    fn id(&self, r: usize) -> &str {
        Ledger::id(self, r)
    }
    fn file(&self, r: usize) -> &str {
        Ledger::file(self, r)
    }
    fn line(&self, r: usize) -> Option<u64> {
        Ledger::line(self, r)
    }
    fn reason(&self, r: usize) -> Option<&str> {
        Ledger::reason(self, r)
    }
}

/// One entry per record, in record order, made as they are consumed (a million-record
/// manifest is written without being held). `docs[i]` is the record index of the `i`-th
/// document given to dedup; `story_of[i]` its story number (from 1), when stories ran (an
/// empty slice otherwise).
pub fn manifest_entries<'a: 'b, 'b, R: RecordView + ?Sized>(
    records: &'a R,
    docs: &'b [usize],
    outcome: &'b DedupOutcome,
    story_of: &'b [Option<usize>],
) -> impl Iterator<Item = ManifestEntry<'a>> + 'b {
    let mut doc_of_record = vec![usize::MAX; records.count()];
    for (d, &r) in docs.iter().enumerate() {
        doc_of_record[r] = d;
    }
    let mut cluster_of = vec![None; docs.len()];
    for (n, c) in outcome.clusters.iter().enumerate() {
        for m in &c.members {
            cluster_of[m.doc as usize] = Some(n + 1);
        }
    }
    (0..records.count()).map(move |r| {
        let mut e = ManifestEntry {
            id: records.id(r),
            status: RecordStatus::Rejected,
            cluster: None,
            story: None,
            duplicate_of: None,
            jaccard: None,
            reason: records.reason(r),
            file: records.file(r),
            line: records.line(r),
        };
        if e.reason.is_none() {
            let d = doc_of_record[r];
            e.cluster = cluster_of[d];
            e.story = story_of.get(d).copied().flatten();
            e.status = match outcome.statuses[d] {
                Status::Kept => RecordStatus::Kept,
                Status::Empty => RecordStatus::Empty,
                Status::TooShort => RecordStatus::TooShort,
                Status::Duplicate { of, jaccard } => {
                    e.duplicate_of = Some(records.id(docs[of as usize]));
                    e.jaccard = Some(round4(jaccard));
                    RecordStatus::Duplicate
                }
            };
        }
        e
    })
}

/// Writes `manifest.jsonl` atomically; returns the counts of what it wrote.
pub fn write_manifest<'a>(
    path: &Path,
    entries: impl IntoIterator<Item = ManifestEntry<'a>>,
) -> Result<Tally, WriteError> {
    let mut tally = Tally::default();
    write_atomically(path, |w| {
        for e in entries {
            serde_json::to_writer(&mut *w, &e)?;
            w.write_all(b"\n")?;
            tally.count(&e);
        }
        Ok(())
    })?;
    Ok(tally)
}
