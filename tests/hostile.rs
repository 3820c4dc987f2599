//! The hostile corpus (`scripts/gen-hostile`: broken encodings, truncated gzip, JSON that is
//! not an object, NUL bytes, a 100 MB line, link loops...) through `dedup` and `digest`: no
//! panic, every record accounted for in the manifest with the right status, line and reason,
//! `--strict` stopping at the first bad record, and the same bytes for any thread count.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{jsonl, khulasa};
use serde_json::Value;
use tempfile::TempDir;

/// Builds the hostile corpus in `dir/in` with the script, and returns that path.
fn build_corpus(dir: &Path) -> PathBuf {
    let input = dir.join("in");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/gen-hostile");
    let status = Command::new("sh")
        .arg(&script)
        .arg(&input)
        .status()
        .expect("sh runs");
    assert!(status.success(), "scripts/gen-hostile failed");
    input
}

/// Complete lines decoded from the truncated gzip fixture: the records it must yield.
fn truncated_gzip_lines(input: &Path) -> u64 {
    let raw = fs::read(input.join("03-truncated.jsonl.gz")).expect("fixture");
    let mut out = Vec::new();
    let result = flate2::read::MultiGzDecoder::new(&raw[..]).read_to_end(&mut out);
    assert!(result.is_err(), "the fixture is truncated");
    out.iter().filter(|&&b| b == b'\n').count() as u64
}

/// Manifest entries by (file relative to the input, line).
type Manifest = BTreeMap<(String, Option<u64>), Value>;

fn by_place(manifest: &[Value], input: &Path) -> Manifest {
    let prefix = format!("{}/", input.display());
    let mut out = Manifest::new();
    for entry in manifest {
        let file = entry["file"].as_str().expect("file is a string");
        let rel = file.strip_prefix(&prefix).unwrap_or(file).to_owned();
        let line = entry["line"].as_u64();
        let previous = out.insert((rel.clone(), line), entry.clone());
        assert!(previous.is_none(), "{rel}:{line:?} twice in the manifest");
    }
    out
}

fn entry<'a>(m: &'a Manifest, file: &str, line: Option<u64>) -> &'a Value {
    m.get(&(file.to_owned(), line))
        .unwrap_or_else(|| panic!("{file}:{line:?} missing from the manifest"))
}

/// Asserts a rejection at `file:line` whose reason contains `reason`.
fn assert_rejected(m: &Manifest, file: &str, line: Option<u64>, reason: &str) {
    let e = entry(m, file, line);
    assert_eq!(e["status"], "rejected", "{file}:{line:?}: {e}");
    let got = e["reason"].as_str().unwrap_or_default();
    assert!(
        got.contains(reason),
        "{file}:{line:?}: `{got}` lacks `{reason}`"
    );
}

/// Asserts a record that was read as a document, with `status` (or any non-rejected one).
fn assert_read(m: &Manifest, file: &str, line: Option<u64>, status: Option<&str>) {
    let e = entry(m, file, line);
    match status {
        Some(status) => assert_eq!(e["status"], status, "{file}:{line:?}: {e}"),
        None => assert_ne!(e["status"], "rejected", "{file}:{line:?}: {e}"),
    }
}

/// Runs khulasa and returns (exit code, stderr).
fn run(args: &[&str]) -> (Option<i32>, String) {
    let out = khulasa(args);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Every output file of a run directory, by name.
fn outputs(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir)
        .expect("output directory")
        .map(|e| {
            let e = e.expect("entry");
            let name = e.file_name().to_string_lossy().into_owned();
            (name, fs::read(e.path()).expect("output file"))
        })
        .collect()
}

