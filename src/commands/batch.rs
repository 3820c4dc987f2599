//! What every command does first: read the inputs (or the seeds) and prepare dedup.

use std::ops::ControlFlow;
use std::path::Path;

use anyhow::{Context, Result};
use rayon::prelude::*;

use crate::cli::{AnalyzerArg, DedupArgs, EncodingArg, InputArgs, ReadArgs, RunArgs};
use crate::corpus::{
    self, CorpusError, Document, Encoding, FieldNames, InputFiles, Ledger, ReadOptions, Record,
};
use crate::dedup::{self, DedupConfig, DedupInput, DedupOutcome, Signed, Signer, lsh};
use crate::entries::{DocLookup, DocRef};
use crate::text::{Analyzer, AnalyzerKind, Language};

use super::progress;

/// A rejected record under `--strict`: the run stops, exit code 3.
#[derive(Debug, thiserror::Error)]
#[error("{place}: {reason} (rejected under --strict)")]
pub struct StrictRejection {
    /// Where the record is: `file:line`, or the file (see [`corpus::Origin`]'s display).
    pub place: String,
    /// Why.
    pub reason: String,
}

/// Flags that parse alone but contradict each other: exit code 2, like any usage error.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// The records of one run and which of them are documents.
pub struct Batch {
    /// Every record read, in input order.
    pub records: Vec<Record>,
    /// Record indices of the documents, in order: document `i` is `records[docs[i]]`.
    pub docs: Vec<usize>,
}

/// Names each rejected record of `batch` on stderr (`file:line: rejected: reason`), for a
/// command that writes no manifest to hold them (nothing is lost silently; under --strict,
/// reading stopped at the first, which is the error instead); returns how many there were.
pub fn name_rejected(batch: &Batch) -> usize {
    let mut n = 0;
    for record in &batch.records {
        if let Record::Rejected(r) = record {
            eprintln!("khulasa: {}: rejected: {}", r.origin, r.reason);
            n += 1;
        }
    }
    n
}

impl Batch {
    /// The `i`-th document.
    pub fn doc(&self, i: u32) -> &Document {
        match &self.records[self.docs[i as usize]] {
            Record::Document(d) => d,
            Record::Rejected(_) => unreachable!("docs only indexes documents"),
        }
    }

    /// The id of the `i`-th document.
    pub fn id(&self, i: u32) -> &str {
        &self.doc(i).id
    }

    /// Dedup's view of the documents.
    pub fn dedup_inputs(&self) -> Vec<DedupInput<'_>> {
        (0..self.docs.len() as u32)
            .map(|i| {
                let d = self.doc(i);
                DedupInput {
                    id: &d.id,
                    text: &d.text,
                    date: d.date.as_deref(),
                }
            })
            .collect()
    }
}

/// A batch's documents with the languages dedup analysed them as, for building entries.
pub struct BatchDocs<'a> {
    /// The batch.
    pub batch: &'a Batch,
    /// Each document's language (dedup's `languages`).
    pub languages: &'a [Language],
}

impl DocLookup for BatchDocs<'_> {
    fn doc(&self, d: u32) -> DocRef<'_> {
        DocRef::of(self.batch.doc(d), self.languages[d as usize])
    }
}

/// Reads the inputs (the embedded seeds when there are none); under `--strict`, the first
/// rejected record is an error.
pub fn load(input: &InputArgs) -> Result<Batch> {
    read(&input.inputs, &input.read)
}

/// Reads `paths` (the embedded seeds when empty) as `read` says.
pub fn read(paths: &[std::path::PathBuf], input: &ReadArgs) -> Result<Batch> {
    let mut records = Vec::new();
    stream(paths, input, &mut |batch| records.extend(batch))?;
    let docs = records
        .iter()
        .enumerate()
        .filter(|(_, r)| matches!(r, Record::Document(_)))
        .map(|(i, _)| i)
        .collect();
    Ok(Batch { records, docs })
}

