//! Text analysis: language detection, per-script normalisation, tokenisation, stop words,
//! Snowball stems, logical lines (hard wrapping undone) and sentence segmentation.
//!
//! An [`Analyzer`] is a chain: normalise → word runs → drop stop words → stem, chosen per
//! document language; `plain` is lowercase alphanumeric runs and nothing else.

mod analyzer;
pub mod keyphrases;
mod language;
pub mod lines;
pub mod links;
pub mod list_items;
pub mod normalize;
pub mod prose;
mod sentences;
pub mod stem;
pub mod stopwords;
mod term_keys;
pub mod tokenize;
pub mod word_forms;

pub use analyzer::{Analyzer, AnalyzerKind};
pub use language::{Language, detect_language};
pub use lines::{lines_and_soft_breaks, logical_lines};
pub use sentences::{
    CLAUSE_ENDS, LONG_SENTENCE_WORDS, is_arabic_letter_name, split_sentences, split_sentences_with,
};
pub use term_keys::TermKeys;
