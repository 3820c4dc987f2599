//! The groups a digest summarises: every copy cluster, then every kept article outside one.

use crate::dedup::{DedupOutcome, Status};

/// A group to summarise: a cluster of copies, or a kept article with none.
#[derive(Debug, Clone, PartialEq, bincode::Encode, bincode::Decode)]
pub struct Group {
    /// Its cluster number (from 1), for clusters.
    pub cluster: Option<usize>,
    /// Documents with their Jaccard to the representative, representative first.
    pub members: Vec<(u32, f64)>,
}

impl Group {
    /// Its representative.
    pub fn representative(&self) -> u32 {
        self.members[0].0
    }
}

/// Every cluster (in cluster order), then every kept article outside a cluster (in id order,
/// `id` giving a document's id).
pub fn groups<'a>(outcome: &DedupOutcome, id: impl Fn(u32) -> &'a str) -> Vec<Group> {
    let mut in_cluster = vec![false; outcome.statuses.len()];
    let mut out: Vec<Group> = outcome
        .clusters
        .iter()
        .enumerate()
        .map(|(n, c)| {
            for m in &c.members {
                in_cluster[m.doc as usize] = true;
            }
            Group {
                cluster: Some(n + 1),
                members: c.members.iter().map(|m| (m.doc, m.jaccard)).collect(),
            }
        })
        .collect();
    let mut singles: Vec<u32> = (0..outcome.statuses.len() as u32)
        .filter(|&d| outcome.statuses[d as usize] == Status::Kept && !in_cluster[d as usize])
        .collect();
    singles.sort_by(|&a, &b| id(a).cmp(id(b)).then(a.cmp(&b)));
    out.extend(singles.into_iter().map(|d| Group {
        cluster: None,
        members: vec![(d, 1.0)],
    }));
    out
}

/// The group of every document (`None` for empty and too short ones), for `n_docs` documents.
pub fn group_of_docs(n_docs: usize, groups: &[Group]) -> Vec<Option<u32>> {
    let mut out = vec![None; n_docs];
    for (g, group) in groups.iter().enumerate() {
        for &(d, _) in &group.members {
            out[d as usize] = Some(g as u32);
        }
    }
    out
}
