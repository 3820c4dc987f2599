//! Stage 2: candidate pairs. Task `t` takes the bands of group `t mod G` and, of those, only
//! the keys in hash partition `t div G` (of `ceil(T / G)`), so no task holds more than its
//! share of the run's keys however large the run. Pairs are written split by the verify task
//! of their first document, so each verify task reads only its own.

use super::sign::{ShardKeys, doc_offsets, shard_of};
use super::{Stage, StageError, Workdir};
use crate::dedup::lsh;

/// The bands of group `group` of `groups`, out of `bands`.
pub fn bands_of(group: usize, groups: usize, bands: usize) -> std::ops::Range<usize> {
    bands * group / groups..bands * (group + 1) / groups
}

/// The file of bucket task `task`'s pairs for verify task `shard`.
pub fn pairs_name(shard: usize) -> String {
    format!("pairs-{shard:05}")
}

/// Runs bucket task `task` of `tasks`, bands dealt into `groups` groups, over `shards` sign
/// shards.
pub fn run(
    work: &Workdir,
    task: usize,
    tasks: usize,
    groups: usize,
    shards: usize,
) -> Result<(), StageError> {
    work.require(Stage::Sign, shards)?;
    let offsets = doc_offsets(work, shards)?;
    let (group, part) = (task % groups, task / groups);
    let parts = tasks.div_ceil(groups) as u32;
    // Per band of the group: pack(key, doc) of the keys in this task's partition.
    let mut per_band: Vec<Vec<u64>> = Vec::new();
    for (s, &base) in offsets[..shards].iter().enumerate() {
        let ShardKeys(shard) = work.load(Stage::Sign, s, "keys")?;
        for (local, k) in shard.iter().enumerate() {
            if k.is_empty() {
                continue;
            }
            let doc = base + local as u32;
            let mine = bands_of(group, groups, k.len());
            per_band.resize(mine.len(), Vec::new());
            for (slot, &key) in per_band.iter_mut().zip(&k[mine]) {
                // A second hash of the key picks its partition, independent of its low bits.
                if (key.wrapping_mul(0x9E37_79B1) >> 16) % parts == part as u32 {
                    slot.push(lsh::pack(key, doc));
                }
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn band_groups_cover_every_band_once() {
        let all: Vec<usize> = (0..3).flat_map(|g| bands_of(g, 3, 20)).collect();
        assert_eq!(all, (0..20).collect::<Vec<_>>());
    }
}
