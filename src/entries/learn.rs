//! What summaries learn over the whole batch: document frequencies (IDF) over every document
//! with text, and page furniture from lines recurring across groups.

use crate::dedup::{DedupOutcome, Status};
use crate::summarize::{Furniture, Idf, LineStats};
use crate::text::{Analyzer, Language};

use super::{DocLookup, Group, group_of_docs};

/// What learning needs of one document.
#[derive(Debug, Clone, Copy)]
pub struct LearnDoc<'a> {
    /// Its text.
    pub text: &'a str,
    /// The language it was analysed as.
    pub lang: Language,
    /// Whether dedup found no term in it (its words are not counted).
    pub empty: bool,
    /// Its group (clusters and kept articles; none for empty and too short documents).
    pub group: Option<u32>,
}

/// What some of a batch's documents teach; the parts of a batch merge into the whole exactly.
#[derive(Debug, Clone, Default)]
pub struct Learned {
    /// Document frequencies of their terms.
    pub idf: Idf,
    /// How their lines recur across groups.
    pub lines: LineStats,
}

impl Learned {
    /// What `docs` teach.
    pub fn of(docs: &[LearnDoc], analyzer: &Analyzer) -> Learned {
        let texts: Vec<(&str, Language)> = docs
            .iter()
            .filter(|d| !d.empty)
            .map(|d| (d.text, d.lang))
            .collect();
        let grouped: Vec<(u32, &str)> = docs
            .iter()
            .filter_map(|d| Some((d.group?, d.text)))
            .collect();
        Learned {
            idf: Idf::from_texts(&texts, analyzer),
            lines: LineStats::of(&grouped),
        }
    }

    /// Adds another part's lessons to these.
    pub fn merge(&mut self, other: Learned) {
        self.idf = std::mem::take(&mut self.idf).merge(other.idf);
        self.lines.merge(other.lines);
    }

    /// The IDF and furniture a whole batch's lessons give.
    pub fn finish(self) -> (Idf, Furniture) {
        let furniture = Furniture::from_lines(&self.lines);
        (self.idf, furniture)
    }
}

/// Learns IDF and furniture over a batch's `n_docs` documents (copies grouped by cluster).
pub fn learn(
    docs: &impl DocLookup,
    outcome: &DedupOutcome,
    groups: &[Group],
    analyzer: &Analyzer,
) -> (Idf, Furniture) {
    let n_docs = outcome.statuses.len();
    let group_of = group_of_docs(n_docs, groups);
    let all: Vec<LearnDoc> = (0..n_docs as u32)
        .map(|d| {
            let doc = docs.doc(d);
            LearnDoc {
                text: doc.text,
                lang: doc.lang,
                empty: matches!(outcome.statuses[d as usize], Status::Empty),
                group: group_of[d as usize],
            }
        })
        .collect();
    Learned::of(&all, analyzer).finish()
}
