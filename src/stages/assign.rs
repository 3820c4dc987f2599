//! Dealing entry plans to summarize tasks: plan `i` (in digest order) goes to task `i mod N`,
//! so every task gets big and small plans alike. Each task's orders say which entries it
//! builds from which groups; each sign shard's routes say where its documents go.

use bincode::{Decode, Encode};

use super::{Stage, StageError, Workdir};
use crate::entries::{EntryPlan, Group};

/// What a summarize task needs to explain a story: its representatives in story order, the
/// salient terms most of them share, and its score.
#[derive(Debug, Clone, PartialEq, Encode, Decode)]
pub struct StoryFacts {
    /// The story number, from 1.
    pub story: usize,
    /// Its units' representatives, in story order.
    pub reps: Vec<u32>,
    /// Salient terms most of its units share, sorted.
    pub shared: Vec<u64>,
    /// Its mean evidence score.
    pub score: f64,
}

/// One entry for a summarize task to build.
#[derive(Debug, Clone, PartialEq, Encode, Decode)]
pub struct Order {
    /// Its position in the digest, from 1.
    pub entry: usize,
    /// Its story, for stories.
    pub story: Option<StoryFacts>,
    /// Its groups, largest first.
    pub units: Vec<Group>,
}

/// The file of summarize task `task`'s orders.
pub fn orders_name(task: usize) -> String {
    format!("orders-{task:05}")
}

/// The file of sign shard `shard`'s routes: each document's summarize task.
pub fn routes_name(shard: usize) -> String {
    format!("routes-{shard:05}")
}

/// Deals `plans` (over `groups`; `stories[s]` explains story `s + 1`) to `tasks` summarize
/// tasks, saving the orders and routes as `stage`'s files; `offsets` are the sign shards'
/// first documents.
pub fn run(
    work: &Workdir,
    stage: Stage,
    groups: &[Group],
    plans: &[EntryPlan],
    stories: &[StoryFacts],
    offsets: &[u32],
    tasks: usize,
) -> Result<(), StageError> {
    let tasks = tasks.max(1);
    let n_docs = offsets.last().copied().unwrap_or(0) as usize;
    let mut task_of: Vec<Option<u32>> = vec![None; n_docs];
    let mut orders: Vec<Vec<Order>> = vec![Vec::new(); tasks];
    for (i, plan) in plans.iter().enumerate() {
        let t = i % tasks;
        for &u in &plan.units {
            for &(d, _) in &groups[u].members {
                task_of[d as usize] = Some(t as u32);
            }
        }
        let story = match plan.story {
            Some(s) => Some(
                stories
                    .get(s - 1)
                    .cloned()
                    .ok_or_else(|| StageError::Inconsistent(format!("story {s} has no facts")))?,
            ),
            None => None,
        };
        orders[t].push(Order {
            entry: i + 1,
            story,
            units: plan.units.iter().map(|&u| groups[u].clone()).collect(),
        });
    }
    for (t, o) in orders.iter().enumerate() {
        work.save(stage, 0, &orders_name(t), o)?;
    }
    for s in 0..offsets.len().saturating_sub(1) {
        let routes = &task_of[offsets[s] as usize..offsets[s + 1] as usize];
        work.save(stage, 0, &routes_name(s), &routes.to_vec())?;
    }
    Ok(())
}
