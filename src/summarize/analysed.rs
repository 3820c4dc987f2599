//! A document analysed once for summarising: its layout (lines, sentences, headline) and the
//! term keys and word count of every sentence, so IDF, furniture learning and scoring all
//! read one analysis.

use std::ops::Range;

use super::furniture::Layout;
use crate::text::{Language, TermKeys};
use crate::tfidf::dedup_sorted;

/// A document analysed once (see the module docs).
#[derive(Debug, Clone)]
pub struct Analysed<'a> {
    /// The full text.
    pub text: &'a str,
    /// Its language.
    pub lang: Language,
    /// Its lines and sentences.
    pub layout: Layout,
    /// The term keys of every sentence, one after the other.
    keys: Vec<u64>,
    /// Where each sentence's keys are in `keys`.
    spans: Vec<Range<usize>>,
    /// Words in each sentence ([`NormalizedSentence::word_count`](super::NormalizedSentence::word_count)).
    words: Vec<usize>,
}

impl<'a> Analysed<'a> {
    /// Lays out `text` and analyses each of its sentences once.
    pub fn new(text: &'a str, lang: Language, terms: &mut TermKeys) -> Analysed<'a> {
        let mut keys = Vec::new();
        let mut spans = Vec::new();
        let mut words = Vec::new();
        // An Arabic text's sentences are normalised and tokenised once, for their line keys and
        // their terms.
        let shared = terms.takes_arabic_normalized(lang);
        let layout = Layout::of_with(text, |_, sentence| {
            words.push(sentence.word_count());
            if shared {
                let start = keys.len();
                terms.for_each_word_of(sentence.words(), lang, |k| keys.push(k));
                spans.push(start..keys.len());
            }
        });
        if !shared {
            for range in &layout.sentences {
                let start = keys.len();
                terms.for_each(&text[range.clone()], lang, |k| keys.push(k));
                spans.push(start..keys.len());
            }
        }
        Analysed {
            text,
            lang,
            layout,
            keys,
            spans,
            words,
        }
    }

    /// The term keys of sentence `i` (an index into `layout.sentences`), in text order.
    pub fn keys(&self, i: usize) -> &[u64] {
        &self.keys[self.spans[i].clone()]
    }

    /// The words of sentence `i`.
    pub fn words(&self, i: usize) -> usize {
        self.words[i]
    }

    /// Whether the text has any term (a text without one is `Empty` to dedup).
    pub fn has_terms(&self) -> bool {
        !self.keys.is_empty()
    }

    /// Appends the distinct term keys of the whole text to `out`, sorted, for document
    /// frequencies (one buffer for a whole batch, not a vector per document).
    pub fn append_distinct_keys(&self, out: &mut Vec<u64>) {
        let start = out.len();
        out.extend_from_slice(&self.keys);
        let tail = &mut out[start..];
        tail.sort_unstable();
        // `Vec::dedup` would also join this text's first key to the previous text's last.
        let kept = dedup_sorted(tail);
        out.truncate(start + kept);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Analyzer, AnalyzerKind};
    use crate::tfidf::term_key;

    #[test]
    fn each_sentence_has_the_keys_of_its_terms_and_the_text_has_them_all() {
        let analyzer = Analyzer::new(AnalyzerKind::Auto);
        let mut terms = TermKeys::new(&analyzer);
        let text = "Leaders meet\nThe two leaders met on Friday. Trade grew.";
        let a = Analysed::new(text, Language::English, &mut terms);
        assert_eq!(a.layout.sentences.len(), 3);
        let want: Vec<u64> = analyzer
            .terms("The two leaders met on Friday.", Language::English)
            .iter()
            .map(|t| term_key(t))
            .collect();
        assert_eq!(a.keys(1), want.as_slice());
        assert_eq!(a.words(1), 6);
        assert_eq!(a.words(2), 2);
        let mut all: Vec<u64> = analyzer
            .terms(text, Language::English)
            .iter()
            .map(|t| term_key(t))
            .collect();
        all.sort_unstable();
        all.dedup();
        // Appended after a key the text also has, the text's own are all there, once each.
        let mut appended = vec![all[0]];
        a.append_distinct_keys(&mut appended);
        assert_eq!(appended[1..], all[..]);
        assert!(a.has_terms());
    }

    #[test]
    fn an_arabic_text_analysed_in_one_pass_has_the_terms_of_each_sentence_analysed_alone() {
        let analyzer = Analyzer::new(AnalyzerKind::Auto);
        let text = "قال الوزير إنّ الاتفاق تمّ في الرياض.\nوأضاف: «سنعود غداً.» ثم غادر!\nالمصدر: واس";
        let mut terms = TermKeys::new(&analyzer);
        let a = Analysed::new(text, Language::Arabic, &mut terms);
        assert!(a.layout.sentences.len() >= 4);
        for (i, range) in a.layout.sentences.iter().enumerate() {
            let want: Vec<u64> = analyzer
                .terms(&text[range.clone()], Language::Arabic)
                .iter()
                .map(|t| term_key(t))
                .collect();
            assert_eq!(a.keys(i), want.as_slice(), "sentence {i}");
            let mut norm = String::new();
            crate::text::normalize::arabic(&text[range.clone()], &mut norm);
            assert_eq!(a.words(i), crate::text::tokenize::words(&norm).count());
        }
    }

    #[test]
    fn a_tatweel_written_as_a_dash_is_no_word() {
        let analyzer = Analyzer::new(AnalyzerKind::Auto);
        let mut terms = TermKeys::new(&analyzer);
        // The raw text has a word run "ـ" (tatweel is a letter to Unicode); normalised, as
        // ROUGE and search read it, the sentence has four words.
        let text = "مدير المركز ـ مستشفى جدة";
        let a = Analysed::new(text, Language::Arabic, &mut terms);
        assert_eq!(crate::text::tokenize::words(text).count(), 5);
        assert_eq!(a.words(0), 4);
    }
}
