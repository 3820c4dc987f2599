//! Tonight's batch against the archive: sign tonight's documents, find candidates among
//! them (LSH as in a plain run) and with the archive (tonight's band keys looked up in the
//! archive's), verify by exact Jaccard, join clusters through the archive's stored pairs,
//! and choose representatives by the usual rule.
//!
//! Graph numbering: tonight's documents are `0..n`, archive document `p` is `n + p` — except
//! an archive document whose id comes again tonight, which *is* tonight's document (a night
//! run twice changes nothing). The outcome is numbered tonight `0..n`, then one "stub" per
//! archive document the reported clusters hold.

use std::sync::OnceLock;

use ahash::{AHashMap, AHashSet};
use rayon::prelude::*;

use super::archive::ArchiveError;
use super::archive::{Archive, NewDoc};
use crate::dedup::cluster::{RepresentativeKey, components, representative_of};
use crate::dedup::{
    Cluster, DedupConfig, DedupInput, DedupOutcome, MAX_COMPLETED_CLUSTER, Member, Signed, Signer,
    SimilarPair, Status, shingle, verify,
};
use crate::text::{Analyzer, Language};

/// What tonight's run decided, and what joins the archive.
#[derive(Debug)]
pub struct Night {
    /// Statuses, clusters and pairs over tonight's documents (`0..n`) then the stubs.
    pub outcome: DedupOutcome,
    /// The archive position of each stub: outcome document `n + s` is `stubs[s]`.
    pub stubs: Vec<u32>,
    signed: Vec<Signed>,
    terms: Vec<Vec<u64>>,
    lengths: Vec<usize>,
    shadow: Vec<Option<u32>>,
    edges: Vec<(u32, u32)>,
}

/// Signs each document as [`crate::dedup::sign`] does, also keeping its term keys in text
/// order (the same XXH3-64 of a term that `tfidf::term_key` gives) for document frequencies.
pub fn sign_with_terms(
    docs: &[DedupInput],
    analyzer: &Analyzer,
    config: &DedupConfig,
    tick: &(dyn Fn() + Sync),
) -> (Vec<Signed>, Vec<Vec<u64>>) {
    let signer = Signer::new(analyzer, config);
    docs.par_iter()
        .map(|d| {
            let lang = analyzer.language(d.text);
            let mut terms: Vec<u64> = Vec::new();
            analyzer.for_each_term(d.text, lang, |t| terms.push(shingle::term_hash(t)));
            let signed = signer.sign_terms(lang, &terms);
            tick();
            (signed, terms)
        })
        .unzip()
}

/// Decoded archive shingle sets, by archive position.
struct Sets(AHashMap<u32, Vec<u64>>);

impl Sets {
    fn ensure(
        &mut self,
        archive: &Archive,
        wanted: impl IntoIterator<Item = u32>,
    ) -> Result<(), ArchiveError> {
        let mut missing: Vec<u32> = wanted
            .into_iter()
            .filter(|p| !self.0.contains_key(p))
            .collect();
        missing.sort_unstable();
        missing.dedup();
        let decoded: Vec<(u32, Vec<u64>)> = missing
            .par_iter()
            .map(|&p| archive.shingles(p).map(|s| (p, s)))
            .collect::<Result<_, _>>()?;
        self.0.extend(decoded);
        Ok(())
    }
}

/// Candidate pairs `(tonight, archive position)` that share a band key, sorted and distinct.
fn archive_candidates(
    archive: &Archive,
    keys: &[&[u32]],
    skip: &[bool],
    bands: usize,
) -> Vec<(u32, u32)> {
    let mut table: Vec<(u64, u32)> = keys
        .iter()
        .enumerate()
        .flat_map(|(t, k)| {
            k.iter()
                .enumerate()
                .map(move |(b, &key)| (((b as u64) << 32) | u64::from(key), t as u32))
        })
        .collect();
    table.sort_unstable();
    let mut ranges: AHashMap<u64, (usize, usize)> = AHashMap::new();
    let mut start = 0;
    for run in table.chunk_by(|x, y| x.0 == y.0) {
        ranges.insert(run[0].0, (start, start + run.len()));
        start += run.len();
    }
    if ranges.is_empty() {
        return Vec::new();
    }
    // A bitmap of tonight's keys answers "no" for almost every archive key in one load.
    const BITS: usize = 1 << 22;
    let slot = |key: u64| (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 42) as usize;
    let mut bitmap = vec![0u64; BITS / 64];
    for &(key, _) in &table {
        let s = slot(key);
        bitmap[s / 64] |= 1 << (s % 64);
    }
    let width = bands * 4;
    let mut pairs: Vec<(u32, u32)> = archive
        .band_key_blocks()
        .into_iter()
        .flat_map(|(first, block)| {
            block
                .par_chunks_exact(width)
                .enumerate()
                .filter(|&(j, _)| !skip[first as usize + j])
                .flat_map_iter(|(j, keys)| {
                    let p = first + j as u32;
                    let mut found = Vec::new();
                    for (b, k) in keys.chunks_exact(4).enumerate() {
                        let key = u32::from_le_bytes([k[0], k[1], k[2], k[3]]);
                        let key = ((b as u64) << 32) | u64::from(key);
                        let s = slot(key);
                        if bitmap[s / 64] & (1 << (s % 64)) == 0 {
                            continue;
                        }
                        if let Some(&(lo, hi)) = ranges.get(&key) {
                            found.extend(table[lo..hi].iter().map(|&(_, t)| (t, p)));
                        }
                    }
                    found
                })
                .collect::<Vec<_>>()
        })
        .collect();
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
}

