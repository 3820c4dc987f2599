//! Near-duplicate detection: shingles, MinHash signatures, LSH banding, exact verification and
//! clustering.
//!
//! Each step is a function from plain values to plain values — [`sign`] → [`candidates`] →
//! [`verify_pairs`] → [`cluster`] — so they can later run as separate tasks with files between
//! them. [`run`] chains them for one process.

pub mod cluster;
pub mod exact;
pub mod lsh;
pub mod minhash;
pub mod shingle;
pub mod verify;

use rayon::prelude::*;

use crate::text::{Analyzer, Language};
use cluster::{RepresentativeKey, components, representative_order};
use lsh::Banding;
use minhash::MinHasher;

/// The parameters that decide which documents are near-duplicates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DedupConfig {
    /// Jaccard similarity at or above which two documents are duplicates.
    pub threshold: f64,
    /// Words per shingle.
    pub ngram: usize,
    /// MinHash permutations.
    pub perms: usize,
    /// LSH banding; `None` picks the optimum for `threshold` and `perms`.
    pub banding: Option<Banding>,
}

impl Default for DedupConfig {
    fn default() -> Self {
        DedupConfig {
            threshold: 0.7,
            ngram: 5,
            perms: 128,
            banding: None,
        }
    }
}

impl DedupConfig {
    /// The banding in force: the one given, or the optimum for the threshold.
    pub fn banding(&self) -> Banding {
        self.banding
            .unwrap_or_else(|| lsh::optimal_banding(self.threshold, self.perms))
    }
}

/// A document as the dedup stage needs it.
#[derive(Debug, Clone, Copy)]
pub struct DedupInput<'a> {
    /// The id, for ordering representatives.
    pub id: &'a str,
    /// The text to shingle.
    pub text: &'a str,
    /// The date, for ordering representatives.
    pub date: Option<&'a str>,
}

/// One document after signing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    /// The language the document was analysed as.
    pub lang: Language,
    /// Number of analysed terms.
    pub terms: usize,
    /// Sorted distinct shingle hashes (empty when too short).
    pub shingles: Vec<u64>,
    /// MinHash signature (empty when there are no shingles).
    pub signature: Vec<u32>,
}

/// A verified pair of documents (by position), `a < b`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SimilarPair {
    /// The first document.
    pub a: u32,
    /// The second document.
    pub b: u32,
    /// Their exact Jaccard similarity.
    pub jaccard: f64,
}

/// What became of one document.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Status {
    /// Unique, or the representative of its cluster.
    Kept,
    /// A member of a cluster whose representative is another document.
    Duplicate {
        /// The representative.
        of: u32,
        /// Exact Jaccard similarity to the representative.
        jaccard: f64,
    },
    /// No term at all: never signed, never clustered.
    Empty,
    /// Fewer terms than the shingle size: never signed.
    TooShort,
}

/// A member of a cluster.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Member {
    /// The document.
    pub doc: u32,
    /// Exact Jaccard similarity to the representative (1 for the representative).
    pub jaccard: f64,
}

/// A group of near-duplicates.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// The document kept for the group.
    pub representative: u32,
    /// Every member, the representative first, then by similarity (descending) and position.
    pub members: Vec<Member>,
}

/// Everything the dedup stage decided.
#[derive(Debug, Clone, PartialEq)]
pub struct DedupOutcome {
    /// One status per input document, in input order.
    pub statuses: Vec<Status>,
    /// Clusters of two or more, largest first, then by representative id.
    pub clusters: Vec<Cluster>,
    /// Every verified pair, sorted by `(a, b)`.
    pub pairs: Vec<SimilarPair>,
    /// The banding that was used.
    pub banding: Banding,
    /// The language each document was analysed as.
    pub languages: Vec<Language>,
}

/// Stage 1: analyse, shingle and sign each document, in parallel, results in input order.
/// `tick` is called once per document (for progress bars).
pub fn sign(
    docs: &[DedupInput],
    analyzer: &Analyzer,
    config: &DedupConfig,
    tick: &(dyn Fn() + Sync),
) -> Vec<Signed> {
    let hasher = MinHasher::new(config.perms);
    docs.par_iter()
        .map(|d| {
            let lang = analyzer.language(d.text);
            let sh = shingle::shingle(analyzer, d.text, lang, config.ngram);
            let signature = if sh.set.is_empty() {
                Vec::new()
            } else {
                hasher.signature(&sh.set)
            };
            tick();
            Signed {
                lang,
                terms: sh.terms,
                shingles: sh.set,
                signature,
            }
        })
        .collect()
}

/// Stage 2: candidate pairs from LSH over the signed documents.
pub fn candidates(signed: &[Signed], banding: Banding) -> Vec<(u32, u32)> {
    let sigs: Vec<Option<&[u32]>> = signed
        .iter()
        .map(|s| (!s.signature.is_empty()).then_some(s.signature.as_slice()))
        .collect();
    lsh::candidate_pairs(&sigs, banding)
}

/// Stage 3: keep the candidates whose exact Jaccard meets the threshold.
pub fn verify_pairs(signed: &[Signed], pairs: &[(u32, u32)], threshold: f64) -> Vec<SimilarPair> {
    pairs
        .par_iter()
        .filter_map(|&(a, b)| {
            let j = verify::jaccard(&signed[a as usize].shingles, &signed[b as usize].shingles);
            verify::meets(j, threshold).then_some(SimilarPair { a, b, jaccard: j })
        })
        .collect()
}