fn check_manifest(manifest: &[Value], input: &Path) {
    let m = by_place(manifest, input);
    let gz_lines = truncated_gzip_lines(input);
    let locked_readable = fs::read(input.join("16-locked.txt")).is_ok();

    // The good records are read.
    for line in 1..=3 {
        assert_read(&m, "00-good.jsonl", Some(line), None);
    }
    // Invalid UTF-8 in the middle of a file: that line only (JSONL), the file (text).
    assert_read(&m, "01-invalid-utf8-mid.jsonl", Some(1), None);
    assert_rejected(
        &m,
        "01-invalid-utf8-mid.jsonl",
        Some(2),
        "invalid UTF-8 at byte 28 of the line",
    );
    assert_read(&m, "01-invalid-utf8-mid.jsonl", Some(3), None);
    assert_rejected(
        &m,
        "02-invalid-utf8.txt",
        Some(3),
        "invalid UTF-8 at byte 3 of line 3",
    );
    // A truncated gzip: every complete line, then the break.
    for line in 1..=gz_lines {
        assert_read(&m, "03-truncated.jsonl.gz", Some(line), None);
    }
    assert_rejected(
        &m,
        "03-truncated.jsonl.gz",
        Some(gz_lines + 1),
        "gzip stream is truncated or corrupt",
    );
    // Lines that are not JSON, values that are not objects, texts that are not strings.
    assert_read(&m, "04-not-json.jsonl", Some(1), None);
    assert_rejected(&m, "04-not-json.jsonl", Some(2), "invalid JSON at column 2");
    assert_rejected(
        &m,
        "04-not-json.jsonl",
        Some(3),
        "EOF while parsing a string",
    );
    for (line, kind) in ["an array", "a string", "a number", "null", "a boolean"]
        .iter()
        .enumerate()
    {
        let reason = format!("expected a JSON object, found {kind}");
        assert_rejected(&m, "05-not-object.jsonl", Some(line as u64 + 1), &reason);
    }
    assert_rejected(
        &m,
        "06-text-types.jsonl",
        Some(1),
        "field `text` is null, expected a string",
    );
    assert_rejected(
        &m,
        "06-text-types.jsonl",
        Some(2),
        "field `text` is a number, expected a string",
    );
    assert_rejected(&m, "06-text-types.jsonl", Some(3), "no `text` field");
    assert_rejected(
        &m,
        "06-text-types.jsonl",
        Some(4),
        "field `text` is an array, expected a string",
    );
    // An empty text file is an empty article; an empty JSONL file holds no record.
    assert_read(&m, "07-empty.txt", None, Some("empty"));
    assert_rejected(
        &m,
        "08-binary.txt",
        Some(3),
        "binary data, not text: NUL byte at byte 1 of line 3",
    );
    // CRLF line ends are ordinary.
    assert_read(&m, "09-crlf.jsonl", Some(1), None);
    assert_read(&m, "09-crlf.jsonl", Some(2), None);
    assert_read(&m, "09-crlf.txt", None, Some("kept"));
    // Only diacritics, tatweel and punctuation: no term at all.
    assert_read(&m, "10-diacritics-only.txt", None, Some("empty"));
    // Bidi marks and zero-width joiners inside words change nothing.
    assert_read(&m, "11-bidi-zwj.jsonl", Some(1), Some("kept"));
    let marked = entry(&m, "11-bidi-zwj.jsonl", Some(2));
    assert_eq!(marked["status"], "duplicate", "{marked}");
    assert_eq!(marked["duplicate_of"], "bidi-clean", "{marked}");
    assert_eq!(marked["jaccard"], 1.0, "{marked}");
    // NUL bytes, raw or escaped, are binary data.
    assert_read(&m, "12-nul.jsonl", Some(1), None);
    assert_rejected(
        &m,
        "12-nul.jsonl",
        Some(2),
        "binary data, not text: NUL byte at byte 31 of the line",
    );
    assert_rejected(&m, "12-nul.jsonl", Some(3), "holds a NUL character");
    assert_rejected(&m, "12-nul.txt", Some(2), "NUL byte at byte 12 of line 2");
    // Windows-1256 read as UTF-8: rejected, with the flag that would read it.
    assert_read(&m, "13-cp1256.jsonl", Some(1), None);
    assert_rejected(&m, "13-cp1256.jsonl", Some(2), "try --encoding cp1256");
    assert_rejected(&m, "13-cp1256.txt", Some(1), "try --encoding cp1256");
    assert_rejected(
        &m,
        "14-object.json",
        Some(1),
        "expected a JSON array of objects, found an object",
    );
    // The 100 MB line is rejected by size; the record after it is read.
    assert_rejected(
        &m,
        "15-huge-line.jsonl",
        Some(1),
        "record is 104857626 bytes, over --max-doc-bytes 10485760",
    );
    assert_read(&m, "15-huge-line.jsonl", Some(2), None);
    // chmod 000: rejected with the system's words, unless we run as root (then readable).
    if locked_readable {
        eprintln!("running as root: 16-locked.txt is readable, its rejection is not checked");
        assert_read(&m, "16-locked.txt", None, None);
    } else {
        assert_rejected(
            &m,
            "16-locked.txt",
            None,
            "cannot read file: Permission denied",
        );
    }
    assert_rejected(
        &m,
        "17-dangling.jsonl",
        None,
        "cannot read file: No such file or directory",
    );
    // The link loop is walked once.
    assert_read(&m, "loop/inside.txt", None, None);

    // Every record is accounted for, and nothing else is rejected.
    let per_file: [(&str, u64); 23] = [
        ("00-good.jsonl", 3),
        ("01-invalid-utf8-mid.jsonl", 3),
        ("02-invalid-utf8.txt", 1),
        ("03-truncated.jsonl.gz", gz_lines + 1),
        ("04-not-json.jsonl", 3),
        ("05-not-object.jsonl", 5),
        ("06-text-types.jsonl", 4),
        ("07-empty.jsonl", 0),
        ("07-empty.txt", 1),
        ("08-binary.txt", 1),
        ("09-crlf.jsonl", 2),
        ("09-crlf.txt", 1),
        ("10-diacritics-only.txt", 1),
        ("11-bidi-zwj.jsonl", 2),
        ("12-nul.jsonl", 3),
        ("12-nul.txt", 1),
        ("13-cp1256.jsonl", 2),
        ("13-cp1256.txt", 1),
        ("14-object.json", 1),
        ("15-huge-line.jsonl", 2),
        ("16-locked.txt", 1),
        ("17-dangling.jsonl", 1),
        ("loop/inside.txt", 1),
    ];
    for (file, n) in per_file {
        let got = m.keys().filter(|(f, _)| f == file).count() as u64;
        assert_eq!(got, n, "records of {file}");
    }
    let total: u64 = per_file.iter().map(|(_, n)| n).sum();
    assert_eq!(manifest.len() as u64, total, "manifest lines");
    let rejected = manifest
        .iter()
        .filter(|e| e["status"] == "rejected")
        .count();
    let expected_rejected = 23 + usize::from(!locked_readable);
    assert_eq!(rejected, expected_rejected, "rejections");
}

