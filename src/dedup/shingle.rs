//! Word n-gram shingles, hashed with XXH3-64 so the same text gives the same shingles on every
//! machine and in every version.

use xxhash_rust::xxh3::xxh3_64;

use crate::text::{Analyzer, Language};

/// The shingles of one document, and how many terms it had.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shingles {
    /// Number of analysed terms in the text.
    pub terms: usize,
    /// Distinct shingle hashes, sorted ascending (empty when `terms < n`).
    pub set: Vec<u64>,
}

/// Hashes each window of `n` consecutive terms of `text`.
///
/// A term is hashed once (XXH3-64 of its UTF-8 bytes); a shingle is XXH3-64 of its terms'
/// hashes in little-endian order, so a shingle's value depends only on its words.
pub fn shingle(analyzer: &Analyzer, text: &str, lang: Language, n: usize) -> Shingles {
    let mut term_hashes: Vec<u64> = Vec::new();
    analyzer.for_each_term(text, lang, |t| term_hashes.push(term_hash(t)));
    Shingles {
        terms: term_hashes.len(),
        set: shingles_of_terms(&term_hashes, n),
    }
}

/// The hash of one term: XXH3-64 of its UTF-8 bytes.
pub fn term_hash(term: &str) -> u64 {
    xxh3_64(term.as_bytes())
}

/// The sorted, distinct shingle hashes of a sequence of term hashes.
pub fn shingles_of_terms(term_hashes: &[u64], n: usize) -> Vec<u64> {
    let mut set = Vec::new();
    shingles_into(term_hashes, n, &mut set);
    set
}

/// [`shingles_of_terms`] into a buffer the caller reuses (cleared first).
pub fn shingles_into(term_hashes: &[u64], n: usize, set: &mut Vec<u64>) {
    set.clear();
    if n == 0 || term_hashes.len() < n {
        return;
    }
    let mut buf = [0u8; 64];
    let width = 8 * n;
    let mut heap = Vec::new();
    // Shingles of up to 8 words (the usual 5) are hashed from the stack.
    let buf: &mut [u8] = if width <= buf.len() {
        &mut buf[..width]
    } else {
        heap.resize(width, 0);
        &mut heap
    };
    set.extend(term_hashes.windows(n).map(|w| {
        for (chunk, h) in buf.chunks_exact_mut(8).zip(w) {
            chunk.copy_from_slice(&h.to_le_bytes());
        }
        xxh3_64(buf)
    }));
    set.sort_unstable();
    set.dedup();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fewer_terms_than_n_give_no_shingles() {
        assert!(shingles_of_terms(&[1, 2, 3], 5).is_empty());
        assert_eq!(shingles_of_terms(&[1, 2, 3, 4, 5], 5).len(), 1);
    }

    #[test]
    fn repeated_windows_count_once_and_come_sorted() {
        let s = shingles_of_terms(&[1, 2, 1, 2, 1, 2], 2);
        assert_eq!(s.len(), 2);
        assert!(s.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn shingle_hash_is_fixed_by_its_specification() {
        // XXH3-64 is specified; this value must never change, or signatures on disk break.
        let s = shingles_of_terms(&[xxh3_64(b"a"), xxh3_64(b"b")], 2);
        let mut bytes = Vec::new();
        bytes.extend_from_slice(&xxh3_64(b"a").to_le_bytes());
        bytes.extend_from_slice(&xxh3_64(b"b").to_le_bytes());
        assert_eq!(s, vec![xxh3_64(&bytes)]);
    }
}
