//! Snowball stemming with a per-thread cache, so each distinct word is stemmed once per thread.
//!
//! Stemming is the slow step of the analyzer (the Snowball machinery allocates and walks suffix
//! tables for every call); news text repeats its vocabulary, so a cache of word → stem per
//! language turns nearly every call into a hash look-up. The cache is thread-local (no locks
//! under rayon) and is cleared when it reaches [`CACHE_CAPACITY`] entries, so memory stays
//! bounded. Results are identical with or without the cache.
//!
//! Arabic, most of our text, is stemmed by [`arabic`], our own exact and faster implementation
//! of the same Snowball algorithm; the other languages use rust-stemmers.

pub mod arabic;

use super::Language;
use super::stopwords::is_stopword;
use ahash::AHashMap;
use rust_stemmers::{Algorithm, Stemmer};
use std::borrow::Cow;
use std::cell::RefCell;

/// Entries (over all languages) at which a thread's cache is cleared.
pub const CACHE_CAPACITY: usize = 1 << 20;

/// Words longer than this (bytes) are stemmed without caching: they are rare, and caching them
/// would let a few junk tokens take a lot of memory.
const MAX_CACHED_WORD: usize = 64;

/// Stems `word` (normalised, lowercase) without the cache. `Other` returns the word unchanged.
pub fn stem_uncached(lang: Language, word: &str) -> Cow<'_, str> {
    match lang.stemmer_algorithm() {
        // A Snowball stemmer may strip a short word whole (Greek "ετε" is all suffix): an
        // empty term would mean nothing, so such a word stands for itself.
        Some(alg) => stem_with(alg, word),
        None => Cow::Borrowed(word),
    }
}

/// Calls `f` with [`stem_uncached`]'s stem of `word`, without allocating it for Arabic.
pub fn with_stem_uncached<R>(lang: Language, word: &str, f: impl FnOnce(&str) -> R) -> R {
    match lang.stemmer_algorithm() {
        Some(Algorithm::Arabic) => {
            arabic::with_stem(word, |stem| f(if stem.is_empty() { word } else { stem }))
        }
        _ => f(&stem_uncached(lang, word)),
    }
}

/// The stem of `word` by `alg`, or the word itself when the stemmer strips it whole.
fn stem_with(alg: Algorithm, word: &str) -> Cow<'_, str> {
    // Arabic has our own exact, faster implementation of the same Snowball algorithm (see
    // `arabic`); the other languages stay on rust-stemmers.
    let stem = match alg {
        Algorithm::Arabic => arabic::stem(word),
        _ => Stemmer::create(alg).stem(word),
    };
    match stem {
        stem if stem.is_empty() => Cow::Borrowed(word),
        stem => stem,
    }
}

/// What the cache knows about one word.
struct Entry {
    stem: Box<str>,
    /// Whether the word is a stop word of the language: the analyzer asks both questions of
    /// every word, and one look-up is cheaper than two.
    stop: bool,
}

struct Cache {
    maps: Vec<AHashMap<Box<str>, Entry>>,
    entries: usize,
}

impl Cache {
    fn new() -> Cache {
        Cache {
            maps: (0..Language::ALL.len()).map(|_| AHashMap::new()).collect(),
            entries: 0,
        }
    }

    fn clear(&mut self) {
        // Drop the maps rather than `clear()` them so their capacity is released too.
        *self = Cache::new();
    }
}

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::new(Cache::new());
}

/// Looks `word` up in this thread's cache (filling it on a miss) and calls `f` with the entry.
/// Falls back to computing the entry afresh when the cache is busy (re-entrant call) or the
/// word is too long to be worth caching.
#[inline]
fn with_entry<R>(lang: Language, alg: Algorithm, word: &str, f: impl FnOnce(&str, bool) -> R) -> R {
    if word.len() > MAX_CACHED_WORD {
        return f(&stem_with(alg, word), is_stopword(lang, word));
    }
    CACHE.with(|cell| {
        let Ok(mut cache) = cell.try_borrow_mut() else {
            return f(&stem_with(alg, word), is_stopword(lang, word));
        };
        if let Some(e) = cache.maps[lang.index()].get(word) {
            return f(&e.stem, e.stop);
        }
        if cache.entries >= CACHE_CAPACITY {
            cache.clear();
        }
        let entry = Entry {
            stem: stem_with(alg, word).into(),
            stop: is_stopword(lang, word),
        };
        cache.entries += 1;
        let e = cache.maps[lang.index()].entry(word.into()).or_insert(entry);
        f(&e.stem, e.stop)
    })
}

