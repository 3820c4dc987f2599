//! Keywords of a group: its highest TF-IDF terms, shown as the words that produced them.

use ahash::AHashMap;

use super::{SentenceTerms, SummaryDoc};
use crate::text::{Language, TermKeys, prose, word_forms};
use crate::tfidf::Idf;

/// The `k` terms of a group with the highest summed TF-IDF, each shown as the word form that
/// produced it most often (stems are not for reading). `docs` holds each document's article
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
    let mut terms_of: AHashMap<(&str, Language), Vec<u64>> = AHashMap::new();
    for (d, sents) in group.iter().zip(docs) {
        // A sentence none of whose terms won gives no surface form (its words' terms are its
        // terms): most of a group's sentences are passed over without being tokenised again.
        for s in sents
            .iter()
            .filter(|s| s.keys.iter().any(|k| wanted.contains_key(k)))
        {
            let text = &d.text[s.sentence.range.clone()];
            // The pieces of a web or mail address (`www`, `edu`, `php`) or of a style sheet
            // run into the text (`padding`, `webkit`) are not keywords: a term seen only
            // there gets no surface form and is passed over.
            let non_prose = prose::non_prose_spans(text);
            for word in crate::text::tokenize::words(text) {
                let at = word.as_ptr() as usize - text.as_ptr() as usize;
                if non_prose.iter().any(|r| r.contains(&at)) {
                    continue;
                }
                let keys = terms_of.entry((word, d.lang)).or_insert_with(|| {
                    let mut keys = Vec::new();
                    terms.for_each(word, d.lang, |k| keys.push(k));
                    keys
                });
                for key in keys.iter() {
                    if let Some(&i) = wanted.get(key) {
                        *surface[i]
                            .entry(word_forms::shown(d.lang, word))
                            .or_insert(0) += 1;
                    }
                }
            }
        }
    }
    let mut seen: Vec<String> = Vec::new();
    surface
        .into_iter()
        .filter_map(word_forms::best)
        .filter(|w| word_forms::readable(w))
        // Two terms the stemmer kept apart can still be one word to a reader ("الطائرة" and
        // "طائرة", "والأمير" and "الأمير"): the higher-ranked form stands for both.
        .filter(|w| {
            let bare = word_forms::bare(w);
            let new = !seen.contains(&bare);
            seen.push(bare);
            new
        })
        .take(k)
        .map(str::to_string)
        .collect()
}
