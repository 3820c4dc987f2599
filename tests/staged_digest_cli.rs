//! Runs `khulasa digest` as stages (`--workdir`, `--tasks N`, and on Slurm when a cluster
//! answers) and checks every output file equals the one-process digest's, byte for byte.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Rng, article, edited, jsonl, khulasa, khulasa_with_stdin, render, word};

/// Every file a digest run writes.
const FILES: &[&str] = &[
    "digest.md",
    "digest.jsonl",
    "digest.html",
    "clusters.jsonl",
    "manifest.jsonl",
    "stories.jsonl",
];

/// Runs khulasa with `args`, asserting success; returns stderr.
fn ok(args: &[&str]) -> String {
    let o = khulasa(args);
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{args:?}: {stderr}");
    stderr
}

/// `khulasa digest INPUTS --out OUT EXTRA...` in one process.
fn plain(inputs: &[&Path], out: &Path, extra: &[&str]) {
    ok(&args(inputs, out, extra, &[]));
}

/// The same as stages with `tasks` tasks in a fresh work directory under `dir`.
fn staged(inputs: &[&Path], out: &Path, extra: &[&str], tasks: usize, dir: &Path) -> PathBuf {
    let work = dir.join(format!("work-{tasks}"));
    let tasks = tasks.to_string();
    let flags = ["--workdir", path(&work), "--tasks", &tasks];
    ok(&args(inputs, out, extra, &flags));
    work
}

fn args<'a>(
    inputs: &[&'a Path],
    out: &'a Path,
    extra: &[&'a str],
    more: &[&'a str],
) -> Vec<&'a str> {
    let mut a = vec!["digest"];
    a.extend(inputs.iter().map(|p| path(p)));
    a.extend(["--out", path(out), "-q"]);
    a.extend_from_slice(extra);
    a.extend_from_slice(more);
    a
}

fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 temp path")
}

/// Asserts `b` holds exactly the digest files `a` holds, byte for byte.
fn assert_same(a: &Path, b: &Path) {
    for f in FILES {
        let (x, y) = (a.join(f), b.join(f));
        assert_eq!(x.exists(), y.exists(), "{f} written by one run only");
        if x.exists() {
            let (x, y) = (fs::read(&x).unwrap(), fs::read(&y).unwrap());
            assert!(x == y, "{f} differs ({} and {} bytes)", x.len(), y.len());
        }
    }
}

/// Plain and staged digests of `inputs` with `extra` flags, for each of `tasks`, are equal;
/// returns the plain run's output directory (in `dir`).
fn check(inputs: &[&Path], extra: &[&str], tasks: &[usize], dir: &Path) -> PathBuf {
    let want = dir.join("plain");
    plain(inputs, &want, extra);
    for &n in tasks {
        let got = dir.join(format!("staged-{n}"));
        staged(inputs, &got, extra, n, dir);
        assert_same(&want, &got);
    }
    want
}

