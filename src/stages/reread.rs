//! Reading a sign shard's inputs again (the units and route stages need the texts sign did
//! not keep): each document with its number in the shard, checked against the shard's
//! ledger, so that inputs changed since signing stop the run instead of mixing two batches.

use super::StageError;
use super::sign::ShardLedger;
use crate::corpus::{Document, Record};

/// Hands `each` every batch of the shard's documents as `(number in the shard, document)`;
/// `read` streams the shard's records as sign read them.
pub fn documents(
    shard: &ShardLedger,
    read: impl FnOnce(&mut dyn FnMut(Vec<Record>)) -> Result<(), StageError>,
    mut each: impl FnMut(Vec<(usize, Document)>),
) -> Result<(), StageError> {
    let (mut records, mut docs) = (0usize, 0usize);
    let mut changed: Option<String> = None;
    read(&mut |batch| {
        let mut out = Vec::new();
        for record in batch {
            let r = records;
            records += 1;
            if changed.is_some() {
                continue;
            }
            let Record::Document(d) = record else {
                continue;
            };
            let same = shard.docs.get(docs).is_some_and(|&at| at as usize == r)
                && r < shard.ledger.len()
                && shard.ledger.id(r) == d.id;
            if !same {
                changed = Some(format!("record {r} ({}) is not the one signed", d.id));
                continue;
            }
            out.push((docs, d));
            docs += 1;
        }
        if !out.is_empty() {
            each(out);
        }
    })?;
    if changed.is_none() && (records != shard.ledger.len() || docs != shard.docs.len()) {
        changed = Some(format!(
            "{records} records and {docs} documents read, {} and {} signed",
            shard.ledger.len(),
            shard.docs.len()
        ));
    }
    match changed {
        Some(what) => Err(StageError::Changed(what)),
        None => Ok(()),
    }
}
