//! Stage 2, one task per group of bands: every shard's keys for those bands → the candidate
//! pairs they propose (by the run's document numbers), sorted and distinct.

use super::sign::{ShardKeys, doc_offsets};
use super::{Stage, StageError, Workdir};
use crate::dedup::lsh;

/// The bands of group `group` of `groups`, out of `bands`.
pub fn bands_of(group: usize, groups: usize, bands: usize) -> std::ops::Range<usize> {
    bands * group / groups..bands * (group + 1) / groups
}

/// Runs bucket task `task` of `groups`, over `shards` sign shards.
pub fn run(work: &Workdir, task: usize, groups: usize, shards: usize) -> Result<(), StageError> {
    work.require(Stage::Sign, shards)?;
    let offsets = doc_offsets(work, shards)?;
    let mut keys: Vec<Vec<u32>> = Vec::with_capacity(offsets[shards] as usize);
    for s in 0..shards {
        let ShardKeys(shard) = work.load(Stage::Sign, s, "keys")?;
        for k in shard {
            let bands = k.len();
            let mine = if bands == 0 {
                Vec::new()
            } else {
                k[bands_of(task, groups, bands)].to_vec()
            };
            keys.push(mine);
        }
    }
    let refs: Vec<&[u32]> = keys.iter().map(Vec::as_slice).collect();
    let pairs: Vec<u64> = lsh::candidate_pairs(&refs)
        .into_iter()
        .map(|(a, b)| lsh::pack(a, b))
        .collect();
    work.save(Stage::Bucket, task, "pairs", &pairs)?;
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
