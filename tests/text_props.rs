//! Property tests for the text module: sentence ranges always tile the text sensibly, and the
//! analyzers never panic, whatever the input.

use khulasa::text::{Analyzer, AnalyzerKind, Language, split_sentences};
use proptest::prelude::*;

/// Strings biased towards the characters the segmenter cares about, mixed with arbitrary ones.
fn tricky_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just(".".to_string()),
        Just("...".to_string()),
        Just("?!".to_string()),
        Just("؟".to_string()),
        Just("؛".to_string()),
        Just("…".to_string()),
        Just(" ".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\u{2029}".to_string()),
        Just("«".to_string()),
        Just("»".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("\"".to_string()),
        Just(")".to_string()),
        Just("Mr".to_string()),
        Just("J".to_string()),
        Just("e.g".to_string()),
        Just("3".to_string()),
        Just("د".to_string()),
        Just("كلمة".to_string()),
        Just("word".to_string()),
        Just("\u{200F}".to_string()),
        any::<char>().prop_map(|c| c.to_string()),
        "\\PC{0,4}",
    ];
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

fn check_ranges(text: &str) -> Result<(), TestCaseError> {
    let ranges = split_sentences(text);
    let mut prev_end = 0;
    for r in &ranges {
        prop_assert!(r.start < r.end, "empty range {r:?}");
        prop_assert!(r.end <= text.len());
        prop_assert!(r.start >= prev_end, "overlap or disorder at {r:?}");
        prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        let s = &text[r.clone()];
        prop_assert_eq!(s.trim(), s, "not trimmed");
        prev_end = r.end;
    }
    for (i, c) in text.char_indices() {
        if !c.is_whitespace() {
            prop_assert!(
                ranges.iter().any(|r| r.contains(&i)),
                "char {c:?} at {i} is in no sentence"
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn sentence_ranges_tile_arbitrary_strings(text in "\\PC{0,200}") {
        check_ranges(&text)?;
    }

    #[test]
    fn sentence_ranges_tile_tricky_strings(text in tricky_text()) {
        check_ranges(&text)?;
    }

    #[test]
    fn sentence_ranges_tile_long_runs_of_clauses(
        clauses in prop::collection::vec((1usize..40, prop::sample::select(vec!["، ", ", ", "،", " ", "، و "])), 1..12),
        arabic in any::<bool>(),
    ) {
        let word = if arabic { "كلمة" } else { "word" };
        let mut text = String::new();
        for (words, joint) in clauses {
            text.push('و');
            text.push_str(&vec![word; words].join(" "));
            text.push_str(joint);
        }
        check_ranges(&text)?;
    }

    #[test]
    fn sentence_ranges_tile_any_chars(chars in prop::collection::vec(any::<char>(), 0..100)) {
        let text: String = chars.into_iter().collect();
        check_ranges(&text)?;
    }

    #[test]
    fn for_each_term_never_panics(
        chars in prop::collection::vec(any::<char>(), 0..120),
        lang in prop::sample::select(Language::ALL.to_vec()),
    ) {
        let text: String = chars.into_iter().collect();
        for kind in [AnalyzerKind::Plain, AnalyzerKind::Auto] {
            let a = Analyzer::new(kind);
            let detected = a.language(&text);
            let mut n = 0usize;
            a.for_each_term(&text, lang, |t| { assert!(!t.is_empty()); n += 1; });
            a.for_each_term(&text, detected, |_| n += 1);
        }
    }

    #[test]
    fn for_each_term_never_panics_on_tricky_text(text in tricky_text()) {
        for kind in [AnalyzerKind::Plain, AnalyzerKind::Auto] {
            let a = Analyzer::new(kind);
            for lang in [Language::Arabic, Language::English, Language::Greek, Language::Other] {
                a.for_each_term(&text, lang, |t| assert!(!t.is_empty()));
            }
        }
    }
}
