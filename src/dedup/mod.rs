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
pub mod sets;
pub mod shingle;
pub mod verify;

use rayon::prelude::*;

use crate::text::{Analyzer, Language};
use cluster::{RepresentativeKey, components, representative_of};
use lsh::Banding;
use minhash::OnePermutationHasher;
use sets::CodedSet;

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
    /// The same configuration with its banding chosen, so the search runs once.
    pub fn resolved(&self) -> DedupConfig {
        DedupConfig {
            banding: Some(self.banding()),
            ..*self
        }
    }

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

/// One document after signing: what banding and verification need, nothing of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    /// The language the document was analysed as.
    pub lang: Language,
    /// Number of analysed terms.
    pub terms: usize,
    /// Its shingle set, truncated and coded (empty when too short).
    pub set: CodedSet,
    /// Its LSH band keys (empty when there are no shingles: kept out of LSH).
    pub keys: Box<[u32]>,
}

/// Signs documents one at a time: analyse, shingle, MinHash, band keys.
pub struct Signer<'a> {
    analyzer: &'a Analyzer,
    hasher: OnePermutationHasher,
    ngram: usize,
    banding: Banding,
}

impl<'a> Signer<'a> {
    /// A signer for `config`, its banding resolved once.
    pub fn new(analyzer: &'a Analyzer, config: &DedupConfig) -> Signer<'a> {
        Signer {
            analyzer,
            hasher: OnePermutationHasher::new(config.perms),
            ngram: config.ngram,
            banding: config.banding(),
        }
    }

    /// Signs a text.
    pub fn sign(&self, text: &str) -> Signed {
        let lang = self.analyzer.language(text);
        SCRATCH.with_borrow_mut(|scratch| {
            let mut terms = std::mem::take(&mut scratch.terms);
            terms.clear();
            self.analyzer
                .for_each_term(text, lang, |t| terms.push(shingle::term_hash(t)));
            let signed = self.sign_with(lang, &terms, scratch);
            scratch.terms = terms;
            signed
        })
    }

    /// Signs a document from its term hashes (as [`shingle::term_hash`] gives them).
    pub fn sign_terms(&self, lang: Language, terms: &[u64]) -> Signed {
        SCRATCH.with_borrow_mut(|scratch| self.sign_with(lang, terms, scratch))
    }

    fn sign_with(&self, lang: Language, terms: &[u64], s: &mut Scratch) -> Signed {
        shingle::shingles_into(terms, self.ngram, &mut s.shingles);
        let keys = if s.shingles.is_empty() {
            Box::default()
        } else {
            self.hasher
                .signature_into(&s.shingles, &mut s.bins, &mut s.signature);
            lsh::band_keys(&s.signature, self.banding).into()
        };
        Signed {
            lang,
            terms: terms.len(),
            set: CodedSet::of_with(&s.shingles, &mut s.trunc, &mut s.coded),
            keys,
        }
    }
}

/// Buffers each signing thread reuses: signing a million documents would otherwise make
/// millions of short-lived allocations while the coded sets pile up, and the allocator slows
/// down as that heap grows.
#[derive(Default)]
struct Scratch {
    terms: Vec<u64>,
    shingles: Vec<u64>,
    bins: Vec<u64>,
    signature: Vec<u32>,
    trunc: Vec<u64>,
    coded: Vec<u8>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
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
    let signer = Signer::new(analyzer, config);
    docs.par_iter()
        .map(|d| {
            let s = signer.sign(d.text);
            tick();
            s
        })
        .collect()
}

/// Stage 2: candidate pairs from LSH over the signed documents.
pub fn candidates(signed: &[Signed]) -> Vec<(u32, u32)> {
    let keys: Vec<&[u32]> = signed.iter().map(|s| &s.keys[..]).collect();
    lsh::candidate_pairs(&keys)
}

/// Stage 3: keep the candidates whose exact Jaccard meets the threshold. Pairs come sorted,
/// so each first document's set is decoded once for all its partners.
pub fn verify_pairs(signed: &[Signed], pairs: &[(u32, u32)], threshold: f64) -> Vec<SimilarPair> {
    pairs
        .par_chunk_by(|x, y| x.0 == y.0)
        .flat_map_iter(|run| {
            let a = run[0].0;
            let set_a = signed[a as usize].set.decode();
            run.iter().filter_map(move |&(_, b)| {
                let j = verify::jaccard(&set_a, &signed[b as usize].set.decode());
                verify::meets(j, threshold).then_some(SimilarPair { a, b, jaccard: j })
            })
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
        .flat_map_iter(|g| {
            let sets = decode_members(signed, g);
            complete_component(g, &sets, &|a, b| known.contains(&(a, b)), threshold)
        })
        .collect();
    let mut all = pairs;
    all.extend(extra);
    all.sort_by_key(|p| (p.a, p.b));
    all
}

/// The decoded sets of a component's members, in its order.
fn decode_members(signed: &[Signed], group: &[u32]) -> Vec<Vec<u64>> {
    group
        .iter()
        .map(|&d| signed[d as usize].set.decode())
        .collect()
}

/// The pairs of one component (sorted document numbers, `sets` aligned with them) that
/// `known` does not hold and whose Jaccard meets the threshold; none for a component over
/// [`MAX_COMPLETED_CLUSTER`].
pub fn complete_component(
    group: &[u32],
    sets: &[Vec<u64>],
    known: &dyn Fn(u32, u32) -> bool,
    threshold: f64,
) -> Vec<SimilarPair> {
    let mut found = Vec::new();
    if group.len() > MAX_COMPLETED_CLUSTER {
        return found;
    }
    for (i, &a) in group.iter().enumerate() {
        for (k, &b) in group.iter().enumerate().skip(i + 1) {
            if known(a, b) {
                continue;
            }
            let j = verify::jaccard(&sets[i], &sets[k]);
            if verify::meets(j, threshold) {
                found.push(SimilarPair { a, b, jaccard: j });
            }
        }
    }
    found
}

/// The statuses documents have before clustering: empty, too short or kept.
pub fn initial_statuses(terms: impl Iterator<Item = usize>, ngram: usize) -> Vec<Status> {
    terms
        .map(|t| match t {
            0 => Status::Empty,
            t if t < ngram => Status::TooShort,
            _ => Status::Kept,
        })
        .collect()
}

/// One component's cluster: the representative `key` puts first, every member's exact
/// Jaccard with it (`sets` aligned with `group`), members in output order.
pub fn cluster_component<'a>(
    group: &[u32],
    sets: &[Vec<u64>],
    key: &(dyn Fn(u32) -> RepresentativeKey<'a> + Sync),
) -> Cluster {
    let keys: Vec<RepresentativeKey> = group.iter().map(|&d| key(d)).collect();
    let rep_at = representative_of(&keys);
    let rep = group[rep_at];
    let mut members: Vec<Member> = group
        .iter()
        .enumerate()
        .map(|(i, &doc)| Member {
            doc,
            jaccard: if doc == rep {
                1.0
            } else {
                verify::jaccard(&sets[rep_at], &sets[i])
            },
        })
        .collect();
    order_members(&mut members, rep);
    Cluster {
        representative: rep,
        members,
    }
}

/// Marks every non-representative member of `clusters` a duplicate of its representative.
pub fn mark_duplicates(statuses: &mut [Status], clusters: &[Cluster]) {
    for c in clusters {
        for m in &c.members[1..] {
            statuses[m.doc as usize] = Status::Duplicate {
                of: c.representative,
                jaccard: m.jaccard,
            };
        }
    }
}

/// Stage 4: clusters from verified pairs, a representative for each (by `key`), and every
/// document's status.
pub fn cluster<'a>(
    key: &(dyn Fn(u32) -> RepresentativeKey<'a> + Sync),
    signed: &[Signed],
    pairs: &[SimilarPair],
    ngram: usize,
) -> (Vec<Status>, Vec<Cluster>) {
    let mut statuses = initial_statuses(signed.iter().map(|s| s.terms), ngram);
    let edges: Vec<(u32, u32)> = pairs.iter().map(|p| (p.a, p.b)).collect();
    let mut clusters: Vec<Cluster> = components(signed.len(), &edges)
        .into_par_iter()
        .map(|group| cluster_component(&group, &decode_members(signed, &group), key))
        .collect();
    order_clusters(&mut clusters, |d| key(d).id);
    mark_duplicates(&mut statuses, &clusters);
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
    let config = &config.resolved();
    let signed = sign(docs, analyzer, config, tick);
    let key = |i: u32| {
        let d = &docs[i as usize];
        RepresentativeKey {
            date: d.date,
            length: d.text.chars().count(),
            id: d.id,
        }
    };
    run_signed(&signed, &key, config)
}

/// Stages 2–4 over documents already signed (all at once by [`sign`], or a chunk at a time
/// by a [`Signer`] while the inputs stream past); `key` gives what picks representatives.
pub fn run_signed<'a>(
    signed: &[Signed],
    key: &(dyn Fn(u32) -> RepresentativeKey<'a> + Sync),
    config: &DedupConfig,
) -> DedupOutcome {
    let cands = candidates(signed);
    let pairs = verify_pairs(signed, &cands, config.threshold);
    let pairs = complete_within_clusters(signed, pairs, config.threshold);
    let (statuses, clusters) = cluster(key, signed, &pairs, config.ngram);
    DedupOutcome {
        statuses,
        clusters,
        pairs,
        banding: config.banding(),
        languages: signed.iter().map(|s| s.lang).collect(),
    }
}
