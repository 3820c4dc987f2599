//! Choosing sentences by maximal marginal relevance within a budget, then restoring source
//! order.

use super::Scored;
use crate::tfidf::{Overlap, overlap};

/// A sentence at least this alike (see [`repeats`]) to one already chosen is never chosen:
/// two copies of one story must not both speak.
pub const REDUNDANT: f64 = 0.8;

/// A sentence at least this alike to one already chosen from *another* document is never
/// chosen: sharing half its terms with it, it retells what that one said (a second outlet's
/// lead, a copy's sentence with a name spelt otherwise).
///
/// Measured on the SaudiNewsNet digest's 4,297 summaries of two or more articles, with the
/// divergence of a summary's words from its articles' words (Jensen–Shannon; lower covers
/// the articles better; Louis and Nenkova's reference-free measure): 0.3585 by cosine alone,
/// 0.3485 with the containment and this bar at 0.8, 0.3409 at 0.6, 0.3372 at 0.5, 0.3354 at
/// 0.4, 0.3363 at 0.3, the summaries 101–102 words long at every bar from 0.4 up. Below 0.5
/// it begins to drop sentences of different facts told in the same words (two obituaries,
/// two attacks), so 0.5.
///
/// Within one document the bar stays at [`REDUNDANT`]: EASC's readers do take an article's
/// sentences that share half their terms (ROUGE-1 0.5271 with that bar at 0.8, 0.5265 at
/// 0.65, 0.5248 at 0.5).
pub const RETOLD: f64 = 0.5;

/// Whether a candidate repeats a chosen sentence, given their [`Overlap`]: when its cosine or
/// containment reaches [`REDUNDANT`], or [`RETOLD`] for sentences of two documents. The MMR
/// penalty stays the cosine, as tuned; the containment only bars.
pub fn repeats(o: Overlap, chosen: &Scored, candidate: &Scored) -> bool {
    let bar = if chosen.doc == candidate.doc {
        REDUNDANT
    } else {
        RETOLD
    };
    o.cosine >= bar || o.containment >= bar
}

/// How long a summary may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Budget {
    /// At most this many sentences.
    Sentences(usize),
    /// Sentences until this many words are reached (the last one may run over).
    Words(usize),
}

impl Budget {
    /// Whether `sentences` chosen sentences of `words` words fill the budget.
    pub fn is_met(self, sentences: usize, words: usize) -> bool {
        match self {
            Budget::Sentences(k) => sentences >= k,
            Budget::Words(n) => words >= n,
        }
    }
}

