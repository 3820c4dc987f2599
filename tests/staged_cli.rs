//! Runs `khulasa dedup` as stages (`--workdir`, `--executor slurm`): the outputs equal a plain
//! run's byte for byte, a rerun redoes only unfinished tasks, a work directory refuses another
//! run's plan, and on Slurm a cancelled task is resubmitted. The Slurm tests need the one-node
//! cluster of scripts/install-slurm and skip with a message without it.

mod common;

use std::ffi::OsStr;
use std::fmt::Debug;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use assert_cmd::cargo::cargo_bin_cmd;
use common::{Rng, article, edited, render};

/// How long one khulasa run may take before the test fails (a debug build on a shared
/// 2-core machine, Slurm jobs queued behind other people's).
const RUN_LIMIT: Duration = Duration::from_secs(300);

/// The skip message of the Slurm tests.
const NO_SLURM: &str = "Slurm not running: run scripts/install-slurm (needs root) or set \
                        KHULASA_INSTALL_SLURM=1 for .ci/run";

/// The outputs compared: clusters, manifest and the `--pairs` file (written into the out
/// directory by [`dedup`]).
const OUTPUTS: [&str; 3] = ["clusters.jsonl", "manifest.jsonl", "pairs.tsv"];

/// A path as a command-line argument.
fn arg(path: &Path) -> &str {
    path.to_str().expect("UTF-8 temporary paths")
}

/// Runs khulasa with `args`, bounded by [`RUN_LIMIT`].
fn khulasa<S: AsRef<OsStr> + Debug>(args: &[S]) -> Output {
    cargo_bin_cmd!("khulasa")
        .args(args)
        .timeout(RUN_LIMIT)
        .output()
        .expect("the khulasa binary runs")
}

