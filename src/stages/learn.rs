//! Digest stage, one task: every route task's share of the lessons and header facts → the
//! run's IDF, its page furniture, and the digest header's sources and dates.

use bincode::{Decode, Encode};

use super::route::LearnedPart;
use super::{Stage, StageError, Workdir};
use crate::entries::{HeaderFacts, Learned};
use crate::summarize::{Furniture, Idf};

/// What the whole run taught, as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Encode, Decode)]
pub struct Lessons {
    /// Documents counted for the IDF.
    pub docs: u64,
    /// `(term key, documents with it)`, sorted by key.
    pub df: Vec<(u64, u32)>,
    /// Keys of the furniture lines, sorted.
    pub furniture: Vec<u64>,
    /// Sources and dates of every document.
    pub header: HeaderFacts,
}

impl Lessons {
    /// The IDF and the furniture.
    pub fn summarizing(&self) -> (Idf, Furniture) {
        (
            Idf::from_counts(self.docs, self.df.iter().copied()),
            Furniture::from_keys(self.furniture.iter().copied()),
        )
    }
}

/// Runs the learn task over `shards` route tasks.
pub fn run(work: &Workdir, shards: usize) -> Result<(), StageError> {
    work.require(Stage::Route, shards)?;
    let mut learned = Learned::default();
    let mut header = HeaderFacts::default();
    for s in 0..shards {
        let part: LearnedPart = work.load(Stage::Route, s, "learned")?;
        let (l, h) = part.into_parts();
        learned.merge(l);
        header.merge(h);
    }
    let (idf, furniture) = learned.finish();
    let lessons = Lessons {
        docs: u64::from(idf.documents()),
        df: idf.counts(),
        furniture: furniture.keys(),
        header,
    };
    work.save(Stage::Learn, 0, "lessons", &lessons)?;
    work.mark_done(Stage::Learn, 0)
}

/// The run's lessons.
pub fn load(work: &Workdir) -> Result<Lessons, StageError> {
    work.require(Stage::Learn, 1)?;
    work.load(Stage::Learn, 0, "lessons")
}
