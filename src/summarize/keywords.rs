//! Keywords of a group: its highest TF-IDF terms, shown as the words that produced them, and
//! those written side by side as one phrase (see [`crate::text::keyphrases`]).

use ahash::{AHashMap, AHashSet};

use super::{SentenceTerms, SummaryDoc};
use crate::text::keyphrases::{self, Adjacency};
use crate::text::{Language, TermKeys, prose, word_forms};
use crate::tfidf::Idf;

/// The `k` terms of a group with the highest summed TF-IDF, each shown as the word form that
/// produced it most often (stems are not for reading), and terms written side by side as one
/// keyphrase in the place of the best-ranked of them. `docs` holds each document's article
/// sentences with their term keys, as the summary analysed them.
pub fn keywords(
    group: &[SummaryDoc],
    docs: &[Vec<SentenceTerms>],
    terms: &mut TermKeys,
    idf: &Idf,
    k: usize,
) -> Vec<String> {
    // Pass one weighs terms by key alone, from the summary's analysis; pass two finds the
    // surface forms of the few winners, so no string is made for the thousands of other
    // words — and each distinct word is analysed once (copies in a group repeat most words).
    let mut weight: AHashMap<u64, f64> = AHashMap::new();
    for sents in docs {
        let mut counts: AHashMap<u64, u32> = AHashMap::new();
        for key in sents.iter().flat_map(|s| s.keys.iter()) {
            *counts.entry(*key).or_insert(0) += 1;
        }
        for (key, n) in counts {
            *weight.entry(key).or_insert(0.0) += (1.0 + f64::from(n).ln()) * idf.idf(key);
        }
    }
    let mut ranked: Vec<(u64, f64)> = weight.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.truncate(3 * k);
    let wanted: AHashMap<u64, usize> = ranked
        .iter()
        .enumerate()
        .map(|(i, &(key, _))| (key, i))
        .collect();
    let mut surface: Vec<AHashMap<&str, u32>> = vec![AHashMap::new(); ranked.len()];
    // Keyphrases count each sentence once: a group's copies repeat their sentences, and
    // two words of a sentence written in five copies are not five times a phrase.
    let mut occurrences = vec![0u32; ranked.len()];
    let mut adjacency = Adjacency::default();
    let mut sentences_seen: AHashSet<&[u64]> = AHashSet::new();
    let mut terms_of: AHashMap<(&str, Language), Vec<u64>> = AHashMap::new();
    for (d, sents) in group.iter().zip(docs) {
        // A sentence none of whose terms won gives no surface form (its words' terms are its
        // terms): most of a group's sentences are passed over without being tokenised again.
        for s in sents
            .iter()
            .filter(|s| s.keys.iter().any(|k| wanted.contains_key(k)))
        {
            let first_time = sentences_seen.insert(&s.keys[..]);
            let text = &d.text[s.sentence.range.clone()];
            // The pieces of a web or mail address (`www`, `edu`, `php`) or of a style sheet
            // run into the text (`padding`, `webkit`) are not keywords: a term seen only
            // there gets no surface form and is passed over.
            let non_prose = prose::non_prose_spans(text);
            let mut prev_end = 0;
            for word in crate::text::tokenize::words(text) {
                let at = word.as_ptr() as usize - text.as_ptr() as usize;
                let gap = &text[prev_end..at];
                prev_end = at + word.len();
                if non_prose.iter().any(|r| r.contains(&at)) {
                    adjacency.end_run();
                    continue;
                }
                let keys = terms_of.entry((word, d.lang)).or_insert_with(|| {
                    let mut keys = Vec::new();
                    terms.for_each(word, d.lang, |k| keys.push(k));
                    keys
                });
                let shown = word_forms::shown(d.lang, word);
                for key in keys.iter() {
                    if let Some(&i) = wanted.get(key) {
                        *surface[i].entry(shown).or_insert(0) += 1;
                        occurrences[i] += u32::from(first_time);
                    }
                }
                if !first_time {
                    continue;
                }
                let term = match keys.as_slice() {
                    [key] => wanted.get(key).copied(),
                    _ => None,
                };
                adjacency.word(term, shown, keyphrases::joins(gap, word, shown));
            }
            adjacency.end_run();
        }
    }
    let mut shown = adjacency.shown_terms(&occurrences, |w| {
        terms_of.contains_key(&(w, Language::Arabic))
    });
    for (i, forms) in surface.into_iter().enumerate() {
        if shown.len() == k {
            break;
        }
        shown.term(i, || {
            word_forms::best(forms).filter(|w| word_forms::readable(w))
        });
    }
    shown.into_strings()
}
