//! The analyzer: text in, terms out.

use super::Language;

/// Which analysis chain to run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum AnalyzerKind {
    /// Per-language normalisation, stop words and Snowball stems.
    #[default]
    Auto,
    /// Lowercase, maximal runs of Unicode alphanumerics, nothing else (for comparisons).
    Plain,
}

/// Turns text into terms. Cheap to share across threads.
#[derive(Debug, Clone)]
pub struct Analyzer {
    kind: AnalyzerKind,
}

impl Analyzer {
    /// An analyzer of the given kind.
    pub fn new(kind: AnalyzerKind) -> Self {
        Analyzer { kind }
    }

    /// The kind this analyzer runs.
    pub fn kind(&self) -> AnalyzerKind {
        self.kind
    }

    /// The language the analyzer will treat `text` as (`Other` for the plain analyzer).
    pub fn language(&self, text: &str) -> Language {
        let _ = text;
        todo!()
    }

    /// Calls `f` with each term of `text`, in order, without allocating per term.
    pub fn for_each_term(&self, text: &str, lang: Language, mut f: impl FnMut(&str)) {
        let _ = (text, lang, &mut f);
        todo!()
    }

    /// The terms of `text`, in order.
    pub fn terms(&self, text: &str, lang: Language) -> Vec<String> {
        let mut out = Vec::new();
        self.for_each_term(text, lang, |t| out.push(t.to_string()));
        out
    }
}
