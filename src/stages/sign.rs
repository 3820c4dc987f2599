//! Stage 1, one task per share of the input files: read, sign, keep no text. Writes the
//! shard's ledger (every record, with each document's term count and language), its coded
//! shingle sets, and its band keys — three files, because later stages each need one.

use bincode::{Decode, Encode};
use rayon::prelude::*;

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

/// A shard's coded shingle sets, one per document (empty when too short).
#[derive(Debug, Clone, Default, PartialEq, Eq, Encode, Decode)]
pub struct ShardSets(pub Vec<Vec<u8>>);

/// A shard's band keys, one list per document (empty when kept out of LSH).
#[derive(Debug, Clone, Default, PartialEq, Eq, Encode, Decode)]
pub struct ShardKeys(pub Vec<Vec<u32>>);

/// Runs sign task `task`: `read` hands over the shard's records a batch at a time.
pub fn run(
    work: &Workdir,
    task: usize,
    signer: &Signer,
    read: impl FnOnce(&mut dyn FnMut(Vec<Record>)) -> Result<(), StageError>,
) -> Result<(), StageError> {
    let mut shard = ShardLedger::default();
    let (mut sets, mut keys) = (ShardSets::default(), ShardKeys::default());
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
                sets.0.push(s.set.bytes().to_vec());
                keys.0.push(s.keys.to_vec());
            }
        }
    })?;
    work.save(Stage::Sign, task, "count", &(shard.docs.len() as u64))?;
    work.save(Stage::Sign, task, "ledger", &shard)?;
    work.save(Stage::Sign, task, "sets", &sets)?;
    work.save(Stage::Sign, task, "keys", &keys)?;
    work.mark_done(Stage::Sign, task)
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
