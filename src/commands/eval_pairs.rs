//! `khulasa eval pairs`: precision and recall of a pairs file against the exact all-pairs truth
//! on the same inputs, analyzer and shingles; with `--groups`, recall against the pairs inside
//! known duplicate groups (a generated corpus's groups.jsonl) that meet the threshold.

use std::collections::BTreeSet;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::time::Instant;

use ahash::AHashMap;
use anyhow::{Context, Result, bail};
use flate2::read::MultiGzDecoder;
use rayon::prelude::*;

use crate::cli::{EvalPairsCmd, InputArgs};
use crate::corpus::{self, Encoding, ReadOptions, Record};
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
    println!(
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

/// Bytes of `.jsonl` lines parsed at a time when streaming.
const CHUNK_BYTES: usize = 32 << 20;

/// Calls `f` with the records of the inputs, in input order, a bounded chunk at a time for
/// `.jsonl` and `.jsonl.gz` files named on the command line (other inputs, such as
/// directories, are read whole, one input at a time); the embedded seeds when there are none.
/// Records are what `corpus::read_inputs` gives, ids `file:line` included, except that a
/// broken `.gz` stream or unreadable file is an error here rather than a rejection.
fn stream_records(input: &InputArgs, mut f: impl FnMut(Vec<Record>) -> Result<()>) -> Result<()> {
    let opts = batch::read_options(&input.read);
    if input.inputs.is_empty() {
        return f(corpus::seed_records());
    }
    for path in &input.inputs {
        let display = path.display().to_string();
        let lower = display.to_ascii_lowercase();
        let gzip = lower.ends_with(".jsonl.gz");
        if path.is_file() && (gzip || lower.ends_with(".jsonl")) {
            stream_jsonl(path, &display, gzip, &opts, CHUNK_BYTES, &mut f)?;
        } else {
            f(corpus::read_inputs(std::slice::from_ref(path), &opts)?)?;
        }
    }
    Ok(())
}

/// Streams one `.jsonl` (or `.jsonl.gz`) file through `corpus::parse_bytes`, in chunks of
/// lines of about `chunk_bytes`, renumbering each chunk's lines (and `file:line` ids) from the
/// file's start.
fn stream_jsonl(
    path: &Path,
    display: &str,
    gzip: bool,
    opts: &ReadOptions,
    chunk_bytes: usize,
    f: &mut impl FnMut(Vec<Record>) -> Result<()>,
) -> Result<()> {
    let file = File::open(path).with_context(|| format!("cannot read {display}"))?;
    let raw: Box<dyn Read> = if gzip {
        Box::new(MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let mut reader = BufReader::with_capacity(1 << 16, raw);
    // The name chunks are parsed under: the file's own without `.gz` (decompressed here).
    let name = if gzip {
        &display[..display.len() - 3]
    } else {
        display
    };
    let mut opts = opts.clone();
    let mut chunk = Vec::new();
    let (mut before, mut lines) = (0u64, 0u64);
    loop {
        let read = reader
            .read_until(b'\n', &mut chunk)
            .with_context(|| format!("cannot read {display}"))?;
        lines += u64::from(read > 0);
        if read > 0 && chunk.len() < chunk_bytes {
            continue;
        }
        if !chunk.is_empty() {
            let mut records = corpus::parse_bytes(name, &chunk, &opts);
            for r in &mut records {
                renumber(r, name, display, before);
            }
            f(records)?;
            if before == 0 && chunk.starts_with(b"\xEF\xBB\xBF") {
                // A byte-order mark says UTF-8 for the whole file, whatever --encoding says.
                opts.encoding = Encoding::Utf8;
            }
        }
        before += lines;
        lines = 0;
        chunk.clear();
        if read == 0 {
            return Ok(());
        }
    }
}

/// Moves a record parsed from a chunk (under `name`) to its place in the file `display`,
/// after `before` lines.
fn renumber(record: &mut Record, name: &str, display: &str, before: u64) {
    let (id, origin) = match record {
        Record::Document(d) => (&mut d.id, &mut d.origin),
        Record::Rejected(r) => (&mut r.id, &mut r.origin),
    };
    if let Some(line) = origin.line {
        if *id == format!("{name}:{line}") {
            *id = format!("{display}:{}", line + before);
        }
        origin.line = Some(line + before);
    }
    origin.file = display.to_owned();
}

fn run_groups(cmd: &EvalPairsCmd, groups_path: &Path) -> Result<()> {
    let start = Instant::now();
    let g = read_groups(groups_path)?;
    let analyzer = batch::analyzer(&cmd.dedup);
    let n = usize::from(cmd.dedup.ngram);
    // Shingle sets of the group members only; the first record of an id counts.
    let mut sets: Vec<Option<Box<[u64]>>> = vec![None; g.ids.len()];
    let mut repeated = 0usize;
    stream_records(&cmd.input, |records| {
        batch::check_strict(&records, &cmd.input.read)?;
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
        Ok(())
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
    println!(
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
        println!("group ids read more than once {repeated} (the first record counts)");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Streaming a `.jsonl` (plain or gzip) in chunks of any size gives exactly the records
    /// `corpus::read_inputs` gives: lines, `file:line` ids and rejections included.
    #[test]
    fn streamed_chunks_are_the_records_read_inputs_gives() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let text = "{\"id\": \"a\", \"text\": \"one two\"}\n\n{\"text\": \"no id here\"}\n\
                    not json\n{\"id\": \"b\", \"text\": \"three\"}\n{\"text\": \"last, no id\"}";
        let plain = dir.path().join("in.jsonl");
        std::fs::write(&plain, text).unwrap();
        let gz = dir.path().join("in.jsonl.gz");
        let mut enc = flate2::write::GzEncoder::new(
            File::create(&gz).unwrap(),
            flate2::Compression::default(),
        );
        enc.write_all(text.as_bytes()).unwrap();
        enc.finish().unwrap();
        let opts = ReadOptions::default();
        for (path, gzip) in [(&plain, false), (&gz, true)] {
            let expected = corpus::read_inputs(std::slice::from_ref(path), &opts).unwrap();
            assert_eq!(expected.len(), 5);
            for chunk in [1, 40, 1 << 20] {
                let mut got = Vec::new();
                let display = path.display().to_string();
                stream_jsonl(path, &display, gzip, &opts, chunk, &mut |r| {
                    got.extend(r);
                    Ok(())
                })
                .unwrap();
                assert_eq!(got, expected, "{display}, chunks of {chunk} bytes");
            }
        }
    }
}