/// Reads `paths` (the embedded seeds when empty) as `read` says, handing the records to
/// `sink` a batch at a time; under `--strict`, reading stops at the first rejected record,
/// which is the error (the records before it have been handed on).
pub fn stream(
    paths: &[std::path::PathBuf],
    input: &ReadArgs,
    sink: &mut dyn FnMut(Vec<Record>),
) -> Result<()> {
    if paths.is_empty() {
        stream_from(Source::Seeds, input, sink)
    } else {
        let files = list_files(paths)?;
        stream_from(Source::Files(&files, 0..files.len()), input, sink)
    }
}

/// The input files, or `None` for the embedded seeds (no inputs given).
pub fn list(paths: &[std::path::PathBuf]) -> Result<Option<InputFiles>> {
    Ok(if paths.is_empty() {
        None
    } else {
        Some(list_files(paths)?)
    })
}

/// [`InputFiles::list`], with standard input named twice a usage error (exit code 2), and the
/// files of other types the walk passed over said on stderr.
fn list_files(paths: &[std::path::PathBuf]) -> Result<InputFiles> {
    let files = InputFiles::list(paths).map_err(|e| match e {
        CorpusError::StdinTwice => UsageError(e.to_string()).into(),
        e => anyhow::Error::from(e),
    })?;
    if !files.passed_over().is_empty() {
        eprintln!("khulasa: {}", files.passed_over());
    }
    Ok(files)
}

/// All of [`list`]'s answer as a source.
pub fn source(files: &Option<InputFiles>) -> Source<'_> {
    match files {
        None => Source::Seeds,
        Some(f) => Source::Files(f, 0..f.len()),
    }
}

/// Where a run's records come from.
pub enum Source<'a> {
    /// The embedded seed corpus.
    Seeds,
    /// A contiguous share of the listed input files.
    Files(&'a InputFiles, std::ops::Range<usize>),
}

/// Reads `source` as [`stream`] does.
pub fn stream_from(
    source: Source<'_>,
    input: &ReadArgs,
    sink: &mut dyn FnMut(Vec<Record>),
) -> Result<()> {
    let mut rejection = None;
    let mut checked = |mut batch: Vec<Record>| {
        let first_rejected = batch.iter().position(|r| matches!(r, Record::Rejected(_)));
        if let (true, Some(at)) = (input.strict, first_rejected) {
            if let Record::Rejected(r) = batch.swap_remove(at) {
                rejection = Some(StrictRejection {
                    place: r.origin.to_string(),
                    reason: r.reason,
                });
            }
            batch.truncate(at);
            sink(batch);
            return ControlFlow::Break(());
        }
        sink(batch);
        ControlFlow::Continue(())
    };
    match source {
        Source::Seeds => {
            let _ = checked(corpus::seed_records());
        }
        Source::Files(files, range) => files.stream(range, &read_options(input), &mut checked),
    }
    match rejection {
        Some(r) => Err(r.into()),
        None => Ok(()),
    }
}

/// How the flags say to read.
fn read_options(input: &ReadArgs) -> ReadOptions {
    ReadOptions {
        fields: FieldNames {
            id: input.id_field.clone(),
            text: input.text_field.clone(),
            title: input.title_field.clone(),
            source: input.source_field.clone(),
            date: input.date_field.clone(),
            url: input.url_field.clone(),
        },
        encoding: match input.encoding {
            EncodingArg::Utf8 => Encoding::Utf8,
            EncodingArg::Cp1256 => Encoding::Cp1256,
        },
        max_doc_bytes: input.max_doc_bytes,
    }
}

/// The analyzer the flags ask for.
pub fn analyzer(args: &DedupArgs) -> Analyzer {
    analyzer_of(args.analyzer)
}