/// Calls `f` with the stem of `word` (normalised, lowercase) in `lang`, using this thread's
/// cache. `Other` passes the word through unchanged. Re-entrant: if `f` stems again, the inner
/// call simply bypasses the cache.
#[inline]
pub fn with_stem<R>(lang: Language, word: &str, f: impl FnOnce(&str) -> R) -> R {
    match lang.stemmer_algorithm() {
        Some(alg) => with_entry(lang, alg, word, |s, _| f(s)),
        None => f(word),
    }
}

/// Calls `f` with the stem of `word` (normalised, lowercase) unless it is a stop word of `lang`
/// (see [`is_stopword`]); one cache look-up answers both. Returns whether `f` was called.
/// `Other` has no stop words and no stemmer: `f` gets the word itself.
#[inline]
pub fn with_stem_unless_stopword(lang: Language, word: &str, f: impl FnOnce(&str)) -> bool {
    match lang.stemmer_algorithm() {
        Some(alg) => with_entry(lang, alg, word, |s, stop| {
            if !stop {
                f(s);
            }
            !stop
        }),
        None => {
            f(word);
            true
        }
    }
}

/// The stem of `word` in `lang`, through the cache, as an owned string.
pub fn stem(lang: Language, word: &str) -> String {
    with_stem(lang, word, str::to_string)
}

/// Entries in this thread's cache (for tests and diagnostics).
pub fn cached_entries() -> usize {
    CACHE.with(|c| c.borrow().entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fuzz regression (`text` target): Snowball strips some words whole, and an empty term
    /// reached the shingles.
    #[test]
    fn no_word_stems_to_nothing() {
        let text = "\u{6}\0 ετε";
        let analyzer = crate::text::Analyzer::new(crate::text::AnalyzerKind::Auto);
        for lang in Language::ALL {
            analyzer.for_each_term(text, lang, |t| assert!(!t.is_empty(), "{lang:?}"));
        }
        assert_eq!(stem_uncached(Language::Greek, "ετε"), "ετε");
        assert_eq!(stem(Language::Greek, "ετε"), "ετε");
    }

    #[test]
    fn table() {
        let cases: &[(Language, &str, &str)] = &[
            (Language::English, "running", "run"),
            (Language::English, "connections", "connect"),
            (Language::French, "continuellement", "continuel"),
            (Language::German, "häuser", "haus"),
            (Language::Russian, "книгами", "книг"),
            (Language::Other, "running", "running"),
        ];
        for (lang, word, want) in cases {
            assert_eq!(stem(*lang, word), *want, "{lang:?} {word}");
            assert_eq!(stem_uncached(*lang, word), *want, "{lang:?} {word}");
        }
    }

    #[test]
    fn arabic_words_are_stemmed() {
        // Normalised forms (no hamza on alef, ta marbuta as heh).
        for word in ["المدرسه", "بالمدرسه", "المعلمون", "يكتبون"] {
            let s = stem(Language::Arabic, word);
            assert!(!s.is_empty() && s.len() < word.len(), "{word} -> {s}");
        }
        assert_eq!(
            stem(Language::Arabic, "الكتاب"),
            stem(Language::Arabic, "كتاب")
        );
        assert_eq!(stem(Language::Arabic, "المعلمون"), "معلم");
    }

    #[test]
    fn cache_gives_the_uncached_result() {
        let words = [
            "running", "runs", "ran", "running", "easily", "fairly", "runs",
        ];
        for lang in [Language::English, Language::Arabic, Language::Turkish] {
            for w in words
                .iter()
                .chain(["المدرسه", "المعلمون", "المدرسه"].iter())
            {
                let uncached = stem_uncached(lang, w).into_owned();
                assert_eq!(stem(lang, w), uncached);
                assert_eq!(stem(lang, w), uncached, "second (cached) call");
            }
        }
        assert!(cached_entries() > 0);
        let long = "a".repeat(200);
        assert_eq!(
            stem(Language::English, &long),
            stem_uncached(Language::English, &long)
        );
    }

    #[test]
    fn stop_words_are_skipped_with_one_look_up() {
        let mut got = Vec::new();
        for w in ["the", "running", "the", "of", "running"] {
            with_stem_unless_stopword(Language::English, w, |s| got.push(s.to_string()));
        }
        assert_eq!(got, ["run", "run"]);
        // A stop word is still stemmed when asked for its stem.
        assert_eq!(stem(Language::English, "the"), "the");
        let mut other = Vec::new();
        with_stem_unless_stopword(Language::Other, "the", |s| other.push(s.to_string()));
        assert_eq!(other, ["the"]);
    }

    #[test]
    fn reentrant_calls_do_not_panic() {
        let outer = with_stem(Language::English, "running", |s| {
            let inner = with_stem(Language::English, "jumping", str::to_string);
            format!("{s}+{inner}")
        });
        assert_eq!(outer, "run+jump");
    }
}