/// Runs dedup of `docs` against `archive`. With `all`, every cluster of the archive is
/// reported, not only those that gained a document tonight.
pub fn run(
    archive: &Archive,
    docs: &[DedupInput],
    analyzer: &Analyzer,
    config: &DedupConfig,
    all: bool,
    tick: &(dyn Fn() + Sync),
) -> Result<Night, ArchiveError> {
    let signing = sign_with_terms(docs, analyzer, config, tick);
    run_signed(archive, docs, signing, config, all)
}

/// [`run`] for documents already signed by [`sign_with_terms`] (which needs no archive, so
/// it can run while the archive loads).
pub fn run_signed(
    archive: &Archive,
    docs: &[DedupInput],
    (signed, terms): (Vec<Signed>, Vec<Vec<u64>>),
    config: &DedupConfig,
    all: bool,
) -> Result<Night, ArchiveError> {
    let n = docs.len();
    let m = archive.len();
    let banding = config.banding();
    let threshold = config.threshold;
    let lengths: Vec<usize> = docs.par_iter().map(|d| d.text.chars().count()).collect();

    // An id already archived: tonight's document stands for the archived one.
    let mut wanted: AHashMap<&[u8], usize> = AHashMap::new();
    for (i, d) in docs.iter().enumerate() {
        if !signed[i].keys.is_empty() {
            wanted.entry(d.id.as_bytes()).or_insert(i);
        }
    }
    let mut node_of_archive: Vec<u32> = (0..m).map(|p| (n + p) as u32).collect();
    let mut shadowed = vec![false; m];
    let mut shadow: Vec<Option<u32>> = vec![None; n];
    for p in 0..m as u32 {
        if wanted.is_empty() {
            break;
        }
        if let Some(i) = wanted.remove(archive.id_bytes(p)) {
            shadowed[p as usize] = true;
            node_of_archive[p as usize] = i as u32;
            shadow[i] = Some(p);
        }
    }

    // Candidates: tonight × tonight, tonight × archive.
    let tonight_pairs = crate::dedup::candidates(&signed);
    let keys: Vec<&[u32]> = signed.iter().map(|s| &s.keys[..]).collect();
    let archive_pairs = archive_candidates(archive, &keys, &shadowed, banding.bands);
    // Tonight's sets decoded when first compared.
    let decoded: Vec<OnceLock<Vec<u64>>> = (0..n).map(|_| OnceLock::new()).collect();
    let mut sets = Sets(AHashMap::new());
    sets.ensure(archive, archive_pairs.iter().map(|&(_, p)| p))?;

    // Similarity of two graph nodes, over the same truncated hashes whichever side they
    // come from.
    let sim = |sets: &Sets, x: u32, y: u32| -> f64 {
        let of = |v: u32| -> &[u64] {
            if (v as usize) < n {
                decoded[v as usize].get_or_init(|| signed[v as usize].set.decode())
            } else {
                sets.0
                    .get(&(v - n as u32))
                    .map(Vec::as_slice)
                    .unwrap_or(&[])
            }
        };
        verify::jaccard(of(x), of(y))
    };
    let mut verified: Vec<SimilarPair> = tonight_pairs
        .par_iter()
        .map(|&(a, b)| (a, b))
        .chain(archive_pairs.par_iter().map(|&(t, p)| (t, n as u32 + p)))
        .filter_map(|(a, b)| {
            let j = sim(&sets, a, b);
            verify::meets(j, threshold).then_some(SimilarPair { a, b, jaccard: j })
        })
        .collect();

    // The graph: tonight's verified pairs plus the archive's stored ones.
    let node = |v: u32| node_of_archive[v as usize];
    let stored: Vec<(u32, u32)> = archive
        .edges()
        .iter()
        .map(|&(a, b)| (node(a), node(b)))
        .filter(|(a, b)| a != b)
        .map(|(a, b)| (a.min(b), a.max(b)))
        .collect();
    let mut edges: Vec<(u32, u32)> = stored.clone();
    edges.extend(verified.iter().map(|p| (p.a, p.b)));
    let groups = components(n + m, &edges);
    let touched: Vec<&Vec<u32>> = groups.iter().filter(|g| (g[0] as usize) < n).collect();

    // Complete the groups tonight joined: every pair with a document of tonight's.
    let known: AHashSet<(u32, u32)> = edges.iter().copied().collect();
    sets.ensure(
        archive,
        touched
            .iter()
            .filter(|g| g.len() <= MAX_COMPLETED_CLUSTER)
            .flat_map(|g| g.iter().copied())
            .filter(|&v| v as usize >= n)
            .map(|v| v - n as u32),
    )?;
    let extra: Vec<SimilarPair> = touched
        .par_iter()
        .filter(|g| g.len() <= MAX_COMPLETED_CLUSTER)
        .flat_map_iter(|g| {
            let mut found = Vec::new();
            for (i, &a) in g.iter().enumerate() {
                if a as usize >= n {
                    break;
                }
                for &b in &g[i + 1..] {
                    if known.contains(&(a, b)) {
                        continue;
                    }
                    let j = sim(&sets, a, b);
                    if verify::meets(j, threshold) {
                        found.push(SimilarPair { a, b, jaccard: j });
                    }
                }
            }
            found
        })
        .collect();
    verified.extend(extra);
    verified.sort_by_key(|p| (p.a, p.b));

    // Clusters: the groups tonight joined, or every group with `all`.
    let reported: Vec<&Vec<u32>> = if all {
        groups.iter().collect()
    } else {
        touched
    };
    sets.ensure(
        archive,
        reported
            .iter()
            .flat_map(|g| g.iter().copied())
            .filter(|&v| v as usize >= n)
            .map(|v| v - n as u32),
    )?;
    let key = |v: u32| {
        if (v as usize) < n {
            RepresentativeKey {
                date: docs[v as usize].date,
                length: lengths[v as usize],
                id: docs[v as usize].id,
            }
        } else {
            let p = v - n as u32;
            RepresentativeKey {
                date: archive.date(p),
                length: archive.length(p),
                id: archive.id(p),
            }
        }
    };
    let graph_clusters: Vec<Cluster> = reported
        .par_iter()
        .map(|group| {
            let keys: Vec<RepresentativeKey> = group.iter().map(|&v| key(v)).collect();
            let rep = group[representative_of(&keys)];
            let members = group
                .iter()
                .map(|&doc| Member {
                    doc,
                    jaccard: if doc == rep {
                        1.0
                    } else {
                        sim(&sets, rep, doc)
                    },
                })
                .collect();
            Cluster {
                representative: rep,
                members,
            }
        })
        .collect();

    // Renumber: tonight's documents stay, archive documents become stubs n.., by position.
    let mut stubs: Vec<u32> = graph_clusters
        .iter()
        .flat_map(|c| c.members.iter().map(|m| m.doc))
        .filter(|&v| v as usize >= n)
        .map(|v| v - n as u32)
        .collect();
    stubs.sort_unstable();
    stubs.dedup();
    let ext = |v: u32| -> u32 {
        if (v as usize) < n {
            v
        } else {
            let p = v - n as u32;
            n as u32 + stubs.binary_search(&p).unwrap_or(0) as u32
        }
    };
    let ext_id = |v: u32| -> &str {
        if (v as usize) < n {
            docs[v as usize].id
        } else {
            archive.id(stubs[v as usize - n])
        }
    };
    let mut clusters: Vec<Cluster> = graph_clusters
        .into_iter()
        .map(|c| {
            let rep = ext(c.representative);
            let mut members: Vec<Member> = c
                .members
                .iter()
                .map(|m| Member {
                    doc: ext(m.doc),
                    jaccard: m.jaccard,
                })
                .collect();
            crate::dedup::order_members(&mut members, rep);
            Cluster {
                representative: rep,
                members,
            }
        })
        .collect();
    crate::dedup::order_clusters(&mut clusters, ext_id);

    let mut statuses: Vec<Status> = signed
        .iter()
        .map(|s| match s.terms {
            0 => Status::Empty,
            t if t < config.ngram => Status::TooShort,
            _ => Status::Kept,
        })
        .collect();
    statuses.extend(std::iter::repeat_n(Status::Kept, stubs.len()));
    for c in &clusters {
        for mem in &c.members[1..] {
            statuses[mem.doc as usize] = Status::Duplicate {
                of: c.representative,
                jaccard: mem.jaccard,
            };
        }
    }
    let mut pairs: Vec<SimilarPair> = verified
        .iter()
        .map(|p| SimilarPair {
            a: ext(p.a),
            b: ext(p.b),
            jaccard: p.jaccard,
        })
        .collect();
    pairs.sort_by_key(|p| (p.a, p.b));
    let mut languages: Vec<Language> = signed.iter().map(|s| s.lang).collect();
    languages.extend(stubs.iter().map(|&p| archive.lang(p)));
    let new_edges = verified.iter().map(|p| (p.a, p.b)).collect();
    Ok(Night {
        outcome: DedupOutcome {
            statuses,
            clusters,
            pairs,
            banding,
            languages,
        },
        stubs,
        signed,
        terms,
        lengths,
        shadow,
        edges: new_edges,
    })
}