/// Runs khulasa and asserts it succeeded, showing its stderr if not.
fn khulasa_ok<S: AsRef<OsStr> + Debug>(args: &[S]) -> Output {
    let o = khulasa(args);
    assert!(
        o.status.success(),
        "khulasa {args:?} failed ({}):\n{}",
        o.status,
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

/// `dedup INPUTS --out OUT --pairs OUT/pairs.tsv EXTRA...`.
fn dedup_args(inputs: &[&Path], out: &Path, extra: &[&str]) -> Vec<String> {
    let pairs = out.join("pairs.tsv");
    let mut args = vec!["dedup"];
    args.extend(inputs.iter().map(|p| arg(p)));
    args.extend(["--out", arg(out), "--pairs", arg(&pairs)]);
    args.extend_from_slice(extra);
    args.into_iter().map(str::to_owned).collect()
}

/// Runs `khulasa dedup INPUTS --out OUT --pairs OUT/pairs.tsv EXTRA...`, which must succeed.
fn dedup(inputs: &[&Path], out: &Path, extra: &[&str]) -> Output {
    khulasa_ok(&dedup_args(inputs, out, extra))
}

/// Asserts that the outputs in `got` equal those in `want` byte for byte, naming the first
/// line that differs (the files can be megabytes).
fn assert_same_outputs(want: &Path, got: &Path) {
    for name in OUTPUTS {
        let a = fs::read(want.join(name)).expect("the plain run wrote its outputs");
        let b = fs::read(got.join(name)).expect("the staged run wrote its outputs");
        if a != b {
            let first = a
                .split(|&c| c == b'\n')
                .zip(b.split(|&c| c == b'\n'))
                .position(|(x, y)| x != y);
            panic!(
                "{name} differs from the plain run's ({} vs {} bytes; first differing line {:?})",
                a.len(),
                b.len(),
                first.map(|l| l + 1)
            );
        }
    }
}

/// Writes an archive of several files: seven `.jsonl` parts of 16 articles with copies of
/// earlier articles in later parts (lightly edited, or verbatim), plus `.txt` files in a
/// subdirectory, so that sign tasks, verify shards and clusters all cross file boundaries.
fn generated_archive(dir: &Path) -> PathBuf {
    let root = dir.join("archive");
    fs::create_dir_all(root.join("notes")).expect("create the archive");
    let mut rng = Rng(11);
    let mut written: Vec<Vec<String>> = Vec::new();
    for part in 0..7 {
        let mut lines = String::new();
        for k in 0..16 {
            let words = match rng.below(4) {
                0 if !written.is_empty() => {
                    let base = written[rng.below(written.len())].clone();
                    let changes = rng.below(4);
                    edited(&mut rng, &base, changes)
                }
                _ => {
                    let n = 60 + rng.below(140);
                    article(&mut rng, n)
                }
            };
            let rec = serde_json::json!({
                "id": format!("p{part}-{k:02}"),
                "date": format!("2015-07-{:02}", 1 + rng.below(28)),
                "text": render(&words),
            });
            lines.push_str(&rec.to_string());
            lines.push('\n');
            written.push(words);
        }
        fs::write(root.join(format!("part-{part}.jsonl")), lines).expect("write a part");
    }
    for n in 0..3 {
        let base = written[rng.below(written.len())].clone();
        let words = edited(&mut rng, &base, n);
        fs::write(root.join(format!("notes/n{n}.txt")), render(&words)).expect("write a note");
    }
    root
}

/// The inputs of the file-based runs: the generated archive and two fixture folders (mixed
/// formats, and malformed records the manifest must account for).
fn archive_inputs(dir: &Path) -> Vec<PathBuf> {
    vec![
        generated_archive(dir),
        PathBuf::from("tests/fixtures/corpus/mixed"),
        PathBuf::from("tests/fixtures/hostile"),
    ]
}

/// Every completion marker under `work`, with its inode and modification time: a task that
/// ran again would have written a new file (atomically, so a new inode) in its place.
fn markers(work: &Path) -> Vec<(PathBuf, u64, i64, i64)> {
    let mut found = Vec::new();
    for stage in fs::read_dir(work).expect("the work directory exists") {
        let stage = stage.expect("a directory entry").path();
        if !stage.is_dir() {
            continue;
        }
        for f in fs::read_dir(&stage).expect("a stage directory") {
            let f = f.expect("a directory entry").path();
            if f.extension().is_some_and(|e| e == "done") {
                let m = fs::metadata(&f).expect("a marker's metadata");
                found.push((f, m.ino(), m.mtime(), m.mtime_nsec()));
            }
        }
    }
    found.sort();
    found
}

/// Runs the staged dedup of `inputs` locally with 1, 3 and 4 tasks (files under `dir`) and
/// checks each writes what the plain run wrote into `plain`.
fn staged_runs_match(inputs: &[&Path], plain: &Path, dir: &Path) {
    for tasks in ["1", "3", "4"] {
        let out = dir.join(format!("out-{tasks}"));
        let work = dir.join(format!("work-{tasks}"));
        dedup(
            inputs,
            &out,
            &["--workdir", arg(&work), "--tasks", tasks, "-q"],
        );
        assert_same_outputs(plain, &out);
    }
}

#[test]
fn a_local_staged_run_on_the_seeds_writes_what_a_plain_run_writes_for_1_3_and_4_tasks() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let plain = dir.path().join("plain");
    dedup(&[], &plain, &["--quiet"]);
    staged_runs_match(&[], &plain, dir.path());
}

#[test]
fn a_local_staged_run_on_many_files_writes_what_a_plain_run_writes_for_1_3_and_4_tasks() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let inputs = archive_inputs(dir.path());
    let inputs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
    let plain = dir.path().join("plain");
    dedup(&inputs, &plain, &["--quiet"]);
    let clusters = fs::read_to_string(plain.join("clusters.jsonl")).expect("clusters written");
    assert!(
        clusters.lines().count() >= 3,
        "the archive should hold duplicates"
    );
    staged_runs_match(&inputs, &plain, dir.path());
}

#[test]
fn a_killed_verify_task_is_rerun_alone_and_the_outputs_do_not_change() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let inputs = archive_inputs(dir.path());
    let inputs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
    let plain = dir.path().join("plain");
    dedup(&inputs, &plain, &["--quiet"]);
    let out = dir.path().join("out");
    let work = dir.path().join("work");
    let staged = ["--workdir", arg(&work), "--tasks", "3", "--quiet"];
    dedup(&inputs, &out, &staged);

    // Verify task 1 was killed: none of its files, so nothing after it ran either.
    for f in fs::read_dir(work.join("verify")).expect("verify files") {
        let f = f.expect("a directory entry").path();
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if name.starts_with("00001.") {
            fs::remove_file(&f).expect("remove a verify file");
        }
    }
    for stage in ["components", "clusters", "write"] {
        fs::remove_dir_all(work.join(stage)).expect("remove a later stage");
    }
    fs::remove_dir_all(&out).expect("remove the outputs");
    let before = markers(&work);
    assert_eq!(
        before.len(),
        3 + 3 + 2,
        "sign, bucket and two verify markers"
    );
    std::thread::sleep(Duration::from_millis(20)); // a rewrite would show in the mtime too

    dedup(&inputs, &out, &staged);
    let after = markers(&work);
    for m in &before {
        assert!(after.contains(m), "{} was written again", m.0.display());
    }
    assert!(
        work.join("verify/00001.done").exists(),
        "verify 1 ran again"
    );
    assert!(work.join("write/00000.done").exists(), "the run finished");
    assert_same_outputs(&plain, &out);
}

