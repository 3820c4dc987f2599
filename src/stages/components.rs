//! Stage 4, one task: every kept pair → connected components, dealt round-robin to the
//! clusters tasks, each with the kept pairs inside its components (so completing a component
//! skips the pairs already verified, as the one-process run does).

use bincode::{Decode, Encode};

use super::sign::doc_offsets;
use super::verify::Pairs;
use super::{Stage, StageError, Workdir};
use crate::dedup::cluster::components;

/// One clusters task's share: components (sorted members) and the kept pairs inside them.
#[derive(Debug, Clone, Default, PartialEq, Encode, Decode)]
pub struct Share {
    /// Components, each sorted, ordered by smallest member.
    pub groups: Vec<Vec<u32>>,
    /// Kept pairs inside them, sorted.
    pub pairs: Pairs,
}

/// The file name of clusters task `t`'s share.
pub fn share_name(t: usize) -> String {
    format!("share-{t:05}")
}

/// Runs the components task, for `shards` verify tasks and `tasks` clusters tasks.
pub fn run(work: &Workdir, shards: usize, tasks: usize) -> Result<(), StageError> {
    work.require(Stage::Verify, shards)?;
    let n = doc_offsets(work, shards)?[shards] as usize;
    let mut kept: Vec<(u32, u32, f64)> = Vec::new();
    for s in 0..shards {
        let Pairs(p) = work.load(Stage::Verify, s, "pairs")?;
        kept.extend(p);
    }
    let edges: Vec<(u32, u32)> = kept.iter().map(|&(a, b, _)| (a, b)).collect();
    let groups = components(n, &edges);
    let mut task_of = vec![u32::MAX; n];
    let mut shares: Vec<Share> = vec![Share::default(); tasks.max(1)];
    for (g, members) in groups.into_iter().enumerate() {
        let t = g % shares.len();
        for &m in &members {
            task_of[m as usize] = t as u32;
        }
        shares[t].groups.push(members);
    }
    for p in kept {
        shares[task_of[p.0 as usize] as usize].pairs.0.push(p);
    }
    for (t, share) in shares.iter().enumerate() {
        work.save(Stage::Components, 0, &share_name(t), share)?;
    }
    work.mark_done(Stage::Components, 0)
}
