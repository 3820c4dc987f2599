//! Digest stage, one task: the gathered dedup outcome → the digest's groups (as the
//! one-process digest forms them) and, per sign shard, each document's group. Without the
//! story tier the entry plans follow from the groups alone, and this task deals them out too.

use bincode::{Decode, Encode};

use super::sign::doc_offsets;
use super::write::Gathered;
use super::{Stage, StageError, Workdir, assign};
use crate::entries::{self, Group, group_of_docs};

/// The run's groups and their representatives' ids (the story tier's units, and the order of
/// plans, need no more of the ledger).
#[derive(Debug, Clone, Default, PartialEq, Encode, Decode)]
pub struct Grouping {
    /// Every group, in group order.
    pub groups: Vec<Group>,
    /// Each group's representative's id.
    pub rep_ids: Vec<String>,
}

/// A sign shard's documents' groups.
#[derive(Debug, Clone, Default, PartialEq, Eq, Encode, Decode)]
pub struct ShardGroups {
    /// Each document's group; none for empty and too short documents.
    pub group: Vec<Option<u32>>,
    /// Whether each document represents its group.
    pub rep: Vec<bool>,
}

/// The file of sign shard `shard`'s groups.
pub fn shard_name(shard: usize) -> String {
    format!("groups-{shard:05}")
}

/// Runs the groups task over `gathered` (the dedup outcome of `shards` sign shards); deals
/// the plans to `tasks` summarize tasks unless the story tier (`stories`) makes them.
pub fn run(
    work: &Workdir,
    gathered: &Gathered,
    shards: usize,
    tasks: usize,
    stories: bool,
) -> Result<(), StageError> {
    let Gathered {
        ledger,
        docs,
        outcome,
    } = gathered;
    let id = |d: u32| ledger.id(docs[d as usize]);
    let groups = entries::groups(outcome, id);
    let offsets = doc_offsets(work, shards)?;
    let group_of = group_of_docs(docs.len(), &groups);
    for s in 0..shards {
        let range = offsets[s] as usize..offsets[s + 1] as usize;
        let shard = ShardGroups {
            group: group_of[range.clone()].to_vec(),
            rep: range
                .map(|d| {
                    group_of[d].is_some_and(|g| groups[g as usize].representative() == d as u32)
                })
                .collect(),
        };
        work.save(Stage::Groups, 0, &shard_name(s), &shard)?;
    }
    if stories {
        let grouping = Grouping {
            rep_ids: groups
                .iter()
                .map(|g| id(g.representative()).to_string())
                .collect(),
            groups,
        };
        work.save(Stage::Groups, 0, "grouping", &grouping)?;
    } else {
        let plans = entries::plans(&groups, &[], id);
        assign::run(work, Stage::Groups, &groups, &plans, &[], &offsets, tasks)?;
    }
    work.mark_done(Stage::Groups, 0)
}
