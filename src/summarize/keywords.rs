//! Keywords of a group: its highest TF-IDF terms, shown as the words that produced them.

use ahash::AHashMap;

use super::{Furniture, SummaryDoc, article_sentences};
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
    let mut weight: AHashMap<u64, f64> = AHashMap::new();
    let mut surface: AHashMap<u64, AHashMap<String, u32>> = AHashMap::new();
    for d in group {
        let mut counts: AHashMap<u64, u32> = AHashMap::new();
        for s in article_sentences(d.text, furniture) {
            crate::text::tokenize::for_each_word(&d.text[s.range.clone()], |word| {
                analyzer.for_each_term(word, d.lang, |t| {
                    let key = term_key(t);
                    *counts.entry(key).or_insert(0) += 1;
                    *surface
                        .entry(key)
                        .or_default()
                        .entry(word.to_string())
                        .or_insert(0) += 1;
                });
            });
        }
        for (key, n) in counts {
            *weight.entry(key).or_insert(0.0) += (1.0 + f64::from(n).ln()) * idf.idf(key);
        }
    }
    let mut ranked: Vec<(u64, f64)> = weight.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked
        .into_iter()
        .filter_map(|(key, _)| {
            let forms = surface.get(&key)?;
            forms
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(w, _)| w.clone())
        })
        .filter(|w| w.chars().any(char::is_alphabetic))
        .take(k)
        .collect()
}
