//! The HTML digest of a hostile corpus, checked as a string (no browser needed): markup in
//! titles, texts, outlets and dates is escaped, only http(s) URLs are linked, bidi controls
//! are gone, and `--format html` writes only the page beside clusters and manifest.

mod common;

use std::fs;

use common::{assert_inert, khulasa, start_tags};

const HOSTILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/html-hostile");

#[test]
fn hostile_articles_render_as_text_and_link_only_http() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = khulasa(&[
        "digest",
        HOSTILE,
        "--out",
        out.to_str().unwrap(),
        "--format",
        "html",
        "--quiet",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut files: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            ".khulasa-output",
            "clusters.jsonl",
            "digest.html",
            "manifest.jsonl",
            "stories.jsonl"
        ]
    );

    let html = fs::read_to_string(out.join("digest.html")).unwrap();
    assert!(
        !html.to_ascii_lowercase().contains("<script"),
        "unescaped <script"
    );
    assert!(!html.to_ascii_lowercase().contains("href=\"javascript:"));
    assert_inert(&html);
    // Markup in a record's text or title is read as a page shows it (corpus::markup): the
    // script and the iframe run into the articles are gone.
    assert!(!html.contains("&lt;iframe"));
    assert!(!html.contains("الجديدة. &lt;script&gt;"));
    // Markup written as character references is text, and is shown as text; so is markup in
    // the fields kept as given.
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("&lt;/style&gt;&lt;script&gt;alert(3)&lt;/script&gt;"));
    // The one safe URL with markup in its query is linked, escaped inside the attribute.
    assert!(html.contains(r#"href="https://example.com/oil?q=&quot;&gt;&lt;script&gt;"#));
    // The page forbids scripts and fetches whatever slips through.
    assert!(html.contains("default-src 'none'"));
    // Every card and every piece of article text carries its own direction.
    let tags = start_tags(&html);
    for t in tags
        .iter()
        .filter(|t| matches!(t.name.as_str(), "article" | "bdi"))
    {
        assert!(t.attr("dir").is_some(), "<{}> without dir", t.name);
    }
    let arabic_cards = tags
        .iter()
        .filter(|t| t.name == "article" && t.attr("lang") == Some("ar"))
        .count();
    assert_eq!(arabic_cards, 3);
    assert!(
        tags.iter()
            .filter(|t| t.name == "article" && t.attr("lang") == Some("ar"))
            .all(|t| t.attr("dir") == Some("rtl"))
    );
}

#[test]
fn format_flag_chooses_the_digest_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = khulasa(&[
        "digest",
        "--out",
        out.to_str().unwrap(),
        "--format",
        "md,jsonl",
        "-q",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.join("digest.md").exists() && out.join("digest.jsonl").exists());
    assert!(!out.join("digest.html").exists());
    let bad = khulasa(&["digest", "--out", out.to_str().unwrap(), "--format", "pdf"]);
    assert_eq!(bad.status.code(), Some(2));
}