/// A batch in five JSONL files: four events each told by three outlets in their own words
/// (stories), edited copies in other files (clusters), outlets' template lines (furniture),
/// empty and too-short articles, a malformed line, and unrelated articles.
fn corpus(dir: &Path) -> Vec<PathBuf> {
    let mut rng = Rng(77);
    let sources = ["okaz", "spa", "alriyadh", "aleqtisadiya", "sabq"];
    // An outlet's template line opens its articles: only furniture learned over the whole
    // batch (every route task's share) keeps it out of the summaries.
    let template = |s: usize| format!("خدمة {} الإخبارية على مدار الساعة.", sources[s]);
    let mut files: Vec<Vec<String>> = vec![Vec::new(); 5];
    let mut put =
        |rng: &mut Rng, id: String, s: usize, day: usize, text: String, title: Option<String>| {
            let mut line = serde_json::json!({
                "id": id,
                "source": sources[s],
                "date": format!("2015-07-{:02}", 20 + day),
                "url": format!("https://{}.example/{id}", sources[s]),
                "text": text,
            });
            if let Some(t) = title {
                line["title"] = serde_json::json!(t);
            }
            files[rng.below(5)].push(line.to_string());
        };
    for e in 0..4 {
        // An event's names and facts: every outlet repeats them, in its own order and words.
        let facts: Vec<String> = (0..30).map(|_| word(&mut rng)).collect();
        for t in 0..3 {
            let mut words = facts.clone();
            words.extend(facts.iter().cloned());
            words.extend(article(&mut rng, 40));
            for i in (1..words.len()).rev() {
                let j = rng.below(i + 1);
                words.swap(i, j);
            }
            let s = (e + t) % 5;
            let text = format!("{}\n{}", template(s), render(&words));
            let title = (t < 2).then(|| facts[..4].join(" "));
            put(&mut rng, format!("event-{e}-{t}"), s, e, text, title);
        }
    }
    for c in 0..6 {
        let base = article(&mut rng, 150);
        let s = c % 5;
        let title = (c % 2 == 0).then(|| format!("{} {}", word(&mut rng), word(&mut rng)));
        put(
            &mut rng,
            format!("wire-{c}"),
            s,
            c % 3,
            render(&base),
            title,
        );
        for k in 0..(1 + c % 3) {
            let copy = render(&edited(&mut rng, &base, 2));
            put(
                &mut rng,
                format!("wire-{c}-copy-{k}"),
                (s + k + 1) % 5,
                c % 3,
                copy,
                None,
            );
        }
    }
    for i in 0..25 {
        let s = i % 5;
        let text = format!("{}\n{}", template(s), render(&article(&mut rng, 60 + i)));
        let title = (i % 3 == 0).then(|| word(&mut rng));
        put(&mut rng, format!("other-{i:02}"), s, i % 6, text, title);
    }
    put(&mut rng, "empty".into(), 0, 0, String::new(), None);
    put(&mut rng, "short".into(), 1, 1, "كلمتان فقط".into(), None);
    files[2].push("{not json".into());
    files
        .iter()
        .enumerate()
        .map(|(f, lines)| {
            let p = dir.join(format!("day-{f}.jsonl"));
            let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
            fs::write(&p, text).unwrap();
            p
        })
        .collect()
}

#[test]
fn staged_digest_of_the_seeds_equals_the_one_process_digest() {
    let dir = tempfile::tempdir().unwrap();
    let want = check(&[], &[], &[1, 3, 4], dir.path());
    assert_eq!(jsonl(&want.join("manifest.jsonl")).len(), 5);
}

#[test]
fn staged_digest_of_several_files_equals_the_one_process_digest_with_stories() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = corpus(dir.path());
    let refs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
    let want = check(&refs, &[], &[1, 3, 4], &dir.path().join("stories"));
    // The corpus exercises what the stages must agree on.
    assert!(
        jsonl(&want.join("stories.jsonl")).len() >= 3,
        "too few stories"
    );
    for e in jsonl(&want.join("digest.jsonl")) {
        for line in e["summary"].as_array().unwrap() {
            let text = line["text"].as_str().unwrap();
            assert!(!text.contains("الإخبارية"), "a template line in a summary");
        }
    }
    assert!(
        !jsonl(&want.join("clusters.jsonl")).is_empty(),
        "no cluster"
    );
    let manifest = fs::read_to_string(want.join("manifest.jsonl")).unwrap();
    for status in [
        "\"empty\"",
        "\"too_short\"",
        "\"rejected\"",
        "\"duplicate\"",
    ] {
        assert!(manifest.contains(status), "no {status} record");
    }
}

#[test]
fn staged_digest_without_stories_and_with_other_flags_equals_the_one_process_digest() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = corpus(dir.path());
    let refs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
    check(&refs, &["--no-stories"], &[1, 3, 4], &dir.path().join("a"));
    let want = check(
        &refs,
        &[
            "--summary-words",
            "30",
            "--format",
            "md,jsonl",
            "--threshold",
            "0.6",
        ],
        &[3],
        &dir.path().join("b"),
    );
    assert!(!want.join("digest.html").exists());
}

