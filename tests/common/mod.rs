//! Helpers shared by the integration tests: running the binary and making corpora.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// Runs the khulasa binary with `args`.
pub fn khulasa(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_khulasa"))
        .args(args)
        .output()
        .expect("the khulasa binary runs")
}

/// Runs khulasa with `stdin` piped in.
pub fn khulasa_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_khulasa"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the khulasa binary runs");
    // Written from another thread: a child that stops reading early must not block the test.
    let mut pipe = child.stdin.take().expect("piped stdin");
    let bytes = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&bytes);
    });
    let out = child.wait_with_output().expect("khulasa finishes");
    writer.join().expect("writer thread");
    out
}

/// Runs `khulasa COMMAND INPUT --out OUT EXTRA...` and asserts it succeeded (stderr shown if
/// not).
pub fn run_ok(command: &str, input: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        command,
        input.to_str().expect("UTF-8 temp path"),
        "--out",
        out.to_str().expect("UTF-8 temp path"),
    ];
    args.extend_from_slice(extra);
    let o = khulasa(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o
}

/// A deterministic pseudo-random generator (SplitMix64), so corpora are the same every run.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A made-up word from a vocabulary of 5,000, in Arabic letters.
pub fn word(rng: &mut Rng) -> String {
    const LETTERS: [char; 12] = ['ب', 'ت', 'ج', 'د', 'ر', 'س', 'ع', 'ف', 'ق', 'ل', 'م', 'ن'];
    let mut n = rng.below(5_000) + 200;
    let mut w = String::new();
    while n > 0 {
        w.push(LETTERS[n % LETTERS.len()]);
        n /= LETTERS.len();
    }
    w
}

/// `n` words of text, in sentences of 12 words.
pub fn article(rng: &mut Rng, n: usize) -> Vec<String> {
    (0..n).map(|_| word(rng)).collect()
}

/// Joins words into sentences of 12.
pub fn render(words: &[String]) -> String {
    words
        .chunks(12)
        .map(|c| c.join(" ") + ".")
        .collect::<Vec<_>>()
        .join("\n")
}

/// A copy of `words` with `changes` words replaced at random places.
pub fn edited(rng: &mut Rng, words: &[String], changes: usize) -> Vec<String> {
    let mut out = words.to_vec();
    for _ in 0..changes {
        let at = rng.below(out.len());
        out[at] = word(rng);
    }
    out
}

/// Reads a JSONL file into values.
pub fn jsonl(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .expect("output exists")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

/// One start tag of an HTML serialisation: its name and attributes (names lowercased, values
/// with the common entities decoded).
#[derive(Debug)]
pub struct Tag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
}

impl Tag {
    /// The value of attribute `name`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Every start tag of `html`. In a serialisation, text and attribute values escape `<`, so every
/// `<` followed by a letter starts a tag; `<style>` content is skipped (it holds no `<`).
pub fn start_tags(html: &str) -> Vec<Tag> {
    let b = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' || !b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' && b[j] != b'/' {
            j += 1;
        }
        let name = html[i + 1..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() || b[j] == b'>' {
                break;
            }
            let start = j;
            while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'=' | b'>' | b'/')
            {
                j += 1;
            }
            let attr = html[start..j].to_ascii_lowercase();
            let mut value = String::new();
            if b.get(j) == Some(&b'=') {
                j += 1;
                if let Some(&q) = b.get(j).filter(|&&q| q == b'"' || q == b'\'') {
                    let end = html[j + 1..].find(q as char).map_or(b.len(), |e| j + 1 + e);
                    value = html[j + 1..end].to_string();
                    j = (end + 1).min(b.len());
                } else {
                    let start = j;
                    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                        j += 1;
                    }
                    value = html[start..j].to_string();
                }
            }
            let value = value
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
            attrs.push((attr, value));
        }
        tags.push(Tag { name, attrs });
        i = j;
    }
    tags
}

/// Asserts that a rendered digest holds no markup or link that came from hostile article data:
/// no script/img/svg/iframe element, no event-handler attribute, only http(s) links, no bidi
/// embedding or override character.
pub fn assert_inert(html: &str) {
    let tags = start_tags(html);
    assert!(
        tags.iter().any(|t| t.name == "article"),
        "no card in the page"
    );
    for t in &tags {
        assert!(
            !matches!(
                t.name.as_str(),
                "script" | "img" | "svg" | "iframe" | "object" | "embed" | "b"
            ),
            "element <{}> injected",
            t.name
        );
        for (name, value) in &t.attrs {
            assert!(
                !name.starts_with("on"),
                "event handler {name}={value:?} on <{}>",
                t.name
            );
            if matches!(name.as_str(), "href" | "src" | "action" | "formaction") {
                let v = value.trim().to_ascii_lowercase();
                assert!(
                    v.starts_with("http://") || v.starts_with("https://"),
                    "{name}={value:?} on <{}>",
                    t.name
                );
            }
        }
    }
    for c in [
        '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
        '\u{2068}', '\u{2069}',
    ] {
        assert!(
            !html.contains(c),
            "bidi control U+{:04X} in the page",
            c as u32
        );
    }
}
