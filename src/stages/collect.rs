//! What the digest's write task reads besides the dedup outcome: every summarize task's
//! entries in digest order, the header facts, and (with the story tier) groups and stories.

use super::groups::Grouping;
use super::stories::Stories;
use super::summarize::Entries;
use super::{Stage, StageError, Workdir, learn};
use crate::digest::DigestEntry;
use crate::entries::{Group, HeaderFacts};
use crate::stories::Story;

/// Every entry of `tasks` summarize tasks, in digest order; fails unless they number
/// 1, 2, ... without a gap.
pub fn entries(work: &Workdir, tasks: usize) -> Result<Vec<DigestEntry>, StageError> {
    work.require(Stage::Summarize, tasks)?;
    let mut all: Vec<DigestEntry> = Vec::new();
    for t in 0..tasks {
        let Entries(e) = work.load(Stage::Summarize, t, "entries")?;
        all.extend(e);
    }
    all.sort_by_key(|e| e.entry);
    if let Some((i, e)) = all.iter().enumerate().find(|(i, e)| e.entry != i + 1) {
        return Err(StageError::Inconsistent(format!(
            "digest entry {} is where entry {} belongs: summarize files of different runs?",
            e.entry,
            i + 1
        )));
    }
    Ok(all)
}

/// The sources and dates of every document.
pub fn header_facts(work: &Workdir) -> Result<HeaderFacts, StageError> {
    Ok(learn::load(work)?.header)
}

/// The groups and the stories (for stories.jsonl and the manifest's story numbers).
pub fn stories(work: &Workdir) -> Result<(Vec<Group>, Vec<Story>), StageError> {
    work.require(Stage::Stories, 1)?;
    let grouping: Grouping = work.load(Stage::Groups, 0, "grouping")?;
    let Stories(stories) = work.load(Stage::Stories, 0, "stories")?;
    Ok((grouping.groups, stories))
}
