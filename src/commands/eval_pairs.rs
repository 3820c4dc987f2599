//! `khulasa eval pairs`: precision and recall of a pairs file against the exact all-pairs truth
//! on the same inputs, analyzer and shingles.

use std::collections::BTreeSet;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use rayon::prelude::*;

use crate::cli::EvalPairsCmd;
use crate::dedup::{SimilarPair, exact, shingle};
use crate::digest;

use super::batch;

/// Runs `khulasa eval pairs`.
pub fn run(cmd: &EvalPairsCmd) -> Result<()> {
    let start = Instant::now();
    let batch = batch::load(&cmd.input)?;
    let analyzer = batch::analyzer(&cmd.dedup);
    let n = usize::from(cmd.dedup.ngram);
    let sets: Vec<Vec<u64>> = (0..batch.docs.len() as u32)
        .into_par_iter()
        .map(|i| {
            let text = &batch.doc(i).text;
            shingle::shingle(&analyzer, text, analyzer.language(text), n).set
        })
        .collect();
    let refs: Vec<&[u64]> = sets.iter().map(Vec::as_slice).collect();
    let truth = exact::all_pairs(&refs, cmd.dedup.threshold);
    let truth_secs = start.elapsed().as_secs_f64();
    if let Some(path) = &cmd.truth_out {
        let pairs: Vec<SimilarPair> = truth
            .iter()
            .map(|&(a, b, jaccard)| SimilarPair { a, b, jaccard })
            .collect();
        digest::write_pairs(path, &pairs, |i| batch.id(i))?;
    }
    let key = |a: &str, b: &str| {
        if a <= b {
            (a.to_string(), b.to_string())
        } else {
            (b.to_string(), a.to_string())
        }
    };
    let truth_set: BTreeSet<(String, String)> = truth
        .iter()
        .map(|&(a, b, _)| key(batch.id(a), batch.id(b)))
        .collect();
    let text = std::fs::read_to_string(&cmd.pairs)
        .with_context(|| format!("cannot read {}", cmd.pairs.display()))?;
    let mut found = BTreeSet::new();
    for (no, line) in text.lines().enumerate() {
        let mut cols = line.split('\t');
        match (cols.next(), cols.next()) {
            (Some(a), Some(b)) if !a.is_empty() && !b.is_empty() => {
                found.insert(key(a, b));
            }
            _ => bail!(
                "{}:{}: expected `id_a<TAB>id_b<TAB>jaccard`",
                cmd.pairs.display(),
                no + 1
            ),
        }
    }
    let hits = found.intersection(&truth_set).count();
    let precision = if found.is_empty() {
        1.0
    } else {
        hits as f64 / found.len() as f64
    };
    let recall = if truth_set.is_empty() {
        1.0
    } else {
        hits as f64 / truth_set.len() as f64
    };
    println!(
        "truth pairs {}\nfound pairs {}\ntrue positives {hits}\nprecision {precision:.4}\nrecall {recall:.4}\ntruth seconds {truth_secs:.2}",
        truth_set.len(),
        found.len()
    );
    Ok(())
}
