//! Grouping verified pairs into clusters and choosing each cluster's representative.

use std::cmp::Ordering;

/// Disjoint sets over document numbers, with path halving and union by size.
#[derive(Debug, Clone)]
pub struct UnionFind {
    parent: Vec<u32>,
    size: Vec<u32>,
}

impl UnionFind {
    /// `n` singleton sets.
    pub fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n as u32).collect(),
            size: vec![1; n],
        }
    }

    /// The root of `x`'s set.
    pub fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let grand = self.parent[self.parent[x as usize] as usize];
            self.parent[x as usize] = grand;
            x = grand;
        }
        x
    }

    /// Merges the sets of `a` and `b`.
    pub fn union(&mut self, a: u32, b: u32) {
        let (mut ra, mut rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        if self.size[ra as usize] < self.size[rb as usize] {
            std::mem::swap(&mut ra, &mut rb);
        }
        self.parent[rb as usize] = ra;
        self.size[ra as usize] += self.size[rb as usize];
    }
}

/// What the representative choice looks at for one document.
#[derive(Debug, Clone, Copy)]
pub struct RepresentativeKey<'a> {
    /// Date as written; ISO dates compare correctly as text. Undated documents come last.
    pub date: Option<&'a str>,
    /// Length of the text in characters; longer wins.
    pub length: usize,
    /// The id; smaller wins.
    pub id: &'a str,
}

/// Orders candidates for representative: earliest date, then longest text, then smallest id
/// (then input order, through a stable sort, for records sharing an id).
pub fn representative_order(a: &RepresentativeKey, b: &RepresentativeKey) -> Ordering {
    let date = match (a.date, b.date) {
        (Some(x), Some(y)) => x.cmp(y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    date.then(b.length.cmp(&a.length)).then(a.id.cmp(b.id))
}

/// The connected components of `n` documents under `pairs`, each with two or more members,
/// as sorted member lists, ordered by their smallest member.
pub fn components(n: usize, pairs: &[(u32, u32)]) -> Vec<Vec<u32>> {
    let mut uf = UnionFind::new(n);
    for &(a, b) in pairs {
        uf.union(a, b);
    }
    let mut by_root: ahash::AHashMap<u32, Vec<u32>> = ahash::AHashMap::new();
    for &(a, b) in pairs {
        for x in [a, b] {
            let root = uf.find(x);
            by_root.entry(root).or_default().push(x);
        }
    }
    let mut groups: Vec<Vec<u32>> = by_root
        .into_values()
        .map(|mut g| {
            g.sort_unstable();
            g.dedup();
            g
        })
        .collect();
    groups.sort_unstable_by_key(|g| g[0]);
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_join_chains_and_skip_singletons() {
        let groups = components(7, &[(0, 1), (1, 2), (4, 5)]);
        assert_eq!(groups, vec![vec![0, 1, 2], vec![4, 5]]);
    }

    #[test]
    fn representative_is_earliest_then_longest_then_smallest_id() {
        let k = |date, length, id| RepresentativeKey { date, length, id };
        let early = k(Some("2015-07-01"), 10, "z");
        let late_long = k(Some("2015-07-02"), 999, "a");
        let undated = k(None, 5000, "a");
        assert_eq!(representative_order(&early, &late_long), Ordering::Less);
        assert_eq!(representative_order(&late_long, &undated), Ordering::Less);
        let long = k(Some("2015-07-01"), 20, "z");
        assert_eq!(representative_order(&long, &early), Ordering::Less);
        let same_but_b = k(Some("2015-07-01"), 10, "b");
        let same_but_a = k(Some("2015-07-01"), 10, "a");
        assert_eq!(
            representative_order(&same_but_a, &same_but_b),
            Ordering::Less
        );
    }
}
