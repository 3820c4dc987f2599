//! The digest's content as plain data: what every writer (markdown, JSONL, HTML) renders.

use serde::Serialize;

use super::Tally;

/// One article of an entry's coverage.
#[derive(Debug, Clone, PartialEq, Serialize, bincode::Encode, bincode::Decode)]
pub struct EntryMember {
    /// The article id.
    pub id: String,
    /// Its outlet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Its date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Its link.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Exact Jaccard similarity to its copy cluster's representative (1 for a representative).
    pub jaccard: f64,
    /// The representative this article is a copy of; absent for representatives.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copy_of: Option<String>,
}

/// One summary sentence with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize, bincode::Encode, bincode::Decode)]
pub struct EntrySentence {
    /// The sentence as written in its source.
    pub text: String,
    /// The article it comes from.
    pub id: String,
    /// Its index among `text::split_sentences` of that article.
    pub sentence: usize,
}

/// One digest entry: a story (several outlets, one event), a cluster of copies, or an article
/// with neither.
#[derive(Debug, Clone, PartialEq, Serialize, bincode::Encode, bincode::Decode)]
pub struct DigestEntry {
    /// Position in the digest, from 1.
    pub entry: usize,
    /// The story number in `stories.jsonl`, for stories.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub story: Option<usize>,
    /// The cluster number in `clusters.jsonl`, for clusters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster: Option<usize>,
    /// The headline shown.
    pub title: String,
    /// The representative's id.
    pub representative: String,
    /// ISO 639-1 code of the representative's language (`und` when unknown).
    pub lang: String,
    /// Number of articles.
    pub size: usize,
    /// Why its articles are one story: the evidence they share.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
    /// The articles: each representative followed by its copies.
    pub members: Vec<EntryMember>,
    /// The summary, in source order.
    pub summary: Vec<EntrySentence>,
    /// Top keywords.
    pub keywords: Vec<String>,
}

/// What the digest says about the whole run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DigestHeader {
    /// Records per status.
    #[serde(skip)]
    pub tally: Tally,
    /// Clusters of two or more.
    pub clusters: usize,
    /// Stories of two or more units.
    pub stories: usize,
    /// Articles per source, most first.
    pub sources: Vec<(String, usize)>,
    /// Earliest and latest date seen.
    pub span: Option<(String, String)>,
}
