//! What each digest entry covers, in digest order.

use super::Group;

/// What one digest entry covers: a story's units, or one unit (cluster or lone article).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryPlan {
    /// The story number (from 1), for stories.
    pub story: Option<usize>,
    /// Indices into the groups, largest unit first.
    pub units: Vec<usize>,
}

/// One plan per story (`stories` holds each story's units), then one per unit outside every
/// story; largest first (by articles), then by representative id (`id` giving a document's).
pub fn plans<'a>(
    groups: &[Group],
    stories: &[Vec<usize>],
    id: impl Fn(u32) -> &'a str,
) -> Vec<EntryPlan> {
    let mut in_story = vec![false; groups.len()];
    let mut out: Vec<EntryPlan> = stories
        .iter()
        .enumerate()
        .map(|(n, units)| {
            let mut units = units.clone();
            units.sort_by(|&a, &b| {
                groups[b]
                    .members
                    .len()
                    .cmp(&groups[a].members.len())
                    .then(a.cmp(&b))
            });
            for &u in &units {
                in_story[u] = true;
            }
            EntryPlan {
                story: Some(n + 1),
                units,
            }
        })
        .collect();
    out.extend(
        (0..groups.len())
            .filter(|&u| !in_story[u])
            .map(|u| EntryPlan {
                story: None,
                units: vec![u],
            }),
    );
    let size = |p: &EntryPlan| {
        p.units
            .iter()
            .map(|&u| groups[u].members.len())
            .sum::<usize>()
    };
    let rep = |p: &EntryPlan| id(groups[p.units[0]].representative());
    out.sort_by(|a, b| size(b).cmp(&size(a)).then_with(|| rep(a).cmp(rep(b))));
    out
}