#[test]
fn a_work_directory_refuses_another_threshold_or_tasks_but_takes_other_executor_flags() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let work = dir.path().join("work");
    let out = dir.path().join("out");
    let plain = dir.path().join("plain");
    dedup(&[], &plain, &["--quiet", "--threshold", "0.7"]);
    dedup(
        &[],
        &out,
        &[
            "--workdir",
            arg(&work),
            "--tasks",
            "2",
            "--threshold",
            "0.7",
        ],
    );

    let workdir = ["--workdir", arg(&work)];
    for other in [
        ["--tasks", "2", "--threshold", "0.8"],
        ["--tasks", "3", "--threshold", "0.7"],
    ] {
        let o = khulasa(&dedup_args(&[], &out, &[&workdir[..], &other[..]].concat()));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!o.status.success(), "{other:?} was accepted");
        assert!(
            err.contains("plan.json") && err.contains("use an empty work directory"),
            "{other:?}: {err}"
        );
        assert!(
            err.contains("not this one's"),
            "both plans are shown: {err}"
        );
    }

    // The same run with other executor flags, in either form, detached, quiet or verbose.
    let joined = format!("--workdir={}", arg(&work));
    for extra in [
        vec![
            "--workdir",
            arg(&work),
            "--tasks=2",
            "--executor",
            "local",
            "-q",
        ],
        vec![&joined, "--tasks", "2", "--detach", "-v"],
        vec![
            "--workdir",
            arg(&work),
            "--tasks",
            "2",
            "--partition",
            "debug",
            "--quiet",
        ],
    ] {
        let extra = [&extra[..], &["--threshold", "0.7"]].concat();
        dedup(&[], &out, &extra);
        assert_same_outputs(&plain, &out);
    }
}

#[test]
fn khulasa_task_runs_with_the_threads_of_the_plan_and_skips_a_finished_task() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let work = dir.path().join("work");
    let out = dir.path().join("out");
    dedup(
        &[],
        &out,
        &[
            "--workdir",
            arg(&work),
            "--tasks",
            "2",
            "--threads",
            "1",
            "-q",
        ],
    );
    let task = [
        "task",
        "--workdir",
        arg(&work),
        "--stage",
        "sign",
        "--task",
        "0",
    ];
    let o = khulasa_ok(&task);
    assert!(o.stderr.is_empty(), "a finished task does nothing");
    fs::remove_file(work.join("sign/00000.done")).expect("remove a marker");
    let o = khulasa_ok(&task);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("task sign 0: ") && err.contains(", 1 threads"),
        "{err}"
    );
    assert!(work.join("sign/00000.done").exists());
}

/// Whether the one-node cluster answers and its node takes jobs (idle, or busy with others').
fn slurm_running() -> bool {
    let Ok(o) = Command::new("sinfo").args(["-h", "-o", "%T"]).output() else {
        return false;
    };
    o.status.success()
        && String::from_utf8_lossy(&o.stdout)
            .lines()
            .any(|s| matches!(s.trim(), "idle" | "mixed" | "allocated" | "completing"))
}

/// The job ids recorded in a work directory (`slurm-jobs`).
fn recorded_jobs(work: &Path) -> Vec<String> {
    fs::read_to_string(work.join("slurm-jobs"))
        .map(|s| s.split_whitespace().map(str::to_owned).collect())
        .unwrap_or_default()
}

/// Cancels, when a test fails, the jobs its runs submitted — those recorded in its work
/// directory and those it noted — and no one else's.
struct OwnJobs {
    work: PathBuf,
    noted: Vec<String>,
}

impl Drop for OwnJobs {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            return;
        }
        let mut ids = recorded_jobs(&self.work);
        ids.extend(self.noted.iter().cloned());
        if !ids.is_empty() {
            eprintln!("cancelling this test's jobs {}", ids.join(" "));
            let _ = Command::new("scancel").args(&ids).status();
        }
    }
}

