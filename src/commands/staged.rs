//! Staged runs: the dedup and digest jobs as stage tasks with files in a work directory, run
//! in this process (`--workdir` with the local executor) or submitted to Slurm as array jobs
//! (`--executor slurm`), and `khulasa task`, which runs one task of either.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use clap::Parser;

use crate::cli::{
    Cli, Command as CliCommand, DedupArgs, DedupCmd, DigestCmd, ExecutorArg, ExecutorArgs,
    InputArgs, RunArgs, TaskCmd,
};
use crate::corpus::{InputFiles, Record};
use crate::dedup::Signer;
use crate::stages::{self, Job, Plan, Stage, StageError, Workdir};

use super::batch::{self, Source, UsageError};
use super::dedup as dedup_cmd;
use super::staged_digest;

/// How many times a stage's unfinished tasks are resubmitted before the run gives up.
const RESUBMISSIONS: usize = 3;

/// A staged run's command, as every task parses it again from the plan.
#[derive(Debug, Clone, Copy)]
pub enum JobCmd<'a> {
    /// `khulasa dedup`.
    Dedup(&'a DedupCmd),
    /// `khulasa digest`.
    Digest(&'a DigestCmd),
}

/// The flags every staged job has, and its command.
#[derive(Debug, Clone, Copy)]
pub struct StagedJob<'a> {
    /// The inputs.
    pub input: &'a InputArgs,
    /// Dedup's parameters.
    pub dedup: &'a DedupArgs,
    /// Threads, verbosity.
    pub run: &'a RunArgs,
    /// Where the stages run.
    pub executor: &'a ExecutorArgs,
    /// The output directory.
    pub out: &'a Path,
    /// The command.
    pub cmd: JobCmd<'a>,
}

