//! Document frequencies over a batch and sparse TF-IDF vectors, shared by the summary and
//! story stages.
//!
//! Terms are keyed by XXH3-64 of their text and vectors are sorted by key, so every sum runs
//! in the same order on every run and thread count: scores are bit-identical.

use std::sync::OnceLock;

use ahash::AHashMap;
use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_64;

use crate::text::{Analyzer, Language, TermKeys};

/// The stable key of a term.
pub fn term_key(term: &str) -> u64 {
    xxh3_64(term.as_bytes())
}

/// Document frequencies of terms over a collection.
#[derive(Debug, Clone, Default)]
pub struct Idf {
    df: AHashMap<u64, u32>,
    docs: u32,
    /// `idf` of the smaller document frequencies, computed on first use (a logarithm per term
    /// of every sentence scored is a tenth of scoring's time); cleared when counts change.
    table: OnceLock<Box<[f64]>>,
}

/// Document frequencies up to this get their IDF from [`Idf`]'s table.
const IDF_TABLE: u32 = 4096;

impl Idf {
    /// Learns document frequencies from texts, in parallel (a term memo per worker: each
    /// distinct word is stemmed once per worker, not looked up by its text every time).
    pub fn from_texts(texts: &[(&str, Language)], analyzer: &Analyzer) -> Idf {
        DocFrequencies::of_each(
            texts,
            || TermKeys::new(analyzer),
            |terms, &(text, lang), keys| {
                let start = keys.len();
                terms.for_each(text, lang, |k| keys.push(k));
                let tail = &mut keys[start..];
                tail.sort_unstable();
                let distinct = dedup_sorted(tail);
                keys.truncate(start + distinct);
            },
        )
        .into_idf()
    }

    /// Counts one document with the given distinct term keys.
    pub fn add_keys(&mut self, keys: impl IntoIterator<Item = u64>) {
        self.table = OnceLock::new();
        self.docs += 1;
        for k in keys {
            *self.df.entry(k).or_insert(0) += 1;
        }
    }

    /// The sum of two collections' frequencies.
    pub fn merge(mut self, mut other: Idf) -> Idf {
        // Fold the smaller map into the larger: a sum either way.
        if other.df.len() > self.df.len() {
            std::mem::swap(&mut self, &mut other);
        }
        self.table = OnceLock::new();
        self.docs += other.docs;
        for (k, n) in other.df {
            *self.df.entry(k).or_insert(0) += n;
        }
        self
    }

    /// In how many documents a term occurs.
    pub fn df(&self, key: u64) -> u32 {
        self.df.get(&key).copied().unwrap_or(0)
    }

    /// Frequencies from stored counts: `docs` documents, `(term key, documents with it)`.
    pub fn from_counts(docs: u64, counts: impl IntoIterator<Item = (u64, u32)>) -> Idf {
        Idf {
            df: counts.into_iter().collect(),
            docs: u32::try_from(docs).unwrap_or(u32::MAX),
            table: OnceLock::new(),
        }
    }

    /// Every `(term key, document frequency)`, sorted by key.
    pub fn counts(&self) -> Vec<(u64, u32)> {
        let mut v: Vec<(u64, u32)> = self.df.iter().map(|(&k, &n)| (k, n)).collect();
        v.sort_unstable();
        v
    }

    /// Number of documents counted.
    pub fn documents(&self) -> u32 {
        self.docs
    }

    /// Smoothed inverse document frequency, `ln((1 + N) / (1 + df)) + 1`: never zero, so a
    /// one-document batch still weighs terms by frequency.
    pub fn idf(&self, key: u64) -> f64 {
        let df = self.df.get(&key).copied().unwrap_or(0);
        let table = self.table.get_or_init(|| {
            (0..=self.docs.min(IDF_TABLE))
                .map(|df| self.idf_of(df))
                .collect()
        });
        match table.get(df as usize) {
            Some(&w) => w,
            None => self.idf_of(df),
        }
    }

    /// The IDF of a term found in `df` documents.
    fn idf_of(&self, df: u32) -> f64 {
        ((1.0 + f64::from(self.docs)) / (1.0 + f64::from(df))).ln() + 1.0
    }
}

/// Document frequencies of a part of a batch as sorted `(term key, documents)` pairs: built
/// with one sort instead of a growing map, summed with other parts by a linear merge, and
/// turned into an [`Idf`] whose map is allocated once at its exact size. (A map grown term by
/// term, then merged into another, was most of the fresh memory — and page faults — of
/// preparing a small batch.)
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocFrequencies {
    docs: u32,
    counts: Vec<(u64, u32)>,
}

