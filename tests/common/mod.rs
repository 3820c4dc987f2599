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
