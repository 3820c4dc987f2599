//! Exact all-pairs similarity join: every pair of sets with Jaccard at or above a threshold,
//! with no sampling. This is the truth LSH is scored against.
//!
//! Prefix filtering (Bayardo et al., "Scaling up all pairs similarity search", 2007): with
//! elements ordered rarest first, two sets of Jaccard ≥ t overlap in at least ⌈t·|x|⌉
//! elements, so their prefixes of length `|x| − ⌈t·|x|⌉ + 1` must share one. Sets are visited
//! from small to large and only prefixes are indexed, which skips almost every pair without
//! ever skipping a true one; each surviving candidate is then verified exactly.

use ahash::AHashMap;

use super::verify::{jaccard, meets};

/// Length of the prefix that must contain a shared element, for a set of `len` elements.
/// One element longer than the bound, so floating-point rounding of `t·len` can never make it
/// too short.
fn prefix_len(len: usize, threshold: f64) -> usize {
    let need = (threshold * len as f64).ceil() as usize;
    (len + 2).saturating_sub(need).min(len)
}

/// Every pair `(i, j, jaccard)`, `i < j`, of non-empty sets with Jaccard ≥ `threshold`,
/// sorted by `(i, j)`. Sets must be sorted and distinct.
pub fn all_pairs(sets: &[&[u64]], threshold: f64) -> Vec<(u32, u32, f64)> {
    // Rank elements rarest first (ties by value) so prefixes hold the rarest elements.
    let mut freq: AHashMap<u64, u32> = AHashMap::new();
    for s in sets {
        for &x in s.iter() {
            *freq.entry(x).or_insert(0) += 1;
        }
    }
    let mut order: Vec<(u32, u64)> = freq.iter().map(|(&x, &f)| (f, x)).collect();
    order.sort_unstable();
    let rank: AHashMap<u64, u32> = order
        .iter()
        .enumerate()
        .map(|(r, &(_, x))| (x, r as u32))
        .collect();
    let ranked: Vec<Vec<u32>> = sets
        .iter()
        .map(|s| {
            let mut r: Vec<u32> = s.iter().map(|x| rank[x]).collect();
            r.sort_unstable();
            r
        })
        .collect();

    let mut visit: Vec<u32> = (0..sets.len() as u32)
        .filter(|&i| !sets[i as usize].is_empty())
        .collect();
    visit.sort_by_key(|&i| (sets[i as usize].len(), i));

    let mut index: AHashMap<u32, Vec<u32>> = AHashMap::new();
    let mut seen = vec![u32::MAX; sets.len()];
    let mut out = Vec::new();
    for &x in &visit {
        let xs = &ranked[x as usize];
        let min_other = threshold * xs.len() as f64;
        let prefix = &xs[..prefix_len(xs.len(), threshold)];
        for e in prefix {
            if let Some(list) = index.get(e) {
                for &y in list {
                    if seen[y as usize] == x || (sets[y as usize].len() as f64) < min_other {
                        continue;
                    }
                    seen[y as usize] = x;
                    let j = jaccard(sets[x as usize], sets[y as usize]);
                    if meets(j, threshold) {
                        out.push((x.min(y), x.max(y), j));
                    }
                }
            }
        }
        for &e in prefix {
            index.entry(e).or_default().push(x);
        }
    }
    out.sort_unstable_by_key(|&(a, b, _)| (a, b));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn naive(sets: &[&[u64]], threshold: f64) -> Vec<(u32, u32, f64)> {
        let mut out = Vec::new();
        for i in 0..sets.len() {
            for j in i + 1..sets.len() {
                if sets[i].is_empty() || sets[j].is_empty() {
                    continue;
                }
                let s = jaccard(sets[i], sets[j]);
                if meets(s, threshold) {
                    out.push((i as u32, j as u32, s));
                }
            }
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn prefix_filtering_finds_exactly_the_pairs_brute_force_finds(
            raw in prop::collection::vec(prop::collection::btree_set(0u64..40, 0..25), 0..30),
            t in prop::sample::select(vec![0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]),
        ) {
            let sets: Vec<Vec<u64>> = raw.into_iter().map(|s| s.into_iter().collect()).collect();
            let refs: Vec<&[u64]> = sets.iter().map(|s| s.as_slice()).collect();
            prop_assert_eq!(all_pairs(&refs, t), naive(&refs, t));
        }
    }

    #[test]
    fn identical_sets_pair_up_and_empty_sets_never_do() {
        let a = [1u64, 2, 3];
        let sets: Vec<&[u64]> = vec![&a, &[], &a, &[]];
        assert_eq!(all_pairs(&sets, 0.7), vec![(0, 2, 1.0)]);
    }
}
