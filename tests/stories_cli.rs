//! Runs the story tier through the binary: two outlets reporting one event in their own words
//! become one story; unrelated articles stay apart; copies stay a copy cluster inside it.

mod common;

use std::fs;
use std::path::Path;

use common::{Rng, article, jsonl, khulasa, render, run_ok, word};

/// Writes a JSONL batch: `event-a` and `event-b` tell one event (same names and facts, other
/// words and order), `event-a-copy` copies `event-a`, and twenty unrelated articles.
fn batch(dir: &Path) -> std::path::PathBuf {
    batch_dated(dir, "2015-07-21", "2015-07-21")
}

/// [`batch`] with `event-b` dated `b_date` and every other article `date`.
fn batch_dated(dir: &Path, date: &str, b_date: &str) -> std::path::PathBuf {
    let mut rng = Rng(21);
    let facts: Vec<String> = (0..40).map(|_| word(&mut rng)).collect();
    let telling = |rng: &mut Rng| {
        let mut words: Vec<String> = facts.clone();
        words.extend(article(rng, 60));
        for i in (1..words.len()).rev() {
            let j = rng.below(i + 1);
            words.swap(i, j);
        }
        words
    };
    let a = telling(&mut rng);
    let b = telling(&mut rng);
    let mut lines = vec![
        serde_json::json!({"id": "event-a", "date": date, "source": "okaz", "text": render(&a)}),
        serde_json::json!({"id": "event-a-copy", "date": date, "source": "spa", "text": render(&a)}),
        serde_json::json!({"id": "event-b", "date": b_date, "source": "alriyadh", "text": render(&b)}),
    ];
    for i in 0..20 {
        lines.push(serde_json::json!({"id": format!("other-{i:02}"), "date": date, "text": render(&article(&mut rng, 100))}));
    }
    let path = dir.join("batch.jsonl");
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    fs::write(&path, text).unwrap();
    path
}

#[test]
fn one_event_in_two_outlets_words_is_one_story_and_unrelated_articles_are_not() {
    let dir = tempfile::tempdir().unwrap();
    let input = batch(dir.path());
    let out = dir.path().join("out");
    run_ok("dedup", &input, &out, &["--stories", "-q"]);
    let stories = jsonl(&out.join("stories.jsonl"));
    assert_eq!(stories.len(), 1, "{stories:?}");
    let mut members: Vec<&str> = stories[0]["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    members.sort();
    assert_eq!(members, ["event-a", "event-a-copy", "event-b"]);
    assert_eq!(stories[0]["clusters"], serde_json::json!([1]));
    assert!(stories[0]["why"].as_str().unwrap().contains("shared terms"));

    let manifest = jsonl(&out.join("manifest.jsonl"));
    for e in &manifest {
        let id = e["id"].as_str().unwrap();
        let in_story = id.starts_with("event-");
        assert_eq!(e.get("story").is_some(), in_story, "{id}");
    }
}

#[test]
fn digest_gives_a_story_one_entry_with_its_evidence_and_folded_copies() {
    let dir = tempfile::tempdir().unwrap();
    let input = batch(dir.path());
    let out = dir.path().join("out");
    run_ok("digest", &input, &out, &["-q"]);
    let entries = jsonl(&out.join("digest.jsonl"));
    assert_eq!(entries.len(), 1 + 20);
    let story = &entries[0];
    assert_eq!(story["story"], 1);
    assert_eq!(story["size"], 3);
    assert!(story["why"].as_str().unwrap().contains("shared terms"));
    let copies: Vec<&serde_json::Value> = story["members"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m.get("copy_of").is_some())
        .collect();
    assert_eq!(copies.len(), 1);
    assert_eq!(copies[0]["copy_of"], "event-a");
    assert!(out.join("stories.jsonl").metadata().unwrap().len() > 0);
}

#[test]
fn no_stories_skips_the_tier() {
    let dir = tempfile::tempdir().unwrap();
    let input = batch(dir.path());
    let out = dir.path().join("out");
    let o = khulasa(&[
        "digest",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "-q",
        "--no-stories",
    ]);
    assert!(o.status.success());
    assert!(!out.join("stories.jsonl").exists());
    assert_eq!(jsonl(&out.join("digest.jsonl")).len(), 2 + 20);
}

/// The members of the first story of a digest of the dated batch ([`batch_dated`]), and the
/// digest's Markdown.
fn members(date: &str, b_date: &str) -> (Option<serde_json::Value>, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    run_ok(
        "digest",
        &batch_dated(dir.path(), date, b_date),
        &out,
        &["-q"],
    );
    let stories = jsonl(&out.join("stories.jsonl"));
    let md = fs::read_to_string(out.join("digest.md")).unwrap();
    (stories.first().map(|s| s["members"].clone()), md)
}

#[test]
fn rss_dates_are_read_as_days_like_iso_dates() {
    let (iso, _) = members("2015-07-21", "2015-07-21");
    let (rss, md) = members(
        "Tue, 21 Jul 2015 09:00:00 +0300",
        "Tue, 21 Jul 2015 11:30:00 +0300",
    );
    assert_eq!(rss, iso);
    assert!(md.contains("date: 2015-07-21;"), "{md}");
    assert!(
        md.contains("Dates: Tue, 21 Jul 2015 09:00:00 +0300 to Tue, 21 Jul 2015 11:30:00 +0300."),
        "{md}"
    );
    // Ten days apart is not one event: the RSS date is read, not taken for no date.
    let (apart, _) = members(
        "Tue, 21 Jul 2015 09:00:00 +0300",
        "Fri, 31 Jul 2015 09:00:00 +0300",
    );
    assert_eq!(apart, None);
}

#[test]
fn hijri_dates_of_saudi_sites_are_read_as_their_gregorian_days() {
    let (iso, _) = members("2015-07-21", "2015-07-21");
    // 5 Shawwal 1436 is 21 July 2015 by Umm al-Qura.
    let (hijri, md) = members("الثلاثاء 5 شوال 1436هـ", "1436/10/05");
    assert_eq!(hijri, iso);
    assert!(md.contains("date: 2015-07-21;"), "{md}");
    // Ten days apart (15 Shawwal) is not one event: the Hijri date is read, not taken for none.
    let (apart, _) = members("الثلاثاء 5 شوال 1436هـ", "الجمعة 15 شوال 1436هـ");
    assert_eq!(apart, None);
}