impl DocFrequencies {
    /// The frequencies of documents given as their distinct term keys, one document after
    /// another in `keys` (each document's keys distinct; `docs` documents in all).
    pub fn of_distinct(docs: u32, mut keys: Vec<u64>) -> DocFrequencies {
        keys.sort_unstable();
        let counts = keys
            .chunk_by(|a, b| a == b)
            .map(|run| (run[0], run.len() as u32))
            .collect();
        DocFrequencies { docs, counts }
    }

    /// The frequencies of `items`, in parallel: `append_distinct(state, item, keys)` appends
    /// the item's distinct term keys to `keys`, with a `state` of its worker's own made by
    /// `init` (a term memo); every item counts as a document.
    pub fn of_each<T: Sync, S: Send>(
        items: &[T],
        init: impl Fn() -> S + Sync + Send,
        append_distinct: impl Fn(&mut S, &T, &mut Vec<u64>) + Sync + Send,
    ) -> DocFrequencies {
        items
            .par_iter()
            .fold(
                || (init(), 0u32, Vec::new()),
                |(mut state, docs, mut keys), item| {
                    append_distinct(&mut state, item, &mut keys);
                    (state, docs + 1, keys)
                },
            )
            .map(|(_, docs, keys)| DocFrequencies::of_distinct(docs, keys))
            .reduce(DocFrequencies::default, DocFrequencies::merge)
    }

    /// The sum of two parts' frequencies.
    pub fn merge(self, other: DocFrequencies) -> DocFrequencies {
        let (a, b) = (self.counts, other.counts);
        let mut counts = Vec::with_capacity(a.len() + b.len());
        let (mut i, mut j) = (0, 0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => {
                    counts.push(a[i]);
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    counts.push(b[j]);
                    j += 1;
                }
                std::cmp::Ordering::Equal => {
                    counts.push((a[i].0, a[i].1 + b[j].1));
                    i += 1;
                    j += 1;
                }
            }
        }
        counts.extend_from_slice(&a[i..]);
        counts.extend_from_slice(&b[j..]);
        DocFrequencies {
            docs: self.docs + other.docs,
            counts,
        }
    }

    /// The IDF of these frequencies.
    pub fn into_idf(self) -> Idf {
        Idf::from_counts(u64::from(self.docs), self.counts)
    }
}

/// Removes repeats from a sorted slice in place; returns how many distinct values now lead it.
pub fn dedup_sorted(sorted: &mut [u64]) -> usize {
    let mut kept = 0;
    for i in 0..sorted.len() {
        if i == 0 || sorted[i] != sorted[kept - 1] {
            sorted[kept] = sorted[i];
            kept += 1;
        }
    }
    kept
}

/// A sparse vector sorted by term key.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SparseVector(pub Vec<(u64, f64)>);

impl SparseVector {
    /// The L2-normalised TF-IDF vector of a bag of terms (sublinear term frequency).
    pub fn tfidf<'t>(terms: impl IntoIterator<Item = &'t str>, idf: &Idf) -> SparseVector {
        SparseVector::from_keys(terms.into_iter().map(term_key).collect(), idf)
    }

    /// The L2-normalised TF-IDF vector of a bag of term keys (sublinear term frequency).
    pub fn from_keys(mut keys: Vec<u64>, idf: &Idf) -> SparseVector {
        keys.sort_unstable();
        // Sized up front: a collect from `chunk_by` cannot know its length and would grow
        // the vector step by step, for every sentence scored.
        let mut v: Vec<(u64, f64)> = Vec::with_capacity(keys.len());
        v.extend(keys.chunk_by(|a, b| a == b).map(|run| {
            // Most terms occur once in a sentence: ln(1) = 0 needs no logarithm.
            let tf = match run.len() {
                1 => 1.0,
                n => 1.0 + (n as f64).ln(),
            };
            (run[0], tf * idf.idf(run[0]))
        }));
        let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|(_, w)| *w /= norm);
        }
        SparseVector(v)
    }

    /// Whether the vector has no term.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The sum of vectors, normalised to unit length.
    pub fn centroid<'v>(vectors: impl IntoIterator<Item = &'v SparseVector>) -> SparseVector {
        let vectors: Vec<&SparseVector> = vectors.into_iter().collect();
        let mut all: Vec<(u64, f64)> = Vec::with_capacity(vectors.iter().map(|v| v.0.len()).sum());
        all.extend(vectors.iter().flat_map(|v| v.0.iter().copied()));
        all.sort_by_key(|&(k, _)| k);
        let mut v: Vec<(u64, f64)> = all
            .chunk_by(|a, b| a.0 == b.0)
            .map(|run| (run[0].0, run.iter().map(|(_, w)| w).sum()))
            .collect();
        let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|(_, w)| *w /= norm);
        }
        SparseVector(v)
    }
}

