//! Running the story tier over a deduplicated batch: one unit per copy cluster or lone
//! article, represented by its representative.

use crate::stories::{self, StoryInput, StoryOutcome, StoryWeights};
use crate::text::Analyzer;
use crate::tfidf::Idf;

use super::batch::Batch;
use super::entries::Group;
use crate::dedup::DedupOutcome;

/// Stories over the groups (units are `groups[i]`, in order).
pub fn run(
    batch: &Batch,
    outcome: &DedupOutcome,
    groups: &[Group],
    analyzer: &Analyzer,
    idf: &Idf,
) -> StoryOutcome {
    let units: Vec<StoryInput> = groups
        .iter()
        .map(|g| {
            let rep = g.members[0].0;
            let d = batch.doc(rep);
            StoryInput {
                text: &d.text,
                title: d.title.as_deref(),
                date: d.date.as_deref(),
                lang: outcome.languages[rep as usize],
            }
        })
        .collect();
    stories::run(&units, analyzer, idf, &StoryWeights::default())
}

/// For every document, the story (index into `stories`) it belongs to, if any.
pub fn story_of_docs(
    n_docs: usize,
    groups: &[Group],
    stories: &StoryOutcome,
) -> Vec<Option<usize>> {
    let mut out = vec![None; n_docs];
    for (s, story) in stories.stories.iter().enumerate() {
        for &u in &story.members {
            for &(d, _) in &groups[u as usize].members {
                out[d as usize] = Some(s);
            }
        }
    }
    out
}