/// Picks sentences greedily by `lambda * score - (1 - lambda) * max similarity to the chosen`,
/// skipping redundant ones, until the budget is met; returns them in source order.
///
/// Lazily: a candidate's value is at most `lambda * score`, so each round looks at candidates
/// in falling score and stops at the first that cannot beat the best found; only those looked
/// at have their similarity to the newly chosen brought up to date. The choice is the one a
/// full pass over every candidate each round makes (same ties, same redundancy rule) — with
/// a handful of cosines a round instead of one per candidate.
pub fn select(pool: Vec<Scored>, budget: Budget, lambda: f64) -> Vec<Scored> {
    let key = |i: usize| (pool[i].doc, pool[i].sentence);
    let mut open: Vec<usize> = (0..pool.len()).collect();
    open.sort_by(|&a, &b| {
        pool[b]
            .score
            .total_cmp(&pool[a].score)
            .then(key(a).cmp(&key(b)))
    });
    // Each candidate's greatest cosine to a chosen sentence, and how many of the chosen it has
    // been compared with.
    let mut redundancy = vec![0.0f64; pool.len()];
    let mut compared = vec![0usize; pool.len()];
    let mut chosen: Vec<usize> = Vec::new();
    let mut words = 0;
    loop {
        if budget.is_met(chosen.len(), words) || open.is_empty() {
            break;
        }
        // (place in `open`, candidate, value)
        let mut best: Option<(usize, usize, f64)> = None;
        let mut at = 0;
        while at < open.len() {
            let i = open[at];
            if let Some((_, _, value)) = best
                && (lambda * pool[i].score).total_cmp(&value).is_lt()
            {
                break;
            }
            // A candidate found to repeat a chosen sentence leaves `open` at once.
            let mut repeated = false;
            for &c in &chosen[compared[i]..] {
                let o = overlap(&pool[c].vector, &pool[i].vector);
                redundancy[i] = redundancy[i].max(o.cosine);
                repeated |= repeats(o, &pool[c], &pool[i]);
            }
            compared[i] = chosen.len();
            if repeated && !pool[i].vector.is_empty() {
                open.remove(at);
                continue;
            }
            let value = lambda * pool[i].score - (1.0 - lambda) * redundancy[i];
            let better = match best {
                None => true,
                Some((_, b, v)) => value.total_cmp(&v).then(key(b).cmp(&key(i))).is_gt(),
            };
            if better {
                best = Some((at, i, value));
            }
            at += 1;
        }
        let Some((at, i, _)) = best else { break };
        open.remove(at);
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

    /// The plain rule the lazy search must agree with: every candidate's value computed each
    /// round, the redundant dropped, the best taken.
    fn select_by_full_passes(pool: &[Scored], budget: Budget, lambda: f64) -> Vec<(usize, usize)> {
        // (candidate, greatest cosine to the chosen)
        let mut open: Vec<(usize, f64)> = (0..pool.len()).map(|i| (i, 0.0)).collect();
        let mut chosen: Vec<usize> = Vec::new();
        let mut words = 0;
        loop {
            if budget.is_met(chosen.len(), words) || open.is_empty() {
                break;
            }
            if let Some(&last) = chosen.last() {
                open.retain_mut(|(i, r)| {
                    let o = overlap(&pool[last].vector, &pool[*i].vector);
                    *r = r.max(o.cosine);
                    pool[*i].vector.is_empty() || !repeats(o, &pool[last], &pool[*i])
                });
            }
            let best = open
                .iter()
                .enumerate()
                .map(|(at, &(i, r))| (at, i, lambda * pool[i].score - (1.0 - lambda) * r))
                .max_by(|a, b| {
                    a.2.total_cmp(&b.2).then(
                        (pool[b.1].doc, pool[b.1].sentence)
                            .cmp(&(pool[a.1].doc, pool[a.1].sentence)),
                    )
                });
            let Some((at, i, _)) = best else { break };
            open.remove(at);
            words += pool[i].words;
            chosen.push(i);
        }
        let mut out: Vec<(usize, usize)> = chosen
            .iter()
            .map(|&i| (pool[i].doc, pool[i].sentence))
            .collect();
        out.sort_unstable();
        out
    }

    proptest::proptest! {
        #[test]
        fn the_lazy_search_chooses_what_full_passes_choose(
            sentences in proptest::collection::vec(
                (proptest::collection::vec(0u8..12, 0..6), 0u8..6, 1usize..30),
                0..25,
            ),
            budget in 1usize..80,
            by_words in proptest::bool::ANY,
            lambda in proptest::sample::select(vec![0.0, 0.3, 0.7, 0.9, 1.0]),
        ) {
            let terms = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"];
            let pool: Vec<Scored> = sentences
                .iter()
                .enumerate()
                .map(|(n, (t, score, words))| Scored {
                    doc: n % 2,
                    sentence: n,
                    position: n,
                    sentences: sentences.len(),
                    range: 0..0,
                    words: *words,
                    vector: SparseVector::tfidf(
                        t.iter().map(|&k| terms[k as usize]),
                        &Idf::default(),
                    ),
                    // Few distinct scores, so ties are common.
                    score: f64::from(*score) / 4.0,
                })
                .collect();
            let budget = if by_words { Budget::Words(budget) } else { Budget::Sentences(budget / 8) };
            let want = select_by_full_passes(&pool, budget, lambda);
            let got: Vec<(usize, usize)> = select(pool, budget, lambda)
                .iter()
                .map(|c| (c.doc, c.sentence))
                .collect();
            proptest::prop_assert_eq!(got, want);
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
    fn a_sentence_repeated_inside_a_longer_one_of_a_copy_is_not_chosen_again() {
        // "22 died in floods in Vietnam." and the copy's "22 died in floods in Vietnam, the
        // committee for floods and storms said today that 17 of the victims …": the longer's
        // other terms keep the cosine under any bar, the containment is 1.
        let short = "died 22 floods vietnam";
        let long = "died 22 floods vietnam central committee control storms said today 17 \
                    victims north provinces landslides houses swept";
        let pool = vec![
            scored(0, 0, &long.split_whitespace().collect::<Vec<_>>(), 1.0),
            scored(1, 0, &short.split_whitespace().collect::<Vec<_>>(), 0.99),
            scored(0, 1, &["rice", "fields", "flooded"], 0.5),
        ];
        assert!(overlap(&pool[0].vector, &pool[1].vector).cosine < RETOLD);
        let out = select(pool, Budget::Sentences(2), 0.9);
        let got: Vec<(usize, usize)> = out.iter().map(|c| (c.doc, c.sentence)).collect();
        assert_eq!(got, vec![(0, 0), (0, 1)]);
    }

    #[test]
    fn another_documents_retelling_is_skipped_but_a_list_item_of_the_same_document_is_not() {
        // Two outlets' leads, and two items of one article's list: each pair shares three of
        // five terms, and the leads' cosine is under the bar.
        let lead = ["festival", "opened", "governor", "umluj", "boats"];
        let retold = [
            "festival",
            "opened",
            "governor",
            "tourism",
            "committee",
            "day",
            "sea",
            "heritage",
        ];
        let pool = vec![
            scored(0, 0, &lead, 1.0),
            scored(1, 0, &retold, 0.99),
            scored(0, 1, &["cup", "king", "saud", "2000m", "open"], 0.6),
            scored(0, 2, &["cup", "king", "faisal", "1600m", "open"], 0.59),
        ];
        for (a, b) in [(0, 1), (2, 3)] {
            let shared = overlap(&pool[a].vector, &pool[b].vector).containment;
            assert!((RETOLD..REDUNDANT).contains(&shared));
        }
        assert!(overlap(&pool[0].vector, &pool[1].vector).cosine < RETOLD);
        let out = select(pool, Budget::Sentences(3), 0.9);
        let got: Vec<(usize, usize)> = out.iter().map(|c| (c.doc, c.sentence)).collect();
        assert_eq!(got, vec![(0, 0), (0, 1), (0, 2)]);
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