/// Cosine similarity of two unit vectors (their dot product).
///
/// The products are summed in key order whichever way the terms are matched, so the result
/// is bit-identical to a plain merge. A sentence against its group's centroid is a few terms
/// against hundreds: there each term of the short vector is found by galloping through the
/// long one instead of walking every term of it.
pub fn cosine(a: &SparseVector, b: &SparseVector) -> f64 {
    let (short, long) = if a.0.len() <= b.0.len() {
        (&a.0, &b.0)
    } else {
        (&b.0, &a.0)
    };
    if short.len() * 8 < long.len() {
        return gallop_dot(short, long);
    }
    let (a, b) = (&a.0, &b.0);
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        // Advance by comparison results rather than a three-way branch: which side moves is
        // data-dependent and a branch on it mispredicts half the time.
        let (ka, kb) = (a[i].0, b[j].0);
        if ka == kb {
            dot += a[i].1 * b[j].1;
        }
        i += usize::from(ka <= kb);
        j += usize::from(kb <= ka);
    }
    dot
}

/// How much two unit vectors have in common, found in one pass: their cosine (bit for bit
/// [`cosine`]'s: the same products summed in the same key order) and their containment.
/// `cosine` keeps its own merge: counting shared terms there too cost scoring about 2%.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Overlap {
    /// The cosine.
    pub cosine: f64,
    /// The share of the shorter vector's terms that the other also has, weights aside: 1 when
    /// one sentence's terms are all in the other. Cosine misses a sentence repeated inside a
    /// longer one ("22 died in floods." against "22 died in floods, the committee said today
    /// that 17 …") and a copy with one rare name spelt otherwise ("فرايبرغ", "فرايبرج"): the
    /// longer's extra terms, or the one rare term's weight, pull the cosine down.
    pub containment: f64,
}

/// The [`Overlap`] of two vectors.
pub fn overlap(a: &SparseVector, b: &SparseVector) -> Overlap {
    let (a, b) = (&a.0, &b.0);
    let (mut i, mut j, mut dot, mut shared) = (0, 0, 0.0, 0usize);
    while i < a.len() && j < b.len() {
        let (ka, kb) = (a[i].0, b[j].0);
        if ka == kb {
            dot += a[i].1 * b[j].1;
            shared += 1;
        }
        i += usize::from(ka <= kb);
        j += usize::from(kb <= ka);
    }
    let smaller = a.len().min(b.len());
    Overlap {
        cosine: dot,
        containment: if smaller == 0 {
            0.0
        } else {
            shared as f64 / smaller as f64
        },
    }
}

