//! The digest's own stages of a staged run (groups, units, stories, route, learn, summarize)
//! and its write task, which writes the files the one-process `khulasa digest` writes.

use std::time::Instant;

use anyhow::{Context, Result, bail};

use crate::cli::DigestCmd;
use crate::digest::{self, Tally};
use crate::entries::stories as story_tier;
use crate::stages::{self, Plan, Stage, Workdir, write::Gathered};

use super::batch;
use super::digest as digest_cmd;
use super::staged::{self, shard_reader};

/// Runs task `t` of one of the digest's own stages.
pub fn run_task(
    work: &Workdir,
    plan: &Plan,
    cmd: &DigestCmd,
    stage: Stage,
    t: usize,
) -> Result<()> {
    let config = batch::config(&cmd.dedup)?.resolved();
    let analyzer = batch::analyzer(&cmd.dedup);
    let n = plan.tasks;
    let planner = plan.job.planner();
    match stage {
        Stage::Groups => {
            let g = stages::write::gather(work, n, config.ngram, config.banding())?;
            stages::groups::run(work, &g, n, n, !cmd.no_stories)?;
        }
        Stage::Units => {
            let files = staged::task_inputs(work, &cmd.input.inputs)?;
            let read = shard_reader(&cmd.input, plan, &files, t);
            stages::units::run(work, t, &analyzer, read)?;
        }
        Stage::Stories => stages::stories::run(work, n, n)?,
        Stage::Route => {
            let files = staged::task_inputs(work, &cmd.input.inputs)?;
            let read = shard_reader(&cmd.input, plan, &files, t);
            stages::route::run(work, t, planner, n, config.ngram, &analyzer, read)?;
        }
        Stage::Learn => stages::learn::run(work, n)?,
        Stage::Summarize => {
            stages::summarize::run(work, t, planner, n, &analyzer, digest_cmd::budget(cmd))?;
        }
        Stage::Sign
        | Stage::Bucket
        | Stage::Verify
        | Stage::Components
        | Stage::Clusters
        | Stage::Write => bail!("{} is not one of the digest's own stages", stage.name()),
    }
    Ok(())
}

/// The write task of a digest run: digest.md/.jsonl/.html as `--format` asks,
/// clusters.jsonl, manifest.jsonl and (with stories) stories.jsonl, from the gathered dedup
/// outcome `g` and the summarize tasks' entries.
pub fn write(work: &Workdir, plan: &Plan, cmd: &DigestCmd, g: &Gathered) -> Result<()> {
    let start = Instant::now();
    let entries = stages::collect::entries(work, plan.tasks_of(Stage::Summarize))?;
    let facts = stages::collect::header_facts(work)?;
    let id = |d: u32| g.ledger.id(g.docs[d as usize]);
    let (story_lines, story_of) = if cmd.no_stories {
        (Vec::new(), Vec::new())
    } else {
        let (groups, stories) = stages::collect::stories(work)?;
        // Why a story's units belong together was written into its entry.
        let mut whys: Vec<Option<String>> = vec![None; stories.len()];
        for e in &entries {
            if let (Some(s), Some(why)) = (e.story, &e.why)
                && let Some(slot) = s.checked_sub(1).and_then(|i| whys.get_mut(i))
            {
                *slot = Some(why.clone());
            }
        }
        let whys: Vec<String> = whys
            .into_iter()
            .enumerate()
            .map(|(s, why)| why.with_context(|| format!("story {} has no digest entry", s + 1)))
            .collect::<Result<_>>()?;
        let lines = story_tier::story_lines(id, &groups, &stories, &whys);
        let of = story_tier::story_numbers(g.docs.len(), &groups, &stories);
        (lines, of)
    };
    batch::create_out_dir(&cmd.out)?;
    let manifest = digest::manifest_entries(&g.ledger, &g.docs, &g.outcome, &story_of);
    let tally: Tally = digest::write_manifest(&cmd.out.join("manifest.jsonl"), manifest)?;
    let clusters = g.outcome.clusters.len();
    let header = facts.header(tally, clusters, story_lines.len());
    digest_cmd::write_digest(cmd, &header, &entries)?;
    digest::write_clusters(&cmd.out.join("clusters.jsonl"), &g.outcome.clusters, id)?;
    if !cmd.no_stories {
        digest::write_stories(&cmd.out.join("stories.jsonl"), &story_lines)?;
    }
    digest_cmd::finish(
        cmd,
        &tally,
        clusters,
        story_lines.len(),
        entries.len(),
        start,
    );
    Ok(())
}
