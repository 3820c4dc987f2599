//! Runs `khulasa dedup` on generated folders with known duplicates and on malformed inputs.

mod common;

use std::fs;
use std::path::Path;

use common::{Rng, article, edited, jsonl, khulasa, render, run_ok};

/// Writes 30 articles: groups {a00, a00-copy1, a00-copy2}, {a01, a01-copy}, {a02, a02-copy},
/// a far rewrite of a03 (not a duplicate), an empty file and a too-short file.
fn known_folder(dir: &Path) {
    let mut rng = Rng(7);
    let bases: Vec<Vec<String>> = (0..24).map(|_| article(&mut rng, 240)).collect();
    let sub = dir.join("batch/inner");
    fs::create_dir_all(&sub).unwrap();
    for (i, b) in bases.iter().enumerate() {
        fs::write(dir.join(format!("batch/a{i:02}.txt")), render(b)).unwrap();
    }
    fs::write(
        sub.join("a00-copy1.txt"),
        render(&edited(&mut rng, &bases[0], 3)),
    )
    .unwrap();
    fs::write(
        sub.join("a00-copy2.txt"),
        render(&edited(&mut rng, &bases[0], 4)),
    )
    .unwrap();
    fs::write(sub.join("a01-copy.txt"), render(&bases[1])).unwrap();
    fs::write(
        sub.join("a02-copy.txt"),
        render(&edited(&mut rng, &bases[2], 2)),
    )
    .unwrap();
    fs::write(
        sub.join("a03-rewrite.txt"),
        render(&edited(&mut rng, &bases[3], 120)),
    )
    .unwrap();
    fs::write(sub.join("empty.txt"), "  \n ").unwrap();
    fs::write(sub.join("short.txt"), "كلمة واحدة فقط").unwrap();
}

