//! Choosing sentences by maximal marginal relevance within a budget, then restoring source
//! order.

use super::Scored;
use crate::tfidf::cosine;

/// A sentence at least this similar to one already chosen is never chosen: two copies of one
/// story must not both speak.
pub const REDUNDANT: f64 = 0.8;

/// How long a summary may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Budget {
    /// At most this many sentences.
    Sentences(usize),
    /// Sentences until this many words are reached (the last one may run over).
    Words(usize),
}

/// Picks sentences greedily by `lambda * score - (1 - lambda) * max similarity to the chosen`,
/// skipping redundant ones, until the budget is met; returns them in source order.
pub fn select(mut pool: Vec<Scored>, budget: Budget, lambda: f64) -> Vec<Scored> {
    // Each candidate's greatest similarity to a chosen sentence, kept up to date as sentences
    // are chosen (one cosine per candidate and choice, not one per chosen sentence each round).
    let mut redundancy = vec![0.0f64; pool.len()];
    let mut chosen: Vec<Scored> = Vec::new();
    let mut words = 0;
    loop {
        let full = match budget {
            Budget::Sentences(k) => chosen.len() >= k,
            Budget::Words(n) => words >= n,
        };
        if full || pool.is_empty() {
            break;
        }
        if let Some(last) = chosen.last() {
            (pool, redundancy) = std::mem::take(&mut pool)
                .into_iter()
                .zip(&redundancy)
                .map(|(c, &r)| {
                    let r = r.max(cosine(&last.vector, &c.vector));
                    (c, r)
                })
                .filter(|(c, r)| c.vector.is_empty() || *r < REDUNDANT)
                .unzip();
        }
        let best = pool
            .iter()
            .zip(&redundancy)
            .enumerate()
            .map(|(i, (c, &r))| (i, lambda * c.score - (1.0 - lambda) * r))
            .max_by(|a, b| {
                a.1.total_cmp(&b.1).then(
                    (pool[b.0].doc, pool[b.0].sentence).cmp(&(pool[a.0].doc, pool[a.0].sentence)),
                )
            });
        let Some((i, _)) = best else { break };
        let c = pool.swap_remove(i);
        redundancy.swap_remove(i);
        words += c.words;
        chosen.push(c);
    }
    chosen.sort_by_key(|c| (c.doc, c.sentence));
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summarize::{Idf, SparseVector};

    fn scored(doc: usize, sentence: usize, terms: &[&str], score: f64) -> Scored {
        Scored {
            doc,
            sentence,
            position: sentence,
            sentences: 3,
            range: 0..0,
            words: terms.len(),
            vector: SparseVector::tfidf(terms.iter().copied(), &Idf::default()),
            score,
        }
    }

    #[test]
    fn near_identical_sentences_from_two_copies_are_never_both_chosen() {
        let pool = vec![
            scored(0, 0, &["putin", "xi", "met", "video"], 1.0),
            scored(1, 0, &["putin", "xi", "met", "video"], 0.99),
            scored(0, 1, &["trade", "record", "level"], 0.5),
        ];
        let out = select(pool, Budget::Sentences(2), 0.7);
        assert_eq!(out.len(), 2);
        assert_eq!((out[0].doc, out[0].sentence), (0, 0));
        assert_eq!((out[1].doc, out[1].sentence), (0, 1));
    }

    #[test]
    fn output_is_in_source_order_and_within_a_word_budget() {
        let pool = vec![
            scored(0, 0, &["a", "b"], 0.2),
            scored(0, 1, &["c", "d"], 0.9),
            scored(0, 2, &["e", "f"], 0.5),
        ];
        let out = select(pool, Budget::Words(3), 0.7);
        let idx: Vec<usize> = out.iter().map(|c| c.sentence).collect();
        assert_eq!(idx, vec![1, 2]);
    }
}