#[test]
fn dotted_field_names_read_a_nested_export_as_the_flat_one_in_one_process_and_in_stages() {
    // The same batch as an Elasticsearch-style dump: every field inside `_source`, the outlet
    // one level deeper, as NewsAPI nests it.
    let dir = tempfile::tempdir().unwrap();
    let (flat_dir, nested_dir) = (dir.path().join("flat"), dir.path().join("nested"));
    fs::create_dir_all(&flat_dir).unwrap();
    fs::create_dir_all(&nested_dir).unwrap();
    let flat = corpus(&flat_dir);
    let nested: Vec<PathBuf> = flat
        .iter()
        .map(|f| {
            let lines: String = fs::read_to_string(f)
                .unwrap()
                .lines()
                .map(|l| match serde_json::from_str::<serde_json::Value>(l) {
                    Ok(v) => serde_json::json!({
                        "_id": v["id"],
                        "_source": {
                            "body": v["text"],
                            "headline": v.get("title"),
                            "site": {"name": v["source"]},
                            "published": v["date"],
                            "link": v["url"],
                        },
                    })
                    .to_string(),
                    Err(_) => l.to_string(),
                })
                .map(|l| l + "\n")
                .collect();
            let p = nested_dir.join(f.file_name().unwrap());
            fs::write(&p, lines).unwrap();
            p
        })
        .collect();
    let (flat_refs, nested_refs): (Vec<&Path>, Vec<&Path>) = (
        flat.iter().map(PathBuf::as_path).collect(),
        nested.iter().map(PathBuf::as_path).collect(),
    );
    let flags = [
        "--id-field=_id",
        "--text-field=_source.body",
        "--title-field=_source.headline",
        "--source-field=_source.site.name",
        "--date-field=_source.published",
        "--url-field=_source.link",
    ];
    let from_nested = check(&nested_refs, &flags, &[3], &dir.path().join("n"));
    let from_flat = dir.path().join("f");
    plain(&flat_refs, &from_flat, &[]);
    for f in FILES.iter().filter(|f| **f != "manifest.jsonl") {
        let (a, b) = (from_flat.join(f), from_nested.join(f));
        assert!(
            fs::read(&a).unwrap() == fs::read(&b).unwrap(),
            "{f} differs"
        );
    }
    // The manifests differ only in the files' directory, which names the malformed line.
    let without_file = |out: &Path| {
        let mut m = jsonl(&out.join("manifest.jsonl"));
        for e in &mut m {
            let e = e.as_object_mut().unwrap();
            e.remove("file");
            if e["status"] == "rejected" {
                e.remove("id");
            }
        }
        m
    };
    assert_eq!(without_file(&from_flat), without_file(&from_nested));
}

