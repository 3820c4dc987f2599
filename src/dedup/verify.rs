//! Exact Jaccard similarity of sorted shingle sets: every reported pair is checked here, so
//! LSH can only cost recall, never precision.

/// Size of the intersection of two sorted, distinct slices.
pub fn intersection(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        n += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    n
}

/// Exact Jaccard similarity of two sorted, distinct sets (0 when both are empty).
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let inter = intersection(a, b);
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// Whether a similarity meets the threshold. The one comparison used by every path (LSH
/// verification and the exact all-pairs truth), so they can never disagree on a boundary.
pub fn meets(similarity: f64, threshold: f64) -> bool {
    similarity >= threshold
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jaccard_counts_shared_over_union() {
        assert_eq!(jaccard(&[1, 2, 3, 4], &[3, 4, 5, 6]), 2.0 / 6.0);
        assert_eq!(jaccard(&[1, 2], &[1, 2]), 1.0);
        assert_eq!(jaccard(&[], &[]), 0.0);
        assert_eq!(jaccard(&[1], &[]), 0.0);
    }

    #[test]
    fn intersection_handles_uneven_lengths() {
        assert_eq!(intersection(&[1, 5, 9, 20, 30], &[5, 30]), 2);
        assert_eq!(intersection(&[2, 4, 6], &[1, 3, 5, 7]), 0);
    }
}
