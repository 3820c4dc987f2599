//! Digest stage with the story tier, one task: every unit's terms → the story tier, as the
//! one-process digest runs it; the entry plans it implies, dealt to the summarize tasks (a
//! story's units all go to one task, which explains the story from their texts).

use ahash::AHashMap;
use bincode::{Decode, Encode};

use super::assign::{self, StoryFacts};
use super::groups::Grouping;
use super::sign::doc_offsets;
use super::{Stage, StageError, Workdir, units};
use crate::entries::{self, stories as story_tier};
use crate::stories::{Story, StoryWeights, run_analyzed};

/// The stories, in story order, for the write task.
#[derive(Debug, Clone, Default, PartialEq, Encode, Decode)]
pub struct Stories(pub Vec<Story>);

/// Runs the stories task over `shards` units tasks, dealing plans to `tasks` summarize tasks.
pub fn run(work: &Workdir, shards: usize, tasks: usize) -> Result<(), StageError> {
    let grouping: Grouping = work.load(Stage::Groups, 0, "grouping")?;
    let groups = &grouping.groups;
    if grouping.rep_ids.len() != groups.len() {
        return Err(StageError::Inconsistent(format!(
            "{} groups but {} representatives' ids",
            groups.len(),
            grouping.rep_ids.len()
        )));
    }
    let terms = units::gather(work, shards, groups.len())?;
    let tier = run_analyzed(&terms, &StoryWeights::default());
    drop(terms);
    let facts: Vec<StoryFacts> = tier
        .stories
        .iter()
        .enumerate()
        .map(|(s, story)| StoryFacts {
            story: s + 1,
            reps: story_tier::story_reps(groups, story),
            shared: story_tier::shared_salient(&tier, s),
            score: story.score,
        })
        .collect();
    // Plans are ordered by their first representative's id: only representatives are asked.
    let rep_id: AHashMap<u32, &str> = groups
        .iter()
        .zip(&grouping.rep_ids)
        .map(|(g, id)| (g.representative(), id.as_str()))
        .collect();
    let plans = entries::plans(groups, &story_tier::story_units(&tier), |d| rep_id[&d]);
    let offsets = doc_offsets(work, shards)?;
    assign::run(
        work,
        Stage::Stories,
        groups,
        &plans,
        &facts,
        &offsets,
        tasks,
    )?;
    work.save(Stage::Stories, 0, "stories", &Stories(tier.stories))?;
    work.mark_done(Stage::Stories, 0)
}
