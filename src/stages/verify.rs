//! Stage 3, one task per shard: the candidate pairs whose first document is in the shard →
//! exact Jaccard → the pairs that meet the threshold. Only the sets of documents in a pair
//! are read, from the task's own shard and each later shard its pairs reach.

use bincode::{Decode, Encode};
use rayon::prelude::*;

use super::bucket::pairs_name;
use super::setfile::SetReader;
use super::sign::{doc_offsets, shard_of};
use super::{Stage, StageError, Workdir};
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
    let own = SetReader::open(work, task)?;
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
            Some(SetReader::open(work, s)?)
        };
        let theirs = other.as_ref().unwrap_or(&own);
        let base = offsets[s];
        let runs: Vec<Vec<(u32, u32, f64)>> = pairs
            .par_chunk_by(|x, y| x.0 == y.0)
            .map(|run| {
                let set_a = own.get((run[0].0 - lo) as usize)?;
                let mut out = Vec::new();
                for &(a, b) in run {
                    let set_b = theirs.get((b - base) as usize)?;
                    let j = verify::jaccard(&set_a, &set_b);
                    if verify::meets(j, threshold) {
                        out.push((a, b, j));
                    }
                }
                Ok(out)
            })
            .collect::<Result<_, StageError>>()?;
        kept.extend(runs.into_iter().flatten());
    }
    kept.sort_by_key(|&(a, b, _)| (a, b));
    work.save(Stage::Verify, task, "pairs", &Pairs(kept))?;
    work.mark_done(Stage::Verify, task)
}
