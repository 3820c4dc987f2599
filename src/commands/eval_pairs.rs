//! `khulasa eval pairs`: precision and recall of a pairs file against the exact all-pairs truth
//! on the same inputs, analyzer and shingles; with `--groups`, recall against the pairs inside
//! known duplicate groups (a generated corpus's groups.jsonl) that meet the threshold.

use std::collections::BTreeSet;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::time::Instant;

use ahash::AHashMap;
use anyhow::{Context, Result, bail};
use rayon::prelude::*;

use crate::cli::EvalPairsCmd;
use crate::corpus::Record;
use crate::dedup::{SimilarPair, exact, shingle};
use crate::digest;
use crate::text::Analyzer;

use super::batch;

/// Runs `khulasa eval pairs`.
pub fn run(cmd: &EvalPairsCmd) -> Result<()> {
    match &cmd.groups {
        Some(groups) => run_groups(cmd, groups),
        None => run_all_pairs(cmd),
    }
}

/// The sorted, distinct shingles of `text`, as dedup computes them.
fn shingle_set(analyzer: &Analyzer, text: &str, n: usize) -> Vec<u64> {
    shingle::shingle(analyzer, text, analyzer.language(text), n).set
}

/// A pair of ids, the smaller first.
type Key = (String, String);

fn key(a: &str, b: &str) -> Key {
    if a <= b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}

/// The pairs of a pairs file (`id_a<TAB>id_b<TAB>jaccard` lines).
fn read_found(path: &Path) -> Result<BTreeSet<Key>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut found = BTreeSet::new();
    for (no, line) in text.lines().enumerate() {
        let mut cols = line.split('\t');
        match (cols.next(), cols.next()) {
            (Some(a), Some(b)) if !a.is_empty() && !b.is_empty() => {
                found.insert(key(a, b));
            }
            _ => bail!(
                "{}:{}: expected `id_a<TAB>id_b<TAB>jaccard`",
                path.display(),
                no + 1
            ),
        }
    }
    Ok(found)
}

/// Recall (or precision) `hits / of`, 1 when there is nothing to find.
fn ratio(hits: usize, of: usize) -> f64 {
    if of == 0 {
        1.0
    } else {
        hits as f64 / of as f64
    }
}

fn run_all_pairs(cmd: &EvalPairsCmd) -> Result<()> {
    let start = Instant::now();
    let batch = batch::load(&cmd.input)?;
    let analyzer = batch::analyzer(&cmd.dedup);
    let n = usize::from(cmd.dedup.ngram);
    let sets: Vec<Vec<u64>> = (0..batch.docs.len() as u32)
        .into_par_iter()
        .map(|i| shingle_set(&analyzer, &batch.doc(i).text, n))
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
    let truth_set: BTreeSet<Key> = truth
        .iter()
        .map(|&(a, b, _)| key(batch.id(a), batch.id(b)))
        .collect();
    let found = read_found(&cmd.pairs)?;
    let hits = found.intersection(&truth_set).count();
    let precision = ratio(hits, found.len());
    let recall = ratio(hits, truth_set.len());
    outln!(
        "truth pairs {}\nfound pairs {}\ntrue positives {hits}\nprecision {precision:.4}\nrecall {recall:.4}\ntruth seconds {truth_secs:.2}",
        truth_set.len(),
        found.len()
    );
    Ok(())
}

/// Known duplicate groups: the distinct ids they name and, per group, indices into them.
struct Groups {
    ids: Vec<String>,
    index: AHashMap<String, u32>,
    groups: Vec<Vec<u32>>,
}

/// Reads a groups file: one JSON array of ids per line (blank lines skipped).
fn read_groups(path: &Path) -> Result<Groups> {
    let file = File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut g = Groups {
        ids: Vec::new(),
        index: AHashMap::new(),
        groups: Vec::new(),
    };
    for (no, line) in BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("cannot read {}", path.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let ids: Vec<String> = serde_json::from_str(&line).with_context(|| {
            format!(
                "{}:{}: expected a JSON array of ids",
                path.display(),
                no + 1
            )
        })?;
        let mut members: Vec<u32> = ids
            .into_iter()
            .map(|id| {
                let next = g.ids.len() as u32;
                *g.index.entry(id.clone()).or_insert_with(|| {
                    g.ids.push(id);
                    next
                })
            })
            .collect();
        members.sort_unstable();
        members.dedup();
        g.groups.push(members);
    }
    Ok(g)
}

