//! Sentence scoring: TF-IDF similarity to the group's centroid, a position prior (news puts
//! the lead first) and a length prior.

use std::ops::Range;

use super::furniture::ArticleSentence;
use crate::tfidf::{Idf, SparseVector, cosine};

/// How the parts of a sentence's score are weighed.
///
/// The position prior follows where readers pick summary sentences: the article's first
/// sentence scores 1, every other sentence `later * (1 - position / sentences)`, falling
/// with its *relative* place in the article. In EASC's five human summaries per article
/// (`../shared/eval/easc-dev`), the lead is picked 64% of the time, a later sentence in the
/// first fifth of the article about 40%, one in its second half about 24%; paragraph
/// openers are picked no more often than other sentences (28% against 31%), so paragraphs
/// play no part.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoreWeights {
    /// Weight of the cosine to the group centroid.
    pub centroid: f64,
    /// Weight of the position prior.
    pub position: f64,
    /// Scale of the prior for every sentence but the first.
    pub later: f64,
    /// Sentences shorter than this many words are scaled down in proportion.
    pub min_words: usize,
    /// Sentences longer than this many words are scaled down in proportion. Readers rarely
    /// take a long sentence into a summary: in EASC's first 40% of articles, sentences of
    /// 40–50 words are picked 58% of the time, 50–60 words 44%, 60–80 words 19% and longer
    /// ones never; their words match the human summaries less too (41% against 58%).
    pub max_words: usize,
    /// Maximal marginal relevance: weight of the score against redundancy with what is chosen.
    pub mmr_lambda: f64,
}

impl Default for ScoreWeights {
    fn default() -> Self {
        ScoreWeights {
            centroid: 0.15,
            position: 1.0,
            later: 0.9,
            min_words: 4,
            max_words: 50,
            mmr_lambda: 0.9,
        }
    }
}

impl ScoreWeights {
    /// The position prior of the sentence at `position` among an article's `sentences`.
    pub fn position_prior(&self, position: usize, sentences: usize) -> f64 {
        if position == 0 {
            return 1.0;
        }
        self.later * (1.0 - position as f64 / sentences.max(1) as f64)
    }
}

/// An article sentence with its analysis, as scoring takes it.
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceTerms {
    /// Where it stands in its article.
    pub sentence: ArticleSentence,
    /// Its words.
    pub words: usize,
    /// Its term keys.
    pub keys: Vec<u64>,
}

/// A candidate sentence with its score and what selection needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// Position of its document in the group.
    pub doc: usize,
    /// Index among `split_sentences` of that document.
    pub sentence: usize,
    /// Rank among the article's sentences (0 = lead).
    pub position: usize,
    /// Number of sentences in the article.
    pub sentences: usize,
    /// Byte range in the document's text.
    pub range: Range<usize>,
    /// Words in the sentence.
    pub words: usize,
    /// Its TF-IDF vector.
    pub vector: SparseVector,
    /// Its score.
    pub score: f64,
}

/// Scores every article sentence of a group (one list of sentences per document).
pub fn score_sentences(group: Vec<Vec<SentenceTerms>>, w: &ScoreWeights, idf: &Idf) -> Vec<Scored> {
    let mut sentences = Vec::new();
    let mut doc_vectors = Vec::new();
    for (doc, sents) in group.into_iter().enumerate() {
        let mut doc_keys: Vec<u64> = Vec::with_capacity(sents.iter().map(|s| s.keys.len()).sum());
        doc_keys.extend(sents.iter().flat_map(|s| s.keys.iter().copied()));
        doc_vectors.push(SparseVector::from_keys(doc_keys, idf));
        let n = sents.len();
        for s in sents {
            let a = s.sentence;
            sentences.push(Scored {
                doc,
                sentence: a.index,
                position: a.position,
                sentences: n,
                range: a.range,
                words: s.words,
                vector: SparseVector::from_keys(s.keys, idf),
                score: 0.0,
            });
        }
    }
    let centroid = SparseVector::centroid(&doc_vectors);
    for sc in &mut sentences {
        let content = cosine(&sc.vector, &centroid);
        let position = w.position_prior(sc.position, sc.sentences);
        let length = if sc.words < w.min_words {
            sc.words as f64 / w.min_words as f64
        } else if sc.words > w.max_words {
            w.max_words as f64 / sc.words as f64
        } else {
            1.0
        };
        sc.score = (w.centroid * content + w.position * position) * length;
    }
    sentences
}
