//! `--index` runs and `khulasa index build|stats`: load the archive, dedup tonight's batch
//! against it, add tonight's documents, write it back.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use crate::cli::{DedupArgs, IndexArgs, IndexBuildCmd, IndexStatsCmd, RunArgs};
use crate::corpus::{Document, Origin, Record};
use crate::dedup::DedupOutcome;
use crate::index::{self, Archive, format};
use crate::tfidf::Idf;

use super::batch::{self, Batch};
use super::progress;

/// An open archive, tonight's documents already joined, being written back on a thread of
/// its own while the run writes its outputs.
pub struct Session {
    path: PathBuf,
    verbose: bool,
    archive: Arc<Archive>,
    writer: Option<JoinHandle<(Result<(), index::IndexError>, Duration)>>,
    /// Records read tonight: manifest lines past this count are archive stubs.
    pub records: usize,
    /// Documents read tonight: documents past this count are archive stubs.
    pub docs: usize,
}

impl Session {
    /// Document frequencies over the archive, tonight's documents included.
    pub fn idf(&self) -> Result<Idf> {
        self.archive
            .idf()
            .with_context(|| format!("index {} is damaged", self.path.display()))
    }

    /// Waits for the archive to be written back.
    pub fn save(mut self) -> Result<()> {
        let Some(writer) = self.writer.take() else {
            return Ok(());
        };
        let (written, took) = writer
            .join()
            .map_err(|_| anyhow::anyhow!("writing index {} failed", self.path.display()))?;
        written?;
        if self.verbose {
            eprintln!(
                "index: {} records written to {} in {:.3} s",
                self.archive.len(),
                self.path.display(),
                took.as_secs_f64()
            );
        }
        Ok(())
    }
}

impl Drop for Session {
    /// A run that fails after dedup still finishes writing the index it started (tonight's
    /// records are then archived, and a rerun reports them the same way).
    fn drop(&mut self) {
        if let Some(writer) = self.writer.take() {
            let _ = writer.join();
        }
    }
}

/// Dedup of `batch`, against the archive when `--index` is given. With an archive, the batch
/// comes back extended with one text-less document per archive record in a reported cluster
/// (so ids, dates, sources and titles resolve as for tonight's), and the archive (tonight's
/// documents joined) comes back as a [`Session`].
pub fn dedup(
    batch: Batch,
    args: &DedupArgs,
    run: &RunArgs,
    index: &IndexArgs,
) -> Result<(Batch, DedupOutcome, Option<Session>)> {
    let Some(path) = &index.index else {
        let outcome = batch::dedup_batch(&batch, args, run)?;
        return Ok((batch, outcome, None));
    };
    dedup_indexed(batch, args, run, path, index.all, true)
}

fn dedup_indexed(
    mut batch: Batch,
    args: &DedupArgs,
    run: &RunArgs,
    path: &Path,
    all: bool,
    load_existing: bool,
) -> Result<(Batch, DedupOutcome, Option<Session>)> {
    let mut config = batch::config(args)?;
    config.banding = Some(config.banding()); // chosen once: the search is not free
    let analyzer = batch::analyzer(args);
    let params = index::params_for(&config, analyzer.kind())?;
    let inputs = batch.dedup_inputs();
    let pb = progress::bar(inputs.len(), "signing", run.quiet);
    // Signing needs no archive: it runs while the archive loads.
    let ((loaded, load_time), signing) = rayon::join(
        || {
            let start = Instant::now();
            let loaded = if load_existing {
                index::load(path, Some(&params))
            } else {
                Ok(None)
            };
            (loaded, start.elapsed())
        },
        || index::nightly::sign_with_terms(&inputs, &analyzer, &config, &|| pb.inc(1)),
    );
    let mut archive = loaded?.unwrap_or_else(|| Archive::new(params, &index::dir_of(path)));
    if run.verbose {
        eprintln!(
            "index: {} archived records loaded from {} in {:.3} s",
            archive.len(),
            path.display(),
            load_time.as_secs_f64()
        );
    }
    let night = index::nightly::run_signed(&archive, &inputs, signing, &config, all)
        .map_err(|e| anyhow::anyhow!("index {} is corrupt: {e}", path.display()))?;
    pb.finish_and_clear();
    night.join(&mut archive, &inputs, |i| {
        let d = batch.doc(i as u32);
        (d.title.as_deref(), d.source.as_deref())
    });
    drop(inputs);
    let records = batch.records.len();
    let docs = batch.docs.len();
    let file = path.display().to_string();
    for &p in &night.stubs {
        batch.docs.push(batch.records.len());
        batch.records.push(Record::Document(Document {
            id: archive.id(p).to_string(),
            text: String::new(),
            title: archive.title(p).map(str::to_string),
            source: archive.source(p).map(str::to_string),
            date: archive.date(p).map(str::to_string),
            url: None,
            origin: Origin {
                file: file.clone(),
                line: None,
            },
        }));
    }
    let archive = Arc::new(archive);
    let writer = {
        let (archive, path) = (Arc::clone(&archive), path.to_path_buf());
        std::thread::spawn(move || {
            let start = Instant::now();
            (index::save(&path, &archive), start.elapsed())
        })
    };
    let session = Session {
        path: path.to_path_buf(),
        verbose: run.verbose,
        archive,
        writer: Some(writer),
        records,
        docs,
    };
    Ok((batch, night.outcome, Some(session)))
}

