//! Our Arabic stemmer against rust-stemmers' on every distinct token of the real Arabic text we
//! have: SaudiNewsNet (`../shared/corpora/saudinewsnet`, 18 zipped JSON day files) and the EASC
//! articles (`../shared/eval/easc-dev/utf8/Articles`). Each text gives its whitespace-separated
//! tokens as they are (punctuation, digits, presentation forms and all) and the words of its
//! normalised form, as the analyzer stems them. Either corpus skips with a message when absent.
//!
//! In a debug build (`cargo test`) SaudiNewsNet is sampled (every fourth day file, ~350,000
//! distinct tokens, ~7 s) unless `KHULASA_STEM_ALL_DAYS` is set: unoptimised inflating, JSON
//! parsing and normalising of all 108 MB of JSON take ~18 s. A release run
//! (`cargo test --release --test arabic_stem`, ~4 s) checks every day file: 610,889 distinct
//! tokens.

use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use flate2::read::DeflateDecoder;
use khulasa::text::stem::arabic;
use khulasa::text::{Language, normalize, tokenize};
use rust_stemmers::{Algorithm, Stemmer};

fn shared(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(rel)
}

/// Adds the raw whitespace tokens of `text` and the words of its Arabic normalisation to
/// `tokens`.
fn add_tokens(text: &str, norm: &mut String, tokens: &mut HashSet<String>) {
    for t in text.split_whitespace() {
        if !tokens.contains(t) {
            tokens.insert(t.to_string());
        }
    }
    norm.clear();
    normalize::for_language(Language::Arabic, text, norm);
    for w in tokenize::words(norm) {
        if !tokens.contains(w) {
            tokens.insert(w.to_string());
        }
    }
}

/// The one member of a SaudiNewsNet day file (a zip archive holding one deflated JSON file),
/// read from its local file header: enough for these files, without a zip dependency.
fn unzip_single(zip: &[u8]) -> Result<Vec<u8>, String> {
    let u16_at = |i: usize| -> Result<usize, String> {
        zip.get(i..i + 2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]) as usize)
            .ok_or_else(|| "truncated header".to_string())
    };
    let u32_at = |i: usize| -> Result<usize, String> {
        zip.get(i..i + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
            .ok_or_else(|| "truncated header".to_string())
    };
    if zip.get(..4) != Some(b"PK\x03\x04".as_slice()) {
        return Err("not a zip local file header".into());
    }
    let (flags, method) = (u16_at(6)?, u16_at(8)?);
    if flags & 0x8 != 0 {
        return Err("sizes in a data descriptor are not supported".into());
    }
    let (packed, size) = (u32_at(18)?, u32_at(22)?);
    let start = 30 + u16_at(26)? + u16_at(28)?;
    let data = zip
        .get(start..start + packed)
        .ok_or_else(|| "truncated member".to_string())?;
    match method {
        0 => Ok(data.to_vec()),
        8 => {
            let mut out = Vec::with_capacity(size);
            DeflateDecoder::new(data)
                .read_to_end(&mut out)
                .map_err(|e| format!("inflate: {e}"))?;
            Ok(out)
        }
        m => Err(format!("compression method {m} is not supported")),
    }
}

#[derive(serde::Deserialize)]
struct Article {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    content: Option<String>,
}

/// Tokens of the SaudiNewsNet day files (every `step`-th), or `None` when the corpus is absent.
fn saudinewsnet_tokens(step: usize, tokens: &mut HashSet<String>) -> Option<usize> {
    let dir = shared("shared/corpora/saudinewsnet");
    let Ok(entries) = fs::read_dir(&dir) else {
        eprintln!(
            "SaudiNewsNet not found at {}: skipping its words",
            dir.display()
        );
        return None;
    };
    let mut days: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "zip"))
        .collect();
    days.sort();
    let mut norm = String::new();
    let mut read = 0;
    for day in days.iter().step_by(step) {
        let zip = fs::read(day).unwrap_or_else(|e| panic!("{}: {e}", day.display()));
        let json = unzip_single(&zip).unwrap_or_else(|e| panic!("{}: {e}", day.display()));
        let articles: Vec<Article> = serde_json::from_slice(&json)
            .unwrap_or_else(|e| panic!("{}: not a JSON array of articles: {e}", day.display()));
        for a in &articles {
            for text in [&a.title, &a.content].into_iter().flatten() {
                add_tokens(text, &mut norm, tokens);
            }
        }
        read += 1;
    }
    Some(read)
}

/// Tokens of the EASC articles, or `None` when they are absent.
fn easc_tokens(tokens: &mut HashSet<String>) -> Option<usize> {
    let dir = shared("shared/eval/easc-dev/utf8/Articles");
    let Ok(topics) = fs::read_dir(&dir) else {
        eprintln!("EASC not found at {}: skipping its words", dir.display());
        return None;
    };
    let mut norm = String::new();
    let mut read = 0;
    for topic in topics.filter_map(Result::ok) {
        let Ok(files) = fs::read_dir(topic.path()) else {
            continue;
        };
        for f in files.filter_map(Result::ok) {
            let text = fs::read_to_string(f.path())
                .unwrap_or_else(|e| panic!("{}: {e}", f.path().display()));
            add_tokens(&text, &mut norm, tokens);
            read += 1;
        }
    }
    Some(read)
}

/// Asserts our stem is rust-stemmers' for every token; returns how many were checked.
fn check_all(tokens: &HashSet<String>) -> usize {
    let reference = Stemmer::create(Algorithm::Arabic);
    let mut wrong: Vec<(&str, String, String)> = Vec::new();
    for t in tokens {
        let (want, got) = (reference.stem(t), arabic::stem(t));
        if want != got {
            wrong.push((t, want.into_owned(), got.into_owned()));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} tokens differ, e.g. (token, rust-stemmers, ours): {:?}",
        wrong.len(),
        tokens.len(),
        &wrong[..wrong.len().min(20)]
    );
    tokens.len()
}

#[test]
fn same_stems_as_rust_stemmers_on_easc_and_saudinewsnet() {
    let mut tokens = HashSet::new();
    if let Some(files) = easc_tokens(&mut tokens) {
        eprintln!("EASC: {files} articles, {} distinct tokens", tokens.len());
    }
    // Debug builds sample the day files (see the module doc).
    let all = !cfg!(debug_assertions) || std::env::var_os("KHULASA_STEM_ALL_DAYS").is_some();
    let step = if all { 1 } else { 4 };
    if let Some(days) = saudinewsnet_tokens(step, &mut tokens) {
        let which = if all { "all" } else { "every fourth" };
        eprintln!("SaudiNewsNet: {days} day files read ({which})");
    }
    let checked = check_all(&tokens);
    eprintln!("{checked} distinct tokens stem identically");
}
