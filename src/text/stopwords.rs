//! Stop-word lists per language, from the `stop-words` crate (stopwords-iso lists), each word
//! passed through the language's normaliser so it matches normalised tokens. Built once per
//! language on first use. stopwords-iso has no Tamil list, so Tamil text keeps its stop words.

use super::Language;
use super::normalize;
use super::tokenize::words;
use ahash::AHashSet;
use std::sync::OnceLock;

/// One language's stop words, normalised.
#[derive(Debug, Default)]
pub struct StopWords {
    words: AHashSet<Box<str>>,
    /// The longest entry in bytes: longer words skip the hash look-up.
    max_len: usize,
}

impl StopWords {
    fn build(lang: Language) -> StopWords {
        let mut set = StopWords::default();
        if lang == Language::Other {
            return set;
        }
        let Some(list) = stop_words::lookup(lang.code()) else {
            return set;
        };
        let mut buf = String::new();
        for raw in list {
            buf.clear();
            normalize::for_language(lang, raw, &mut buf);
            // Entries that the tokenizer would split ("don't", "c'est") can never match a
            // single token; keep only entries that are exactly one word.
            let mut it = words(&buf);
            if let (Some(w), None) = (it.next(), it.next())
                && w.len() == buf.trim().len()
            {
                set.max_len = set.max_len.max(w.len());
                set.words.insert(w.into());
            }
        }
        set
    }

    /// Is `word` (already normalised) a stop word?
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        word.len() <= self.max_len && self.words.contains(word)
    }

    /// How many stop words there are.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether there are none (always so for `Other`).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// The normalised stop words of `lang` (empty for `Other`).
pub fn stopwords(lang: Language) -> &'static StopWords {
    static SETS: [OnceLock<StopWords>; Language::ALL.len()] =
        [const { OnceLock::new() }; Language::ALL.len()];
    SETS[lang.index()].get_or_init(|| StopWords::build(lang))
}

/// Is `word` (a normalised token) a stop word of `lang`?
#[inline]
pub fn is_stopword(lang: Language, word: &str) -> bool {
    stopwords(lang).contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let cases: &[(Language, &str, bool)] = &[
            (Language::Arabic, "في", true),
            (Language::Arabic, "من", true),
            (Language::Arabic, "على", false), // not normalised: ى → ي
            (Language::Arabic, "علي", true),
            (Language::Arabic, "الي", true), // الى, normalised
            (Language::Arabic, "اذا", true), // إذا, normalised
            (Language::Arabic, "مدرسه", false),
            (Language::English, "the", true),
            (Language::English, "and", true),
            (Language::English, "hospital", false),
            (Language::French, "le", true),
            (Language::German, "und", true),
            (Language::Russian, "и", true),
            (Language::Other, "the", false),
            (Language::Other, "في", false),
        ];
        for (lang, word, want) in cases {
            assert_eq!(is_stopword(*lang, word), *want, "{lang:?} {word}");
        }
    }

    #[test]
    fn every_stemmed_language_but_tamil_has_a_list() {
        for lang in Language::ALL {
            let n = stopwords(lang).len();
            if lang == Language::Other || lang == Language::Tamil {
                // stopwords-iso has no Tamil list.
                assert_eq!(n, 0, "{lang:?}");
            } else {
                assert!(n > 0, "{lang:?} has no stop words");
            }
        }
    }

    #[test]
    fn entries_are_normalised() {
        let mut buf = String::new();
        for w in &stopwords(Language::Arabic).words {
            buf.clear();
            normalize::arabic(w, &mut buf);
            assert_eq!(&buf, &**w);
        }
    }
}
