//! The HTML digest in a real browser: headless Chromium parses the page, and the DOM it
//! produces is checked (cards, right-to-left Arabic cards, nothing injected from article data);
//! screenshots are saved under `target/` for a person to look at. Skips, with a message, where
//! `/usr/bin/chromium` is absent (`scripts/install-chromium` installs it).

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{assert_inert, khulasa, start_tags};

const CHROMIUM: &str = "/usr/bin/chromium";
const HOSTILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/html-hostile");

/// Whether Chromium is installed; prints how to install it when it is not.
fn have_chromium() -> bool {
    if Path::new(CHROMIUM).exists() {
        return true;
    }
    eprintln!(
        "SKIPPED: {CHROMIUM} not found; the browser test needs Debian's chromium. \
         Install it with `scripts/install-chromium` (apt-get, as root), then rerun `cargo test`."
    );
    false
}

/// Runs headless Chromium on `page` with `extra` flags and returns its stdout; fails after two
/// minutes.
fn chromium(page: &Path, extra: &[&str]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}", page.canonicalize().unwrap().display());
    let mut child = Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(&url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        stdout.read_to_string(&mut s).map(|_| s)
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "chromium failed on {url}: {status}");
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish on {url} within two minutes");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().unwrap().unwrap()
}

/// Writes the digest of `inputs` into a new directory and returns it with the page's path.
fn digest(inputs: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("digest");
    let mut args = vec!["digest", "--out", out.to_str().unwrap(), "--quiet"];
    args.extend(inputs);
    let o = khulasa(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (dir, out.join("digest.html"))
}

/// `target/NAME`, for screenshots.
fn target(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// Saves a 1200 × 2000 screenshot of `page` to `target/NAME` and checks it was written.
fn screenshot(page: &Path, name: &str) {
    let png = target(name);
    let _ = std::fs::remove_file(&png);
    chromium(
        page,
        &[
            &format!("--screenshot={}", png.display()),
            "--window-size=1200,2000",
        ],
    );
    let bytes = std::fs::read(&png).expect("the screenshot is written");
    assert!(
        bytes.starts_with(b"\x89PNG"),
        "{} is not a PNG",
        png.display()
    );
    eprintln!("screenshot: {}", png.display());
}

#[test]
fn seed_digest_opens_right_to_left_in_chromium() {
    if !have_chromium() {
        return;
    }
    let (_dir, page) = digest(&[]);
    let dom = chromium(&page, &["--dump-dom"]);
    let tags = start_tags(&dom);
    let html = tags
        .iter()
        .find(|t| t.name == "html")
        .expect("an html element");
    assert_eq!(
        html.attr("dir"),
        Some("rtl"),
        "Arabic page chrome reads right to left"
    );
    let cards: Vec<_> = tags.iter().filter(|t| t.name == "article").collect();
    assert_eq!(cards.len(), 5, "one card per seed story");
    for c in &cards {
        assert_eq!(c.attr("lang"), Some("ar"));
        assert_eq!(c.attr("dir"), Some("rtl"));
    }
    let rtl_sentences = tags
        .iter()
        .filter(|t| t.name == "li" && t.attr("dir") == Some("rtl"))
        .count();
    assert!(rtl_sentences >= 5, "summary sentences read right to left");
    assert!(!dom.contains("<script"), "no script in the page");
    assert_inert(&dom);
    screenshot(&page, "digest-screenshot.png");
}

#[test]
fn hostile_digest_runs_nothing_in_chromium() {
    if !have_chromium() {
        return;
    }
    let (_dir, page) = digest(&[HOSTILE]);
    let dom = chromium(&page, &["--dump-dom"]);
    // The parsed DOM has no element, handler or link from the data: only text.
    assert!(
        !dom.to_ascii_lowercase().contains("<script"),
        "a script element was parsed"
    );
    assert!(!dom.to_ascii_lowercase().contains("href=\"javascript:"));
    assert_inert(&dom);
    assert!(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(dom.contains("&lt;img src=x onerror=alert(1)&gt;"));
    let tags = start_tags(&dom);
    let cards: Vec<_> = tags.iter().filter(|t| t.name == "article").collect();
    assert_eq!(
        cards.len(),
        4,
        "one cluster of three and three lone articles"
    );
    assert!(
        cards
            .iter()
            .filter(|c| c.attr("lang") == Some("ar"))
            .all(|c| c.attr("dir") == Some("rtl"))
    );
    assert!(
        cards
            .iter()
            .any(|c| c.attr("lang") == Some("en") && c.attr("dir") == Some("ltr"))
    );
    screenshot(&page, "digest-hostile-screenshot.png");
}