impl<'a> StagedJob<'a> {
    /// A dedup run.
    pub fn dedup(cmd: &'a DedupCmd) -> StagedJob<'a> {
        StagedJob {
            input: &cmd.input,
            dedup: &cmd.dedup,
            run: &cmd.run,
            executor: &cmd.executor,
            out: &cmd.out,
            cmd: JobCmd::Dedup(cmd),
        }
    }

    /// A digest run.
    pub fn digest(cmd: &'a DigestCmd) -> StagedJob<'a> {
        StagedJob {
            input: &cmd.input,
            dedup: &cmd.dedup,
            run: &cmd.run,
            executor: &cmd.executor,
            out: &cmd.out,
            cmd: JobCmd::Digest(cmd),
        }
    }

    /// What the run computes.
    pub fn job(&self) -> Job {
        match self.cmd {
            JobCmd::Dedup(_) => Job::Dedup,
            JobCmd::Digest(d) => Job::Digest {
                stories: !d.no_stories,
            },
        }
    }
}

/// Runs `khulasa dedup` as stages, with the executor the flags name.
pub fn run(cmd: &DedupCmd) -> Result<()> {
    if cmd.stories || cmd.index.index.is_some() {
        return Err(UsageError(
            "--stories and --index run in one process: drop --workdir/--executor slurm".into(),
        )
        .into());
    }
    run_job(&StagedJob::dedup(cmd))
}

/// Runs `khulasa digest` as stages, with the executor the flags name.
pub fn run_digest(cmd: &DigestCmd) -> Result<()> {
    if cmd.index.index.is_some() {
        return Err(UsageError(
            "--index runs in one process: drop --workdir/--executor slurm".into(),
        )
        .into());
    }
    run_job(&StagedJob::digest(cmd))
}

/// Runs a job as stages.
fn run_job(cmd: &StagedJob) -> Result<()> {
    let start = Instant::now();
    let Some(dir) = &cmd.executor.workdir else {
        return Err(UsageError("--executor slurm needs --workdir on shared storage".into()).into());
    };
    let work = Workdir::new(dir);
    let config = batch::config(cmd.dedup)?.resolved();
    // The tasks cannot read a pipe the driver was given: it is saved for them first.
    let files = inputs_with_stdin(&cmd.input.inputs, || stages::stdin::save(&work))?;
    let sizes = files.as_ref().map(|f| f.sizes()).unwrap_or_default();
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let plan = Plan::new(
        plan_argv(&argv),
        &sizes,
        usize::from(cmd.executor.tasks),
        config.banding().bands,
    )
    .for_job(cmd.job());
    plan.save(&work)?;
    match cmd.executor.executor {
        ExecutorArg::Local => {
            for &stage in plan.stages() {
                for t in 0..plan.tasks_of(stage) {
                    if !work.is_done(stage, t) {
                        run_task(&work, &plan, cmd, stage, t)?;
                    }
                }
                if cmd.run.verbose {
                    eprintln!(
                        "stage {} done ({:.2} s)",
                        stage.name(),
                        start.elapsed().as_secs_f64()
                    );
                }
            }
        }
        ExecutorArg::Slurm => slurm(&work, &plan, cmd)?,
    }
    if !cmd.run.quiet && !cmd.executor.detach {
        eprintln!(
            "staged run complete: {} tasks per stage, outputs in {}; {:.2} s",
            plan.tasks,
            cmd.out.display(),
            start.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

/// Flags of where and how loudly a run goes, each followed by a value (`--flag value` or
/// `--flag=value`). `--tasks` is among them: the plan holds it as a number of its own.
const EXECUTOR_FLAGS: [&str; 5] = [
    "--executor",
    "--tasks",
    "--workdir",
    "--partition",
    "--sbatch-arg",
];

/// The same, without a value (-q and -v, alone or together, are caught as short flags).
const SWITCHES: [&str; 3] = ["--detach", "--quiet", "--verbose"];

/// The command line a plan records: `args` without the executor flags and -q/-v, so that a
/// rerun answering the same question (local then Slurm, with or without --detach, quieter)
/// is accepted against the work directory, while any flag of what is computed still counts.
pub(crate) fn plan_argv(args: &[String]) -> Vec<String> {
    let mut kept = Vec::with_capacity(args.len());
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        if arg == "--" {
            // Everything after `--` is an input path, however it is spelt.
            kept.push(arg.clone());
            kept.extend(rest.cloned());
            break;
        }
        let name = arg.split_once('=').map_or(arg.as_str(), |(name, _)| name);
        if EXECUTOR_FLAGS.contains(&name) {
            if name.len() == arg.len() {
                rest.next(); // its value
            }
            continue;
        }
        let short_cluster = arg.len() > 1
            && arg.starts_with('-')
            && !arg.starts_with("--")
            && arg[1..].chars().all(|c| c == 'q' || c == 'v');
        if !SWITCHES.contains(&arg.as_str()) && !short_cluster {
            kept.push(arg.clone());
        }
    }
    kept
}

/// Runs `khulasa task`: one task of the run planned in `--workdir`.
pub fn task(cmd: &TaskCmd) -> Result<()> {
    let work = Workdir::new(&cmd.workdir);
    let plan = Plan::load(&work)?;
    let Some(stage) = Stage::from_name(&cmd.stage) else {
        return Err(UsageError(format!("no stage named {:?}", cmd.stage)).into());
    };
    if !plan.stages().contains(&stage) {
        return Err(UsageError(format!("this run has no {} stage", stage.name())).into());
    }
    if cmd.task >= plan.tasks_of(stage) {
        return Err(UsageError(format!(
            "stage {} has {} tasks; there is no task {}",
            stage.name(),
            plan.tasks_of(stage),
            cmd.task
        ))
        .into());
    }
    let argv = std::iter::once("khulasa".to_owned()).chain(plan.argv.iter().cloned());
    let parsed = Cli::try_parse_from(argv).map(|c| c.command);
    let job = match &parsed {
        Ok(CliCommand::Dedup(d)) => StagedJob::dedup(d),
        Ok(CliCommand::Digest(d)) => StagedJob::digest(d),
        _ => bail!(
            "{}/plan.json holds neither a dedup nor a digest command",
            cmd.workdir.display()
        ),
    };
    if job.job() != plan.job {
        bail!(
            "{}/plan.json's command does not match its job",
            cmd.workdir.display()
        );
    }
    if work.is_done(stage, cmd.task) {
        return Ok(()); // idempotent: a rerun of a finished task does nothing
    }
    // The run's --threads, as `khulasa dedup` would size its pool; without it, all cores.
    super::init_threads(job.run)?;
    let start = Instant::now();
    run_task(&work, &plan, &job, stage, cmd.task)?;
    // One line per task in its log, for sizing runs (`scripts/eval-staged-scale` reads them).
    eprintln!(
        "task {} {}: {:.2} s, peak {}, {} threads",
        stage.name(),
        cmd.task,
        start.elapsed().as_secs_f64(),
        peak_memory().unwrap_or_else(|| "unknown".into()),
        rayon::current_num_threads()
    );
    Ok(())
}

/// This process's peak resident memory (Linux `VmHWM`), when the system says.
fn peak_memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(format!("{} MB", kb / 1024))
}

/// Runs one task and marks it done.
fn run_task(work: &Workdir, plan: &Plan, cmd: &StagedJob, stage: Stage, t: usize) -> Result<()> {
    let config = batch::config(cmd.dedup)?.resolved();
    let n = plan.tasks;
    match stage {
        Stage::Sign => {
            let analyzer = batch::analyzer(cmd.dedup);
            let signer = Signer::new(&analyzer, &config);
            let files = task_inputs(work, &cmd.input.inputs)?;
            stages::sign::run(
                work,
                t,
                &signer,
                &buckets(plan, &config),
                shard_reader(cmd.input, plan, &files, t),
            )?;
        }
        Stage::Bucket => stages::bucket::run(work, t, &buckets(plan, &config), n)?,
        Stage::Verify => stages::verify::run(work, t, n, n, config.threshold)?,
        Stage::Components => stages::components::run(work, n, n)?,
        Stage::Clusters => stages::clusters::run(work, t, n, config.threshold)?,
        Stage::Write => {
            let g = stages::write::gather(work, n, config.ngram, config.banding())?;
            match cmd.cmd {
                JobCmd::Dedup(dedup) => {
                    let tally = dedup_cmd::write_outputs(dedup, &g.ledger, &g.docs, &g.outcome)?;
                    if !cmd.run.quiet {
                        eprintln!("{}", dedup_cmd::summary(&tally));
                    }
                }
                JobCmd::Digest(digest) => staged_digest::write(work, plan, digest, &g)?,
            }
            work.mark_done(Stage::Write, 0)?;
        }
        Stage::Groups
        | Stage::Units
        | Stage::Stories
        | Stage::Route
        | Stage::Learn
        | Stage::Summarize => match cmd.cmd {
            JobCmd::Digest(digest) => staged_digest::run_task(work, plan, digest, stage, t)?,
            JobCmd::Dedup(_) => bail!("dedup runs have no {} stage", stage.name()),
        },
    }
    Ok(())
}

/// The inputs as a task lists them: [`batch::list`], with standard input read from the copy
/// the driver saved in the work directory.
pub fn task_inputs(work: &Workdir, inputs: &[PathBuf]) -> Result<Option<InputFiles>> {
    inputs_with_stdin(inputs, || stages::stdin::saved(work))
}

/// [`batch::list`], with standard input, when it is an input, read from the copy `copy` gives.
fn inputs_with_stdin(
    inputs: &[PathBuf],
    copy: impl FnOnce() -> Result<PathBuf, StageError>,
) -> Result<Option<InputFiles>> {
    Ok(match batch::list(inputs)? {
        Some(f) if f.has_stdin() => Some(f.with_stdin_saved_at(&copy()?)),
        files => files,
    })
}

/// What sign task `t` reads: its share of the input files, or the seeds (task 0) when there
/// are none; the units and route tasks of shard `t` read it again.
pub fn shard_reader<'a>(
    input: &'a InputArgs,
    plan: &Plan,
    files: &'a Option<InputFiles>,
    t: usize,
) -> impl FnOnce(&mut dyn FnMut(Vec<Record>)) -> Result<(), StageError> + 'a {
    let source = match files {
        None if t == 0 => Some(Source::Seeds),
        None => None,
        Some(f) => {
            let (from, to) = plan.shards[t];
            Some(Source::Files(f, from..to.min(f.len())))
        }
    };
    move |sink| match source {
        Some(source) => batch::stream_from(source, &input.read, sink).map_err(StageError::from),
        None => Ok(()),
    }
}

/// How the plan deals band keys to bucket tasks.
fn buckets(plan: &Plan, config: &crate::dedup::DedupConfig) -> stages::sign::Buckets {
    stages::sign::Buckets {
        tasks: plan.tasks_of(Stage::Bucket),
        groups: plan.band_groups,
        bands: config.banding().bands,
    }
}

/// Submits the stages still unfinished as a chain of Slurm array jobs (each waiting for the
/// one before), then — unless `--detach` — follows the markers, resubmitting from the first
/// stage with unfinished tasks whenever the chain has stopped short.
fn slurm(work: &Workdir, plan: &Plan, cmd: &StagedJob) -> Result<()> {
    // A rerun (after --detach, or of a driver that was stopped) follows the chain still in
    // the queue: a second chain would run the same tasks twice, side by side.
    let recorded = load_jobs(work)?;
    let mut ids = if any_active(&recorded)? {
        if !cmd.run.quiet {
            eprintln!("following jobs {} submitted earlier", recorded.join(" "));
        }
        recorded
    } else {
        submit_chain(work, plan, cmd)?
    };
    if cmd.executor.detach {
        outln!("{}", ids.join(" "));
        return Ok(());
    }
    let mut resubmitted = 0;
    let mut last_report = String::new();
    loop {
        let report = progress(work, plan);
        if report != last_report && !cmd.run.quiet {
            eprintln!("{report}");
            last_report = report;
        }
        if work.is_done(Stage::Write, 0) {
            return Ok(());
        }
        if !any_active(&ids)? {
            // The chain may have finished between the marker check above and squeue's answer:
            // look again before paying for a resubmission.
            if work.is_done(Stage::Write, 0) {
                continue;
            }
            // The chain ended without finishing: a task failed or was cancelled.
            if resubmitted == RESUBMISSIONS {
                bail!(
                    "tasks still unfinished after {RESUBMISSIONS} resubmissions ({}); see the \
                     logs in {}",
                    progress(work, plan),
                    work.root().join("logs").display()
                );
            }
            resubmitted += 1;
            if !cmd.run.quiet {
                eprintln!("resubmitting unfinished tasks ({resubmitted} of {RESUBMISSIONS})");
            }
            ids = submit_chain(work, plan, cmd)?;
        }
        std::thread::sleep(Duration::from_millis(300));
    }
}

/// Stage by stage, the finished tasks out of all.
fn progress(work: &Workdir, plan: &Plan) -> String {
    let parts: Vec<String> = plan
        .stages()
        .iter()
        .map(|&s| {
            let n = plan.tasks_of(s);
            let done = (0..n).filter(|&t| work.is_done(s, t)).count();
            format!("{} {done}/{n}", s.name())
        })
        .collect();
    format!("progress: {}", parts.join(", "))
}

/// Submits one array job per stage with unfinished tasks, each depending on the previous;
/// returns their job ids.
fn submit_chain(work: &Workdir, plan: &Plan, cmd: &StagedJob) -> Result<Vec<String>> {
    let exe = std::env::current_exe().context("cannot find the khulasa executable")?;
    let logs = work.root().join("logs");
    std::fs::create_dir_all(&logs).with_context(|| format!("cannot create {}", logs.display()))?;
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let mut ids: Vec<String> = Vec::new();
    for &stage in plan.stages() {
        let missing: Vec<String> = (0..plan.tasks_of(stage))
            .filter(|&t| !work.is_done(stage, t))
            .map(|t| t.to_string())
            .collect();
        if missing.is_empty() {
            continue;
        }
        let mut sbatch = Command::new("sbatch");
        sbatch
            .arg("--parsable")
            .arg(format!("--job-name=khulasa-{}", stage.name()))
            .arg(format!("--array={}", missing.join(",")))
            .arg(format!(
                "--output={}",
                logs.join(format!("{}-%A_%a.log", stage.name())).display()
            ))
            .arg(format!("--chdir={}", cwd.display()))
            .arg("--kill-on-invalid-dep=yes");
        if let Some(prev) = ids.last() {
            sbatch.arg(format!("--dependency=afterok:{prev}"));
        }
        if let Some(p) = &cmd.executor.partition {
            sbatch.arg(format!("--partition={p}"));
        }
        sbatch.args(&cmd.executor.sbatch_arg);
        sbatch.arg(format!(
            "--wrap={} task --workdir {} --stage {} --task $SLURM_ARRAY_TASK_ID",
            shell_word(&exe),
            shell_word(work.root()),
            stage.name()
        ));
        let out = sbatch.output().context(
            "cannot run sbatch (is Slurm installed? scripts/install-slurm sets up one node)",
        )?;
        if !out.status.success() {
            bail!(
                "sbatch failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            );
        }
        // --parsable prints "ID" or "ID;CLUSTER".
        let stdout = String::from_utf8_lossy(&out.stdout);
        let id = stdout.trim().split(';').next().unwrap_or_default();
        if !is_job_id(id) {
            bail!("sbatch printed no job id: {:?}", stdout.trim());
        }
        ids.push(id.to_owned());
        // Recorded as each job is queued, so that a rerun follows (and a person can cancel)
        // even a chain whose later submissions failed.
        save_jobs(work, &ids)?;
    }
    Ok(ids)
}

/// The file holding the job ids of the chain last submitted for this work directory.
fn jobs_file(work: &Workdir) -> std::path::PathBuf {
    work.root().join("slurm-jobs")
}

/// Records the chain's job ids, atomically (a rerun reading them never sees half a list).
fn save_jobs(work: &Workdir, ids: &[String]) -> Result<()> {
    let line = format!("{}\n", ids.join(" "));
    crate::digest::write_atomically(&jobs_file(work), |w| {
        std::io::Write::write_all(w, line.as_bytes())
    })
    .context("cannot record the submitted job ids")
}

/// The job ids recorded for this work directory; none when no chain was submitted yet.
fn load_jobs(work: &Workdir) -> Result<Vec<String>> {
    let path = jobs_file(work);
    match std::fs::read_to_string(&path) {
        Ok(text) => parse_jobs(&text).with_context(|| format!("{}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

/// Job ids separated by white space. Only digits are taken: the ids go to squeue, whose
/// answer to a malformed one would read as "no such job".
fn parse_jobs(text: &str) -> Result<Vec<String>> {
    text.split_whitespace()
        .map(|id| {
            if is_job_id(id) {
                Ok(id.to_owned())
            } else {
                bail!("{id:?} is not a Slurm job id")
            }
        })
        .collect()
}

/// Whether `id` is a job id as sbatch prints it (digits).
fn is_job_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit())
}

/// Whether any of the jobs is still pending or running.
fn any_active(ids: &[String]) -> Result<bool> {
    if ids.is_empty() {
        return Ok(false);
    }
    let out = Command::new("squeue")
        .args(["-h", "-o", "%i", "-j", &ids.join(",")])
        .output()
        .context("cannot run squeue")?;
    squeue_says_active(
        out.status.success(),
        &String::from_utf8_lossy(&out.stdout),
        &String::from_utf8_lossy(&out.stderr),
    )
}

/// Reads squeue's answer about a list of jobs: active when it printed any (it lists only
/// pending, running and completing jobs). It fails with "Invalid job id" once none of the ids
/// is known any more (ended longer ago than MinJobAge): nothing is active. Any other failure
/// (controller down, timeout) is an error, not "finished": resubmitting then could run every
/// task twice.
fn squeue_says_active(success: bool, stdout: &str, stderr: &str) -> Result<bool> {
    if success {
        Ok(!stdout.trim().is_empty())
    } else if stderr.contains("Invalid job id") {
        Ok(false)
    } else {
        bail!("squeue failed: {}", stderr.trim())
    }
}

/// A path quoted for the shell sbatch --wrap runs.
fn shell_word(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<String> {
        line.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn the_plan_argv_leaves_out_executor_flags_and_verbosity_in_both_forms() {
        let plain = args("dedup in --out o --threshold 0.8 --threads 2");
        for line in [
            "dedup in --out o --threshold 0.8 --threads 2 --workdir w --tasks 4",
            "dedup --executor slurm in --out o --workdir=w --threshold 0.8 --tasks=3 --threads 2",
            "dedup in --partition debug --sbatch-arg --hold --out o --threshold 0.8 --threads 2",
            "dedup in --sbatch-arg=--mem=2G --out o --detach --threshold 0.8 --threads 2 -q",
            "dedup -v in --out o --quiet --threshold 0.8 --verbose --threads 2 -qv --executor=local",
        ] {
            assert_eq!(plan_argv(&args(line)), plain, "{line}");
        }
        // What is computed still counts, and `--` ends the flags.
        assert_ne!(
            plan_argv(&args("dedup in --out o --threshold 0.7")),
            plan_argv(&args("dedup in --out o --threshold 0.8"))
        );
        assert_eq!(
            plan_argv(&args("dedup --out o -- --detach -q")),
            args("dedup --out o -- --detach -q")
        );
    }

    #[test]
    fn the_plan_argv_parses_back_as_the_dedup_command_with_its_threads() {
        let argv = plan_argv(&args(
            "dedup in --out o --threads 1 --workdir w --executor slurm --tasks 3 -q",
        ));
        let cli = Cli::try_parse_from(std::iter::once("khulasa".to_owned()).chain(argv));
        let Ok(Cli {
            command: CliCommand::Dedup(cmd),
        }) = cli
        else {
            panic!("not a dedup command: {cli:?}");
        };
        assert_eq!(cmd.run.threads, Some(1));
        assert!(cmd.executor.workdir.is_none() && !cmd.run.quiet);
    }

    #[test]
    fn squeue_failing_means_finished_only_for_unknown_job_ids() {
        assert!(squeue_says_active(true, "12_[1-3]\n13\n", "").unwrap());
        assert!(!squeue_says_active(true, "\n", "").unwrap());
        let gone = "slurm_load_jobs error: Invalid job id specified\n";
        assert!(!squeue_says_active(false, "", gone).unwrap());
        let down = "slurm_load_jobs error: Unable to contact slurm controller (connect failure)";
        let err = squeue_says_active(false, "", down).unwrap_err().to_string();
        assert!(err.contains("Unable to contact"), "{err}");
    }

    #[test]
    fn recorded_job_ids_load_back_and_a_damaged_record_is_an_error() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let work = Workdir::new(dir.path());
        assert!(
            load_jobs(&work).unwrap().is_empty(),
            "nothing submitted yet"
        );
        let ids = vec!["41".to_owned(), "42".to_owned()];
        save_jobs(&work, &ids).unwrap();
        assert_eq!(load_jobs(&work).unwrap(), ids);
        std::fs::write(jobs_file(&work), "41 42_3\n").unwrap();
        assert!(load_jobs(&work).is_err());
        assert!(is_job_id("7") && !is_job_id("") && !is_job_id("7;cluster"));
    }

    #[test]
    fn a_rerun_with_other_executor_flags_shares_the_plan_but_other_tasks_do_not() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let work = Workdir::new(dir.path());
        let plan = |line: &str, tasks| Plan::new(plan_argv(&args(line)), &[5, 5, 5], tasks, 20);
        plan("dedup in --out o --workdir w --tasks 3", 3)
            .save(&work)
            .expect("a new work directory takes the plan");
        plan(
            "dedup in --out o --workdir w --tasks 3 --executor slurm --detach -q",
            3,
        )
        .save(&work)
        .expect("the same run on Slurm resumes");
        assert!(
            plan("dedup in --out o --workdir w --tasks 4", 4)
                .save(&work)
                .is_err(),
            "another number of tasks answers with other files"
        );
    }
}
