//! Term keys with a memo: the analyzer's terms of a text as `tfidf::term_key`s, each distinct
//! word stemmed once per memo.
//!
//! Summarising a batch analyses every sentence once and needs only the keys of its terms. The
//! analyzer's own stem cache keeps the stem text of every word (two boxed strings an entry),
//! which is what dedup's shingles need; keys need a word's identity and its term's key only, so
//! this memo maps an XXH3-64 of the word to the key of its term, 16 bytes an entry and no
//! allocation per word. Two distinct words with one hash would share a term: at 64 bits that
//! is as unlikely as two terms sharing a key, which TF-IDF already accepts.

use ahash::AHashMap;
use xxhash_rust::xxh3::xxh3_64_with_seed;

use super::analyzer::Analyzer;
use super::stem::with_stem_uncached;
use super::stopwords::is_stopword;
use super::tokenize::words;
use super::{AnalyzerKind, Language, normalize};
use crate::tfidf::term_key;

/// The memo's value for a stop word. A term whose key were 0 would be taken for a stop word:
/// as unlikely as two terms sharing a key.
const STOP: u64 = 0;

/// The keys of the analyzer's terms, memoised per distinct word (see the module docs). One
/// memo serves one thread; give each worker its own.
#[derive(Debug)]
pub struct TermKeys<'a> {
    analyzer: &'a Analyzer,
    /// Word hash (seeded with the language) → key of its term, [`STOP`] for a stop word
    /// (16 bytes an entry, not the 24 of an `Option`: the memo is most of what analysing a
    /// batch writes to fresh memory).
    memo: AHashMap<u64, u64>,
    buf: String,
}

impl<'a> TermKeys<'a> {
    /// An empty memo over `analyzer`.
    pub fn new(analyzer: &'a Analyzer) -> Self {
        TermKeys::with_capacity(analyzer, 0)
    }

    /// An empty memo over `analyzer` with room for `words` distinct words, so a small batch
    /// does not rehash it as it grows (each doubling rehashes it and writes fresh memory).
    pub fn with_capacity(analyzer: &'a Analyzer, words: usize) -> Self {
        TermKeys {
            analyzer,
            memo: AHashMap::with_capacity(words),
            buf: String::new(),
        }
    }

    /// Calls `f` with the key of each term of `text`, in order: the keys of
    /// `analyzer.for_each_term(text, lang, ..)`'s terms, without stemming a word seen before.
    pub fn for_each(&mut self, text: &str, lang: Language, mut f: impl FnMut(u64)) {
        if self.analyzer.kind() == AnalyzerKind::Plain || lang == Language::Other {
            // Nothing to memoise: these terms are the words themselves.
            self.analyzer.for_each_term(text, lang, |t| f(term_key(t)));
            return;
        }
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        normalize::for_language(lang, text, &mut buf);
        self.for_each_word_of(words(&buf), lang, f);
        self.buf = buf;
    }

    /// Whether [`for_each_word_of`](Self::for_each_word_of) can take the words of a text of
    /// `lang` as the Arabic normaliser leaves it: the text is Arabic and its terms are stemmed
    /// words.
    pub fn takes_arabic_normalized(&self, lang: Language) -> bool {
        lang == Language::Arabic && self.analyzer.kind() != AnalyzerKind::Plain
    }

    /// [`for_each`](Self::for_each) of a text already normalised for `lang` and tokenised
    /// (`tokenize::words`), given as its words; only for a language and analyzer that stem
    /// (see [`takes_arabic_normalized`](Self::takes_arabic_normalized)).
    pub fn for_each_word_of<'w>(
        &mut self,
        words: impl IntoIterator<Item = &'w str>,
        lang: Language,
        mut f: impl FnMut(u64),
    ) {
        for w in words {
            let h = xxh3_64_with_seed(w.as_bytes(), lang.index() as u64);
            let key = *self.memo.entry(h).or_insert_with(|| {
                // The analyzer's rule (`stem::with_stem_unless_stopword`): a stop word is no
                // term; any other word is its stem.
                if is_stopword(lang, w) {
                    STOP
                } else {
                    with_stem_uncached(lang, w, term_key)
                }
            });
            if key != STOP {
                f(key);
            }
        }
    }

    /// Distinct words seen so far.
    pub fn len(&self) -> usize {
        self.memo.len()
    }

    /// Whether no word was seen yet.
    pub fn is_empty(&self) -> bool {
        self.memo.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(memo: &mut TermKeys, text: &str, lang: Language) -> Vec<u64> {
        let mut out = Vec::new();
        memo.for_each(text, lang, |k| out.push(k));
        out
    }

    #[test]
    fn keys_are_those_of_the_analyzer_terms_for_every_kind_and_language() {
        let texts = [
            (
                "ذهبَ الأولادُ إلى المدرسةِ في الصباح، والأولاد سعداء.",
                Language::Arabic,
            ),
            (
                "The cats were running in the gardens; the cat ran.",
                Language::English,
            ),
            ("Les enfants sont allés à l'école.", Language::French),
            ("ΟΔΟΣ ετε words ﬁne", Language::Other),
        ];
        for kind in [AnalyzerKind::Auto, AnalyzerKind::Plain] {
            let analyzer = Analyzer::new(kind);
            let mut memo = TermKeys::new(&analyzer);
            for _ in 0..2 {
                for (text, lang) in texts {
                    let want: Vec<u64> = analyzer
                        .terms(text, lang)
                        .iter()
                        .map(|t| term_key(t))
                        .collect();
                    assert_eq!(keys(&mut memo, text, lang), want, "{kind:?} {lang:?}");
                }
            }
        }
    }

    #[test]
    fn each_distinct_word_is_remembered_once_per_language() {
        let analyzer = Analyzer::new(AnalyzerKind::Auto);
        let mut memo = TermKeys::new(&analyzer);
        keys(&mut memo, "running runs running the", Language::English);
        assert_eq!(memo.len(), 3);
        keys(&mut memo, "running", Language::French);
        assert_eq!(memo.len(), 4);
    }
}