/// The analyzer of a kind flag.
pub fn analyzer_of(kind: AnalyzerArg) -> Analyzer {
    Analyzer::new(match kind {
        AnalyzerArg::Auto => AnalyzerKind::Auto,
        AnalyzerArg::Plain => AnalyzerKind::Plain,
    })
}

/// The dedup configuration the flags ask for, checked.
pub fn config(args: &DedupArgs) -> Result<DedupConfig> {
    let perms = usize::from(args.perms);
    let banding = match (args.bands, args.rows) {
        (Some(b), Some(r)) => {
            let b = lsh::Banding {
                bands: usize::from(b),
                rows: usize::from(r),
            };
            if b.bands * b.rows > perms {
                let message = format!(
                    "--bands {} × --rows {} exceeds --perm {perms}",
                    b.bands, b.rows
                );
                return Err(UsageError(message).into());
            }
            Some(b)
        }
        _ => None,
    };
    Ok(DedupConfig {
        threshold: args.threshold,
        ngram: usize::from(args.ngram),
        perms,
        banding,
    })
}

/// Runs dedup over a batch with a progress bar, explaining the banding under `-v`.
pub fn dedup_batch(batch: &Batch, args: &DedupArgs, run: &RunArgs) -> Result<DedupOutcome> {
    let config = config(args)?.resolved();
    explain_banding(&config, run);
    let inputs = batch.dedup_inputs();
    let pb = progress::bar(inputs.len(), "signing", run.quiet);
    let outcome = dedup::run(&inputs, &analyzer(args), &config, &|| pb.inc(1));
    pb.finish_and_clear();
    Ok(outcome)
}

/// Under `-v`, says which banding the threshold chose and what it costs.
pub fn explain_banding(config: &DedupConfig, run: &RunArgs) {
    if !run.verbose {
        return;
    }
    let banding = config.banding();
    let (fp, fneg) = lsh::error_areas(config.threshold, banding);
    eprintln!(
        "lsh: {} bands × {} rows of {} permutations for threshold {} \
         (false-positive area {fp:.4}, false-negative area {fneg:.4}; weights {} / {}); \
         candidate probability at the threshold {:.4}",
        banding.bands,
        banding.rows,
        config.perms,
        config.threshold,
        lsh::FALSE_POSITIVE_WEIGHT,
        lsh::FALSE_NEGATIVE_WEIGHT,
        lsh::candidate_probability(config.threshold, banding),
    );
}

/// Reads the inputs and signs their documents as they stream past, keeping no text: the
/// ledger of every record, the record number of each document, and its signature.
pub fn read_and_sign(
    source: Source<'_>,
    read: &ReadArgs,
    args: &DedupArgs,
    run: &RunArgs,
) -> Result<(Ledger, Vec<usize>, Vec<Signed>)> {
    let config = config(args)?.resolved();
    explain_banding(&config, run);
    let analyzer = analyzer(args);
    let signer = Signer::new(&analyzer, &config);
    let pb = progress::counter("signing", run.quiet);
    let (mut ledger, mut docs, mut signed) = (Ledger::default(), Vec::new(), Vec::new());
    stream_from(source, read, &mut |batch| {
        let fresh: Vec<Option<Signed>> = batch
            .par_iter()
            .map(|r| match r {
                Record::Document(d) => Some(signer.sign(&d.text)),
                Record::Rejected(_) => None,
            })
            .collect();
        for (record, s) in batch.iter().zip(fresh) {
            let r = ledger.push(record);
            if let Some(s) = s {
                docs.push(r);
                signed.push(s);
            }
        }
        pb.inc(batch.len() as u64);
    })?;
    pb.finish_and_clear();
    Ok((ledger, docs, signed))
}

/// Creates the output directory, tagged as khulasa's output so that a later run over a
/// directory above it does not read it as articles.
pub fn create_out_dir(dir: &Path) -> Result<()> {
    crate::corpus::create_output_dir(dir)
        .with_context(|| format!("cannot create {}", dir.display()))
}
