//! ROUGE-1, ROUGE-2 and ROUGE-L F1 (Lin, 2004) over normalised word tokens.
//!
//! Tokens follow the EASC convention: word runs after Arabic normalisation (diacritics and
//! tatweel stripped, alef forms, alef maqsura, ta marbuta and hamza seats folded), no stemming.

use ahash::AHashMap;

use crate::text::{normalize, tokenize};

/// ROUGE F1 scores of one summary against one reference, or their means.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Rouge {
    /// Unigram F1.
    pub r1: f64,
    /// Bigram F1.
    pub r2: f64,
    /// Longest-common-subsequence F1.
    pub rl: f64,
}

impl Rouge {
    /// The mean of several scores (zero for none).
    pub fn mean(scores: &[Rouge]) -> Rouge {
        if scores.is_empty() {
            return Rouge::default();
        }
        let n = scores.len() as f64;
        Rouge {
            r1: scores.iter().map(|s| s.r1).sum::<f64>() / n,
            r2: scores.iter().map(|s| s.r2).sum::<f64>() / n,
            rl: scores.iter().map(|s| s.rl).sum::<f64>() / n,
        }
    }
}

/// The scoring tokens of a text.
pub fn tokens(text: &str) -> Vec<String> {
    let mut norm = String::new();
    normalize::arabic(text, &mut norm);
    let mut out = Vec::new();
    tokenize::for_each_word(&norm, |w| out.push(w.to_string()));
    out
}

fn f1(overlap: usize, candidate: usize, reference: usize) -> f64 {
    if overlap == 0 || candidate == 0 || reference == 0 {
        return 0.0;
    }
    let p = overlap as f64 / candidate as f64;
    let r = overlap as f64 / reference as f64;
    2.0 * p * r / (p + r)
}

/// Counts of the n-grams of a token sequence.
fn ngrams(t: &[String], n: usize) -> AHashMap<&[String], usize> {
    let mut m = AHashMap::new();
    if n > 0 && t.len() >= n {
        for w in t.windows(n) {
            *m.entry(w).or_insert(0) += 1;
        }
    }
    m
}

/// ROUGE-N F1 with clipped n-gram counts.
pub fn rouge_n(candidate: &[String], reference: &[String], n: usize) -> f64 {
    let (c, r) = (ngrams(candidate, n), ngrams(reference, n));
    let overlap: usize = c
        .iter()
        .map(|(g, &k)| k.min(r.get(g).copied().unwrap_or(0)))
        .sum();
    f1(
        overlap,
        candidate.len().saturating_sub(n - 1),
        reference.len().saturating_sub(n - 1),
    )
}

/// Length of the longest common subsequence of two token sequences.
pub fn lcs(a: &[String], b: &[String]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// ROUGE-1, -2 and -L F1 of a candidate against one reference.
pub fn score(candidate: &[String], reference: &[String]) -> Rouge {
    Rouge {
        r1: rouge_n(candidate, reference, 1),
        r2: rouge_n(candidate, reference, 2),
        rl: f1(lcs(candidate, reference), candidate.len(), reference.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Vec<String> {
        tokens(s)
    }

    #[test]
    fn identical_texts_score_one_and_disjoint_texts_zero() {
        let a = t("the cat sat on the mat");
        let s = score(&a, &a);
        assert_eq!((s.r1, s.r2, s.rl), (1.0, 1.0, 1.0));
        let z = score(&t("alpha beta"), &t("gamma delta"));
        assert_eq!((z.r1, z.r2, z.rl), (0.0, 0.0, 0.0));
    }

    #[test]
    fn counts_are_clipped_and_lcs_respects_order() {
        // Candidate repeats "the" three times; the reference has it twice.
        let c = t("the the the cat");
        let r = t("the cat the dog");
        assert!((rouge_n(&c, &r, 1) - f1(3, 4, 4)).abs() < 1e-12);
        assert_eq!(lcs(&t("a b c d"), &t("a c b d")), 3);
    }

    #[test]
    fn arabic_spelling_variants_match_after_normalisation() {
        let s = score(&t("أكّد الرئيسُ مدرسة"), &t("اكد الرئيس مدرسه"));
        assert_eq!(s.r1, 1.0);
    }
}
