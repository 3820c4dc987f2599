//! The analyzer: text in, terms out.
//!
//! - `Auto`: [normalise](super::normalize) for the language → [word runs](super::tokenize) →
//!   drop [stop words](super::stopwords) → [Snowball stem](super::stem) (cached per thread).
//!   `Other` stops after the word runs.
//! - `Plain`: lowercase, then maximal runs of word characters, nothing else. It reproduces
//!   Python's `re.findall(r"\w+", text.lower())` minus the underscore, for side-by-side
//!   comparisons with Python tools: a word character is a letter (L*) or number (N*). That is
//!   `char::is_alphanumeric` minus the combining marks and the few symbols Unicode also calls
//!   alphabetic (circled and squared letters), which Python's `\w` does not match — so, as in
//!   Python, Arabic harakat split words (`جداً` → `جدا`).

use super::normalize;
use super::stem;
use super::tokenize::words;
use super::{Language, detect_language};
use std::cell::RefCell;
use unicode_normalization::char::is_combining_mark;

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

/// Normalisation buffers above this capacity are not kept for reuse.
const MAX_KEPT_BUFFER: usize = 1 << 22;

thread_local! {
    static NORM_BUF: RefCell<String> = const { RefCell::new(String::new()) };
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

    /// The language the analyzer will treat `text` as (`Other` for the plain analyzer, which
    /// does no detection).
    pub fn language(&self, text: &str) -> Language {
        match self.kind {
            AnalyzerKind::Auto => detect_language(text),
            AnalyzerKind::Plain => Language::Other,
        }
    }

    /// Calls `f` with each term of `text`, in order, without allocating per term. `lang` is
    /// ignored by the plain analyzer.
    pub fn for_each_term(&self, text: &str, lang: Language, mut f: impl FnMut(&str)) {
        match self.kind {
            AnalyzerKind::Plain => plain_terms(text, &mut f),
            AnalyzerKind::Auto => with_norm_buffer(|buf| {
                normalize::for_language(lang, text, buf);
                if lang == Language::Other {
                    words(buf).for_each(&mut f);
                    return;
                }
                for w in words(buf) {
                    stem::with_stem_unless_stopword(lang, w, &mut f);
                }
            }),
        }
    }

    /// The terms of `text`, in order.
    pub fn terms(&self, text: &str, lang: Language) -> Vec<String> {
        let mut out = Vec::new();
        self.for_each_term(text, lang, |t| out.push(t.to_string()));
        out
    }
}

/// Runs `f` with this thread's (cleared) normalisation buffer, or a fresh one if the callback
/// re-enters the analyzer.
fn with_norm_buffer(f: impl FnOnce(&mut String)) {
    NORM_BUF.with(|cell| match cell.try_borrow_mut() {
        Ok(mut buf) => {
            buf.clear();
            f(&mut buf);
            if buf.capacity() > MAX_KEPT_BUFFER {
                *buf = String::new();
            }
        }
        Err(_) => f(&mut String::new()),
    })
}

/// Python's `\w` minus the underscore (see the module documentation).
#[inline]
fn is_plain_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    match c {
        '\u{0620}'..='\u{064A}' | '\u{0660}'..='\u{0669}' => true,
        '\u{064B}'..='\u{065F}' => false,
        // Alphabetic in Unicode (Other_Alphabetic) but So, hence not `\w` in Python.
        '\u{24B6}'..='\u{24E9}' | '\u{1F130}'..='\u{1F149}' | '\u{1F150}'..='\u{1F169}' => false,
        '\u{1F170}'..='\u{1F189}' => false,
        _ => c.is_alphanumeric() && !is_combining_mark(c),
    }
}

/// Where the plain tokenizer is inside a word.
enum Run {
    /// Between words.
    Gap,
    /// In a word that is still a verbatim slice of the input, starting here.
    Verbatim(usize),
    /// In a word whose lowercase form differs from the input, being built in the buffer.
    Built,
}

