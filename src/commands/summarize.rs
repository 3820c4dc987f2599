//! `khulasa summarize FILE...`: one summary of the given articles on stdout, one sentence per
//! line, in source order; nothing else on stdout.

use std::io::Write;

use anyhow::Result;

use crate::cli::SummarizeCmd;
use crate::summarize::{Analysed, Budget, ScoreWeights, Summarizer, prepare};

use super::batch;

/// Runs `khulasa summarize`.
pub fn run(cmd: &SummarizeCmd) -> Result<()> {
    let batch = batch::read(&cmd.files, &cmd.read)?;
    batch::name_rejected(&batch);
    let analyzer = batch::analyzer_of(cmd.analyzer);
    let texts: Vec<&str> = (0..batch.docs.len() as u32)
        .map(|d| batch.doc(d).text.as_str())
        .collect();
    // The files are one group; a text without any term (dedup's `Empty`) has nothing to say.
    let prepared = prepare(&texts, &analyzer);
    let docs: Vec<&Analysed> = prepared.docs.iter().filter(|d| d.has_terms()).collect();
    let summarizer = Summarizer {
        analyzer: &analyzer,
        idf: &prepared.idf,
        furniture: &prepared.furniture,
        weights: ScoreWeights::default(),
    };
    let budget = match (cmd.max_words, cmd.max_sentences) {
        (Some(n), _) => Budget::Words(n),
        (None, Some(k)) => Budget::Sentences(k),
        (None, None) => Budget::Sentences(3),
    };
    let mut out = std::io::stdout().lock();
    for c in summarizer.summarize_analysed(&docs, budget) {
        writeln!(
            out,
            "{}",
            c.text.split_whitespace().collect::<Vec<_>>().join(" ")
        )?;
    }
    Ok(())
}
