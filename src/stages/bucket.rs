//! Stage 2: candidate pairs. Task `t` reads, from every shard, the one file of band keys
//! sign dealt it (a band group and a hash partition of its keys: see [`Buckets`]), buckets
//! them band by band, and writes the pairs split by the verify task of their first document,
//! so each verify task reads only its own.

use super::sign::{Buckets, ShardKeys, doc_offsets, keys_name, shard_of};
use super::{Stage, StageError, Workdir};
use crate::dedup::lsh;

/// The file of bucket task `task`'s pairs for verify task `shard`.
pub fn pairs_name(shard: usize) -> String {
    format!("pairs-{shard:05}")
}

/// Runs bucket task `task` over `shards` sign shards, keys dealt as `buckets` says.
pub fn run(
    work: &Workdir,
    task: usize,
    buckets: &Buckets,
    shards: usize,
) -> Result<(), StageError> {
    work.require(Stage::Sign, shards)?;
    let offsets = doc_offsets(work, shards)?;
    let mut per_band: Vec<Vec<u64>> = vec![Vec::new(); buckets.bands_of_task(task).len()];
    for (s, &base) in offsets[..shards].iter().enumerate() {
        let ShardKeys(bands) = work.load(Stage::Sign, s, &keys_name(task))?;
        for (slot, packed) in per_band.iter_mut().zip(bands) {
            // The shard's document numbers become the run's.
            slot.extend(packed.into_iter().map(|p| p + u64::from(base)));
        }
    }
    let mut pairs = Vec::new();
    for mut band in per_band {
        lsh::bucket_pairs(&mut band, &mut pairs);
    }
    let pairs = lsh::distinct_pairs(pairs);
    let mut by_shard: Vec<Vec<u64>> = vec![Vec::new(); shards];
    for (a, b) in pairs {
        by_shard[shard_of(&offsets, a)].push(lsh::pack(a, b));
    }
    for (s, p) in by_shard.iter().enumerate() {
        work.save(Stage::Bucket, task, &pairs_name(s), p)?;
    }
    work.mark_done(Stage::Bucket, task)
}
