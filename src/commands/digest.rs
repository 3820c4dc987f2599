//! `khulasa digest`: the nightly job — read, dedup, summarise every group, write the digest.

use std::time::Instant;

use anyhow::Result;

use crate::cli::{DigestCmd, DigestFormat};
use crate::digest::{self, HtmlLimits, Tally};
use crate::summarize::{Budget, ScoreWeights, Summarizer};

use super::progress::StageClock;
use super::{batch, dedup::summary, entries, index, story_tier};

/// Runs `khulasa digest`.
pub fn run(cmd: &DigestCmd) -> Result<()> {
    let start = Instant::now();
    let mut clock = StageClock::new(cmd.run.verbose);
    let batch = batch::load(&cmd.input)?;
    clock.mark("read");
    let (mut batch, outcome, session) = index::dedup(batch, &cmd.dedup, &cmd.run, &cmd.index)?;
    clock.mark("dedup");
    let analyzer = batch::analyzer(&cmd.dedup);
    let groups = entries::groups(&batch, &outcome);
    let (idf, furniture) = entries::learn(&batch, &outcome, &groups, &analyzer);
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
    let budget = match cmd.summary_words {
        Some(n) => Budget::Words(n),
        None => Budget::Sentences(cmd.summary_sentences),
    };
    let (story_plans, story_lines, story_of) = if cmd.no_stories {
        (Vec::new(), Vec::new(), Vec::new())
    } else {
        let tier = story_tier::run(&batch, &outcome, &groups, &analyzer);
        clock.mark("stories");
        let plans = story_tier::story_plans(&batch, &outcome, &groups, &tier, &analyzer);
        let lines = story_tier::story_lines(&batch, &groups, &tier, &plans);
        let of = story_tier::story_numbers(batch.docs.len(), &groups, &tier);
        clock.mark("story evidence");
        (plans, lines, of)
    };
    let plans = entries::plans(&batch, &groups, &story_plans);
    let digest_entries = entries::entries(&batch, &outcome, &groups, &plans, &summarizer, budget);
    clock.mark("summaries");

    batch::create_out_dir(&cmd.out)?;
    let mut manifest: Vec<_> =
        digest::manifest_entries(&batch.records[..], &batch.docs, &outcome, &story_of).collect();
    // Archive stubs are neither input records nor tonight's sources and dates.
    let stubs = session.as_ref().map(|s| {
        manifest.truncate(s.records);
        batch.docs.split_off(s.docs)
    });
    let tally = Tally::of(&manifest);
    let header = entries::header(&batch, tally, outcome.clusters.len(), story_lines.len());
    batch.docs.extend(stubs.into_iter().flatten());
    let wanted = |f: DigestFormat| f.wanted(&cmd.format);
    if wanted(DigestFormat::Md) {
        digest::write_markdown(&cmd.out.join("digest.md"), &header, &digest_entries)?;
    }
    if wanted(DigestFormat::Jsonl) {
        digest::write_digest_jsonl(&cmd.out.join("digest.jsonl"), &digest_entries)?;
    }
    if wanted(DigestFormat::Html) {
        let html_start = Instant::now();
        let path = cmd.out.join("digest.html");
        digest::write_html(&path, &header, &digest_entries, HtmlLimits::default())?;
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
    if !cmd.run.quiet {
        eprintln!(
            "{}; {} clusters; {} stories; {} digest entries in {}; {:.2} s",
            summary(&tally),
            outcome.clusters.len(),
            story_lines.len(),
            digest_entries.len(),
            cmd.out.display(),
            start.elapsed().as_secs_f64()
        );
    }
    Ok(())
}
