//! `khulasa dedup`: read, sign, bucket, verify, cluster, write.

use std::time::Instant;

use anyhow::Result;

use crate::cli::DedupCmd;
use crate::cli::ExecutorArg;
use crate::corpus::Ledger;
use crate::dedup::{self, DedupOutcome, cluster::RepresentativeKey};
use crate::digest::{self, Tally};

use super::batch::BatchDocs;
use super::progress::StageClock;
use super::{batch, index, staged};
use crate::entries::{self, stories as story_tier};

/// Runs `khulasa dedup`: streaming, keeping no text, unless stories or the archive need the
/// texts (or the archive's session) in memory.
pub fn run(cmd: &DedupCmd) -> Result<()> {
    if cmd.executor.workdir.is_some() || cmd.executor.executor == ExecutorArg::Slurm {
        return staged::run(cmd);
    }
    if cmd.stories || cmd.index.index.is_some() {
        return run_in_memory(cmd);
    }
    let start = Instant::now();
    let mut clock = StageClock::new(cmd.run.verbose);
    let files = batch::list(&cmd.input.inputs)?;
    let source = batch::source(&files);
    let (ledger, docs, signed) =
        batch::read_and_sign(source, &cmd.input.read, &cmd.dedup, &cmd.run)?;
    clock.mark("read + sign");
    let key = |i: u32| {
        let r = docs[i as usize];
        RepresentativeKey {
            date: ledger.date(r),
            length: ledger.chars(r),
            id: ledger.id(r),
        }
    };
    let config = batch::config(&cmd.dedup)?.resolved();
    let outcome = dedup::run_signed(&signed, &key, &config);
    drop(signed);
    clock.mark("bucket + verify + cluster");
    let tally = write_outputs(cmd, &ledger, &docs, &outcome)?;
    clock.mark("write");
    finish(cmd, &tally, outcome.clusters.len(), start);
    Ok(())
}

/// Writes clusters.jsonl, manifest.jsonl and the pairs file of a run that kept no text;
/// returns the manifest's counts.
pub fn write_outputs(
    cmd: &DedupCmd,
    ledger: &Ledger,
    docs: &[usize],
    outcome: &DedupOutcome,
) -> Result<Tally> {
    batch::create_out_dir(&cmd.out)?;
    let id = |i: u32| ledger.id(docs[i as usize]);
    digest::write_clusters(&cmd.out.join("clusters.jsonl"), &outcome.clusters, id)?;
    let entries = digest::manifest_entries(ledger, docs, outcome, &[]);
    let tally = digest::write_manifest(&cmd.out.join("manifest.jsonl"), entries)?;
    if let Some(path) = &cmd.pairs {
        digest::write_pairs(path, &outcome.pairs, id)?;
    }
    Ok(tally)
}

/// The closing line, unless `--quiet`.
pub fn finish(cmd: &DedupCmd, tally: &Tally, clusters: usize, start: Instant) {
    if !cmd.run.quiet {
        eprintln!(
            "{}; {clusters} clusters; {:.2} s",
            summary(tally),
            start.elapsed().as_secs_f64()
        );
    }
}

/// `khulasa dedup --stories` or `--index`: the whole batch held, texts included.
fn run_in_memory(cmd: &DedupCmd) -> Result<()> {
    let start = Instant::now();
    let mut clock = StageClock::new(cmd.run.verbose);
    let batch = batch::load(&cmd.input)?;
    clock.mark("read");
    let (batch, outcome, session) = index::dedup(batch, &cmd.dedup, &cmd.run, &cmd.index)?;
    clock.mark("copy tier");
    batch::create_out_dir(&cmd.out)?;
    let id = |i: u32| batch.id(i);
    digest::write_clusters(&cmd.out.join("clusters.jsonl"), &outcome.clusters, id)?;
    let story_of = if cmd.stories {
        let analyzer = batch::analyzer(&cmd.dedup);
        let docs = BatchDocs {
            batch: &batch,
            languages: &outcome.languages,
        };
        let groups = entries::groups(&outcome, |d| batch.id(d));
        let tier = story_tier::run(&docs, &groups, &analyzer);
        clock.mark("story tier");
        let whys = story_tier::story_whys(&docs, &groups, &tier, &analyzer);
        let lines = story_tier::story_lines(|d| batch.id(d), &groups, &tier.stories, &whys);
        digest::write_stories(&cmd.out.join("stories.jsonl"), &lines)?;
        clock.mark("story evidence");
        story_tier::story_numbers(batch.docs.len(), &groups, &tier.stories)
    } else {
        Vec::new()
    };
    let entries = digest::manifest_entries(&batch.records[..], &batch.docs, &outcome, &story_of);
    // Archive stubs are not input records.
    let records = session.as_ref().map_or(usize::MAX, |s| s.records);
    let tally = digest::write_manifest(&cmd.out.join("manifest.jsonl"), entries.take(records))?;
    if let Some(path) = &cmd.pairs {
        digest::write_pairs(path, &outcome.pairs, id)?;
    }
    if let Some(s) = session {
        s.save()?;
    }
    finish(cmd, &tally, outcome.clusters.len(), start);
    Ok(())
}

/// The closing line's counts.
pub fn summary(t: &Tally) -> String {
    format!(
        "{} records read: {} kept, {} duplicates, {} empty, {} too short, {} rejected",
        t.read, t.kept, t.duplicates, t.empty, t.too_short, t.rejected
    )
}
