//! `khulasa eval rouge`: summaries of a folder of articles scored against reference summaries,
//! with the EASC convention (see `../shared/eval/easc-dev/README.md`).

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use rayon::prelude::*;

use crate::cli::{EvalRougeCmd, RougeSystem};
use crate::eval::rouge::{self, Rouge};
use crate::summarize::{Budget, Prepared, ScoreWeights, Summarizer, prepare};
use crate::text::split_sentences;

use super::batch;

/// Sorted subdirectories of `dir`.
fn topics(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot list {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    out.sort();
    Ok(out)
}

/// The reference summaries of one topic, as token lists.
fn references(dir: &Path) -> Result<Vec<Vec<String>>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot list {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| {
            let bytes = std::fs::read(f).with_context(|| format!("cannot read {}", f.display()))?;
            let text = String::from_utf8(bytes)
                .with_context(|| format!("{}: reference is not UTF-8", f.display()))?;
            Ok(rouge::tokens(text.trim_start_matches('\u{feff}')))
        })
        .collect()
}

/// Runs `khulasa eval rouge`.
pub fn run(cmd: &EvalRougeCmd) -> Result<()> {
    let topic_dirs = topics(&cmd.articles)?;
    if topic_dirs.is_empty() {
        bail!("{}: no topic folders", cmd.articles.display());
    }
    let batch = batch::read(&topic_dirs, &cmd.read)?;
    let mut refs = Vec::new();
    for t in &topic_dirs {
        let name = t.file_name().map(PathBuf::from).unwrap_or_default();
        refs.push(references(&cmd.references.join(name))?);
    }
    // Each article's topic and word budget (the mean length of its references), worked out
    // before the timed region, like the reading of the references.
    let jobs: Vec<(u32, usize, usize)> = (0..batch.docs.len() as u32)
        .filter_map(|doc| {
            let d = batch.doc(doc);
            let t = topic_dirs
                .iter()
                .position(|t| Path::new(&d.origin.file).starts_with(t))?;
            let topic_refs = &refs[t];
            (!topic_refs.is_empty()).then(|| {
                let budget = topic_refs.iter().map(Vec::len).sum::<usize>() / topic_refs.len();
                (doc, t, budget)
            })
        })
        .collect();
    // The timed region covers everything the summaries need once the texts are read, as
    // sumy's timer (scripts/peers/sumy_easc.py) covers its parsing, tokenising and ranking:
    // language, layout and terms of every article, IDF and furniture over the batch, then
    // each article's scoring and selection. Reading and ROUGE scoring are outside it.
    let analyzer = batch::analyzer_of(cmd.analyzer);
    let texts: Vec<&str> = (0..batch.docs.len() as u32)
        .map(|d| batch.doc(d).text.as_str())
        .collect();
    let start = Instant::now();
    let prepared = match cmd.system {
        RougeSystem::Khulasa => prepare(&texts, &analyzer),
        // The lead needs nothing but sentence splitting.
        RougeSystem::Lead => Prepared {
            docs: Vec::new(),
            idf: Default::default(),
            furniture: Default::default(),
        },
    };
    let summarizer = Summarizer {
        analyzer: &analyzer,
        idf: &prepared.idf,
        furniture: &prepared.furniture,
        weights: ScoreWeights::default(),
    };
    // The articles are summarised in parallel, as the digest summarises its groups.
    let summaries: Vec<String> = jobs
        .par_iter()
        .map(|&(doc, _, budget)| match cmd.system {
            RougeSystem::Khulasa => summarizer
                .summarize_analysed(&[&prepared.docs[doc as usize]], Budget::Words(budget))
                .into_iter()
                .map(|c| c.text)
                .collect::<Vec<_>>()
                .join(" "),
            RougeSystem::Lead => {
                let text = &batch.doc(doc).text;
                split_sentences(text)
                    .into_iter()
                    .map(|r| &text[r])
                    .collect::<Vec<_>>()
                    .join(" ")
            }
        })
        .collect();
    let summarize_secs = start.elapsed().as_secs_f64();
    let mut per_article = Vec::new();
    for (&(doc, t, budget), summary) in jobs.iter().zip(&summaries) {
        let mut cand = rouge::tokens(summary);
        cand.truncate(budget);
        let scores: Vec<Rouge> = refs[t].iter().map(|r| rouge::score(&cand, r)).collect();
        let mean = Rouge::mean(&scores);
        if cmd.verbose {
            eprintln!(
                "{}: R1 {:.3} R2 {:.3} RL {:.3}",
                batch.doc(doc).id,
                mean.r1,
                mean.r2,
                mean.rl
            );
        }
        per_article.push(mean);
    }
    let m = Rouge::mean(&per_article);
    outln!(
        "articles {}\nROUGE-1 {:.4}\nROUGE-2 {:.4}\nROUGE-L {:.4}\nsummarize seconds {summarize_secs:.4}",
        per_article.len(),
        m.r1,
        m.r2,
        m.rl
    );
    Ok(())
}
