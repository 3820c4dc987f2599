//! Stage 1, one task per share of the input files: read, sign, keep no text. Writes the
//! shard's ledger (every record, with each document's term count and language), its coded
//! shingle sets, and its band keys — three files, because later stages each need one.

use bincode::{Decode, Encode};
use rayon::prelude::*;

use super::setfile::SetWriter;
use super::{Stage, StageError, Workdir};
use crate::corpus::{Ledger, Record};
use crate::dedup::Signer;
use crate::text::Language;

/// What every stage after signing needs of a shard's records.
#[derive(Debug, Clone, Default, PartialEq, Eq, Encode, Decode)]
pub struct ShardLedger {
    /// Every record of the shard, in order.
    pub ledger: Ledger,
    /// The record number (in this shard) of each document.
    pub docs: Vec<u32>,
    /// Each document's number of analysed terms.
    pub terms: Vec<u32>,
    /// Each document's language, as its index in [`Language::ALL`].
    pub langs: Vec<u8>,
}

impl ShardLedger {
    /// Document `d`'s language.
    pub fn lang(&self, d: usize) -> Language {
        Language::ALL
            .get(usize::from(self.langs[d]))
            .copied()
            .unwrap_or(Language::Other)
    }
}

/// A shard's band keys for one bucket task: per band of its group, `pack(key, document
/// number within the shard)` for the keys of its partition.
#[derive(Debug, Clone, Default, PartialEq, Eq, Encode, Decode)]
pub struct ShardKeys(pub Vec<Vec<u64>>);

/// The file of a shard's keys for bucket task `bucket`.
pub fn keys_name(bucket: usize) -> String {
    format!("keys-{bucket:05}")
}

/// Runs sign task `task`: `read` hands over the shard's records a batch at a time; `buckets`
/// says how band keys are dealt to the bucket tasks.
pub fn run(
    work: &Workdir,
    task: usize,
    signer: &Signer,
    buckets: &Buckets,
    read: impl FnOnce(&mut dyn FnMut(Vec<Record>)) -> Result<(), StageError>,
) -> Result<(), StageError> {
    let mut shard = ShardLedger::default();
    let mut sets = SetWriter::default();
    let mut keys: Vec<ShardKeys> = (0..buckets.tasks)
        .map(|t| ShardKeys(vec![Vec::new(); buckets.bands_of_task(t).len()]))
        .collect();
    read(&mut |batch| {
        let fresh: Vec<_> = batch
            .par_iter()
            .map(|r| match r {
                Record::Document(d) => Some(signer.sign(&d.text)),
                Record::Rejected(_) => None,
            })
            .collect();
        for (record, s) in batch.iter().zip(fresh) {
            let r = shard.ledger.push(record);
            if let Some(s) = s {
                shard.docs.push(r as u32);
                shard.terms.push(u32::try_from(s.terms).unwrap_or(u32::MAX));
                shard.langs.push(s.lang.index() as u8);
                let local = (shard.docs.len() - 1) as u32;
                sets.push(&s.set);
                for (band, &key) in s.keys.iter().enumerate() {
                    let (t, slot) = buckets.place(band, key);
                    keys[t].0[slot].push(crate::dedup::lsh::pack(key, local));
                }
            }
        }
    })?;
    work.save(Stage::Sign, task, "count", &(shard.docs.len() as u64))?;
    work.save(Stage::Sign, task, "records", &(shard.ledger.len() as u64))?;
    work.save(Stage::Sign, task, "ledger", &shard)?;
    sets.save(work, task)?;
    for (t, k) in keys.iter().enumerate() {
        work.save(Stage::Sign, task, &keys_name(t), k)?;
    }
    work.mark_done(Stage::Sign, task)
}

/// How band keys are dealt to bucket tasks: task `t` takes band group `t mod G` and, of its
/// keys, hash partition `t div G` of as many as tasks share the group — so no bucket task
/// holds more than its share of a run's keys, and each reads only its own file of each shard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Buckets {
    /// Bucket tasks.
    pub tasks: usize,
    /// Band groups (at most `tasks`).
    pub groups: usize,
    /// Bands of a signature.
    pub bands: usize,
}

impl Buckets {
    /// The bands of bucket task `t`'s group.
    pub fn bands_of_task(&self, t: usize) -> std::ops::Range<usize> {
        let g = t % self.groups;
        self.bands * g / self.groups..self.bands * (g + 1) / self.groups
    }

    /// The group holding band `band`.
    fn group_of(&self, band: usize) -> usize {
        (0..self.groups)
            .find(|&g| band < self.bands * (g + 1) / self.groups)
            .unwrap_or(self.groups - 1)
    }

    /// The bucket task and band slot (within its group) that `key` of band `band` goes to.
    pub fn place(&self, band: usize, key: u32) -> (usize, usize) {
        let g = self.group_of(band);
        let sharing = (self.tasks - g).div_ceil(self.groups); // tasks g, g + G, ...
        // A second hash of the key picks its partition, independent of its low bits.
        let part = ((key.wrapping_mul(0x9E37_79B1) >> 16) as usize) % sharing;
        let start = self.bands * g / self.groups;
        (part * self.groups + g, band - start)
    }
}

/// Where each shard's documents start in the run's numbering, and the total (the last entry).
pub fn doc_offsets(work: &Workdir, tasks: usize) -> Result<Vec<u32>, StageError> {
    let mut offsets = vec![0u32];
    for t in 0..tasks {
        let count: u64 = work.load(Stage::Sign, t, "count")?;
        let last = offsets[offsets.len() - 1];
        offsets.push(last + count as u32);
    }
    Ok(offsets)
}

/// The shard holding document `doc`, given [`doc_offsets`].
pub fn shard_of(offsets: &[u32], doc: u32) -> usize {
    offsets.partition_point(|&o| o <= doc) - 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_band_and_partition_has_exactly_one_bucket_task() {
        for (tasks, groups) in [(4, 4), (40, 20), (30, 20), (7, 7), (1, 1), (45, 20)] {
            let b = Buckets {
                tasks,
                groups,
                bands: 20,
            };
            let mut seen = vec![std::collections::BTreeSet::new(); tasks];
            for band in 0..20 {
                for key in 0..2_000u32 {
                    let (t, slot) = b.place(band, key.wrapping_mul(2_654_435_761));
                    assert!(t < tasks, "{tasks}/{groups}: task {t}");
                    assert!(b.bands_of_task(t).contains(&band));
                    assert_eq!(slot, band - b.bands_of_task(t).start);
                    seen[t].insert(band);
                }
            }
            let covered: usize = seen.iter().map(|s| s.len()).sum();
            assert!(covered >= 20, "{tasks}/{groups}");
            assert!(
                seen.iter().all(|s| !s.is_empty()),
                "{tasks}/{groups}: an idle task"
            );
        }
    }
}