#[test]
fn hostile_corpus_is_accounted_for_by_dedup_and_digest_for_any_thread_count() {
    let tmp = TempDir::new().expect("temp dir");
    let input = build_corpus(tmp.path());
    let input_arg = input.to_str().expect("UTF-8 temp path");

    let mut runs = BTreeMap::new();
    for command in ["dedup", "digest"] {
        for threads in ["1", "2"] {
            let out = tmp.path().join(format!("{command}-{threads}"));
            let out_arg = out.to_str().expect("UTF-8 temp path");
            let (code, stderr) = run(&[
                command,
                input_arg,
                "--out",
                out_arg,
                "--threads",
                threads,
                "--quiet",
            ]);
            assert_eq!(code, Some(0), "{command} --threads {threads}: {stderr}");
            assert!(!stderr.contains("panicked"), "{stderr}");
            check_manifest(&jsonl(&out.join("manifest.jsonl")), &input);
            runs.insert((command, threads), outputs(&out));
        }
        let one = &runs[&(command, "1")];
        let two = &runs[&(command, "2")];
        assert_eq!(
            one.keys().collect::<Vec<_>>(),
            two.keys().collect::<Vec<_>>()
        );
        for (name, bytes) in one {
            assert!(
                bytes == &two[name],
                "{command}: {name} differs between 1 and 2 threads"
            );
        }
    }
    assert!(runs[&("digest", "1")].contains_key("digest.md"));
    // digest adds the story tier's `story` field; every other field must agree.
    let without_story = |bytes: &[u8]| -> Vec<serde_json::Value> {
        String::from_utf8_lossy(bytes)
            .lines()
            .map(|l| {
                let mut v: serde_json::Value =
                    serde_json::from_str(l).expect("manifest line is JSON");
                if let Some(o) = v.as_object_mut() {
                    o.remove("story");
                }
                v
            })
            .collect()
    };
    assert!(
        without_story(&runs[&("dedup", "1")]["manifest.jsonl"])
            == without_story(&runs[&("digest", "1")]["manifest.jsonl"]),
        "dedup and digest account for records alike"
    );

    // --strict: exit 3, naming the first bad file and line, for both commands.
    for command in ["dedup", "digest"] {
        let out = tmp.path().join(format!("{command}-strict"));
        let (code, stderr) = run(&[
            command,
            input_arg,
            "--out",
            out.to_str().expect("UTF-8 temp path"),
            "--strict",
            "--quiet",
        ]);
        assert_eq!(code, Some(3), "{command} --strict: {stderr}");
        let first_bad = format!(
            "{}:2: invalid UTF-8",
            input.join("01-invalid-utf8-mid.jsonl").display()
        );
        assert!(stderr.contains(&first_bad), "{command}: {stderr}");
        assert!(stderr.contains("rejected under --strict"), "{stderr}");
        assert!(
            !out.join("manifest.jsonl").exists(),
            "no output under --strict"
        );
    }
}

