//! Runs `khulasa digest` and `khulasa summarize` on the embedded seeds and on generated folders.

mod common;

use std::fs;

use common::{Rng, article, edited, jsonl, khulasa, khulasa_with_stdin, render, run_ok};

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/corpora/seeds");

/// Phrases of page furniture in the seeds: cookie notice, "chosen for you", "read also", the
/// repeated caption, source lines, and the unrelated story appended after "read also".
const FURNITURE: &[&str] = &[
    "ملفات تعريف الارتباط",
    "أوافق",
    "اخترنا لك",
    "إقرأ أيضاً",
    "(أرشيف)",
    "المصدر:",
    "تاريخ النشر",
    "لافروف",
];

#[test]
fn digest_of_the_embedded_seeds_has_no_page_furniture() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("digest");
    let o = khulasa(&["digest", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for f in [
        "digest.md",
        "digest.jsonl",
        "digest.html",
        "clusters.jsonl",
        "manifest.jsonl",
    ] {
        assert!(out.join(f).exists(), "{f}");
    }
    assert_eq!(jsonl(&out.join("manifest.jsonl")).len(), 5);
    let entries = jsonl(&out.join("digest.jsonl"));
    let covered: usize = entries
        .iter()
        .map(|e| e["size"].as_u64().unwrap() as usize)
        .sum();
    assert_eq!(covered, 5, "every seed is in exactly one entry");
    for e in &entries {
        let summary = e["summary"].as_array().unwrap();
        assert!(!summary.is_empty() && summary.len() <= 3);
        for s in summary {
            let text = s["text"].as_str().unwrap();
            for f in FURNITURE {
                assert!(!text.contains(f), "summary line is furniture ({f}): {text}");
            }
            assert!(
                text.chars().filter(|c| c.is_alphabetic()).count() > 10,
                "{text}"
            );
            // Provenance points at the sentence it quotes.
            let id = s["id"].as_str().unwrap();
            let source = fs::read_to_string(format!("{SEEDS}/{id}")).unwrap();
            let idx = s["sentence"].as_u64().unwrap() as usize;
            let range = khulasa::text::split_sentences(&source)[idx].clone();
            assert_eq!(&source[range], text);
        }
        assert!(!e["keywords"].as_array().unwrap().is_empty());
    }
    let md = fs::read_to_string(out.join("digest.md")).unwrap();
    assert!(md.starts_with("# khulasa digest"));
    assert!(md.contains("5 records read"));
}

#[test]
fn digest_groups_copies_into_one_entry_with_one_summary() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir_all(&input).unwrap();
    let mut rng = Rng(3);
    let base = article(&mut rng, 200);
    fs::write(input.join("a.txt"), render(&base)).unwrap();
    fs::write(input.join("b.txt"), render(&edited(&mut rng, &base, 2))).unwrap();
    fs::write(input.join("c.txt"), render(&article(&mut rng, 150))).unwrap();
    let out = dir.path().join("out");
    run_ok("digest", &input, &out, &["--summary-sentences", "2"]);
    let entries = jsonl(&out.join("digest.jsonl"));
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0]["size"], 2);
    assert_eq!(entries[0]["cluster"], 1);
    let texts: Vec<&str> = entries[0]["summary"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts.len(), 2);
    assert_ne!(texts[0], texts[1], "copies do not repeat a sentence");
}

