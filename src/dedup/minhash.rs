//! MinHash signatures over shingle hashes.
//!
//! Permutation `i` maps a shingle hash `x` to the top 32 bits of `a_i * x + b_i (mod 2^64)`,
//! `a_i` odd. Shingle hashes are already uniform (XXH3), so this cheap affine family is enough
//! for min-wise sampling, and the inner loop is plain integer arithmetic the compiler can
//! vectorise. The coefficients come from SplitMix64 with a fixed seed: the signature of a text
//! depends only on the text, `k` and the seed.

/// The seed of the permutation coefficients; part of the signature's definition.
pub const PERMUTATION_SEED: u64 = 0x6b68_756c_6173_6131; // "khulasa1"

/// Computes MinHash signatures with `k` permutations.
#[derive(Debug, Clone)]
pub struct MinHasher {
    a: Vec<u64>,
    b: Vec<u64>,
}

/// SplitMix64, the generator the permutation coefficients are drawn from.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl MinHasher {
    /// A hasher with `k` permutations drawn from [`PERMUTATION_SEED`].
    pub fn new(k: usize) -> Self {
        let mut state = PERMUTATION_SEED;
        let mut a = Vec::with_capacity(k);
        let mut b = Vec::with_capacity(k);
        for _ in 0..k {
            a.push(splitmix64(&mut state) | 1);
            b.push(splitmix64(&mut state));
        }
        MinHasher { a, b }
    }

    /// Number of permutations.
    pub fn k(&self) -> usize {
        self.a.len()
    }

    /// The signature of a shingle set: per permutation, the least permuted value.
    /// An empty set gives all `u32::MAX` (callers keep empty documents out of LSH).
    pub fn signature(&self, shingles: &[u64]) -> Vec<u32> {
        let mut sig = vec![u32::MAX; self.k()];
        for &x in shingles {
            for ((s, &a), &b) in sig.iter_mut().zip(&self.a).zip(&self.b) {
                let v = (a.wrapping_mul(x).wrapping_add(b) >> 32) as u32;
                *s = (*s).min(v);
            }
        }
        sig
    }
}

/// The fraction of positions where two signatures agree: the MinHash estimate of Jaccard.
pub fn estimate(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() {
        return 0.0;
    }
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f64 / a.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::verify::jaccard;
    use proptest::prelude::*;

    #[test]
    fn identical_sets_have_identical_signatures() {
        let h = MinHasher::new(64);
        let s: Vec<u64> = (0..100u64)
            .map(|i| i.wrapping_mul(0x9e37_79b9_7f4a_7c15))
            .collect();
        assert_eq!(h.signature(&s), h.signature(&s));
        assert_eq!(estimate(&h.signature(&s), &h.signature(&s)), 1.0);
    }

    #[test]
    fn coefficients_are_fixed_by_the_seed() {
        let a = MinHasher::new(8);
        let b = MinHasher::new(16);
        assert_eq!(a.a[..], b.a[..8]);
        assert!(a.a.iter().all(|x| x % 2 == 1));
    }

    fn hashed(range: std::ops::Range<u64>) -> Vec<u64> {
        let mut v: Vec<u64> = range
            .map(|i| xxhash_rust::xxh3::xxh3_64(&i.to_le_bytes()))
            .collect();
        v.sort_unstable();
        v
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// With k = 256 the estimate's standard error is at most 1/32; five of them bound
        /// every case here (a false failure about once in two million).
        #[test]
        fn estimate_stays_within_statistical_error_of_exact_jaccard(
            shared in 0u64..400, only_a in 0u64..400, only_b in 0u64..400, offset in 0u64..1_000_000
        ) {
            prop_assume!(shared + only_a + only_b > 0);
            let base = offset * 10_000;
            let mut a = hashed(base..base + shared + only_a);
            let mut b = hashed(base..base + shared);
            b.extend(hashed(base + 5_000..base + 5_000 + only_b));
            b.sort_unstable();
            a.dedup();
            b.dedup();
            let exact = jaccard(&a, &b);
            let h = MinHasher::new(256);
            let est = estimate(&h.signature(&a), &h.signature(&b));
            let se = (exact * (1.0 - exact) / 256.0).sqrt();
            prop_assert!((est - exact).abs() <= 5.0 * se + 1e-9 + 1.0 / 256.0,
                "estimate {est} vs exact {exact}");
        }
    }
}
