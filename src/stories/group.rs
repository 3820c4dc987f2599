//! Grouping scored pairs into stories without chaining.
//!
//! Single-link union-find over weak edges chains unrelated events through one loose pair
//! (a match report links to a transfer rumour links to a league table...). Here groups grow
//! by average linkage: edges are taken strongest first, and two groups merge only if the
//! mean score over *all* their cross pairs — scored exactly, not only the candidate ones —
//! stays at or above the threshold. A group's members must agree with each other on the
//! whole, not through a single link.

use ahash::AHashMap;

/// A story of two or more units.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Unit indices, sorted.
    pub members: Vec<u32>,
    /// Mean score over all member pairs.
    pub score: f64,
}

/// Groups larger than this stop growing (a day of wall-to-wall coverage, not an event).
pub const MAX_GROUP: usize = 64;

/// Average-linkage grouping of `n` units over candidate `edges` (score, a, b): an edge at or
/// above `threshold` merges its two groups when their mean cross score is at least `average`;
/// `score(a, b)` scores any pair exactly.
pub fn average_linkage(
    n: usize,
    mut edges: Vec<(f64, u32, u32)>,
    threshold: f64,
    average: f64,
    score: impl Fn(u32, u32) -> f64,
) -> Vec<Group> {
    edges.retain(|e| e.0 >= threshold);
    edges.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let mut known: AHashMap<(u32, u32), f64> = edges
        .iter()
        .map(|&(s, a, b)| ((a.min(b), a.max(b)), s))
        .collect();
    let mut group_of: Vec<u32> = (0..n as u32).collect();
    let mut members: AHashMap<u32, Vec<u32>> = AHashMap::new();
    let mut sum: AHashMap<u32, f64> = AHashMap::new();
    for &(_, a, b) in &edges {
        let (ga, gb) = (group_of[a as usize], group_of[b as usize]);
        if ga == gb {
            continue;
        }
        let ma = members.get(&ga).cloned().unwrap_or_else(|| vec![ga]);
        let mb = members.get(&gb).cloned().unwrap_or_else(|| vec![gb]);
        if ma.len() + mb.len() > MAX_GROUP {
            continue;
        }
        let mut cross = 0.0;
        for &x in &ma {
            for &y in &mb {
                let key = (x.min(y), x.max(y));
                cross += *known.entry(key).or_insert_with(|| score(key.0, key.1));
            }
        }
        if cross / (ma.len() * mb.len()) as f64 >= average {
            let (keep, gone) = if ga < gb { (ga, gb) } else { (gb, ga) };
            let inner = sum.remove(&ga).unwrap_or(0.0) + sum.remove(&gb).unwrap_or(0.0) + cross;
            let mut all = ma;
            all.extend(mb);
            all.sort_unstable();
            for &m in &all {
                group_of[m as usize] = keep;
            }
            members.remove(&gone);
            members.insert(keep, all);
            sum.insert(keep, inner);
        }
    }
    let mut out: Vec<Group> = members
        .into_iter()
        .map(|(g, m)| {
            let pairs = (m.len() * (m.len() - 1) / 2) as f64;
            Group {
                score: sum.get(&g).copied().unwrap_or(0.0) / pairs,
                members: m,
            }
        })
        .collect();
    out.sort_by_key(|g| g.members[0]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chain_of_single_strong_links_does_not_become_one_story() {
        // 0-1 and 1-2 are strong, 0-2 is unrelated: average linkage keeps 2 out.
        let score = |a: u32, b: u32| match (a, b) {
            (0, 1) | (1, 2) => 0.9,
            _ => 0.0,
        };
        let edges = vec![(0.9, 0, 1), (0.9, 1, 2)];
        let groups = average_linkage(3, edges, 0.5, 0.5, score);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].members, vec![0, 1]);
    }

    #[test]
    fn mutually_similar_units_form_one_story() {
        let score = |_: u32, _: u32| 0.8;
        let edges = vec![(0.8, 0, 1), (0.8, 1, 2), (0.8, 0, 2), (0.1, 3, 4)];
        let groups = average_linkage(5, edges, 0.5, 0.5, score);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].members, vec![0, 1, 2]);
        assert!((groups[0].score - 0.8).abs() < 1e-12);
    }
}
