//! `stories.jsonl`: one line per story of two or more units.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use super::{WriteError, write_atomically};

/// One story as written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryLine {
    /// The story number, from 1.
    pub story: usize,
    /// Every article of the story (copies included), by id.
    pub members: Vec<String>,
    /// The copy clusters it groups (numbers as in `clusters.jsonl`).
    pub clusters: Vec<usize>,
    /// Mean evidence score over its units' pairs.
    pub score: f64,
    /// The shared evidence, in words.
    pub why: String,
}

/// Writes `stories.jsonl` atomically.
pub fn write_stories(path: &Path, stories: &[StoryLine]) -> Result<(), WriteError> {
    write_atomically(path, |w| {
        for s in stories {
            serde_json::to_writer(&mut *w, s)?;
            w.write_all(b"\n")?;
        }
        Ok(())
    })
}