/// The dot product of a short and a long sorted vector, each term of `short` searched for in
/// what remains of `long` (exponential then binary search), summed in key order.
fn gallop_dot(short: &[(u64, f64)], long: &[(u64, f64)]) -> f64 {
    let mut rest = long;
    let mut dot = 0.0;
    for &(k, w) in short {
        // Widen the window until it passes `k`, then search inside it.
        let mut hi = 1;
        while hi < rest.len() && rest[hi].0 < k {
            hi *= 2;
        }
        let window = &rest[..(hi + 1).min(rest.len())];
        match window.binary_search_by_key(&k, |&(key, _)| key) {
            Ok(at) => {
                dot += w * rest[at].1;
                rest = &rest[at + 1..];
            }
            Err(at) => rest = &rest[at..],
        }
        if rest.is_empty() {
            break;
        }
    }
    dot
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rare_terms_weigh_more_than_common_ones() {
        let mut idf = Idf::default();
        idf.add_keys([term_key("common"), term_key("rare")]);
        idf.add_keys([term_key("common")]);
        idf.add_keys([term_key("common")]);
        assert!(idf.idf(term_key("rare")) > idf.idf(term_key("common")));
        assert!(idf.idf(term_key("common")) > 0.0);
    }

    #[test]
    fn stored_counts_give_the_same_weights() {
        let mut idf = Idf::default();
        idf.add_keys([term_key("a"), term_key("b")]);
        idf.add_keys([term_key("a")]);
        let back = Idf::from_counts(u64::from(idf.documents()), idf.counts());
        for t in ["a", "b", "c"] {
            assert_eq!(back.idf(term_key(t)), idf.idf(term_key(t)));
        }
    }

    #[test]
    fn frequencies_of_parts_merge_into_the_frequencies_of_the_whole() {
        let analyzer = Analyzer::new(crate::text::AnalyzerKind::Auto);
        let texts = [
            "قال الوزير إن الاتفاق تم في الرياض",
            "The minister said the deal was signed",
            "الاتفاق تم توقيعه في الرياض أمس",
            "The deal covers energy and water",
            "",
        ];
        let docs: Vec<(&str, Language)> =
            texts.iter().map(|&t| (t, analyzer.language(t))).collect();
        let whole = Idf::from_texts(&docs, &analyzer);
        for cut in 0..=docs.len() {
            let a = Idf::from_texts(&docs[..cut], &analyzer);
            let b = Idf::from_texts(&docs[cut..], &analyzer);
            let stored = Idf::from_counts(u64::from(b.documents()), b.counts());
            let merged = a.merge(stored);
            assert_eq!(merged.documents(), whole.documents());
            assert_eq!(merged.counts(), whole.counts(), "cut at {cut}");
        }
    }

    /// The plain merge the galloping search must agree with, bit for bit.
    fn merge_dot(a: &[(u64, f64)], b: &[(u64, f64)]) -> f64 {
        let (mut i, mut j, mut dot) = (0, 0, 0.0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    dot += a[i].1 * b[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        dot
    }

    proptest::proptest! {
        #[test]
        fn cosine_of_a_short_and_a_long_vector_equals_the_plain_merge_bit_for_bit(
            short in proptest::collection::btree_map(0u64..400, 0.01f64..1.0, 0..12),
            long in proptest::collection::btree_map(0u64..400, 0.01f64..1.0, 0..300),
        ) {
            let a = SparseVector(short.into_iter().collect());
            let b = SparseVector(long.into_iter().collect());
            let want = merge_dot(&a.0, &b.0);
            proptest::prop_assert_eq!(cosine(&a, &b).to_bits(), want.to_bits());
            proptest::prop_assert_eq!(cosine(&b, &a).to_bits(), want.to_bits());
            proptest::prop_assert_eq!(overlap(&a, &b).cosine.to_bits(), want.to_bits());
            proptest::prop_assert_eq!(overlap(&b, &a).cosine.to_bits(), want.to_bits());
        }
    }

    #[test]
    fn containment_is_the_share_of_the_shorter_vectors_terms_found_in_the_other() {
        let idf = Idf::default();
        let containment = |a: &SparseVector, b: &SparseVector| overlap(a, b).containment;
        let short = SparseVector::tfidf(["a", "b", "c", "d"], &idf);
        let long = SparseVector::tfidf(["a", "b", "c", "d", "e", "f", "g", "h"], &idf);
        let half = SparseVector::tfidf(["a", "b", "x", "y"], &idf);
        assert_eq!(containment(&short, &long), 1.0);
        assert_eq!(containment(&long, &short), 1.0);
        assert_eq!(containment(&short, &half), 0.5);
        assert_eq!(containment(&short, &SparseVector::tfidf(["z"], &idf)), 0.0);
        assert_eq!(containment(&short, &SparseVector::default()), 0.0);
        assert!(cosine(&short, &long) < 0.8);
    }

    #[test]
    fn vectors_are_unit_length_and_cosine_of_self_is_one() {
        let idf = Idf::default();
        let v = SparseVector::tfidf(["a", "b", "b", "c"], &idf);
        assert!((cosine(&v, &v) - 1.0).abs() < 1e-12);
        let w = SparseVector::tfidf(["x", "y"], &idf);
        assert_eq!(cosine(&v, &w), 0.0);
    }

    #[test]
    fn centroid_points_between_its_vectors() {
        let idf = Idf::default();
        let a = SparseVector::tfidf(["a"], &idf);
        let b = SparseVector::tfidf(["b"], &idf);
        let c = SparseVector::centroid([&a, &b]);
        assert!((cosine(&c, &a) - cosine(&c, &b)).abs() < 1e-12);
        assert!(cosine(&c, &a) > 0.7);
    }

    #[test]
    fn frequencies_from_sorted_parts_equal_those_counted_document_by_document() {
        let docs: [&[u64]; 5] = [&[1, 5, 9], &[5], &[], &[9, 1, 2], &[7, 5]];
        let mut counted = Idf::default();
        for d in docs {
            counted.add_keys(d.iter().copied());
        }
        let part = |ds: &[&[u64]]| {
            DocFrequencies::of_distinct(
                ds.len() as u32,
                ds.iter().flat_map(|d| d.iter().copied()).collect(),
            )
        };
        for split in 0..=docs.len() {
            let (a, b) = docs.split_at(split);
            let idf = part(a).merge(part(b)).into_idf();
            assert_eq!(idf.counts(), counted.counts(), "split at {split}");
            assert_eq!(idf.documents(), counted.documents());
        }
    }
}