#[test]
fn an_article_exported_as_html_is_a_copy_of_its_plain_text_and_its_summary_has_no_markup() {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng(11);
    let base = article(&mut rng, 180);
    let plain = render(&base);
    // As a CMS exports a body: paragraphs, a link, a script, an inline style, entities.
    let html: String = base
        .chunks(12)
        .enumerate()
        .map(|(i, c)| match i {
            1 => format!(
                "<p>{} <a href=\"/tag?a=1&amp;b=2\">{}</a>.</p>",
                c[..11].join(" "),
                c[11]
            ),
            2 => format!(
                "<p class=\"x\">{}.</p><script>var w = '<p>';</script>",
                c.join(" ")
            ),
            _ => format!("<p><span style=\"color:red\">{}</span>.</p>", c.join(" ")),
        })
        .collect();
    let input = dir.path().join("in.jsonl");
    let lines = [
        serde_json::json!({"id": "plain", "text": plain}),
        serde_json::json!({"id": "html", "text": html}),
    ];
    fs::write(
        &input,
        lines
            .iter()
            .map(|l| l.to_string() + "\n")
            .collect::<String>(),
    )
    .unwrap();
    let out = dir.path().join("out");
    run_ok("digest", &input, &out, &["--summary-sentences", "3"]);
    let entries = jsonl(&out.join("digest.jsonl"));
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0]["size"], 2);
    let clusters = jsonl(&out.join("clusters.jsonl"));
    assert_eq!(clusters.len(), 1, "the export is a copy of the text");
    assert_eq!(clusters[0]["members"].as_array().map(Vec::len), Some(2));
    for s in entries[0]["summary"].as_array().unwrap() {
        let text = s["text"].as_str().unwrap();
        for markup in ["<", ">", "span", "href", "script", "&amp;"] {
            assert!(!text.contains(markup), "{markup} in {text}");
        }
    }
}

#[test]
fn saved_web_pages_are_read_as_shown_titled_by_their_headline_and_their_site_chrome_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("mirror");
    fs::create_dir_all(&input).unwrap();
    let mut rng = Rng(5);
    for i in 0..3 {
        let paragraphs: String = (0..4)
            .map(|_| {
                format!(
                    "<p>{}</p>\n",
                    render(&article(&mut rng, 24)).replace('\n', " ")
                )
            })
            .collect();
        let page = format!(
            "<!DOCTYPE html><html><head><title>Story {i} | The Site</title>\
             <script>var x = '<p>';</script></head><body>\
             <nav><ul><li><a href=/>Home</a></li><li><a href=/world>World news</a></li></ul></nav>\
             <h1>Headline number {i}</h1>{paragraphs}\
             <footer><p>Copyright The Site, all of it</p></footer></body></html>"
        );
        fs::write(input.join(format!("p{i}.html")), page).unwrap();
    }
    // A mirror holds the site's images and style sheets too: passed over, and said so.
    fs::write(input.join("logo.png"), [0x89, b'P', b'N', b'G']).unwrap();
    fs::write(input.join("site.css"), "body { margin: 0 }").unwrap();
    let out = dir.path().join("out");
    let o = run_ok("digest", &input, &out, &["--summary-sentences", "8"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("2 files passed over, of types khulasa does not read: .css 1, .png 1"),
        "{stderr}"
    );
    let entries = jsonl(&out.join("digest.jsonl"));
    assert_eq!(entries.len(), 3);
    let mut titles: Vec<&str> = entries
        .iter()
        .map(|e| e["title"].as_str().unwrap())
        .collect();
    titles.sort();
    assert_eq!(
        titles,
        [
            "Headline number 0",
            "Headline number 1",
            "Headline number 2"
        ]
    );
    for e in &entries {
        for s in e["summary"].as_array().unwrap() {
            let text = s["text"].as_str().unwrap();
            for chrome in [
                "<",
                "Home",
                "World news",
                "Copyright",
                "Headline",
                "DOCTYPE",
                "var x",
            ] {
                assert!(!text.contains(chrome), "{chrome} in {text}");
            }
        }
    }
    let manifest = jsonl(&out.join("manifest.jsonl"));
    assert!(
        manifest.iter().all(|m| m["status"] == "kept"),
        "{manifest:?}"
    );
}