/// The plain analyzer: lowercase, then word runs. Words already in lowercase (all of Arabic)
/// are passed as slices of `text`; others are built in one reused buffer.
fn plain_terms(text: &str, f: &mut impl FnMut(&str)) {
    let mut buf = String::new();
    let mut run = Run::Gap;
    let bytes = text.as_bytes();
    let mut i = 0;

    macro_rules! flush {
        ($end:expr) => {
            match std::mem::replace(&mut run, Run::Gap) {
                Run::Gap => {}
                Run::Verbatim(start) => f(&text[start..$end]),
                Run::Built => {
                    f(&buf);
                    buf.clear();
                }
            }
        };
    }

    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if b.is_ascii_lowercase() || b.is_ascii_digit() {
                match run {
                    Run::Gap => run = Run::Verbatim(i),
                    Run::Verbatim(_) => {}
                    Run::Built => buf.push(b as char),
                }
            } else if b.is_ascii_uppercase() {
                push_changed(text, &mut run, &mut buf, i, b.to_ascii_lowercase() as char);
            } else {
                flush!(i);
            }
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        let len = c.len_utf8();
        let unchanged = ('\u{0600}'..='\u{06FF}').contains(&c) || !c.is_alphabetic() || {
            let mut lower = c.to_lowercase();
            lower.next() == Some(c) && lower.next().is_none()
        };
        if unchanged && c != 'Σ' {
            if is_plain_word_char(c) {
                match run {
                    Run::Gap => run = Run::Verbatim(i),
                    Run::Verbatim(_) => {}
                    Run::Built => buf.push(c),
                }
            } else {
                flush!(i);
            }
        } else if c == 'Σ' {
            let after_letter = text[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic);
            let before_letter = text[i + len..]
                .chars()
                .next()
                .is_some_and(char::is_alphabetic);
            let lc = if after_letter && !before_letter {
                'ς'
            } else {
                'σ'
            };
            push_changed(text, &mut run, &mut buf, i, lc);
        } else {
            for lc in c.to_lowercase() {
                if is_plain_word_char(lc) {
                    push_changed(text, &mut run, &mut buf, i, lc);
                } else {
                    flush!(i);
                }
            }
        }
        i += len;
    }
    flush!(bytes.len());
}