fn run_dedup(input: &Path, out: &Path, threads: &str) {
    let o = khulasa(&[
        "dedup",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--pairs",
        out.join("pairs.tsv").to_str().unwrap(),
        "--threads",
        threads,
        "--quiet",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn known_duplicates_are_clustered_and_every_record_is_in_the_manifest() {
    let dir = tempfile::tempdir().unwrap();
    known_folder(dir.path());
    let out = dir.path().join("out");
    run_dedup(&dir.path().join("batch"), &out, "2");

    let clusters = jsonl(&out.join("clusters.jsonl"));
    let groups: Vec<Vec<String>> = clusters
        .iter()
        .map(|c| {
            let mut ids: Vec<String> = c["members"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m["id"].as_str().unwrap().to_string())
                .collect();
            ids.sort();
            ids
        })
        .collect();
    assert_eq!(
        groups,
        vec![
            vec!["a00.txt", "inner/a00-copy1.txt", "inner/a00-copy2.txt"],
            vec!["a01.txt", "inner/a01-copy.txt"],
            vec!["a02.txt", "inner/a02-copy.txt"],
        ]
    );
    assert_eq!(clusters[0]["cluster"], 1);

    let manifest = jsonl(&out.join("manifest.jsonl"));
    assert_eq!(manifest.len(), 24 + 7);
    let status = |id: &str| {
        manifest
            .iter()
            .find(|e| e["id"] == id)
            .unwrap_or_else(|| panic!("{id} in manifest"))
            .clone()
    };
    assert_eq!(status("inner/empty.txt")["status"], "empty");
    assert_eq!(status("inner/short.txt")["status"], "too_short");
    assert_eq!(status("inner/a03-rewrite.txt")["status"], "kept");
    let copy = status("inner/a01-copy.txt");
    assert_eq!(copy["status"], "duplicate");
    // Identical texts: the representative is the smaller id.
    assert_eq!(copy["duplicate_of"], "a01.txt");
    assert_eq!(copy["jaccard"], 1.0);
    let dups = manifest
        .iter()
        .filter(|e| e["status"] == "duplicate")
        .count();
    assert_eq!(dups, 4);

    let pairs = fs::read_to_string(out.join("pairs.tsv")).unwrap();
    assert_eq!(pairs.lines().count(), 3 + 1 + 1);
    for line in pairs.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(cols[0] < cols[1]);
        assert!(cols[2].parse::<f64>().unwrap() >= 0.7);
    }
}

#[test]
fn the_representative_is_the_earliest_copy_in_time_whatever_form_the_dates_take() {
    // As text, "Fri, 31 Jul" sorts before "Tue, 21 Jul" and an unreadable "yesterday" after
    // both; the copy published first is "b", on the 21st.
    let dir = tempfile::tempdir().unwrap();
    let text = render(&article(&mut Rng(11), 200));
    let lines: Vec<String> = [
        ("a", "Fri, 31 Jul 2015 09:00:00 +0300"),
        ("b", "Tue, 21 Jul 2015 09:00:00 +0300"),
        ("c", "yesterday"),
    ]
    .iter()
    .map(|(id, date)| serde_json::json!({"id": id, "date": date, "text": text}).to_string())
    .collect();
    let input = dir.path().join("feed.jsonl");
    fs::write(&input, lines.join("\n") + "\n").unwrap();
    // The streaming run, the one holding the batch, and the digest all choose alike.
    for (command, extra) in [
        ("dedup", &[][..]),
        ("dedup", &["--stories"][..]),
        ("digest", &[][..]),
    ] {
        let out = dir.path().join(format!("{command}{}", extra.len()));
        run_ok(command, &input, &out, extra);
        let clusters = jsonl(&out.join("clusters.jsonl"));
        assert_eq!(clusters.len(), 1);
        assert_eq!(clusters[0]["representative"], "b", "{command} {extra:?}");
        let manifest = jsonl(&out.join("manifest.jsonl"));
        for dup in ["a", "c"] {
            let e = manifest.iter().find(|e| e["id"] == dup).unwrap();
            assert_eq!(e["duplicate_of"], "b", "{command} {extra:?}");
        }
    }
}

#[test]
fn outputs_are_byte_identical_whatever_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    known_folder(dir.path());
    let (one, two) = (dir.path().join("one"), dir.path().join("two"));
    run_dedup(&dir.path().join("batch"), &one, "1");
    run_dedup(&dir.path().join("batch"), &two, "2");
    for f in ["clusters.jsonl", "manifest.jsonl", "pairs.tsv"] {
        assert_eq!(
            fs::read(one.join(f)).unwrap(),
            fs::read(two.join(f)).unwrap(),
            "{f}"
        );
    }
}

#[test]
fn streaming_dedup_decides_as_the_in_memory_run_does() {
    // Plain `dedup` streams and keeps no text; `--stories` holds the whole batch. Their
    // clusters and manifests must agree record for record (stories only add a field).
    let dir = tempfile::tempdir().unwrap();
    known_folder(dir.path());
    let input = dir.path().join("batch");
    let (streamed, held) = (dir.path().join("streamed"), dir.path().join("held"));
    run_ok("dedup", &input, &streamed, &[]);
    run_ok("dedup", &input, &held, &["--stories"]);
    assert_eq!(
        fs::read(streamed.join("clusters.jsonl")).unwrap(),
        fs::read(held.join("clusters.jsonl")).unwrap()
    );
    let mut without_story = jsonl(&held.join("manifest.jsonl"));
    for e in &mut without_story {
        e.as_object_mut().unwrap().remove("story");
    }
    assert_eq!(jsonl(&streamed.join("manifest.jsonl")), without_story);
}

#[test]
fn scan_counts_records_rejections_and_terms() {
    let dir = tempfile::tempdir().unwrap();
    let input = malformed_folder(dir.path());
    let o = khulasa(&["scan", input.to_str().unwrap(), "--analyzer", "plain"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("records\t6\n"), "{stdout}");
    assert!(stdout.contains("rejected\t4\n"), "{stdout}");
    assert!(stdout.contains("2 documents\t101 terms"), "{stdout}");
}

fn malformed_folder(dir: &Path) -> std::path::PathBuf {
    let input = dir.join("in");
    fs::create_dir_all(&input).unwrap();
    let mut rng = Rng(11);
    let good = render(&article(&mut rng, 50)).replace('\n', " ");
    let mut jl = Vec::new();
    jl.extend_from_slice(format!("{{\"id\":\"g1\",\"text\":\"{good}\"}}\n").as_bytes());
    jl.extend_from_slice(b"{not json\n");
    jl.extend_from_slice(b"[1,2,3]\n");
    jl.extend_from_slice(b"{\"id\":\"nulltext\",\"text\":null}\n");
    jl.extend_from_slice(b"{\"id\":\"bad-utf8\",\"text\":\"abc \xff\xfe def\"}\n");
    jl.extend_from_slice(format!("{{\"id\":\"g2\",\"text\":\"{good} extra\"}}\n").as_bytes());
    fs::write(input.join("feed.jsonl"), jl).unwrap();
    input
}

#[test]
fn malformed_records_are_rejected_with_file_and_line_and_the_rest_is_processed() {
    let dir = tempfile::tempdir().unwrap();
    let input = malformed_folder(dir.path());
    let out = dir.path().join("out");
    let o = run_ok("dedup", &input, &out, &[]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("6 records read"), "{stderr}");
    let manifest = jsonl(&out.join("manifest.jsonl"));
    assert_eq!(manifest.len(), 6);
    let rejected: Vec<u64> = manifest
        .iter()
        .filter(|e| e["status"] == "rejected")
        .map(|e| {
            assert!(e["file"].as_str().unwrap().ends_with("feed.jsonl"));
            assert!(!e["reason"].as_str().unwrap().is_empty());
            e["line"].as_u64().unwrap()
        })
        .collect();
    assert_eq!(rejected, vec![2, 3, 4, 5]);
    // Undated copies: the longer text (g2) represents, g1 is its duplicate.
    assert_eq!(manifest[5]["status"], "kept");
    assert_eq!(manifest[0]["status"], "duplicate");
    assert_eq!(manifest[0]["duplicate_of"], "g2");
}

#[test]
fn strict_mode_exits_3_naming_the_first_bad_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let input = malformed_folder(dir.path());
    let out = dir.path().join("out");
    let o = khulasa(&[
        "dedup",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--strict",
    ]);
    assert_eq!(o.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("feed.jsonl:2"), "{stderr}");
    assert!(!out.join("manifest.jsonl").exists());
}

#[test]
fn a_missing_input_is_a_runtime_error_and_a_bad_flag_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = khulasa(&["dedup", "/no/such/input", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("/no/such/input"));
    let o = khulasa(&[
        "dedup",
        "--out",
        out.to_str().unwrap(),
        "--threshold",
        "1.5",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_reader_that_closes_stdout_early_ends_the_run_quietly_not_with_a_panic() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    // As `khulasa scan | head -0`: the read end is closed before the results are written.
    let mut child = Command::new(env!("CARGO_BIN_EXE_khulasa"))
        .args(["scan", "--quiet"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the khulasa binary runs");
    drop(child.stdout.take());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr is piped")
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "exit {status:?}, stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
