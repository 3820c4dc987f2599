//! `khulasa eval rouge`: summaries of a folder of articles scored against reference summaries,
//! with the EASC convention (see `../shared/eval/easc-dev/README.md`).

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};

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
    let mut summarize_secs = start.elapsed().as_secs_f64();
    let mut per_article = Vec::new();
    for doc in 0..batch.docs.len() as u32 {
        let d = batch.doc(doc);
        let Some(t) = topic_dirs
            .iter()
            .position(|t| Path::new(&d.origin.file).starts_with(t))
        else {
            continue;
        };
        let topic_refs = &refs[t];
        if topic_refs.is_empty() {
            continue;
        }
        let budget = topic_refs.iter().map(Vec::len).sum::<usize>() / topic_refs.len();
        let text = &d.text;
        let timer = Instant::now();
        let summary: String = match cmd.system {
            RougeSystem::Khulasa => summarizer
                .summarize_analysed(&[&prepared.docs[doc as usize]], Budget::Words(budget))
                .into_iter()
                .map(|c| c.text)
                .collect::<Vec<_>>()
                .join(" "),
            RougeSystem::Lead => split_sentences(text)
                .into_iter()
                .map(|r| &text[r])
                .collect::<Vec<_>>()
                .join(" "),
        };
        summarize_secs += timer.elapsed().as_secs_f64();
        let mut cand = rouge::tokens(&summary);
        cand.truncate(budget);
        let scores: Vec<Rouge> = topic_refs.iter().map(|r| rouge::score(&cand, r)).collect();
        let mean = Rouge::mean(&scores);
        if cmd.verbose {
            eprintln!(
                "{}: R1 {:.3} R2 {:.3} RL {:.3}",
                d.id, mean.r1, mean.r2, mean.rl
            );
        }
        per_article.push(mean);
    }
    let m = Rouge::mean(&per_article);
    outln!(
        "articles {}\nROUGE-1 {:.4}\nROUGE-2 {:.4}\nROUGE-L {:.4}\nsummarize seconds {summarize_secs:.3}",
        per_article.len(),
        m.r1,
        m.r2,
        m.rl
    );
    Ok(())
}