/// One JSONL record a run keeps.
const GOOD_ARTICLE: &str = "{\"text\": \"one good article with enough words to shingle\"}\n";

/// The path of `name` in `dir`, as a string for arguments, written with `content` first when
/// given.
fn path_in(dir: &TempDir, name: &str, content: Option<&str>) -> String {
    let path = dir.path().join(name);
    if let Some(content) = content {
        fs::write(&path, content).expect("write");
    }
    path.to_str().expect("UTF-8 temp path").to_owned()
}

#[test]
fn exit_codes_are_as_documented() {
    let tmp = TempDir::new().expect("temp dir");
    let out = &path_in(&tmp, "out", None);
    let good = &path_in(&tmp, "good.jsonl", Some(GOOD_ARTICLE));
    let bad = &path_in(&tmp, "bad.jsonl", Some("{\"text\": \"fine\"}\nnot json\n"));
    let missing = &path_in(&tmp, "missing.jsonl", None);

    let code = |args: &[&str]| run(args).0;
    // 0: success, rejected records reported in the manifest only.
    assert_eq!(code(&["dedup", good, "--out", out, "-q"]), Some(0));
    assert_eq!(code(&["dedup", bad, "--out", out, "-q"]), Some(0));
    assert_eq!(code(&["digest", bad, "--out", out, "-q"]), Some(0));
    // 1: runtime errors.
    assert_eq!(code(&["dedup", missing, "--out", out, "-q"]), Some(1));
    let file_as_dir = format!("{good}/out");
    assert_eq!(code(&["dedup", good, "--out", &file_as_dir, "-q"]), Some(1));
    // 2: usage errors, from clap and from flags that contradict each other.
    assert_eq!(
        code(&["dedup", good, "--out", out, "--no-such-flag"]),
        Some(2)
    );
    assert_eq!(
        code(&["dedup", good, "--out", out, "--threshold", "2"]),
        Some(2)
    );
    assert_eq!(
        code(&["dedup", good, "--out", out, "--max-doc-bytes", "0"]),
        Some(2)
    );
    assert_eq!(
        code(&["dedup", good, "--out", out, "--max-doc-bytes", "ten"]),
        Some(2)
    );
    let contradiction = ["dedup", good, "--out", out, "--bands", "20", "--rows", "10"];
    assert_eq!(code(&contradiction), Some(2));
    assert_eq!(code(&["dedup", good]), Some(2), "--out is required");
    // 3: a rejected record under --strict.
    assert_eq!(
        code(&["dedup", bad, "--out", out, "--strict", "-q"]),
        Some(3)
    );
    assert_eq!(
        code(&["digest", bad, "--out", out, "--strict", "-q"]),
        Some(3)
    );
}

