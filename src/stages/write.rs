//! The write stage, one task: gather every shard's ledger and every task's clusters and pairs
//! into the outcome a one-process run reaches (the caller writes the files from it; a
//! digest's groups task gathers the same outcome to form its groups).

use super::clusters::Clustered;
use super::sign::{ShardLedger, doc_offsets};
use super::verify::Pairs;
use super::{Stage, StageError, Workdir};
use crate::corpus::Ledger;
use crate::dedup::lsh::Banding;
use crate::dedup::{DedupOutcome, SimilarPair, initial_statuses, mark_duplicates, order_clusters};

/// Everything the output files are written from.
pub struct Gathered {
    /// Every record, in reading order.
    pub ledger: Ledger,
    /// The record number of each document.
    pub docs: Vec<usize>,
    /// What dedup decided.
    pub outcome: DedupOutcome,
}

/// Gathers the run's results (`shards` sign/verify/clusters tasks) for writing.
pub fn gather(
    work: &Workdir,
    shards: usize,
    ngram: usize,
    banding: Banding,
) -> Result<Gathered, StageError> {
    work.require(Stage::Clusters, shards)?;
    // Sized up front: growing these one shard at a time would double them for a moment,
    // and this one task holds the whole run's ledger.
    let mut records = 0usize;
    for s in 0..shards {
        let n: u64 = work.load(Stage::Sign, s, "records")?;
        records += n as usize;
    }
    let documents = *doc_offsets(work, shards)?.last().unwrap_or(&0) as usize;
    let mut ledger = Ledger::default();
    ledger.reserve(records);
    let mut docs = Vec::with_capacity(documents);
    let mut statuses = Vec::with_capacity(documents);
    let mut languages = Vec::with_capacity(documents);
    for s in 0..shards {
        let shard: ShardLedger = work.load(Stage::Sign, s, "ledger")?;
        let base = ledger.len();
        docs.extend(shard.docs.iter().map(|&r| base + r as usize));
        statuses.extend(initial_statuses(
            shard.terms.iter().map(|&t| t as usize),
            ngram,
        ));
        languages.extend((0..shard.docs.len()).map(|d| shard.lang(d)));
        ledger.append(shard.ledger);
    }
    let mut pairs: Vec<SimilarPair> = Vec::new();
    let mut clusters = Vec::new();
    for s in 0..shards {
        let kept: Pairs = work.load(Stage::Verify, s, "pairs")?;
        pairs.extend(kept.similar());
        let done: Clustered = work.load(Stage::Clusters, s, "clusters")?;
        pairs.extend(done.extra.similar());
        clusters.extend(done.clusters.iter().map(|c| c.cluster()));
    }
    pairs.sort_by_key(|p| (p.a, p.b));
    order_clusters(&mut clusters, |d| ledger.id(docs[d as usize]));
    mark_duplicates(&mut statuses, &clusters);
    Ok(Gathered {
        outcome: DedupOutcome {
            statuses,
            clusters,
            pairs,
            banding,
            languages,
        },
        ledger,
        docs,
    })
}
