//! Preparing a batch for summarising in one pass: each document's language, layout and
//! sentence terms, then IDF and furniture learned from that analysis — no text is analysed
//! twice, and nothing is done that the summaries do not use (no dedup: copies are told by
//! their shared lines, which is all furniture learning needs to know of them).

use rayon::prelude::*;

use super::{Analysed, Furniture, Idf};
use crate::text::{Analyzer, TermKeys};
use crate::tfidf::DocFrequencies;

/// A batch analysed for summarising.
#[derive(Debug, Clone)]
pub struct Prepared<'a> {
    /// Every document, in input order.
    pub docs: Vec<Analysed<'a>>,
    /// Document frequencies over the documents with terms.
    pub idf: Idf,
    /// Lines recurring across documents that are not copies of one another.
    pub furniture: Furniture,
}

/// Analyses `texts` once each (in parallel, one term memo per worker) and learns IDF and
/// furniture from the analysis.
pub fn prepare<'a>(texts: &[&'a str], analyzer: &Analyzer) -> Prepared<'a> {
    // One contiguous part of about equal bytes per worker (equal counts of articles left one
    // worker idle while the other analysed the long ones; more parts stem more words twice):
    // each part has its own term memo (a distinct word is stemmed once per part) and its own
    // document frequencies, summed after (a sum: the same whatever the parts).
    let parts = byte_parts(texts, rayon::current_num_threads());
    let analysed: Vec<(Vec<Analysed<'a>>, DocFrequencies)> = parts
        .into_par_iter()
        .map(|range| {
            let bytes = texts[range.clone()].iter().map(|t| t.len()).sum();
            let mut terms = TermKeys::with_capacity(analyzer, distinct_words_below(bytes));
            let docs: Vec<Analysed<'a>> = texts[range]
                .iter()
                .map(|&text| Analysed::new(text, analyzer.language(text), &mut terms))
                .collect();
            // Each document with terms counts once for each of its distinct terms.
            let mut keys = Vec::new();
            let mut counted = 0;
            for d in docs.iter().filter(|d| d.has_terms()) {
                d.append_distinct_keys(&mut keys);
                counted += 1;
            }
            (docs, DocFrequencies::of_distinct(counted, keys))
        })
        .collect();
    let mut docs = Vec::with_capacity(texts.len());
    let mut parts_df = Vec::with_capacity(analysed.len());
    for (part, part_df) in analysed {
        docs.extend(part);
        parts_df.push(part_df);
    }
    // The two batch-wide steps need nothing of each other: one worker sums the frequencies
    // while the other finds the copies and learns the furniture.
    let (idf, furniture) = rayon::join(
        || {
            parts_df
                .into_iter()
                .fold(DocFrequencies::default(), DocFrequencies::merge)
                .into_idf()
        },
        || {
            let groups = copies_by_lines(&docs);
            Furniture::learn_lines(
                docs.iter()
                    .zip(&groups)
                    .filter(|(d, _)| d.has_terms())
                    .map(|(d, &g)| (g, d.layout.line_keys())),
            )
        },
    );
    Prepared {
        docs,
        idf,
        furniture,
    }
}

/// Fewer distinct words than news text of `bytes` bytes has, up to a cap: room reserved for
/// them in a term memo is filled. News has a new distinct word every 25–30 bytes over a few
/// hundred kilobytes (EASC, SaudiNewsNet), and ever fewer beyond, where growing costs little
/// next to the analysis.
fn distinct_words_below(bytes: usize) -> usize {
    (bytes / 32).min(1 << 16)
}

/// `texts` cut into at most `parts` contiguous ranges of about equal total length.
fn byte_parts(texts: &[&str], parts: usize) -> Vec<std::ops::Range<usize>> {
    let total: usize = texts.iter().map(|t| t.len()).sum();
    let per = total.div_ceil(parts.max(1)).max(1);
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, t) in texts.iter().enumerate() {
        bytes += t.len();
        if bytes >= per {
            out.push(start..i + 1);
            start = i + 1;
            bytes = 0;
        }
    }
    if start < texts.len() {
        out.push(start..texts.len());
    }
    out
}

/// The group of each document, copies together: a document at least half of whose distinct
/// lines were first seen in one earlier document is a copy of that document and joins its
/// group. Copies share most of their lines, unrelated articles of one site only the template,
/// so learned furniture stays template. Linear in the lines of the batch, for batches without
/// dedup's clusters.
fn copies_by_lines(docs: &[Analysed]) -> Vec<u32> {
    let mut first_seen: ahash::AHashMap<u64, u32> = ahash::AHashMap::new();
    let mut group: Vec<u32> = Vec::with_capacity(docs.len());
    for (d, doc) in docs.iter().enumerate() {
        let mut keys: Vec<u64> = doc.layout.line_keys().map(|(k, _)| k).collect();
        keys.sort_unstable();
        keys.dedup();
        let mut owners: Vec<u32> = keys
            .iter()
            .filter_map(|k| first_seen.get(k).copied())
            .collect();
        owners.sort_unstable();
        // The earlier document that first held most of these lines (the earliest on a tie).
        let best = owners
            .chunk_by(|a, b| a == b)
            .max_by_key(|run| (run.len(), std::cmp::Reverse(run[0])));
        let g = match best {
            Some(run) if 2 * run.len() >= keys.len() => group[run[0] as usize],
            _ => d as u32,
        };
        group.push(g);
        for k in keys {
            first_seen.entry(k).or_insert(d as u32);
        }
    }
    group
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::AnalyzerKind;

    #[test]
    fn copies_join_the_first_and_unrelated_articles_stay_apart() {
        let template = "Follow our channel for breaking news";
        let a = format!("Story one happened today.\nIt was big.\n{template}");
        let copy = format!("Story one happened today.\nIt was big.\nA new line.\n{template}");
        let b = format!("Story two happened today.\nIt was small.\n{template}");
        let c = format!("Story three happened.\nNobody saw it.\n{template}");
        let analyzer = Analyzer::new(AnalyzerKind::Auto);
        let texts = [a.as_str(), copy.as_str(), b.as_str(), c.as_str()];
        let p = prepare(&texts, &analyzer);
        assert_eq!(copies_by_lines(&p.docs), vec![0, 0, 2, 3]);
        // The template is in three groups: furniture. The copied lines are in one: not.
        assert_eq!(p.furniture.len(), 1);
        assert_eq!(p.idf.documents(), 4);
    }
}