/// Appends `lc`, the lowercase form of (part of) the input character at byte `i`, to the
/// current word, switching it to the buffer if it was a verbatim slice.
#[inline]
fn push_changed(text: &str, run: &mut Run, buf: &mut String, i: usize, lc: char) {
    match *run {
        Run::Gap => buf.clear(),
        Run::Verbatim(start) => {
            buf.clear();
            buf.push_str(&text[start..i]);
        }
        Run::Built => {}
    }
    *run = Run::Built;
    buf.push(lc);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: &str) -> Vec<String> {
        Analyzer::new(AnalyzerKind::Plain).terms(s, Language::Other)
    }

    fn auto(s: &str, lang: Language) -> Vec<String> {
        Analyzer::new(AnalyzerKind::Auto).terms(s, lang)
    }

    #[test]
    fn analyzer_is_send_sync_clone() {
        fn check<T: Send + Sync + Clone>() {}
        check::<Analyzer>();
    }

    #[test]
    fn plain_table() {
        // Expected values are what Python 3 gives for
        // [w for w in re.findall(r"\w+", s.lower()) for w in w.split("_") if w].
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            ("Hello, World!", &["hello", "world"]),
            ("snake_case and__more", &["snake", "case", "and", "more"]),
            ("ÉCOLE ÄRGER straße", &["école", "ärger", "straße"]),
            (
                "ذهب الولد إلى المدرسة.",
                &["ذهب", "الولد", "إلى", "المدرسة"],
            ),
            ("أيضاً جداً", &["أيضا", "جدا"]),
            ("مُحَمَّد", &["م", "ح", "م", "د"]),
            ("عام ٢٠٢٤ و2024", &["عام", "٢٠٢٤", "و2024"]),
            ("ΟΔΟΣ ΣΟΦΙΑ", &["οδος", "σοφια"]),
            ("İstanbul", &["i", "stanbul"]),
            ("e\u{301}cole", &["e", "cole"]),
            ("ab\u{200D}cd", &["ab", "cd"]),
            ("Ⓐbc x²", &["bc", "x²"]),
            ("MiXeD123case", &["mixed123case"]),
            ("a\0b", &["a", "b"]),
            ("ﬁnance", &["ﬁnance"]),
        ];
        for (input, want) in cases {
            assert_eq!(plain(input), *want, "{input:?}");
        }
    }

    #[test]
    fn plain_ignores_language_and_detects_nothing() {
        let a = Analyzer::new(AnalyzerKind::Plain);
        assert_eq!(
            a.language("The quick brown fox jumps over the lazy dog."),
            Language::Other
        );
        assert_eq!(a.terms("The Cats", Language::English), ["the", "cats"]);
    }

    #[test]
    fn auto_english_drops_stop_words_and_stems() {
        assert_eq!(
            auto("The cats were running in the gardens.", Language::English),
            ["cat", "run", "garden"]
        );
    }

    #[test]
    fn auto_arabic_normalises_drops_stop_words_and_stems() {
        let terms = auto("ذهبَ الأولادُ إلى المدرسةِ في الصباح", Language::Arabic);
        assert!(!terms.iter().any(|t| t == "في" || t == "الي"), "{terms:?}");
        assert_eq!(terms.len(), 4, "{terms:?}");
        // Diacritics and alef forms do not change the terms.
        assert_eq!(
            terms,
            auto("ذهب الاولاد الى المدرسة في الصباح", Language::Arabic)
        );
    }

    #[test]
    fn auto_other_normalises_and_splits_only() {
        assert_eq!(
            auto("The ZWJ\u{200D}inside ﬁne", Language::Other),
            ["the", "zwjinside", "fine"]
        );
    }

    #[test]
    fn auto_detects_languages() {
        let a = Analyzer::new(AnalyzerKind::Auto);
        let ar =
            "أكدت روسيا والصين أنهما يعملان لتطبيق تعددية حقيقية تكون بمثابة دعامة لتوحيد العالم";
        assert_eq!(a.language(ar), Language::Arabic);
    }

    #[test]
    fn reentrant_use_from_the_callback_works() {
        let a = Analyzer::new(AnalyzerKind::Auto);
        let mut nested = Vec::new();
        a.for_each_term("running dogs", Language::English, |t| {
            nested.push((t.to_string(), a.terms("jumping", Language::English)));
        });
        assert_eq!(nested.len(), 2);
        assert_eq!(nested[0].1, ["jump"]);
    }

    /// Throughput on synthetic Arabic text: `cargo test --release --lib text::analyzer -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn throughput() {
        use std::time::Instant;
        let vocab: Vec<&str> = "أكدت روسيا والصين أنهما يعملان لتطبيق تعددية حقيقية تكون بمثابة \
            دعامة لتوحيد العالم في التغلب على الأزمات جاء ذلك خلال لقاء الرئيس الروسي فلاديمير \
            بوتين الجمعة نظيره الصيني شي جين بينج في بكين لدى وصول الأول للمشاركة في افتتاح \
            أولمبياد بكين الشتوية وقال الرئيس الصيني إن بكين وموسكو تعملان معًا"
            .split_whitespace()
            .collect();
        // A deterministic pseudo-random walk over the vocabulary, plus numbered variants so the
        // stem cache sees a realistic number of distinct words.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut text = String::new();
        let n_words = 2_000_000;
        for k in 0..n_words {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let w = vocab[(x % vocab.len() as u64) as usize];
            text.push_str(w);
            if x.is_multiple_of(7) {
                text.push_str(&format!("{}", (x >> 20) % 5_000));
            }
            text.push(if k % 15 == 14 { '.' } else { ' ' });
        }
        for kind in [AnalyzerKind::Plain, AnalyzerKind::Auto] {
            let a = Analyzer::new(kind);
            for round in 0..2 {
                let t = Instant::now();
                let mut n = 0usize;
                // Documents of ~300 words, as in the news benchmark.
                let mut start = 0;
                while start < text.len() {
                    let mut end = (start + 3_300).min(text.len());
                    while !text.is_char_boundary(end) {
                        end += 1;
                    }
                    a.for_each_term(&text[start..end], Language::Arabic, |_| n += 1);
                    start = end;
                }
                let secs = t.elapsed().as_secs_f64();
                println!(
                    "{kind:?} round {round}: {n} terms from {n_words} words in {secs:.3}s = {:.1} M words/s",
                    n_words as f64 / secs / 1e6
                );
            }
        }
        let t = Instant::now();
        let mut langs = 0;
        let mut start = 0;
        while start < text.len() && langs < 3_000 {
            let mut end = (start + 3_300).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            assert_eq!(detect_language(&text[start..end]), Language::Arabic);
            langs += 1;
            start = end;
        }
        let secs = t.elapsed().as_secs_f64();
        println!("detect_language: {:.1} µs/doc", secs / langs as f64 * 1e6);
    }
}
