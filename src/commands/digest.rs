//! `khulasa digest`: the nightly job — read, dedup, summarise every group, write the digest.

use std::time::Instant;

use anyhow::Result;

use crate::cli::{DigestCmd, DigestFormat, ExecutorArg};
use crate::digest::{self, DigestEntry, DigestHeader, HtmlLimits, Tally};
use crate::entries::{self, HeaderFacts, stories as story_tier};
use crate::summarize::{Budget, ScoreWeights, Summarizer};

use super::batch::BatchDocs;
use super::progress::StageClock;
use super::{batch, dedup::summary, index, staged};

/// Runs `khulasa digest`: in this process, or as stages when a work directory or Slurm is
/// asked for.
pub fn run(cmd: &DigestCmd) -> Result<()> {
    if cmd.executor.workdir.is_some() || cmd.executor.executor == ExecutorArg::Slurm {
        return staged::run_digest(cmd);
    }
    let start = Instant::now();
    let mut clock = StageClock::new(cmd.run.verbose);
    let batch = batch::load(&cmd.input)?;
    clock.mark("read");
    let (mut batch, outcome, session) = index::dedup(batch, &cmd.dedup, &cmd.run, &cmd.index)?;
    clock.mark("dedup");
    let analyzer = batch::analyzer(&cmd.dedup);
    let docs = BatchDocs {
        batch: &batch,
        languages: &outcome.languages,
    };
    let groups = entries::groups(&outcome, |d| batch.id(d));
    let (idf, furniture) = entries::learn(&docs, &outcome, &groups, &analyzer);
    let idf = match &session {
        Some(s) => s.idf()?, // archive + tonight
        None => idf,
    };
    clock.mark("idf and furniture");
    let summarizer = Summarizer {
        analyzer: &analyzer,
        idf: &idf,
        furniture: &furniture,
        weights: ScoreWeights::default(),
    };
    let (stories, story_whys) = if cmd.no_stories {
        (Vec::new(), Vec::new())
    } else {
        let tier = story_tier::run(&docs, &groups, &analyzer);
        clock.mark("stories");
        let whys = story_tier::story_whys(&docs, &groups, &tier, &analyzer);
        clock.mark("story evidence");
        (tier.stories, whys)
    };
    let story_units: Vec<Vec<usize>> = stories
        .iter()
        .map(|s| s.members.iter().map(|&u| u as usize).collect())
        .collect();
    let plans = entries::plans(&groups, &story_units, |d| batch.id(d));
    let digest_entries = entries::entries(
        &docs,
        &groups,
        &plans,
        &story_whys,
        &summarizer,
        budget(cmd),
    );
    clock.mark("summaries");
    let story_lines = story_tier::story_lines(|d| batch.id(d), &groups, &stories, &story_whys);
    let story_of = story_tier::story_numbers(batch.docs.len(), &groups, &stories);

    batch::create_out_dir(&cmd.out)?;
    let mut manifest: Vec<_> =
        digest::manifest_entries(&batch.records[..], &batch.docs, &outcome, &story_of).collect();
    // Archive stubs are neither input records nor tonight's sources and dates.
    let stubs = session.as_ref().map(|s| {
        manifest.truncate(s.records);
        batch.docs.split_off(s.docs)
    });
    let tally = Tally::of(&manifest);
    let mut facts = HeaderFacts::default();
    for d in 0..batch.docs.len() as u32 {
        let doc = batch.doc(d);
        facts.add(doc.source.as_deref(), doc.date.as_deref());
    }
    let header = facts.header(tally, outcome.clusters.len(), story_lines.len());
    batch.docs.extend(stubs.into_iter().flatten());
    write_digest(cmd, &header, &digest_entries)?;
    digest::write_clusters(&cmd.out.join("clusters.jsonl"), &outcome.clusters, |i| {
        batch.id(i)
    })?;
    digest::write_manifest(&cmd.out.join("manifest.jsonl"), manifest.iter().cloned())?;
    if !cmd.no_stories {
        digest::write_stories(&cmd.out.join("stories.jsonl"), &story_lines)?;
    }
    if let Some(s) = session {
        s.save()?;
    }
    finish(
        cmd,
        &tally,
        outcome.clusters.len(),
        story_lines.len(),
        digest_entries.len(),
        start,
    );
    Ok(())
}

/// The summary budget the flags ask for.
pub fn budget(cmd: &DigestCmd) -> Budget {
    match cmd.summary_words {
        Some(n) => Budget::Words(n),
        None => Budget::Sentences(cmd.summary_sentences),
    }
}

/// Writes the digest files `--format` asks for: digest.md, digest.jsonl, digest.html.
pub fn write_digest(cmd: &DigestCmd, header: &DigestHeader, entries: &[DigestEntry]) -> Result<()> {
    let wanted = |f: DigestFormat| f.wanted(&cmd.format);
    if wanted(DigestFormat::Md) {
        digest::write_markdown(&cmd.out.join("digest.md"), header, entries)?;
    }
    if wanted(DigestFormat::Jsonl) {
        digest::write_digest_jsonl(&cmd.out.join("digest.jsonl"), entries)?;
    }
    if wanted(DigestFormat::Html) {
        let html_start = Instant::now();
        let path = cmd.out.join("digest.html");
        digest::write_html(&path, header, entries, HtmlLimits::default())?;
        if cmd.run.verbose {
            let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            eprintln!(
                "html: {} written ({:.1} MB) in {:.3} s",
                path.display(),
                bytes as f64 / 1e6,
                html_start.elapsed().as_secs_f64()
            );
        }
    }
    Ok(())
}

/// The closing line, unless `--quiet`.
pub fn finish(
    cmd: &DigestCmd,
    tally: &Tally,
    clusters: usize,
    stories: usize,
    entries: usize,
    start: Instant,
) {
    if !cmd.run.quiet {
        eprintln!(
            "{}; {clusters} clusters; {stories} stories; {entries} digest entries in {}; {:.2} s",
            summary(tally),
            cmd.out.display(),
            start.elapsed().as_secs_f64()
        );
    }
}
