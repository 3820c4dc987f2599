//! Grouping verified pairs into clusters and choosing each cluster's representative.

use std::cmp::Ordering;

use crate::corpus::date_key;

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
    /// Date as written, in any form [`date_key`] reads (ISO, RSS, Arabic month names);
    /// documents without a readable date come last.
    pub date: Option<&'a str>,
    /// Length of the text in characters; longer wins.
    pub length: usize,
    /// The id; smaller wins.
    pub id: &'a str,
}

/// The position in `keys` of the representative: the earliest date, then the longest text,
/// then the smallest id, then the earlier position (0 for one key or none). Dates compare as
/// time does, not as text ("Fri, 31 Jul 2015" is after "Tue, 21 Jul 2015"), each read once;
/// a date that cannot be read ("yesterday") counts as none rather than sorting by its letters.
pub fn representative_of(keys: &[RepresentativeKey]) -> usize {
    let dated: Vec<_> = keys
        .iter()
        .map(|k| (k.date.and_then(date_key), k))
        .collect();
    (1..dated.len()).fold(0, |best, i| {
        if order_with_dates(dated[i], dated[best]) == Ordering::Less {
            i
        } else {
            best
        }
    })
}

/// The representative order of two keys whose dates are already read.
fn order_with_dates(
    (a_when, a): (Option<(i64, u32)>, &RepresentativeKey),
    (b_when, b): (Option<(i64, u32)>, &RepresentativeKey),
) -> Ordering {
    let date = match (a_when, b_when) {
        (Some(x), Some(y)) => x.cmp(&y),
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

    /// Whether `a` is chosen over `b`, whichever comes first.
    fn chosen_over(a: &RepresentativeKey, b: &RepresentativeKey) -> bool {
        representative_of(&[*b, *a]) == 1 && representative_of(&[*a, *b]) == 0
    }

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
        assert!(chosen_over(&early, &late_long));
        assert!(chosen_over(&late_long, &undated));
        let long = k(Some("2015-07-01"), 20, "z");
        assert!(chosen_over(&long, &early));
        let same_but_b = k(Some("2015-07-01"), 10, "b");
        let same_but_a = k(Some("2015-07-01"), 10, "a");
        assert!(chosen_over(&same_but_a, &same_but_b));
    }

    #[test]
    fn representative_dates_compare_as_time_in_any_form_they_are_read() {
        let k = |date| RepresentativeKey {
            date: Some(date),
            length: 10,
            id: "a",
        };
        // As text, "Fri" sorts before "Tue" and "٢" after "3".
        let pairs = [
            (
                "Tue, 21 Jul 2015 02:51:32 +0300",
                "Fri, 31 Jul 2015 01:00:00 +0300",
            ),
            ("الثلاثاء ٢١ يوليو ٢٠١٥", "30 يوليو 2015"),
            ("2015-07-21 09:00", "Tue, 21 Jul 2015 10:30:00 +0300"),
            ("2015/07/21", "2015-07-22"),
        ];
        for (earlier, later) in pairs {
            assert!(
                chosen_over(&k(earlier), &k(later)),
                "{earlier} before {later}"
            );
        }
        // An unreadable date is no date: a readable one wins, and against none the longer text.
        let unreadable = RepresentativeKey {
            date: Some("yesterday"),
            length: 5,
            id: "a",
        };
        let none_longer = RepresentativeKey {
            date: None,
            length: 50,
            id: "b",
        };
        assert!(chosen_over(&k("2015-07-21"), &unreadable));
        assert!(chosen_over(&none_longer, &unreadable));
    }

    #[test]
    fn the_representative_is_the_first_in_order_and_the_earlier_of_equals() {
        let k = |date, length, id| RepresentativeKey { date, length, id };
        let keys = [
            k(None, 900, "a"),
            k(Some("Fri, 31 Jul 2015"), 10, "b"),
            k(Some("Tue, 21 Jul 2015"), 10, "c"),
            k(Some("2015-07-21"), 10, "c"),
        ];
        assert_eq!(representative_of(&keys), 2);
        assert_eq!(representative_of(&keys[..2]), 1);
        assert_eq!(representative_of(&keys[..1]), 0);
        assert_eq!(representative_of(&[]), 0);
    }
}