#[test]
fn a_fatal_error_names_its_file_and_tells_its_cause_once() {
    let tmp = TempDir::new().expect("temp dir");
    let out = &path_in(&tmp, "out", None);
    let good = &path_in(&tmp, "good.jsonl", Some(GOOD_ARTICLE));
    let missing = &path_in(&tmp, "missing.jsonl", None);
    let short_index = &path_in(&tmp, "short.idx", Some("garbage"));
    let tmp_dir = tmp.path().to_str().expect("UTF-8");
    let file_as_dir = format!("{good}/out");
    // (arguments, the path the message must name, the cause it must tell exactly once)
    let cases: [(Vec<&str>, &str, &str); 4] = [
        (
            vec!["digest", missing, "--out", out],
            missing,
            "No such file or directory",
        ),
        (
            vec!["dedup", good, "--index", short_index, "--out", out],
            short_index,
            "shorter than the",
        ),
        (
            vec!["dedup", good, "--index", tmp_dir, "--out", out],
            tmp_dir,
            "Is a directory",
        ),
        (
            vec!["digest", good, "--out", &file_as_dir],
            &file_as_dir,
            "Not a directory",
        ),
    ];
    for (args, path, cause) in cases {
        let (code, err) = run(&args);
        assert_eq!(code, Some(1), "{args:?}: {err}");
        assert!(err.contains(path), "{args:?} does not name {path}: {err}");
        assert_eq!(err.matches(cause).count(), 1, "{args:?}: {err}");
    }
}

#[test]
fn max_doc_bytes_rejects_oversized_records_of_every_format() {
    let tmp = TempDir::new().expect("temp dir");
    let dir = tmp.path().join("in");
    fs::create_dir(&dir).expect("mkdir");
    let body = "كلمة ".repeat(100);
    fs::write(dir.join("a.txt"), &body).expect("write");
    fs::write(
        dir.join("b.jsonl"),
        format!("{{\"id\": \"small\", \"text\": \"short one\"}}\n{{\"id\": \"big\", \"text\": \"{body}\"}}\n"),
    )
    .expect("write");
    let out = tmp.path().join("out");
    let (code, stderr) = run(&[
        "dedup",
        dir.to_str().expect("UTF-8"),
        "--out",
        out.to_str().expect("UTF-8"),
        "--max-doc-bytes",
        "512",
        "-q",
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    let manifest = jsonl(&out.join("manifest.jsonl"));
    let reasons: Vec<_> = manifest
        .iter()
        .map(|e| (e["id"].as_str().unwrap_or_default(), e["reason"].as_str()))
        .collect();
    assert_eq!(
        reasons,
        [
            (
                "a.txt",
                Some("record is 900 bytes, over --max-doc-bytes 512")
            ),
            ("small", None),
            (
                &*format!("{}:2", dir.join("b.jsonl").display()),
                Some("record is 925 bytes, over --max-doc-bytes 512")
            ),
        ]
    );
}
