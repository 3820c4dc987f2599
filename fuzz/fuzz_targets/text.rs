//! The analyzer, sentence splitting, logical lines and normalisers on any text: no panic,
//! and every range returned is in bounds, on character boundaries and in order.
#![no_main]

use std::ops::Range;

use khulasa::text::{
    Analyzer, AnalyzerKind, Language, logical_lines, normalize, split_sentences, word_count,
};
use libfuzzer_sys::fuzz_target;

fn check_ranges(text: &str, ranges: &[Range<usize>], what: &str) {
    let mut end = 0;
    for r in ranges {
        assert!(
            r.start >= end && r.start <= r.end,
            "{what}: {r:?} after {end}"
        );
        assert!(
            text.get(r.clone()).is_some(),
            "{what}: {r:?} not a char range"
        );
        end = r.end;
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let text = text.as_ref();

    let auto = Analyzer::new(AnalyzerKind::Auto);
    let detected = auto.language(text);
    // The detected language, and one picked by the input, so every stemmer sees any text.
    let picked = Language::ALL[usize::from(pick) % Language::ALL.len()];
    for lang in [detected, picked] {
        auto.for_each_term(text, lang, |t| assert!(!t.is_empty(), "empty term"));
        let mut out = String::new();
        normalize::for_language(lang, text, &mut out);
    }
    let plain = Analyzer::new(AnalyzerKind::Plain);
    plain.for_each_term(text, Language::Other, |t| {
        assert!(!t.is_empty(), "empty term")
    });
    let mut out = String::new();
    normalize::arabic(text, &mut out);
    normalize::general(text, &mut out);

    let sentences = split_sentences(text);
    check_ranges(text, &sentences, "sentence");
    assert!(sentences.iter().all(|r| !r.is_empty()), "empty sentence");
    check_ranges(text, &logical_lines(text), "logical line");
    let _ = word_count(text);
});
