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
pub fn select(pool: Vec<Scored>, budget: Budget, lambda: f64) -> Vec<Scored> {
    // Candidates are indices into `pool`, each with its greatest similarity to a chosen
    // sentence, kept up to date as sentences are chosen (one cosine per candidate and choice,
    // not one per chosen sentence each round); the sentences themselves never move.
    let mut open: Vec<(usize, f64)> = (0..pool.len()).map(|i| (i, 0.0)).collect();
    let mut chosen: Vec<usize> = Vec::new();
    let mut words = 0;
    loop {
        let full = match budget {
            Budget::Sentences(k) => chosen.len() >= k,
            Budget::Words(n) => words >= n,
        };
        if full || open.is_empty() {
            break;
        }
        if let Some(&last) = chosen.last() {
            let last = &pool[last].vector;
            open.retain_mut(|(i, r)| {
                let c = &pool[*i].vector;
                *r = r.max(cosine(last, c));
                c.is_empty() || *r < REDUNDANT
            });
        }
        let best = open
            .iter()
            .enumerate()
            .map(|(at, &(i, r))| (at, i, lambda * pool[i].score - (1.0 - lambda) * r))
            .max_by(|a, b| {
                a.2.total_cmp(&b.2).then(
                    (pool[b.1].doc, pool[b.1].sentence).cmp(&(pool[a.1].doc, pool[a.1].sentence)),
                )
            });
        let Some((at, i, _)) = best else { break };
        open.swap_remove(at);
        words += pool[i].words;
        chosen.push(i);
    }
    let mut keep = vec![false; pool.len()];
    for i in chosen {
        keep[i] = true;
    }
    let mut out: Vec<Scored> = pool
        .into_iter()
        .zip(keep)
        .filter_map(|(c, k)| k.then_some(c))
        .collect();
    out.sort_by_key(|c| (c.doc, c.sentence));
    out
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
