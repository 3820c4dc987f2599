//! Runs `khulasa eval pairs --groups` on a small corpus with known duplicate groups.

mod common;

use std::fs;
use std::path::Path;

use common::{Rng, article, edited, khulasa, render};

/// Writes `corpus.jsonl` and `groups.jsonl`: group {a, a-light, a-heavy} where only
/// (a, a-light) is at or above 0.7, group {b, b-copy} (identical), and eight unrelated
/// articles, one of them (c0) a near copy of a that no group names.
fn corpus(dir: &Path) {
    let mut rng = Rng(11);
    let a = article(&mut rng, 200);
    let b = article(&mut rng, 150);
    let mut docs = vec![
        ("a".to_string(), render(&a)),
        ("a-light".into(), render(&edited(&mut rng, &a, 3))),
        ("a-heavy".into(), render(&edited(&mut rng, &a, 60))),
        ("b".into(), render(&b)),
        ("b-copy".into(), render(&b)),
        ("c0".into(), render(&edited(&mut rng, &a, 1))),
    ];
    for i in 1..8 {
        docs.push((format!("c{i}"), render(&article(&mut rng, 120))));
    }
    let lines: String = docs
        .iter()
        .map(|(id, text)| serde_json::json!({"id": id, "text": text}).to_string() + "\n")
        .collect();
    fs::write(dir.join("corpus.jsonl"), lines).unwrap();
    fs::write(
        dir.join("groups.jsonl"),
        "[\"a\", \"a-light\", \"a-heavy\"]\n[\"b\", \"b-copy\"]\n",
    )
    .unwrap();
}

fn eval(dir: &Path, pairs: &str) -> std::process::Output {
    fs::write(dir.join("pairs.tsv"), pairs).unwrap();
    let p = |name: &str| dir.join(name).to_str().unwrap().to_owned();
    khulasa(&[
        "eval",
        "pairs",
        &p("corpus.jsonl"),
        "--pairs",
        &p("pairs.tsv"),
        "--groups",
        &p("groups.jsonl"),
        "--analyzer",
        "plain",
        "--threshold",
        "0.7",
        "--truth-out",
        &p("truth.tsv"),
    ])
}

fn value<'a>(out: &'a str, name: &str) -> &'a str {
    out.lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(' '))
        .unwrap_or_else(|| panic!("no `{name}` in\n{out}"))
}

#[test]
fn recall_counts_group_pairs_that_meet_the_threshold() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    // One true pair found, one missed; a pair outside the groups is not scored.
    let o = eval(
        dir.path(),
        "a\ta-light\t0.85\nb-copy\tc3\t0.9\na\tc0\t0.95\n",
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    assert_eq!(value(&out, "groups"), "2", "{out}");
    assert_eq!(value(&out, "group pairs"), "4");
    assert_eq!(value(&out, "group pairs below threshold"), "2");
    assert_eq!(value(&out, "truth pairs"), "2");
    assert_eq!(value(&out, "found pairs"), "3");
    assert_eq!(value(&out, "found pairs inside groups"), "1");
    assert_eq!(value(&out, "true positives"), "1");
    assert_eq!(value(&out, "recall"), "0.5000");
    let truth = fs::read_to_string(dir.path().join("truth.tsv")).unwrap();
    let truth: Vec<(&str, &str)> = truth
        .lines()
        .map(|l| {
            let mut c = l.split('\t');
            (c.next().unwrap(), c.next().unwrap())
        })
        .collect();
    assert_eq!(truth, [("a", "a-light"), ("b", "b-copy")]);

    // What dedup finds on the same corpus: both true pairs.
    let out_dir = dir.path().join("out");
    let o = khulasa(&[
        "dedup",
        dir.path().join("corpus.jsonl").to_str().unwrap(),
        "--out",
        out_dir.to_str().unwrap(),
        "--pairs",
        dir.path().join("found.tsv").to_str().unwrap(),
        "--analyzer",
        "plain",
        "--quiet",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let found = fs::read_to_string(dir.path().join("found.tsv")).unwrap();
    let o = eval(dir.path(), &found);
    let out = String::from_utf8(o.stdout).unwrap();
    assert_eq!(value(&out, "recall"), "1.0000", "{out}");
}

#[test]
fn a_group_member_missing_from_the_inputs_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    fs::write(dir.path().join("groups.jsonl"), "[\"a\", \"nowhere\"]\n").unwrap();
    let o = eval(dir.path(), "");
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("1 group member(s) not among the input documents, first `nowhere`"),
        "{err}"
    );
}