#[test]
fn saved_pages_are_dated_placed_and_named_by_their_markup() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("mirror");
    fs::create_dir_all(&input).unwrap();
    let mut rng = Rng(11);
    let body: String = (0..4)
        .map(|_| {
            format!(
                "<p>{}</p>\n",
                render(&article(&mut rng, 30)).replace('\n', " ")
            )
        })
        .collect();
    // One article on two sites: the later copy says so in Open Graph tags, the earlier one in
    // schema.org's JSON-LD and a Hijri <time>.
    let later = format!(
        "<html><head><meta property=\"og:site_name\" content=\"Site A\">\
         <meta property=\"article:published_time\" content=\"2015-07-22T09:00:00+03:00\">\
         <link rel=\"canonical\" href=\"https://www.site-a.example/story/1\"></head>\
         <body><h1>The story</h1>{body}</body></html>"
    );
    let earlier = format!(
        "<html><head><script type=\"application/ld+json\">{{\"datePublished\": \"2015-07-21T08:00:00Z\"}}</script>\
         <meta property=\"og:url\" content=\"http://www.site-b.example/news/9\"></head>\
         <body><h1>The story</h1>{body}</body></html>"
    );
    fs::write(input.join("a.html"), later).unwrap();
    fs::write(input.join("b.html"), earlier).unwrap();
    let out = dir.path().join("out");
    run_ok("digest", &input, &out, &["-q"]);
    let entries = jsonl(&out.join("digest.jsonl"));
    assert_eq!(entries.len(), 1, "{entries:?}");
    let members = entries[0]["members"].as_array().unwrap();
    // The earliest copy represents the cluster: it is dated now.
    assert_eq!(members[0]["source"], "site-b.example");
    assert_eq!(members[0]["date"], "2015-07-21T08:00:00Z");
    assert_eq!(members[0]["url"], "http://www.site-b.example/news/9");
    assert_eq!(members[1]["source"], "Site A");
    assert_eq!(members[1]["date"], "2015-07-22T09:00:00+03:00");
    assert_eq!(members[1]["url"], "https://www.site-a.example/story/1");
    let md = fs::read_to_string(out.join("digest.md")).unwrap();
    assert!(
        md.contains("Dates: 2015-07-21T08:00:00Z to 2015-07-22T09:00:00+03:00."),
        "{md}"
    );
}