/// Largest cluster whose member pairs are all verified by [`complete_within_clusters`]; beyond
/// it (only degenerate inputs, such as thousands of copies of one text) LSH pairs stand alone.
pub const MAX_COMPLETED_CLUSTER: usize = 2_000;

/// Stage 3b: within each connected component, verify the member pairs LSH did not propose.
/// A pair LSH missed but whose documents it joined through others costs one exact Jaccard
/// per pair here, which recovers most of the recall banding gives up near the threshold.
pub fn complete_within_clusters(
    signed: &[Signed],
    pairs: Vec<SimilarPair>,
    threshold: f64,
) -> Vec<SimilarPair> {
    let edges: Vec<(u32, u32)> = pairs.iter().map(|p| (p.a, p.b)).collect();
    let known: ahash::AHashSet<(u32, u32)> = edges.iter().copied().collect();
    let extra: Vec<SimilarPair> = components(signed.len(), &edges)
        .par_iter()
        .filter(|g| g.len() <= MAX_COMPLETED_CLUSTER)
        .flat_map_iter(|g| {
            let mut found = Vec::new();
            for (i, &a) in g.iter().enumerate() {
                for &b in &g[i + 1..] {
                    if known.contains(&(a, b)) {
                        continue;
                    }
                    let j =
                        verify::jaccard(&signed[a as usize].shingles, &signed[b as usize].shingles);
                    if verify::meets(j, threshold) {
                        found.push(SimilarPair { a, b, jaccard: j });
                    }
                }
            }
            found
        })
        .collect();
    let mut all = pairs;
    all.extend(extra);
    all.sort_by_key(|p| (p.a, p.b));
    all
}

/// Stage 4: clusters from verified pairs, a representative for each, and every document's
/// status.
pub fn cluster(
    docs: &[DedupInput],
    signed: &[Signed],
    pairs: &[SimilarPair],
    ngram: usize,
) -> (Vec<Status>, Vec<Cluster>) {
    let mut statuses: Vec<Status> = signed
        .iter()
        .map(|s| match s.terms {
            0 => Status::Empty,
            t if t < ngram => Status::TooShort,
            _ => Status::Kept,
        })
        .collect();
    let edges: Vec<(u32, u32)> = pairs.iter().map(|p| (p.a, p.b)).collect();
    let key = |i: u32| RepresentativeKey {
        date: docs[i as usize].date,
        length: docs[i as usize].text.chars().count(),
        id: docs[i as usize].id,
    };
    let mut clusters: Vec<Cluster> = components(docs.len(), &edges)
        .into_par_iter()
        .map(|group| {
            let mut ordered = group.clone();
            ordered.sort_by(|&x, &y| representative_order(&key(x), &key(y)));
            let rep = ordered[0];
            let rep_set = &signed[rep as usize].shingles;
            let mut members: Vec<Member> = group
                .iter()
                .map(|&doc| Member {
                    doc,
                    jaccard: if doc == rep {
                        1.0
                    } else {
                        verify::jaccard(rep_set, &signed[doc as usize].shingles)
                    },
                })
                .collect();
            order_members(&mut members, rep);
            Cluster {
                representative: rep,
                members,
            }
        })
        .collect();
    order_clusters(&mut clusters, |d| docs[d as usize].id);
    for c in &clusters {
        for m in &c.members[1..] {
            statuses[m.doc as usize] = Status::Duplicate {
                of: c.representative,
                jaccard: m.jaccard,
            };
        }
    }
    (statuses, clusters)
}

/// Puts a cluster's members in output order: the representative first, then by similarity
/// to it (descending), then by position.
pub fn order_members(members: &mut [Member], rep: u32) {
    members.sort_by(|x, y| {
        (y.doc == rep)
            .cmp(&(x.doc == rep))
            .then(y.jaccard.total_cmp(&x.jaccard))
            .then(x.doc.cmp(&y.doc))
    });
}

/// Puts clusters in output order: largest first, then by representative id, then position.
pub fn order_clusters<'a>(clusters: &mut [Cluster], id: impl Fn(u32) -> &'a str) {
    clusters.sort_by(|x, y| {
        y.members
            .len()
            .cmp(&x.members.len())
            .then(id(x.representative).cmp(id(y.representative)))
            .then(x.representative.cmp(&y.representative))
    });
}

/// The whole dedup stage in one process: sign, bucket, verify, cluster.
pub fn run(
    docs: &[DedupInput],
    analyzer: &Analyzer,
    config: &DedupConfig,
    tick: &(dyn Fn() + Sync),
) -> DedupOutcome {
    let banding = config.banding();
    let signed = sign(docs, analyzer, config, tick);
    let cands = candidates(&signed, banding);
    let pairs = verify_pairs(&signed, &cands, config.threshold);
    let pairs = complete_within_clusters(&signed, pairs, config.threshold);
    let (statuses, clusters) = cluster(docs, &signed, &pairs, config.ngram);
    DedupOutcome {
        statuses,
        clusters,
        pairs,
        banding,
        languages: signed.iter().map(|s| s.lang).collect(),
    }
}
