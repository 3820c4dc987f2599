//! Where a digest's documents are looked up: the whole batch in memory, or the share of them
//! a staged task was routed.

use crate::corpus::Document;
use crate::text::Language;

/// One document's fields, as building entries reads them.
#[derive(Debug, Clone, Copy)]
pub struct DocRef<'a> {
    /// Its id.
    pub id: &'a str,
    /// Its text.
    pub text: &'a str,
    /// Its headline.
    pub title: Option<&'a str>,
    /// Its outlet.
    pub source: Option<&'a str>,
    /// Its date as written.
    pub date: Option<&'a str>,
    /// Its link.
    pub url: Option<&'a str>,
    /// The language it was analysed as.
    pub lang: Language,
}

impl<'a> DocRef<'a> {
    /// The fields of `doc`, analysed as `lang`.
    pub fn of(doc: &'a Document, lang: Language) -> DocRef<'a> {
        DocRef {
            id: &doc.id,
            text: &doc.text,
            title: doc.title.as_deref(),
            source: doc.source.as_deref(),
            date: doc.date.as_deref(),
            url: doc.url.as_deref(),
            lang,
        }
    }
}

/// Documents by their number in the run (their position among the run's documents).
pub trait DocLookup: Sync {
    /// Document `d`. Callers ask only for documents the lookup holds (a staged task checks
    /// its share is complete before it starts).
    fn doc(&self, d: u32) -> DocRef<'_>;
}
