//! LSH banding: choosing bands × rows for a threshold, and finding candidate pairs by sorting
//! band keys.

use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// How a signature of `bands * rows` values is cut into bands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Banding {
    /// Number of bands; a pair is a candidate when any band agrees entirely.
    pub bands: usize,
    /// Rows (signature values) per band.
    pub rows: usize,
}

/// Weights of the two error areas when choosing a banding. Candidates are verified exactly, so
/// a false positive costs one Jaccard computation while a false negative loses a pair for
/// good: missing pairs weighs nine times as much.
pub const FALSE_POSITIVE_WEIGHT: f64 = 0.1;
/// See [`FALSE_POSITIVE_WEIGHT`].
pub const FALSE_NEGATIVE_WEIGHT: f64 = 0.9;

/// Probability that a pair of similarity `s` becomes a candidate.
pub fn candidate_probability(s: f64, b: Banding) -> f64 {
    1.0 - (1.0 - s.powi(b.rows as i32)).powi(b.bands as i32)
}

/// Integrates `f` over `[lo, hi]` with the midpoint rule (smooth integrands; 400 steps is
/// far below the resolution that matters for choosing integers).
fn integrate(lo: f64, hi: f64, f: impl Fn(f64) -> f64) -> f64 {
    let steps = 400;
    let h = (hi - lo) / steps as f64;
    (0..steps)
        .map(|i| f(lo + (i as f64 + 0.5) * h))
        .sum::<f64>()
        * h
}

/// The false-positive area (similarity below the threshold yet a candidate) and the
/// false-negative area (above it yet not a candidate) of a banding.
pub fn error_areas(threshold: f64, b: Banding) -> (f64, f64) {
    let fp = integrate(0.0, threshold, |s| candidate_probability(s, b));
    let fneg = integrate(threshold, 1.0, |s| 1.0 - candidate_probability(s, b));
    (fp, fneg)
}

/// The banding with `bands * rows <= k` that minimises the weighted error areas.
pub fn optimal_banding(threshold: f64, k: usize) -> Banding {
    let mut best = Banding {
        bands: 1,
        rows: k.max(1),
    };
    let mut best_cost = f64::INFINITY;
    for bands in 1..=k {
        for rows in 1..=k / bands {
            let b = Banding { bands, rows };
            let (fp, fneg) = error_areas(threshold, b);
            let cost = FALSE_POSITIVE_WEIGHT * fp + FALSE_NEGATIVE_WEIGHT * fneg;
            if cost < best_cost {
                best_cost = cost;
                best = b;
            }
        }
    }
    best
}

/// Band keys of one signature: XXH3-64 of each band's rows (seeded by the band number),
/// truncated to 32 bits. A truncation collision only adds a candidate, which is verified.
pub fn band_keys(signature: &[u32], banding: Banding) -> Vec<u32> {
    let mut bytes = Vec::with_capacity(4 * banding.rows);
    (0..banding.bands)
        .map(|band| {
            bytes.clear();
            let rows = &signature[band * banding.rows..(band + 1) * banding.rows];
            bytes.extend(rows.iter().flat_map(|v| v.to_le_bytes()));
            xxh3_64_with_seed(&bytes, band as u64) as u32
        })
        .collect()
}

/// Candidate pairs `(i, j)`, `i < j`, sorted and distinct: documents with an equal key in at
/// least one band. `keys[i]` holds document `i`'s [`band_keys`], or nothing to keep it out.
///
/// Each band's keys are packed with their document numbers into one `u64` and sorted; runs
/// of equal keys are buckets.
pub fn candidate_pairs(keys: &[&[u32]]) -> Vec<(u32, u32)> {
    let bands = keys.iter().map(|k| k.len()).max().unwrap_or(0);
    let pairs: Vec<u64> = (0..bands)
        .into_par_iter()
        .flat_map_iter(|band| {
            let mut packed: Vec<u64> = keys
                .iter()
                .enumerate()
                .filter_map(|(doc, k)| k.get(band).map(|&key| pack(key, doc as u32)))
                .collect();
            let mut out = Vec::new();
            bucket_pairs(&mut packed, &mut out);
            out
        })
        .collect();
    distinct_pairs(pairs)
}

/// The pairs of one band: `packed` holds `pack(key, doc)` for each document (any order; it is
/// sorted here); every two documents with the same key are appended to `out` as
/// `pack(smaller, larger)`.
pub fn bucket_pairs(packed: &mut [u64], out: &mut Vec<u64>) {
    packed.sort_unstable();
    for bucket in packed.chunk_by(|x, y| x >> 32 == y >> 32) {
        for (i, &a) in bucket.iter().enumerate() {
            for &b in &bucket[i + 1..] {
                out.push(pack(a as u32, b as u32));
            }
        }
    }
}

/// Packs a pair of document numbers into one sortable `u64`.
pub fn pack(a: u32, b: u32) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

/// Packed pairs (see [`pack`]) sorted, deduplicated and unpacked.
pub fn distinct_pairs(mut packed: Vec<u64>) -> Vec<(u32, u32)> {
    packed.par_sort_unstable();
    packed.dedup();
    packed
        .into_iter()
        .map(|p| ((p >> 32) as u32, p as u32))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn optimal_banding_fits_in_k_and_favours_recall_at_the_threshold() {
        let b = optimal_banding(0.7, 128);
        assert!(b.bands * b.rows <= 128);
        assert!(candidate_probability(0.7, b) > 0.9, "{b:?}");
        assert!(candidate_probability(0.3, b) < 0.5, "{b:?}");
    }

    #[test]
    fn a_higher_threshold_asks_for_longer_bands() {
        let low = optimal_banding(0.5, 128);
        let high = optimal_banding(0.9, 128);
        assert!(high.rows > low.rows, "{low:?} vs {high:?}");
    }

    #[test]
    fn documents_sharing_one_band_become_candidates() {
        let banding = Banding { bands: 2, rows: 2 };
        let a = band_keys(&[1, 2, 3, 4], banding);
        let b = band_keys(&[1, 2, 9, 9], banding);
        let c = band_keys(&[7, 7, 7, 7], banding);
        let keys = [&a[..], &[], &b[..], &c[..]];
        assert_eq!(candidate_pairs(&keys), vec![(0, 2)]);
    }
}
