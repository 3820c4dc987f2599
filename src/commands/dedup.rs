//! `khulasa dedup`: read, sign, bucket, verify, cluster, write.

use std::time::Instant;

use anyhow::Result;

use crate::cli::DedupCmd;
use crate::digest::{self, Tally};

use super::batch;

/// Runs `khulasa dedup`.
pub fn run(cmd: &DedupCmd) -> Result<()> {
    let start = Instant::now();
    let batch = batch::load(&cmd.input)?;
    let outcome = batch::dedup_batch(&batch, &cmd.dedup, &cmd.run)?;
    batch::create_out_dir(&cmd.out)?;
    let id = |i: u32| batch.id(i);
    digest::write_clusters(&cmd.out.join("clusters.jsonl"), &outcome.clusters, id)?;
    let entries = digest::manifest_entries(&batch.records, &batch.docs, &outcome);
    digest::write_manifest(&cmd.out.join("manifest.jsonl"), &entries)?;
    if let Some(path) = &cmd.pairs {
        digest::write_pairs(path, &outcome.pairs, id)?;
    }
    if !cmd.run.quiet {
        eprintln!(
            "{}; {} clusters; {:.2} s",
            summary(&Tally::of(&entries)),
            outcome.clusters.len(),
            start.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

/// The closing line's counts.
pub fn summary(t: &Tally) -> String {
    format!(
        "{} records read: {} kept, {} duplicates, {} empty, {} too short, {} rejected",
        t.read, t.kept, t.duplicates, t.empty, t.too_short, t.rejected
    )
}