#[test]
fn standard_input_is_read_as_json_lines_plain_or_gzip_like_the_same_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng(11);
    let base = article(&mut rng, 200);
    let texts = [
        render(&base),
        render(&edited(&mut rng, &base, 2)),
        render(&article(&mut rng, 150)),
    ];
    let lines: String = texts
        .iter()
        .enumerate()
        .map(|(i, t)| serde_json::json!({"id": format!("a{i}"), "text": t}).to_string() + "\n")
        .collect::<String>()
        + "not json\n";
    let file = dir.path().join("in.jsonl");
    fs::write(&file, &lines).unwrap();
    let from_file = dir.path().join("file");
    run_ok("digest", &file, &from_file, &["-q"]);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gz, lines.as_bytes()).unwrap();
    let gzipped = gz.finish().unwrap();
    for (name, bytes) in [("plain", lines.as_bytes()), ("gzip", gzipped.as_slice())] {
        let out = dir.path().join(name);
        let o = khulasa_with_stdin(
            &["digest", "-", "--out", out.to_str().unwrap(), "-q"],
            bytes,
        );
        assert!(
            o.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        for f in ["clusters.jsonl", "digest.jsonl"] {
            assert_eq!(
                fs::read(out.join(f)).unwrap(),
                fs::read(from_file.join(f)).unwrap(),
                "{name}: {f}"
            );
        }
        // The same records with the same statuses and lines; their file is `-`.
        let manifest = jsonl(&out.join("manifest.jsonl"));
        let want = jsonl(&from_file.join("manifest.jsonl"));
        assert_eq!(manifest.len(), 4, "{name}");
        for (got, want) in manifest.iter().zip(&want) {
            assert_eq!(got["file"], "-", "{name}");
            for field in ["status", "line", "cluster"] {
                assert_eq!(got[field], want[field], "{name}: {field}");
            }
        }
        let ids: Vec<&str> = manifest.iter().map(|m| m["id"].as_str().unwrap()).collect();
        // A record without an id is named by its file and line, here `-:4`.
        assert_eq!(ids, ["a0", "a1", "a2", "-:4"], "{name}");
    }
    // Standard input can be read once (a staged run saves it for its tasks: staged_digest_cli).
    let out = dir.path().join("twice");
    let o = khulasa_with_stdin(&["digest", "-", "-", "--out", out.to_str().unwrap()], b"");
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn summarize_prints_only_sentences_of_the_file_in_source_order() {
    let path = format!("{SEEDS}/003_519ad53a011d0ed8.txt");
    let source = fs::read_to_string(&path).unwrap();
    let o = khulasa(&["summarize", &path, "--max-sentences", "3"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stdout = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3);
    let mut last = 0;
    for l in lines {
        let at = source
            .find(l)
            .unwrap_or_else(|| panic!("not from the source: {l}"));
        assert!(at >= last, "out of order");
        last = at;
    }
}

#[test]
fn summarize_respects_a_word_budget() {
    let path = format!("{SEEDS}/000_115f144be502b13d.txt");
    let o = khulasa(&["summarize", &path, "--max-words", "40"]);
    assert!(o.status.success());
    let stdout = String::from_utf8(o.stdout).unwrap();
    let words = stdout.split_whitespace().count();
    assert!((40..120).contains(&words), "{words} words");
}

#[test]
fn summarize_reports_each_rejected_record_on_stderr_and_keeps_stdout_to_sentences() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let text = "The storm cut power to forty thousand homes on Tuesday. Crews worked all night.";
    fs::write(
        &input,
        format!(
            "{}\nnot json\n{{\"text\": 5}}\n",
            serde_json::json!({ "text": text })
        ),
    )
    .unwrap();
    let path = input.to_str().unwrap();
    let o = khulasa(&["summarize", path]);
    assert!(o.status.success());
    let stdout = String::from_utf8(o.stdout).unwrap();
    assert_eq!(
        stdout.lines().collect::<Vec<_>>(),
        [
            "The storm cut power to forty thousand homes on Tuesday.",
            "Crews worked all night."
        ]
    );
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert!(
        stderr.contains(&format!("{path}:2: rejected: invalid JSON")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{path}:3: rejected: field `text` is a number")),
        "{stderr}"
    );
    // Under --strict the first is the error instead.
    let o = khulasa(&["summarize", path, "--strict"]);
    assert_eq!(o.status.code(), Some(3));
}

#[test]
fn outputs_written_inside_the_input_directory_are_not_read_by_the_next_run() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("news");
    fs::create_dir(&archive).unwrap();
    let mut rng = Rng(5);
    let lines: String = (0..3)
        .map(|i| {
            let text = render(&article(&mut rng, 120));
            serde_json::json!({"id": format!("a{i}"), "text": text}).to_string() + "\n"
        })
        .collect();
    fs::write(archive.join("today.jsonl"), lines).unwrap();
    let archive_arg = archive.to_str().unwrap();
    let out = archive.join("digests").join("today");
    let work = archive.join("work");
    // A night's digest, then a staged one, both written under the directory they read.
    run_ok("digest", &archive, &out, &["-q"]);
    let first = fs::read(out.join("manifest.jsonl")).unwrap();
    let staged = ["--workdir", work.to_str().unwrap(), "-q"];
    run_ok("digest", &archive, &archive.join("staged"), &staged);
    // The next run reads the three records again, not digest.md (an article) or the
    // manifest, clusters, stories and stage files (rejected lines).
    run_ok("digest", &archive, &out, &["-q"]);
    assert_eq!(fs::read(out.join("manifest.jsonl")).unwrap(), first);
    assert_eq!(jsonl(&out.join("manifest.jsonl")).len(), 3);
    // Named as an input itself, an output directory is read: the user asked for it.
    let o = khulasa(&["dedup", out.to_str().unwrap(), "--out", archive_arg, "-q"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let read = jsonl(&archive.join("manifest.jsonl"));
    assert!(read.iter().any(|m| m["id"] == "digest.md"), "{read:?}");
}
