//! Stage 3, one task per shard: the candidate pairs whose first document is in the shard →
//! exact Jaccard → the pairs that meet the threshold. Sets are loaded a shard at a time: the
//! task's own, then each later shard its pairs reach.

use bincode::{Decode, Encode};
use rayon::prelude::*;

use super::bucket::pairs_name;
use super::sign::{ShardSets, doc_offsets, shard_of};
use super::{Stage, StageError, Workdir};
use crate::dedup::sets::CodedSet;
use crate::dedup::{SimilarPair, verify};

/// Pairs as stage files hold them: `(a, b, jaccard)`, sorted by `(a, b)`.
#[derive(Debug, Clone, Default, PartialEq, Encode, Decode)]
pub struct Pairs(pub Vec<(u32, u32, f64)>);

impl Pairs {
    /// As the dedup stage's pairs.
    pub fn similar(&self) -> impl Iterator<Item = SimilarPair> + '_ {
        self.0
            .iter()
            .map(|&(a, b, jaccard)| SimilarPair { a, b, jaccard })
    }
}

/// A shard's sets, decoded from their stage file.
pub fn load_sets(work: &Workdir, shard: usize) -> Result<Vec<CodedSet>, StageError> {
    let ShardSets(sets) = work.load(Stage::Sign, shard, "sets")?;
    sets.iter()
        .map(|b| {
            CodedSet::from_bytes(b).map_err(|e| StageError::File {
                path: work.file(Stage::Sign, shard, "sets"),
                message: e.to_string(),
            })
        })
        .collect()
}

/// Runs verify task `task` (of `shards`, after `buckets` bucket tasks).
pub fn run(
    work: &Workdir,
    task: usize,
    shards: usize,
    buckets: usize,
    threshold: f64,
) -> Result<(), StageError> {
    work.require(Stage::Bucket, buckets)?;
    let offsets = doc_offsets(work, shards)?;
    let lo = offsets[task];
    let mut mine: Vec<u64> = Vec::new();
    for b in 0..buckets {
        let pairs: Vec<u64> = work.load(Stage::Bucket, b, &pairs_name(task))?;
        mine.extend(pairs);
    }
    mine.sort_unstable();
    mine.dedup();
    let own = load_sets(work, task)?;
    let mut kept: Vec<(u32, u32, f64)> = Vec::new();
    // Pairs by the shard of their second document, which is never before this one.
    let mut by_shard: Vec<Vec<(u32, u32)>> = vec![Vec::new(); shards];
    for p in mine {
        let (a, b) = ((p >> 32) as u32, p as u32);
        by_shard[shard_of(&offsets, b)].push((a, b));
    }
    for (s, pairs) in by_shard.iter().enumerate() {
        if pairs.is_empty() {
            continue;
        }
        let other = if s == task {
            None
        } else {
            Some(load_sets(work, s)?)
        };
        let theirs = other.as_ref().unwrap_or(&own);
        let base = offsets[s];
        kept.par_extend(pairs.par_chunk_by(|x, y| x.0 == y.0).flat_map_iter(|run| {
            let a = run[0].0;
            let set_a = own[(a - lo) as usize].decode();
            run.iter().filter_map(move |&(_, b)| {
                let set_b = theirs[(b - base) as usize].decode();
                let j = verify::jaccard(&set_a, &set_b);
                verify::meets(j, threshold).then_some((a, b, j))
            })
        }));
    }
    kept.sort_by_key(|&(a, b, _)| (a, b));
    work.save(Stage::Verify, task, "pairs", &Pairs(kept))?;
    work.mark_done(Stage::Verify, task)
}
