//! Extractive summaries: page furniture kept out, TF-IDF sentence scoring against the group's
//! centroid with position and length priors, maximal-marginal-relevance selection, output in
//! source order with provenance.
//!
//! The stage takes plain values (texts, their languages, an [`Idf`] learned over the batch)
//! and returns plain values ([`Chosen`] sentences); it knows nothing of files or clusters.
//! Two ways in: [`Summarizer::summarize`] analyses a group's texts on the spot (the digest,
//! whose IDF and furniture come from its own pass over the batch), and [`prepare`] analyses a
//! batch once — layout, terms, IDF, furniture — for [`Summarizer::summarize_analysed`].

mod analysed;
mod batch;
mod furniture;
mod keywords;
mod score;
mod select;

pub use crate::tfidf::{Idf, SparseVector, cosine};
pub use analysed::Analysed;
pub use batch::{Prepared, prepare};
pub use furniture::{
    ArticleSentence, Furniture, Layout, LineStats, NormalizedSentence, article_sentences, headline,
};
pub use score::{ScoreWeights, Scored, SentenceTerms, score_sentences};
pub use select::{Budget, select};

use crate::text::{Analyzer, Language};
use crate::tfidf::term_key;

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
    /// Position of its document in the group given to [`Summarizer::summarize`].
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
    /// Only the article sentences are analysed, through the analyzer (whose per-thread stem
    /// cache stays warm from one group to the next).
    pub fn summarize(&self, group: &[SummaryDoc], budget: Budget) -> Vec<Chosen> {
        let texts: Vec<&str> = group.iter().map(|d| d.text).collect();
        self.choose(&texts, self.article_terms(group), budget)
    }

    /// [`summarize`](Self::summarize) and [`keywords`](Self::keywords) of one group from one
    /// analysis of its texts (a digest entry needs both).
    pub fn summarize_with_keywords(
        &self,
        group: &[SummaryDoc],
        budget: Budget,
        k: usize,
    ) -> (Vec<Chosen>, Vec<String>) {
        let docs = self.article_terms(group);
        let keywords = keywords::keywords(group, &docs, self.analyzer, self.idf, k);
        let texts: Vec<&str> = group.iter().map(|d| d.text).collect();
        (self.choose(&texts, docs, budget), keywords)
    }

    /// Top `k` keywords of a group by summed TF-IDF, for display.
    pub fn keywords(&self, group: &[SummaryDoc], k: usize) -> Vec<String> {
        let docs = self.article_terms(group);
        keywords::keywords(group, &docs, self.analyzer, self.idf, k)
    }

    /// The article sentences of each document of a group (furniture left out), with their
    /// words and term keys.
    fn article_terms(&self, group: &[SummaryDoc]) -> Vec<Vec<SentenceTerms<'static>>> {
        group
            .iter()
            .map(|d| {
                let mut words = Vec::new();
                let layout = Layout::of_with(d.text, |_, s| words.push(s.word_count()));
                article_sentences(d.text, &layout, self.furniture)
                    .into_iter()
                    .map(|a| {
                        let text = &d.text[a.range.clone()];
                        let mut keys = Vec::new();
                        self.analyzer
                            .for_each_term(text, d.lang, |t| keys.push(term_key(t)));
                        SentenceTerms {
                            words: words[a.index],
                            keys: keys.into(),
                            sentence: a,
                        }
                    })
                    .collect()
            })
            .collect()
    }

    /// The summary of a group of documents analysed beforehand (see [`prepare`]).
    pub fn summarize_analysed(&self, group: &[&Analysed], budget: Budget) -> Vec<Chosen> {
        let docs = group
            .iter()
            .map(|d| {
                article_sentences(d.text, &d.layout, self.furniture)
                    .into_iter()
                    .map(|a| SentenceTerms {
                        words: d.words(a.index),
                        keys: d.keys(a.index).into(),
                        sentence: a,
                    })
                    .collect()
            })
            .collect();
        let texts: Vec<&str> = group.iter().map(|d| d.text).collect();
        self.choose(&texts, docs, budget)
    }

    /// Scores and selects among the analysed article sentences of a group.
    fn choose(&self, texts: &[&str], docs: Vec<Vec<SentenceTerms>>, budget: Budget) -> Vec<Chosen> {
        let scored = score_sentences(docs, &self.weights, self.idf);
        select(scored, budget, self.weights.mmr_lambda)
            .into_iter()
            .map(|c| Chosen {
                doc: c.doc,
                sentence: c.sentence,
                text: texts[c.doc][c.range].to_string(),
                score: c.score,
            })
            .collect()
    }
}
