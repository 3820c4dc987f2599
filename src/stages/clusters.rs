//! Stage 5, one task per share of the components: load the members' sets and what picks a
//! representative, complete each component (verify the member pairs LSH did not propose),
//! choose its representative and measure every member against it.

use ahash::{AHashMap, AHashSet};
use bincode::{Decode, Encode};
use rayon::prelude::*;

use super::components::{Share, share_name};
use super::setfile::SetReader;
use super::sign::{ShardLedger, doc_offsets};
use super::verify::Pairs;
use super::{Stage, StageError, Workdir};
use crate::dedup::cluster::RepresentativeKey;
use crate::dedup::{Cluster, Member, complete_component};

/// A cluster as stage files hold it: representative, then `(member, jaccard)` in order.
#[derive(Debug, Clone, PartialEq, Encode, Decode)]
pub struct StoredCluster(pub u32, pub Vec<(u32, f64)>);

impl StoredCluster {
    /// As the dedup stage's cluster.
    pub fn cluster(&self) -> Cluster {
        Cluster {
            representative: self.0,
            members: self
                .1
                .iter()
                .map(|&(doc, jaccard)| Member { doc, jaccard })
                .collect(),
        }
    }
}

/// A clusters task's result: its clusters (in no particular order) and the pairs completing
/// added.
#[derive(Debug, Clone, Default, PartialEq, Encode, Decode)]
pub struct Clustered {
    /// Clusters.
    pub clusters: Vec<StoredCluster>,
    /// Pairs found by completing components.
    pub extra: Pairs,
}

/// What a member brings: its set and what orders representatives.
struct Known {
    set: Vec<u64>,
    date: Option<String>,
    length: usize,
    id: String,
}

/// Runs clusters task `task`, over `shards` sign shards, with `threshold`.
pub fn run(work: &Workdir, task: usize, shards: usize, threshold: f64) -> Result<(), StageError> {
    work.require(Stage::Components, 1)?;
    let share: Share = work.load(Stage::Components, 0, &share_name(task))?;
    let offsets = doc_offsets(work, shards)?;
    let mut wanted: Vec<u32> = share.groups.iter().flatten().copied().collect();
    wanted.sort_unstable();
    let mut known: AHashMap<u32, Known> = AHashMap::with_capacity(wanted.len());
    for s in 0..shards {
        let (lo, hi) = (offsets[s], offsets[s + 1]);
        let from = wanted.partition_point(|&d| d < lo);
        let to = wanted.partition_point(|&d| d < hi);
        if from == to {
            continue;
        }
        let ledger: ShardLedger = work.load(Stage::Sign, s, "ledger")?;
        let sets = SetReader::open(work, s)?;
        for &d in &wanted[from..to] {
            let local = (d - lo) as usize;
            let r = ledger.docs[local] as usize;
            known.insert(
                d,
                Known {
                    set: sets.get(local)?,
                    date: ledger.ledger.date(r).map(str::to_owned),
                    length: ledger.ledger.chars(r),
                    id: ledger.ledger.id(r).to_owned(),
                },
            );
        }
    }
    let verified: AHashSet<(u32, u32)> = share.pairs.0.iter().map(|&(a, b, _)| (a, b)).collect();
    let key = |d: u32| {
        let k = &known[&d];
        RepresentativeKey {
            date: k.date.as_deref(),
            length: k.length,
            id: &k.id,
        }
    };
    let done: Vec<(StoredCluster, Pairs)> = share
        .groups
        .par_iter()
        .map(|group| {
            let sets: Vec<Vec<u64>> = group.iter().map(|d| known[d].set.clone()).collect();
            let extra =
                complete_component(group, &sets, &|a, b| verified.contains(&(a, b)), threshold);
            let c = crate::dedup::cluster_component(group, &sets, &key);
            let stored = StoredCluster(
                c.representative,
                c.members.iter().map(|m| (m.doc, m.jaccard)).collect(),
            );
            (
                stored,
                Pairs(extra.iter().map(|p| (p.a, p.b, p.jaccard)).collect()),
            )
        })
        .collect();
    let mut out = Clustered::default();
    for (c, extra) in done {
        out.clusters.push(c);
        out.extra.0.extend(extra.0);
    }
    work.save(Stage::Clusters, task, "clusters", &out)?;
    work.mark_done(Stage::Clusters, task)
}
