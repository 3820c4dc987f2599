//! Stories: the tier above copies. Copy clusters and lone articles that report the same event
//! in their own words — the same meeting, match or incident — become one story.
//!
//! Stages, plain values between them: [`profile`] (salient terms, numbers, days, outlet) →
//! [`candidates`] (MinHash LSH over salient sets, within the time window) → [`evidence`]
//! (scored pairs) → [`group`] (average linkage, so weak links do not chain events).

pub mod candidates;
pub mod evidence;
pub mod group;
pub mod profile;

use rayon::prelude::*;

pub use evidence::{Evidence, StoryWeights};
pub use group::Group;
pub use profile::{Days, Profile, StoryInput, days_of};

use crate::text::{Analyzer, TermKeys};
use crate::tfidf::DocFrequencies;

/// A candidate pair sharing fewer salient terms than this is not scored: one shared term is
/// topic, not event (on story-dev no same-event pair shares fewer than two of 24).
pub const MIN_SHARED_SALIENT: usize = 3;

/// A story with the evidence that made it.
#[derive(Debug, Clone, PartialEq, bincode::Encode, bincode::Decode)]
pub struct Story {
    /// Unit indices, sorted.
    pub members: Vec<u32>,
    /// Mean pair score.
    pub score: f64,
}

/// Everything the story tier decided.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryOutcome {
    /// Stories of two or more units, largest first, then by first member.
    pub stories: Vec<Story>,
    /// Each unit's profile, for explaining groupings.
    pub profiles: Vec<Profile>,
}

/// Runs the story tier over units (one per copy cluster or lone article). Each unit is
/// analysed once; document frequencies count units, so ten copies of one wire story do not
/// make its words look common.
pub fn run(units: &[StoryInput], analyzer: &Analyzer, weights: &StoryWeights) -> StoryOutcome {
    let terms: Vec<profile::UnitTerms> = units
        .par_iter()
        .map_init(
            || TermKeys::new(analyzer),
            |memo, u| profile::analyze(u, memo),
        )
        .collect();
    run_analyzed(&terms, weights)
}

/// [`run`] over units already analysed (by [`profile::analyze`], wherever their texts were).
pub fn run_analyzed(terms: &[profile::UnitTerms], weights: &StoryWeights) -> StoryOutcome {
    let idf =
        DocFrequencies::of_each(terms, || (), |_, t, keys| keys.extend(t.distinct())).into_idf();
    let profiles: Vec<Profile> = terms
        .par_iter()
        .map(|t| profile::profile(t, &idf))
        .collect();
    let cands = candidates::candidate_pairs(&profiles, weights.window_days);
    let edges: Vec<(f64, u32, u32)> = cands
        .par_iter()
        .filter(|&&(a, b)| {
            let (pa, pb) = (&profiles[a as usize], &profiles[b as usize]);
            crate::dedup::verify::intersection(&pa.salient, &pb.salient) >= MIN_SHARED_SALIENT
        })
        .map(|&(a, b)| {
            let e = evidence::evidence(&profiles[a as usize], &profiles[b as usize]);
            (weights.score(&e), a, b)
        })
        .collect();
    let groups = group::average_linkage(
        terms.len(),
        edges,
        weights.threshold,
        weights.average,
        |a, b| {
            weights.score(&evidence::evidence(
                &profiles[a as usize],
                &profiles[b as usize],
            ))
        },
    );
    let mut stories: Vec<Story> = groups
        .into_iter()
        .map(|g| Story {
            members: g.members,
            score: g.score,
        })
        .collect();
    stories.sort_by(|x, y| {
        y.members
            .len()
            .cmp(&x.members.len())
            .then(x.members[0].cmp(&y.members[0]))
    });
    StoryOutcome { stories, profiles }
}
