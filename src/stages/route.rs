//! Digest stage, one task per sign shard: read the shard's inputs again and send every
//! document in a group to the summarize task its plan was dealt to (one file per summarize
//! task); count the shard's share of what summaries learn over the whole run (document
//! frequencies, recurring lines) and of the digest's header (sources, dates).

use bincode::{Decode, Encode};

use super::assign::routes_name;
use super::groups::{ShardGroups, shard_name};
use super::sign::{ShardLedger, doc_offsets};
use super::{Stage, StageError, Workdir, reread};
use crate::corpus::Record;
use crate::dedup::{Status, initial_statuses};
use crate::entries::{DocLookup, DocRef, HeaderFacts, LearnDoc, Learned};
use crate::summarize::{Idf, LineStats};
use crate::text::{Analyzer, Language};

/// A document as a summarize task needs it.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct RoutedDoc {
    /// Its number in the run.
    pub doc: u32,
    /// Its id.
    pub id: String,
    /// Its text.
    pub text: String,
    /// Its headline.
    pub title: Option<String>,
    /// Its outlet.
    pub source: Option<String>,
    /// Its date as written.
    pub date: Option<String>,
    /// Its link.
    pub url: Option<String>,
    /// Its language, as its index in [`Language::ALL`].
    pub lang: u8,
}

/// A share of the run's lessons and header facts, as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Encode, Decode)]
pub struct LearnedPart {
    /// Documents counted for the IDF.
    pub docs: u64,
    /// `(term key, documents with it)`, sorted by key.
    pub df: Vec<(u64, u32)>,
    /// `(line key, words, up to three groups)`, sorted by key.
    pub lines: Vec<(u64, u32, Vec<u32>)>,
    /// Sources and dates.
    pub header: HeaderFacts,
}

impl LearnedPart {
    /// The stored form of `learned` and `header`.
    pub fn new(learned: &Learned, header: HeaderFacts) -> LearnedPart {
        LearnedPart {
            docs: u64::from(learned.idf.documents()),
            df: learned.idf.counts(),
            lines: learned.lines.to_rows(),
            header,
        }
    }

    /// The lessons and header facts back.
    pub fn into_parts(self) -> (Learned, HeaderFacts) {
        let learned = Learned {
            idf: Idf::from_counts(self.docs, self.df),
            lines: LineStats::from_rows(self.lines),
        };
        (learned, self.header)
    }
}

/// The file of a route task's documents for summarize task `task`.
pub fn docs_name(task: usize) -> String {
    format!("docs-{task:05}")
}

/// Runs route task `task` (sign shard `task`): `planner` is the stage that dealt the plans,
/// `tasks` the number of summarize tasks, `ngram` dedup's shingle size (which decides which
/// documents are empty); `read` streams the shard's records.
pub fn run(
    work: &Workdir,
    task: usize,
    planner: Stage,
    tasks: usize,
    ngram: usize,
    analyzer: &Analyzer,
    read: impl FnOnce(&mut dyn FnMut(Vec<Record>)) -> Result<(), StageError>,
) -> Result<(), StageError> {
    work.require(planner, 1)?;
    let shard: ShardLedger = work.load(Stage::Sign, task, "ledger")?;
    let groups: ShardGroups = work.load(Stage::Groups, 0, &shard_name(task))?;
    let routes: Vec<Option<u32>> = work.load(planner, 0, &routes_name(task))?;
    let first = doc_offsets(work, task + 1)?[task];
    let statuses = initial_statuses(shard.terms.iter().map(|&t| t as usize), ngram);
    let (n, wrong) = (shard.docs.len(), |what: &str| {
        StageError::Inconsistent(format!("sign shard {task}: {what} do not match its ledger"))
    });
    if groups.group.len() != n || routes.len() != n || statuses.len() != n {
        return Err(wrong("groups or routes"));
    }
    let mut out: Vec<Vec<RoutedDoc>> = vec![Vec::new(); tasks.max(1)];
    let mut learned = Learned::default();
    let mut header = HeaderFacts::default();
    let mut misrouted = false;
    reread::documents(&shard, read, |batch| {
        let learn: Vec<LearnDoc> = batch
            .iter()
            .map(|(k, d)| LearnDoc {
                text: &d.text,
                lang: shard.lang(*k),
                empty: statuses[*k] == Status::Empty,
                group: groups.group[*k],
            })
            .collect();
        learned.merge(Learned::of(&learn, analyzer));
        for (k, d) in batch {
            header.add(d.source.as_deref(), d.date.as_deref());
            let Some(t) = routes[k] else { continue };
            let Some(to) = out.get_mut(t as usize) else {
                misrouted = true;
                continue;
            };
            to.push(RoutedDoc {
                doc: first + k as u32,
                lang: shard.langs[k],
                id: d.id,
                text: d.text,
                title: d.title,
                source: d.source,
                date: d.date,
                url: d.url,
            });
        }
    })?;
    if misrouted {
        return Err(wrong("routes to summarize tasks that do not exist"));
    }
    for (t, docs) in out.iter().enumerate() {
        work.save(Stage::Route, task, &docs_name(t), docs)?;
    }
    work.save(
        Stage::Route,
        task,
        "learned",
        &LearnedPart::new(&learned, header),
    )?;
    work.mark_done(Stage::Route, task)
}

/// A summarize task's documents, sorted by number, looked up by number.
#[derive(Debug, Clone, Default)]
pub struct RoutedDocs(Vec<RoutedDoc>);

impl RoutedDocs {
    /// Summarize task `task`'s documents from `shards` route tasks (in shard order, so in
    /// document order).
    pub fn load(work: &Workdir, task: usize, shards: usize) -> Result<RoutedDocs, StageError> {
        work.require(Stage::Route, shards)?;
        let mut all: Vec<RoutedDoc> = Vec::new();
        for s in 0..shards {
            let docs: Vec<RoutedDoc> = work.load(Stage::Route, s, &docs_name(task))?;
            all.extend(docs);
        }
        if !all.windows(2).all(|w| w[0].doc < w[1].doc) {
            return Err(StageError::Inconsistent(format!(
                "summarize task {task}'s documents are out of order"
            )));
        }
        Ok(RoutedDocs(all))
    }

    /// Whether document `d` is here.
    pub fn has(&self, d: u32) -> bool {
        self.0.binary_search_by_key(&d, |r| r.doc).is_ok()
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl DocLookup for RoutedDocs {
    fn doc(&self, d: u32) -> DocRef<'_> {
        // Summarize checks every document of its orders is here before it builds an entry.
        let at = self
            .0
            .binary_search_by_key(&d, |r| r.doc)
            .unwrap_or_else(|_| panic!("document {d} was not routed here"));
        let r = &self.0[at];
        DocRef {
            id: &r.id,
            text: &r.text,
            title: r.title.as_deref(),
            source: r.source.as_deref(),
            date: r.date.as_deref(),
            url: r.url.as_deref(),
            lang: Language::ALL
                .get(usize::from(r.lang))
                .copied()
                .unwrap_or(Language::Other),
        }
    }
}
