//! The digest's content as plain data: what every writer (markdown, JSONL, HTML) renders.

use std::borrow::Cow;

use serde::Serialize;

use super::Tally;
use crate::text::{CLAUSE_ENDS, LONG_SENTENCE_WORDS};

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

impl EntrySentence {
    /// The text as the Markdown and HTML digests show it: a clause cut from a long sentence
    /// (or a line the source broke off) ends on its comma or semicolon, which reads as a typo
    /// in a bullet; it ends in an ellipsis instead, as a quoted excerpt does. A sentence still
    /// longer than [`LONG_SENTENCE_WORDS`] words, having no clause to cut (a poem or a column
    /// printed without punctuation, up to 594 words in the SaudiNewsNet digest), is shown to
    /// that word and an ellipsis, so no bullet is a wall of text. `text` itself, which
    /// `digest.jsonl` carries, stays as written, so a consumer can find it in the source.
    pub fn shown_text(&self) -> Cow<'_, str> {
        let trimmed = self.text.trim_end();
        let head = first_words(trimmed, LONG_SENTENCE_WORDS);
        let shown = head.unwrap_or(trimmed);
        match shown.strip_suffix(CLAUSE_ENDS) {
            Some(clause) => Cow::Owned(format!("{}…", clause.trim_end())),
            None if head.is_some() => Cow::Owned(format!("{shown}…")),
            None => Cow::Borrowed(&self.text),
        }
    }
}

/// The start of `text` up to the end of its `n`th word (white-space separated), when more
/// words follow.
fn first_words(text: &str, n: usize) -> Option<&str> {
    let mut words = 0;
    let mut in_word = false;
    for (at, c) in text.char_indices() {
        if c.is_whitespace() {
            if in_word {
                words += 1;
                if words == n {
                    return (!text[at..].trim_start().is_empty()).then_some(&text[..at]);
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    None
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

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(text: &str) -> EntrySentence {
        EntrySentence {
            text: text.to_string(),
            id: "a".to_string(),
            sentence: 0,
        }
    }

    #[test]
    fn a_clause_ending_on_a_comma_is_shown_with_an_ellipsis() {
        assert_eq!(
            sentence("وصل الوفد إلى الرياض أمس، ").shown_text(),
            "وصل الوفد إلى الرياض أمس…"
        );
        assert_eq!(
            sentence("The delegation arrived ,").shown_text(),
            "The delegation arrived…"
        );
    }

    #[test]
    fn a_sentence_too_long_to_read_is_shown_to_its_hundredth_word() {
        let poem: Vec<String> = (0..150).map(|i| format!("بيت{i}")).collect();
        let shown = sentence(&poem.join(" ")).shown_text().into_owned();
        assert_eq!(shown, format!("{}…", poem[..LONG_SENTENCE_WORDS].join(" ")));
        // Cut after a comma, it reads as a clause.
        let commas: Vec<String> = (0..150).map(|i| format!("w{i},")).collect();
        let shown = sentence(&commas.join(" ")).shown_text().into_owned();
        assert_eq!(
            shown,
            format!("{}…", commas[..100].join(" ").trim_end_matches(','))
        );
        // A hundred words and trailing space are shown whole.
        let whole = format!("{} \n", poem[..LONG_SENTENCE_WORDS].join(" "));
        assert_eq!(sentence(&whole).shown_text(), whole);
    }

    #[test]
    fn a_whole_sentence_is_shown_as_written() {
        for text in ["وصل الوفد إلى الرياض أمس.", "Done!", "، واحد", ""] {
            assert_eq!(sentence(text).shown_text(), text);
        }
    }
}
