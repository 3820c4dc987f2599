//! Extractive summaries: page furniture kept out, TF-IDF sentence scoring against the group's
//! centroid with position and length priors, maximal-marginal-relevance selection, output in
//! source order with provenance.
//!
//! The stage takes plain values (texts, their languages, an [`Idf`] learned over the batch)
//! and returns plain values ([`Chosen`] sentences); it knows nothing of files or clusters.

mod furniture;
mod keywords;
mod score;
mod select;

pub use crate::tfidf::{Idf, SparseVector, cosine};
pub use furniture::{Furniture, LineStats, article_sentences, headline};
pub use score::{ScoreWeights, Scored, score_sentences};
pub use select::{Budget, select};

use crate::text::{Analyzer, Language};

/// One document of a group to summarise.
#[derive(Debug, Clone, Copy)]
pub struct SummaryDoc<'a> {
    /// The full text.
    pub text: &'a str,
    /// Its language (from the analyzer).
    pub lang: Language,
}

/// A sentence chosen for a summary, with where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Chosen {
    /// Position of its document in the group given to [`summarize`].
    pub doc: usize,
    /// Index of the sentence among `text::split_sentences` of that document's text.
    pub sentence: usize,
    /// The sentence as written in the source.
    pub text: String,
    /// Its score.
    pub score: f64,
}

/// What summarising needs besides the group: analysis, IDF over the batch, learned furniture.
#[derive(Debug, Clone)]
pub struct Summarizer<'a> {
    /// Turns sentences into terms.
    pub analyzer: &'a Analyzer,
    /// Inverse document frequencies over the batch (and archive).
    pub idf: &'a Idf,
    /// Lines learned to be page furniture.
    pub furniture: &'a Furniture,
    /// Scoring weights.
    pub weights: ScoreWeights,
}

impl Summarizer<'_> {
    /// The summary of a group of documents (one or many) within `budget`, in source order.
    pub fn summarize(&self, group: &[SummaryDoc], budget: Budget) -> Vec<Chosen> {
        let scored = score_sentences(group, self);
        select(scored, budget, self.weights.mmr_lambda)
    }

    /// Top `k` keywords of a group by summed TF-IDF, for display.
    pub fn keywords(&self, group: &[SummaryDoc], k: usize) -> Vec<String> {
        keywords::keywords(group, self.analyzer, self.idf, self.furniture, k)
    }
}