/// Document frequencies of the documents `docs` (term keys with repeats, per document):
/// `(term key, documents holding it)`, sorted by key. Each thread counts its share in a map
/// that remembers the last document seen per key, so no document's terms need sorting.
fn frequencies(docs: &[usize], terms: &[Vec<u64>]) -> Vec<(u64, u32)> {
    let parts: Vec<Vec<(u64, u32)>> = docs
        .par_iter()
        .fold(AHashMap::<u64, (u32, usize)>::new, |mut seen, &d| {
            for &k in &terms[d] {
                let e = seen.entry(k).or_insert((0, usize::MAX));
                if e.1 != d {
                    *e = (e.0 + 1, d);
                }
            }
            seen
        })
        .map(|seen| seen.into_iter().map(|(k, (c, _))| (k, c)).collect())
        .collect();
    let mut all: Vec<(u64, u32)> = parts.into_iter().flatten().collect();
    all.par_sort_unstable_by_key(|&(k, _)| k);
    all.chunk_by(|a, b| a.0 == b.0)
        .map(|run| (run[0].0, run.iter().map(|r| r.1).sum()))
        .collect()
}

impl Night {
    /// Adds tonight's signed documents (except those whose id was already archived), their
    /// verified pairs and their document frequencies to `archive`. `meta(i)` gives document
    /// `i`'s title and source.
    pub fn join<'a>(
        &self,
        archive: &mut Archive,
        docs: &[DedupInput],
        meta: impl Fn(usize) -> (Option<&'a str>, Option<&'a str>),
    ) {
        let n = docs.len();
        let mut position: Vec<Option<u32>> = self.shadow.clone();
        let joining = |i: usize| position[i].is_none() && !self.signed[i].keys.is_empty();
        let joiners: Vec<usize> = (0..n).filter(|&i| joining(i)).collect();
        let counts = frequencies(&joiners, &self.terms);
        for (i, d) in docs.iter().enumerate() {
            let s = &self.signed[i];
            if position[i].is_some() || s.keys.is_empty() {
                continue;
            }
            let (title, source) = meta(i);
            position[i] = Some(archive.add(NewDoc {
                id: d.id,
                date: d.date,
                title,
                source,
                length: self.lengths[i],
                lang: s.lang,
                set: s.set.bytes(),
                band_keys: &s.keys,
            }));
        }
        archive.set_frequencies(joiners.len() as u64, counts);
        let at = |v: u32| -> Option<u32> {
            if (v as usize) < n {
                position[v as usize]
            } else {
                Some(v - n as u32)
            }
        };
        let edges: Vec<(u32, u32)> = self
            .edges
            .iter()
            .filter_map(|&(a, b)| Some((at(a)?, at(b)?)))
            .collect();
        archive.add_edges(edges);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::AnalyzerKind;

    #[test]
    fn signing_with_terms_signs_like_the_dedup_stage() {
        let analyzer = Analyzer::new(AnalyzerKind::Auto);
        let config = DedupConfig::default();
        let texts = [
            "قال المتحدث الرسمي إن الاجتماع سيعقد غدا في الرياض لبحث التعاون",
            "",
            "two words",
        ];
        let docs: Vec<DedupInput> = texts
            .iter()
            .map(|t| DedupInput {
                id: "x",
                text: t,
                date: None,
            })
            .collect();
        let plain = crate::dedup::sign(&docs, &analyzer, &config, &|| {});
        let (signed, terms) = sign_with_terms(&docs, &analyzer, &config, &|| {});
        assert_eq!(signed, plain);
        let idf = crate::tfidf::Idf::from_texts(&[(texts[0], signed[0].lang)], &analyzer);
        let mut keys: Vec<u64> = idf.counts().into_iter().map(|(k, _)| k).collect();
        keys.sort_unstable();
        let mut distinct = terms[0].clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct, keys);
        let twice = vec![terms[0].clone(), terms[0].clone()];
        let df = frequencies(&[0, 1], &twice);
        assert_eq!(df.len(), keys.len());
        assert!(
            df.iter().all(|&(_, c)| c == 2),
            "a document counts once per term"
        );
    }
}