/// Runs a Slurm command (scontrol, scancel) and asserts it succeeded.
fn slurm_ok(program: &str, args: &[&str]) {
    let o = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    assert!(
        o.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// The state squeue shows for `job` ("" once it has left the queue).
fn squeue_state(job: &str) -> String {
    Command::new("squeue")
        .args(["-h", "-j", job, "-o", "%T"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default()
}

#[test]
fn saudinewsnet_on_slurm_with_4_tasks_writes_what_a_plain_run_writes() {
    if !slurm_running() {
        eprintln!("skipped: {NO_SLURM}");
        return;
    }
    let corpus = Path::new("../shared/corpora/saudinewsnet");
    if !corpus.is_dir() {
        eprintln!(
            "skipped: SaudiNewsNet is not at {} (tests that need it skip without it)",
            corpus.display()
        );
        return;
    }
    let dir = tempfile::tempdir().expect("a temporary directory");
    // The first six day files, as six .jsonl files of about equal size.
    let all = dir.path().join("snn6.jsonl");
    let o = Command::new("scripts/snn-jsonl")
        .args(["--days", "0:6", arg(&all)])
        .output()
        .expect("scripts/snn-jsonl runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = fs::read_to_string(&all).expect("snn-jsonl wrote JSONL");
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() > 5_000, "{} articles", lines.len());
    let input = dir.path().join("snn");
    fs::create_dir_all(&input).expect("create the input folder");
    for (i, chunk) in lines.chunks(lines.len().div_ceil(6)).enumerate() {
        fs::write(
            input.join(format!("part-{i}.jsonl")),
            chunk.join("\n") + "\n",
        )
        .expect("write a part");
    }

    let plain = dir.path().join("plain");
    dedup(&[&input], &plain, &["--quiet"]);
    let work = dir.path().join("work");
    let _guard = OwnJobs {
        work: work.clone(),
        noted: Vec::new(),
    };
    let out = dir.path().join("out");
    let start = Instant::now();
    dedup(
        &[&input],
        &out,
        &[
            "--workdir",
            arg(&work),
            "--executor",
            "slurm",
            "--tasks",
            "4",
            "--quiet",
        ],
    );
    eprintln!("Slurm run: {:.1} s", start.elapsed().as_secs_f64());
    assert_same_outputs(&plain, &out);
}

#[test]
fn a_cancelled_slurm_task_is_resubmitted_and_the_outputs_still_match() {
    if !slurm_running() {
        eprintln!("skipped: {NO_SLURM}");
        return;
    }
    let dir = tempfile::tempdir().expect("a temporary directory");
    let inputs = archive_inputs(dir.path());
    let inputs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
    let plain = dir.path().join("plain");
    dedup(&inputs, &plain, &["--quiet"]);
    let work = dir.path().join("work");
    let out = dir.path().join("out");
    let slurm = [
        "--workdir",
        arg(&work),
        "--executor",
        "slurm",
        "--tasks",
        "4",
    ];
    let mut guard = OwnJobs {
        work: work.clone(),
        noted: Vec::new(),
    };

    // Submitted held and detached: the ids are printed and recorded, nothing runs yet.
    let mut held = slurm.to_vec();
    held.extend(["--sbatch-arg=--hold", "--detach"]);
    let o = dedup(&inputs, &out, &held);
    let ids: Vec<String> = String::from_utf8_lossy(&o.stdout)
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    guard.noted = ids.clone();
    assert_eq!(ids.len(), 6, "one job per stage: {ids:?}");
    assert_eq!(recorded_jobs(&work), ids);
    let verify_1 = format!("{}_1", ids[2]);
    assert_eq!(squeue_state(&verify_1), "PENDING");

    // Released, then one verify task cancelled while it waits for sign and bucket.
    slurm_ok("scontrol", &["release", &ids.join(",")]);
    slurm_ok("scancel", &[&verify_1]);

    // The same command, attached: it follows the chain, sees it stop short and resubmits.
    let start = Instant::now();
    let o = dedup(&inputs, &out, &slurm);
    let err = String::from_utf8_lossy(&o.stderr);
    eprintln!("rerun: {:.1} s", start.elapsed().as_secs_f64());
    assert!(err.contains("following jobs"), "{err}");
    assert!(err.contains("resubmitting unfinished tasks"), "{err}");
    assert!(err.contains("staged run complete"), "{err}");
    assert_same_outputs(&plain, &out);
}
