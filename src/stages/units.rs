//! Digest stage with the story tier, one task per sign shard: read the shard's inputs again
//! and analyse each group representative for the story tier (its terms and numbers; the days
//! of all the group's members here), so the stories task gets terms, not texts.

use ahash::AHashMap;
use bincode::{Decode, Encode};
use rayon::prelude::*;

use super::groups::{ShardGroups, shard_name};
use super::sign::ShardLedger;
use super::{Stage, StageError, Workdir, reread};
use crate::corpus::Record;
use crate::entries::DocRef;
use crate::entries::stories::story_input;
use crate::stories::profile::{Days, UnitTerms, analyze, days_of};
use crate::text::{Analyzer, TermKeys};

/// A shard's units: `(group, its representative's terms)`, in document order, and the day
/// span of each group's members in the shard (a unit is dated by all its members, which
/// other shards may hold).
#[derive(Debug, Clone, Default, PartialEq, Encode, Decode)]
pub struct ShardUnits {
    /// `(group, its representative's terms)`.
    pub units: Vec<(u32, UnitTerms)>,
    /// `(group, the days of its members here)`, one entry per group with dated members.
    pub days: Vec<(u32, Days)>,
}

/// Runs units task `task` (sign shard `task`); `read` streams the shard's records.
pub fn run(
    work: &Workdir,
    task: usize,
    analyzer: &Analyzer,
    read: impl FnOnce(&mut dyn FnMut(Vec<Record>)) -> Result<(), StageError>,
) -> Result<(), StageError> {
    work.require(Stage::Groups, 1)?;
    let shard: ShardLedger = work.load(Stage::Sign, task, "ledger")?;
    let groups: ShardGroups = work.load(Stage::Groups, 0, &shard_name(task))?;
    let mut units = ShardUnits::default();
    let mut days: AHashMap<u32, Days> = AHashMap::new();
    reread::documents(&shard, read, |batch| {
        for (k, d) in batch.iter() {
            let group = groups.group.get(*k).copied().flatten();
            if let (Some(g), Some(day)) = (group, days_of([d.date.as_deref()])) {
                days.entry(g)
                    .and_modify(|span| *span = span.union(day))
                    .or_insert(day);
            }
        }
        let fresh: Vec<(u32, UnitTerms)> = batch
            .par_iter()
            .map_init(
                || TermKeys::new(analyzer),
                |memo, (k, d)| {
                    let group = groups.group.get(*k).copied().flatten()?;
                    groups.rep.get(*k).copied().unwrap_or(false).then(|| {
                        let doc = DocRef::of(d, shard.lang(*k));
                        (group, analyze(&story_input(doc), memo))
                    })
                },
            )
            .flatten()
            .collect();
        units.units.extend(fresh);
    })?;
    units.days = days.into_iter().collect();
    units.days.sort_unstable_by_key(|&(g, _)| g);
    work.save(Stage::Units, task, "units", &units)?;
    work.mark_done(Stage::Units, task)
}

/// Every unit's terms, by group, from `shards` units tasks; fails unless each of `groups`
/// groups has exactly one.
pub fn gather(work: &Workdir, shards: usize, groups: usize) -> Result<Vec<UnitTerms>, StageError> {
    work.require(Stage::Units, shards)?;
    let mut terms: Vec<Option<UnitTerms>> = vec![None; groups];
    let mut spans: Vec<Option<Days>> = vec![None; groups];
    for s in 0..shards {
        let ShardUnits { units, days } = work.load(Stage::Units, s, "units")?;
        for (g, span) in days {
            let slot = spans.get_mut(g as usize).ok_or_else(|| {
                StageError::Inconsistent(format!("units task {s} dates group {g}, unknown"))
            })?;
            *slot = Some(slot.map_or(span, |seen| seen.union(span)));
        }
        for (g, t) in units {
            match terms.get_mut(g as usize) {
                Some(slot @ None) => *slot = Some(t),
                _ => {
                    return Err(StageError::Inconsistent(format!(
                        "units task {s} brings group {g}, unknown or brought twice"
                    )));
                }
            }
        }
    }
    // Each unit is dated by all its members, as the one-process run dates it.
    terms
        .into_iter()
        .zip(spans)
        .enumerate()
        .map(|(g, (t, days))| {
            t.map(|t| UnitTerms { days, ..t })
                .ok_or_else(|| StageError::Inconsistent(format!("no units task brings group {g}")))
        })
        .collect()
}
