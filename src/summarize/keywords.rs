//! Keywords of a group: its highest TF-IDF terms, shown as the words that produced them.

use ahash::AHashMap;

use super::{Furniture, Layout, SummaryDoc, article_sentences};
use crate::text::Analyzer;
use crate::tfidf::{Idf, term_key};

/// The `k` terms of a group with the highest summed TF-IDF, each shown as the word form that
/// produced it most often (stems are not for reading).
pub fn keywords(
    group: &[SummaryDoc],
    analyzer: &Analyzer,
    idf: &Idf,
    furniture: &Furniture,
    k: usize,
) -> Vec<String> {
    // Pass one weighs terms by key alone; pass two finds the surface forms of the few
    // winners, so no string is made for the thousands of other words.
    let sentences: Vec<_> = group
        .iter()
        .map(|d| article_sentences(d.text, &Layout::of(d.text), furniture))
        .collect();
    let for_each_word = |f: &mut dyn FnMut(&str, u64)| {
        for (d, sents) in group.iter().zip(&sentences) {
            for s in sents {
                crate::text::tokenize::for_each_word(&d.text[s.range.clone()], |word| {
                    analyzer.for_each_term(word, d.lang, |t| f(word, term_key(t)));
                });
            }
        }
    };
    let mut weight: AHashMap<u64, f64> = AHashMap::new();
    for (d, sents) in group.iter().zip(&sentences) {
        let mut counts: AHashMap<u64, u32> = AHashMap::new();
        for s in sents {
            analyzer.for_each_term(&d.text[s.range.clone()], d.lang, |t| {
                *counts.entry(term_key(t)).or_insert(0) += 1;
            });
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
    let mut surface: Vec<AHashMap<String, u32>> = vec![AHashMap::new(); ranked.len()];
    for_each_word(&mut |word, key| {
        if let Some(&i) = wanted.get(&key) {
            *surface[i].entry(word.to_string()).or_insert(0) += 1;
        }
    });
    surface
        .into_iter()
        .filter_map(|forms| {
            forms
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                .map(|(w, _)| w)
        })
        .filter(|w| crate::text::tokenize::has_letter(w))
        .take(k)
        .collect()
}
