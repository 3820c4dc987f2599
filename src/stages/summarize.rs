//! Digest stage, one task per share of the entry plans: the routed documents of its plans →
//! their digest entries (summary, keywords, members; for stories, why their units are one
//! story), built by the functions the one-process digest uses.

use bincode::{Decode, Encode};
use rayon::prelude::*;

use super::assign::{Order, orders_name};
use super::route::RoutedDocs;
use super::{Stage, StageError, Workdir, learn};
use crate::digest::DigestEntry;
use crate::entries::{self, EntryUnits, stories as story_tier};
use crate::summarize::{Budget, ScoreWeights, Summarizer};
use crate::text::{Analyzer, TermKeys};

/// A summarize task's entries, each numbered with its place in the digest.
#[derive(Debug, Clone, Default, PartialEq, Encode, Decode)]
pub struct Entries(pub Vec<DigestEntry>);

/// Runs summarize task `task`: `planner` dealt the plans, `shards` route tasks routed the
/// documents.
pub fn run(
    work: &Workdir,
    task: usize,
    planner: Stage,
    shards: usize,
    analyzer: &Analyzer,
    budget: Budget,
) -> Result<(), StageError> {
    let orders: Vec<Order> = work.load(planner, 0, &orders_name(task))?;
    let docs = RoutedDocs::load(work, task, shards)?;
    let missing = orders
        .iter()
        .flat_map(|o| o.units.iter().flat_map(|g| &g.members))
        .map(|&(d, _)| d)
        .chain(
            orders
                .iter()
                .flat_map(|o| o.story.iter().flat_map(|s| s.reps.iter().copied())),
        )
        .find(|&d| !docs.has(d));
    if let Some(d) = missing {
        return Err(StageError::Inconsistent(format!(
            "document {d} of summarize task {task}'s plans was not routed to it"
        )));
    }
    let (idf, furniture) = learn::load(work)?.summarizing();
    let summarizer = Summarizer {
        analyzer,
        idf: &idf,
        furniture: &furniture,
        weights: ScoreWeights::default(),
    };
    let built: Vec<DigestEntry> = orders
        .par_iter()
        .map_init(
            || TermKeys::new(analyzer),
            |terms, o| {
                let story = o.story.as_ref().map(|s| {
                    let why = story_tier::explain(&docs, &s.reps, &s.shared, s.score, analyzer);
                    (s.story, why)
                });
                let work = EntryUnits {
                    number: o.entry,
                    story,
                    units: o.units.iter().collect(),
                };
                entries::entry(&docs, &work, &summarizer, budget, terms)
            },
        )
        .collect();
    work.save(Stage::Summarize, task, "entries", &Entries(built))?;
    work.mark_done(Stage::Summarize, task)
}