/// Runs `khulasa index build`.
pub fn build(cmd: &IndexBuildCmd) -> Result<()> {
    let start = Instant::now();
    let batch = batch::load(&cmd.input)?;
    // Rejected records are not archived, and an index has no manifest to say so.
    let rejected = batch::name_rejected(&batch);
    let (_, outcome, session) =
        dedup_indexed(batch, &cmd.dedup, &cmd.run, &cmd.index, false, false)?;
    let Some(session) = session else {
        unreachable!("an indexed run always has a session")
    };
    let records = session.archive.len();
    session.save()?;
    if !cmd.run.quiet {
        eprintln!(
            "index {}: {records} records, {} clusters, {rejected} rejected input records; {:.2} s",
            cmd.index.display(),
            outcome.clusters.len(),
            start.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

/// Runs `khulasa index stats`.
pub fn stats(cmd: &IndexStatsCmd) -> Result<()> {
    let path = &cmd.file;
    let archive =
        index::load(path, None)?.with_context(|| format!("no index at {}", path.display()))?;
    let catalog = std::fs::metadata(path)
        .with_context(|| format!("cannot read {}", path.display()))?
        .len();
    let segments = index::verify_segments(&archive)?;
    print!("{}", describe(&archive, catalog, segments, path));
    Ok(())
}

/// The report `index stats` prints.
fn describe(archive: &Archive, catalog: u64, segments: u64, path: &Path) -> String {
    let bytes = catalog + segments;
    let n = archive.len();
    let per = |b: usize| if n == 0 { 0.0 } else { b as f64 / n as f64 };
    let params = &archive.params;
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    line(format!("index: {}", path.display()));
    line(format!("format version: {}", format::FORMAT_VERSION));
    line(format!("records: {n}"));
    line(format!("bytes: {bytes} (every checksum verified)"));
    line(format!("bytes per record: {:.1}", per(bytes as usize)));
    line(format!(
        "parameters: {}; hash {}; permutation seed {:#x}; shingle hashes kept to {} bits",
        params.flags(),
        params.hash,
        params.seed,
        params.shingle_bits
    ));
    // In time order (RSS dates do not sort as strings); a date that cannot be read counts
    // as undated.
    let mut dates: Vec<((i64, u32), &str)> = (0..n as u32)
        .filter_map(|i| archive.date(i))
        .filter_map(|d| Some((crate::corpus::date_key(d)?, d)))
        .collect();
    dates.sort_unstable();
    match (dates.first(), dates.last()) {
        (Some((_, lo)), Some((_, hi))) => {
            line(format!("dates: {lo} .. {hi} ({} undated)", n - dates.len()))
        }
        _ => line("dates: none".to_string()),
    }
    let mut sources: ahash::AHashMap<&str, usize> = ahash::AHashMap::new();
    for i in 0..n as u32 {
        *sources
            .entry(archive.source(i).unwrap_or("(none)"))
            .or_insert(0) += 1;
    }
    let mut sources: Vec<(&str, usize)> = sources.into_iter().collect();
    sources.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let listed: Vec<String> = sources.iter().map(|(s, c)| format!("{s} {c}")).collect();
    line(format!("sources: {}: {}", sources.len(), listed.join(", ")));
    line(format!("verified pairs: {}", archive.edges().len()));
    let (df_docs, df) = archive.frequencies().unwrap_or_default();
    line(format!(
        "document frequencies: {} terms over {df_docs} documents",
        df.len()
    ));
    line(format!(
        "files: catalog {catalog} bytes; {} segment files, {segments} bytes",
        archive.segments().len()
    ));
    for s in archive.segments() {
        let e = &s.entry;
        line(format!(
            "  {}: {} records; head {} bytes (metadata, band keys), frequencies {} bytes, \
             shingle sets {} bytes ({:.1} per record)",
            e.name,
            e.docs,
            e.head_len,
            e.df_len,
            e.sets_len,
            e.sets_len as f64 / f64::from(e.docs.max(1))
        ));
    }
    out
}
