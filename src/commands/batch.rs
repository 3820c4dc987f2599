//! What every command does first: read the inputs (or the seeds) and prepare dedup.

use std::path::Path;

use anyhow::{Context, Result};

use crate::cli::{AnalyzerArg, DedupArgs, EncodingArg, InputArgs, ReadArgs, RunArgs};
use crate::corpus::{self, Document, Encoding, FieldNames, ReadOptions, Record};
use crate::dedup::{self, DedupConfig, DedupInput, DedupOutcome, lsh};
use crate::text::{Analyzer, AnalyzerKind};

use super::progress;

/// A rejected record under `--strict`: the run stops, exit code 3.
#[derive(Debug, thiserror::Error)]
#[error("{file}{line}: {reason} (rejected under --strict)")]
pub struct StrictRejection {
    /// The file.
    pub file: String,
    /// `:LINE`, or nothing.
    pub line: String,
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

/// Reads the inputs (the embedded seeds when there are none); under `--strict`, the first
/// rejected record is an error.
pub fn load(input: &InputArgs) -> Result<Batch> {
    read(&input.inputs, &input.read)
}

/// Reads `paths` (the embedded seeds when empty) as `read` says.
pub fn read(paths: &[std::path::PathBuf], input: &ReadArgs) -> Result<Batch> {
    let records = if paths.is_empty() {
        corpus::seed_records()
    } else {
        corpus::read_inputs(paths, &read_options(input))?
    };
    check_strict(&records, input)?;
    let docs = records
        .iter()
        .enumerate()
        .filter(|(_, r)| matches!(r, Record::Document(_)))
        .map(|(i, _)| i)
        .collect();
    Ok(Batch { records, docs })
}

/// The reader's options the flags ask for.
pub fn read_options(input: &ReadArgs) -> ReadOptions {
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

/// Under `--strict`, the first rejected record of `records` is an error.
pub fn check_strict(records: &[Record], input: &ReadArgs) -> Result<()> {
    let first_rejected = records.iter().find_map(|r| match r {
        Record::Rejected(r) => Some(r),
        Record::Document(_) => None,
    });
    if let (true, Some(r)) = (input.strict, first_rejected) {
        return Err(StrictRejection {
            file: r.origin.file.clone(),
            line: r.origin.line.map(|l| format!(":{l}")).unwrap_or_default(),
            reason: r.reason.clone(),
        }
        .into());
    }
    Ok(())
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
    let config = config(args)?;
    let banding = config.banding();
    if run.verbose {
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
    let inputs = batch.dedup_inputs();
    let pb = progress::bar(inputs.len(), "signing", run.quiet);
    let outcome = dedup::run(&inputs, &analyzer(args), &config, &|| pb.inc(1));
    pb.finish_and_clear();
    Ok(outcome)
}

/// Creates the output directory.
pub fn create_out_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))
}