fn run_groups(cmd: &EvalPairsCmd, groups_path: &Path) -> Result<()> {
    let start = Instant::now();
    let g = read_groups(groups_path)?;
    let analyzer = batch::analyzer(&cmd.dedup);
    let n = usize::from(cmd.dedup.ngram);
    // Shingle sets of the group members only; the first record of an id counts.
    let mut sets: Vec<Option<Box<[u64]>>> = vec![None; g.ids.len()];
    let mut repeated = 0usize;
    batch::stream(&cmd.input.inputs, &cmd.input.read, &mut |records| {
        let signed: Vec<(u32, Box<[u64]>)> = records
            .par_iter()
            .filter_map(|r| match r {
                Record::Document(d) => g.index.get(&d.id).map(|&i| (i, d)),
                Record::Rejected(_) => None,
            })
            .map(|(i, d)| (i, shingle_set(&analyzer, &d.text, n).into_boxed_slice()))
            .collect();
        for (i, set) in signed {
            match &mut sets[i as usize] {
                Some(_) => repeated += 1,
                slot => *slot = Some(set),
            }
        }
    })?;
    if let Some(i) = sets.iter().position(Option::is_none) {
        let missing = sets.iter().filter(|s| s.is_none()).count();
        bail!(
            "{}: {missing} group member(s) not among the input documents, first `{}`",
            groups_path.display(),
            g.ids[i]
        );
    }
    let sets: Vec<Box<[u64]>> = sets.into_iter().flatten().collect();

    // The truth: each group's pairs that meet the threshold, by the exact all-pairs join.
    let per_group: Vec<Vec<SimilarPair>> = g
        .groups
        .par_iter()
        .map(|members| {
            let refs: Vec<&[u64]> = members.iter().map(|&m| &*sets[m as usize]).collect();
            exact::all_pairs(&refs, cmd.dedup.threshold)
                .into_iter()
                .map(|(a, b, jaccard)| SimilarPair {
                    a: members[a as usize],
                    b: members[b as usize],
                    jaccard,
                })
                .collect()
        })
        .collect();
    let truth: Vec<SimilarPair> = per_group.into_iter().flatten().collect();
    let group_pairs: usize = g.groups.iter().map(|m| m.len() * (m.len() - 1) / 2).sum();
    let truth_secs = start.elapsed().as_secs_f64();
    if let Some(path) = &cmd.truth_out {
        digest::write_pairs(path, &truth, |i| &g.ids[i as usize])?;
    }
    let truth_set: BTreeSet<Key> = truth
        .iter()
        .map(|p| key(&g.ids[p.a as usize], &g.ids[p.b as usize]))
        .collect();

    // Which group each member is in (the first, for an id named twice).
    let mut group_of: AHashMap<&str, usize> = AHashMap::new();
    for (gi, members) in g.groups.iter().enumerate() {
        for &m in members {
            group_of.entry(g.ids[m as usize].as_str()).or_insert(gi);
        }
    }
    let found = read_found(&cmd.pairs)?;
    let inside = found
        .iter()
        .filter(|(a, b)| {
            matches!((group_of.get(a.as_str()), group_of.get(b.as_str())), (Some(x), Some(y)) if x == y)
        })
        .count();
    let hits = found.intersection(&truth_set).count();
    outln!(
        "groups {}\ngroup members {}\ngroup pairs {group_pairs}\ngroup pairs below threshold {}\ntruth pairs {}\nfound pairs {}\nfound pairs inside groups {inside}\nfound pairs outside groups {} (not scored: the truth covers group pairs only)\ntrue positives {hits}\nprecision inside groups {:.4}\nrecall {:.4}\ntruth seconds {truth_secs:.2}",
        g.groups.len(),
        g.ids.len(),
        group_pairs - truth_set.len(),
        truth_set.len(),
        found.len(),
        found.len() - inside,
        ratio(hits, inside),
        ratio(hits, truth_set.len()),
    );
    if repeated > 0 {
        outln!("group ids read more than once {repeated} (the first record counts)");
    }
    Ok(())
}
