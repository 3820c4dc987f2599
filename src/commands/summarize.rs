//! `khulasa summarize FILE...`: one summary of the given articles on stdout, one sentence per
//! line, in source order; nothing else on stdout.

use std::io::Write;

use anyhow::Result;

use crate::cli::{AnalyzerArg, DedupArgs, RunArgs, SummarizeCmd};
use crate::dedup::{DedupOutcome, Status};
use crate::summarize::{Budget, Furniture, Idf, ScoreWeights, Summarizer, SummaryDoc};
use crate::text::Analyzer;

use super::batch::BatchDocs;
use super::batch::{self, Batch};
use crate::entries;

/// Runs `khulasa summarize`.
pub fn run(cmd: &SummarizeCmd) -> Result<()> {
    let batch = batch::read(&cmd.files, &cmd.read)?;
    let (outcome, idf, furniture, analyzer) = prepare(&batch, cmd.analyzer)?;
    let docs: Vec<SummaryDoc> = (0..batch.docs.len() as u32)
        .filter(|&d| !matches!(outcome.statuses[d as usize], Status::Empty))
        .map(|d| SummaryDoc {
            text: &batch.doc(d).text,
            lang: outcome.languages[d as usize],
        })
        .collect();
    let summarizer = Summarizer {
        analyzer: &analyzer,
        idf: &idf,
        furniture: &furniture,
        weights: ScoreWeights::default(),
    };
    let budget = match (cmd.max_words, cmd.max_sentences) {
        (Some(n), _) => Budget::Words(n),
        (None, Some(k)) => Budget::Sentences(k),
        (None, None) => Budget::Sentences(3),
    };
    let mut out = std::io::stdout().lock();
    for c in summarizer.summarize(&docs, budget) {
        writeln!(
            out,
            "{}",
            c.text.split_whitespace().collect::<Vec<_>>().join(" ")
        )?;
    }
    Ok(())
}

/// What summarising a batch needs: dedup (so copies count as one group when furniture is
/// learned), IDF and furniture over the batch, and the analyzer.
pub fn prepare(
    batch: &Batch,
    kind: AnalyzerArg,
) -> Result<(DedupOutcome, Idf, Furniture, Analyzer)> {
    let dedup_args = DedupArgs {
        threshold: 0.7,
        ngram: 5,
        perms: 128,
        bands: None,
        rows: None,
        analyzer: kind,
    };
    let quiet = RunArgs {
        threads: None,
        quiet: true,
        verbose: false,
    };
    let outcome = batch::dedup_batch(batch, &dedup_args, &quiet)?;
    let analyzer = batch::analyzer_of(kind);
    let groups = entries::groups(&outcome, |d| batch.id(d));
    let docs = BatchDocs {
        batch,
        languages: &outcome.languages,
    };
    let (idf, furniture) = entries::learn(&docs, &outcome, &groups, &analyzer);
    Ok((outcome, idf, furniture, analyzer))
}