#[test]
fn a_rerun_redoes_only_unfinished_tasks_and_writes_the_same_files() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = corpus(dir.path());
    let refs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
    let want = dir.path().join("plain");
    plain(&refs, &want, &[]);
    let got = dir.path().join("staged");
    let work = staged(&refs, &got, &[], 3, dir.path());
    // A summarize task that died before its marker, and the write after it.
    for (stage, task) in [("summarize", 1), ("write", 0)] {
        fs::remove_file(work.join(stage).join(format!("{task:05}.done"))).unwrap();
    }
    fs::remove_dir_all(&got).unwrap();
    let marker = |stage: &str, task: usize| work.join(stage).join(format!("{task:05}.done"));
    let before = fs::metadata(marker("route", 0))
        .unwrap()
        .modified()
        .unwrap();
    staged(&refs, &got, &[], 3, dir.path());
    assert_same(&want, &got);
    assert_eq!(
        fs::metadata(marker("route", 0))
            .unwrap()
            .modified()
            .unwrap(),
        before
    );
    assert!(marker("summarize", 1).exists() && marker("write", 0).exists());
    // `khulasa task` runs a task of a digest run, and refuses a stage the run does not have.
    fs::remove_file(marker("summarize", 2)).unwrap();
    ok(&[
        "task",
        "--workdir",
        path(&work),
        "--stage",
        "summarize",
        "--task",
        "2",
    ]);
    assert!(marker("summarize", 2).exists());
    let ns = dir.path().join("no-stories");
    let ns_work = staged(&refs, &ns, &["--no-stories"], 2, &ns);
    let o = khulasa(&[
        "task",
        "--workdir",
        path(&ns_work),
        "--stage",
        "units",
        "--task",
        "0",
    ]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn a_staged_digest_of_standard_input_equals_the_one_process_digest_of_it() {
    let dir = tempfile::tempdir().unwrap();
    // The five files of the batch as one JSON Lines stream, piped plain and gzipped.
    let mut lines = Vec::new();
    for file in corpus(dir.path()) {
        let mut text = fs::read(file).unwrap();
        if !text.ends_with(b"\n") {
            text.push(b'\n');
        }
        lines.extend(text);
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gz, &lines).unwrap();
    let gzipped = gz.finish().unwrap();
    let run = |bytes: &[u8], more: &[&str]| {
        let o = khulasa_with_stdin(&[&["digest", "-", "-q"], more].concat(), bytes);
        (
            o.status.success(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    for (name, bytes) in [("plain", lines.as_slice()), ("gzip", gzipped.as_slice())] {
        let want = dir.path().join(format!("{name}-one"));
        let (done, stderr) = run(bytes, &["--out", path(&want)]);
        assert!(done, "{name}: {stderr}");
        let got = dir.path().join(format!("{name}-staged"));
        let work = dir.path().join(format!("{name}-work"));
        let staged = [
            "--out",
            path(&got),
            "--workdir",
            path(&work),
            "--tasks",
            "2",
        ];
        let (done, stderr) = run(bytes, &staged);
        assert!(done, "{name}: {stderr}");
        assert_same(&want, &got);
        // Resuming (here the write task, as if it had died) pipes the same bytes again;
        // other bytes are another night's, refused.
        fs::remove_file(work.join("write").join("00000.done")).unwrap();
        fs::remove_dir_all(&got).unwrap();
        let (done, stderr) = run(bytes, &staged);
        assert!(done, "{name}: {stderr}");
        assert_same(&want, &got);
        let (done, stderr) = run(b"{\"text\": \"x\"}\n", &staged);
        assert!(!done && stderr.contains("another run"), "{name}: {stderr}");
    }
}

#[test]
fn a_staged_digest_refuses_the_archive_index() {
    let dir = tempfile::tempdir().unwrap();
    let (out, work, index) = (
        dir.path().join("o"),
        dir.path().join("w"),
        dir.path().join("i"),
    );
    let o = khulasa(&[
        "digest",
        "--out",
        path(&out),
        "--workdir",
        path(&work),
        "--index",
        path(&index),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--index"));
}

/// SaudiNewsNet, next to the repository, when it is there.
fn saudinewsnet() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/saudinewsnet");
    dir.is_dir().then_some(dir)
}

#[test]
fn staged_digest_of_saudinewsnet_days_split_in_five_files_equals_the_one_process_digest() {
    if saudinewsnet().is_none() {
        eprintln!("skipped: ../shared/corpora/saudinewsnet is absent");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let all = dir.path().join("all.jsonl");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/snn-jsonl");
    let converted = Command::new(&script)
        .args(["--days", "0:2", path(&all)])
        .output();
    match converted {
        Ok(o) if o.status.success() => {}
        other => {
            eprintln!("skipped: scripts/snn-jsonl did not run (python3?): {other:?}");
            return;
        }
    }
    let text = fs::read_to_string(&all).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let parts = 5;
    let inputs: Vec<PathBuf> = (0..parts)
        .map(|p| {
            let share = &lines[lines.len() * p / parts..lines.len() * (p + 1) / parts];
            let file = dir.path().join(format!("part-{p}.jsonl"));
            fs::write(
                &file,
                share.iter().map(|l| format!("{l}\n")).collect::<String>(),
            )
            .unwrap();
            file
        })
        .collect();
    let refs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
    let want = check(&refs, &[], &[4], dir.path());
    assert!(jsonl(&want.join("manifest.jsonl")).len() > 1_000);
}

#[test]
fn staged_digest_on_slurm_equals_the_one_process_digest() {
    let up = Command::new("sinfo").arg("-h").output();
    if !up.is_ok_and(|o| o.status.success() && !o.stdout.is_empty()) {
        eprintln!("skipped: no Slurm cluster answers sinfo (scripts/install-slurm starts one)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let inputs = corpus(dir.path());
    let refs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
    let want = dir.path().join("plain");
    plain(&refs, &want, &[]);
    let got = dir.path().join("slurm");
    let work = dir.path().join("work");
    let flags = [
        "--executor",
        "slurm",
        "--workdir",
        path(&work),
        "--tasks",
        "3",
    ];
    ok(&args(&refs, &got, &[], &flags));
    assert_same(&want, &got);
}
