//! Keeping page furniture out of summaries: cookie and privacy notices, "read also" and
//! "chosen for you" blocks, repeated captions, "source:" lines, stray markup.
//!
//! Two sources of knowledge, both line-based (a line is what a crawler keeps of a page block):
//! - **learned from the batch**, as CCNet's line dedup does: a line that recurs in several
//!   unrelated groups (not copies of one story) is site template, not article;
//! - **cues**, a short list per language below: a line or sentence that opens with a tail cue
//!   ("read also", "chosen for you") ends the article — what follows is another story — unless
//!   a colon and a whole headline follow the cue on its line, a single link dropped alone; a line
//!   that opens or contains a line cue ("source:", "cookies", "privacy policy") is dropped
//!   alone.
//!
//! A line repeated inside one document (an image caption printed twice) and a line with no
//! letter at all (`>`, bullets) are dropped as well, and a style sheet or script run into the
//! text (`text::prose::code_spans`) is cut off the sentences it opens or closes.

use std::ops::Range;
use std::sync::OnceLock;

use ahash::{AHashMap, AHashSet};
use rayon::prelude::*;

use crate::text::lines::ends_sentence;
use crate::text::prose::code_spans;
use crate::text::{
    lines_and_soft_breaks, logical_lines, normalize, split_sentences_with, tokenize,
};

/// A line recurring in at least this many unrelated groups is furniture.
pub const MIN_GROUPS: usize = 3;
/// A short line (at most [`SHORT_LINE_WORDS`] words) is furniture already in two groups.
pub const MIN_GROUPS_SHORT: usize = 2;
/// See [`MIN_GROUPS_SHORT`].
pub const SHORT_LINE_WORDS: usize = 12;

/// Cues that end the article: the line or sentence opening with one, and everything after
/// it, is dropped. Only a short one counts (the cue plus at most three words), so a sentence
/// that merely mentions the phrase is not cut; a longer one with a colon after the cue is a
/// single link ("Read also: <headline>") and is dropped alone.
const TAIL_CUES: &[&str] = &[
    // Arabic
    "اقرأ أيضا",
    "إقرأ أيضا",
    "اقرأ أيضاً",
    "اقرأ المزيد",
    "اقرأ كذلك",
    "اخترنا لك",
    "اخترنا لكم",
    "مواضيع ذات صلة",
    "أخبار ذات صلة",
    "مقالات ذات صلة",
    "شاهد أيضا",
    "قد يهمك أيضا",
    "قد يعجبك أيضا",
    "المزيد من الأخبار",
    "الأكثر قراءة",
    // English
    "read also",
    "read more",
    "see also",
    "related articles",
    "related stories",
    "related news",
    "recommended for you",
    "more stories",
    "most read",
    // French
    "lire aussi",
    "à lire aussi",
    "sur le même sujet",
];

/// Labels of a site's tag list printed after the article ("سمات تبوك جامعة معمة تبوك":
/// "سمات", tags, closes 1,656 of the 2,080 3alyoum articles of SaudiNewsNet). A text whose
/// last sentence opens with one, holds a word more and does not end as a sentence does ends
/// there: the list is as long as the site likes, so the label-length rule
/// ([`LABEL_WORDS`]) misses most of them, and it varies, so the batch never learns it.
const TAG_CUES: &[&str] = &[
    "سمات",
    "الوسوم",
    "الكلمات الدلالية",
    "كلمات دلالية",
    "الكلمات المفتاحية",
    "كلمات مفتاحية",
    "tags",
    "keywords",
    "mots-clés",
];

/// Phrases that open a site's closing links wherever they stand — opening a line, run into
/// the last sentence with no full stop before them, glued to the first title of the list
/// ("مقالات أخرى للكاتبالإعجاب المرفوض…"): the article ends there (a sentence keeps what
/// comes before the phrase).
const LINK_BLOCKS: &[&str] = &["رابط الخبر بصحيفة", "مقالات أخرى للكاتب"];

/// Where the first [`LINK_BLOCKS`] phrase of `text` starts, if one does: one vectorised
/// search per phrase over the whole text (this runs on every document of a batch).
fn link_block_at(text: &str) -> Option<usize> {
    static FINDERS: OnceLock<Vec<memchr::memmem::Finder<'static>>> = OnceLock::new();
    FINDERS
        .get_or_init(|| {
            LINK_BLOCKS
                .iter()
                .map(|b| memchr::memmem::Finder::new(b.as_bytes()))
                .collect()
        })
        .iter()
        .filter_map(|f| f.find(text.as_bytes()))
        .min()
}

/// Widgets a crawl glues to a sentence, on the same line: a share bar or a slider's buttons in
/// front of the lead, a slider's buttons after a gallery's last caption ("… ساعة إل جي Next
/// Previous", at times with a credit after it). A sentence opening with one keeps what
/// follows it (the lead is the article's most telling sentence, so it is trimmed, not
/// dropped); one holding one further on keeps what comes before it.
const WIDGETS: &[&str] = &[
    "شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك",
    "Next Previous",
];

/// Cues that drop their line when the line opens with them (after normalisation, leading
/// bullets and punctuation trimmed, no space before a colon). Most carry their colon, so a
/// sentence such as "Sources say ..." is not mistaken for a credit line.
const LINE_PREFIX_CUES: &[&str] = &[
    "المصدر:",
    "مصدر الخبر:",
    "تاريخ النشر:",
    "آخر تحديث:",
    "تابعونا على",
    // "link to the story [at paper X]: <headline>", a site's self-link under the article
    "رابط الخبر",
    "رابط المقال",
    "source:",
    "sources:",
    "photo:",
    "image:",
    "credit:",
    "published:",
    "updated:",
    "follow us on",
    // wire credits closing an article ("Reporting by …; Editing by …")
    "reporting by",
    "additional reporting by",
    "writing by",
    "editing by",
    "share this",
    "click here",
    "advertisement",
];

/// Cues that drop their line wherever they stand in it.
const LINE_CONTAINS_CUES: &[&str] = &[
    "ملفات تعريف الارتباط",
    "سياسة الخصوصية",
    "بيان الخصوصية",
    "جميع الحقوق محفوظة",
    "حقوق النشر محفوظة",
    "cookie",
    "cookies",
    "privacy policy",
    "all rights reserved",
    "subscribe to our newsletter",
    "contributed to this report",
    "sign up for our newsletter",
    "politique de confidentialité",
];

/// Normalised words of a text, as cues and line keys see it: script normalisation, then word
/// runs that hold a letter (numbers vary between otherwise identical template lines). One
/// buffer and one list of spans, not a string per word: this runs over every line of a batch.
#[derive(Default)]
struct Words {
    norm: String,
    spans: Vec<Range<usize>>,
    /// Every word of the text last pushed, letters or not, as ranges of `norm`.
    last: Vec<Range<usize>>,
    /// The words joined for hashing ([`key`](Self::key)), kept for the next line.
    joined: Vec<u8>,
}

/// A sentence as the layout pass normalised it (Arabic normaliser) and tokenised it, for a
/// caller analysing it further without doing either again.
pub struct NormalizedSentence<'a> {
    norm: &'a str,
    text: Range<usize>,
    words: &'a [Range<usize>],
}

impl<'a> NormalizedSentence<'a> {
    /// The normalised sentence.
    pub fn text(&self) -> &'a str {
        &self.norm[self.text.clone()]
    }

    /// Its words (`tokenize::words` of [`text`](Self::text)), in order.
    pub fn words(&self) -> impl Iterator<Item = &'a str> + 'a {
        let norm = self.norm;
        self.words.iter().map(move |r| &norm[r.clone()])
    }

    /// How many words it has, as summary budgets and length priors count them: the words of
    /// the normalised form, as ROUGE and search tokenise a text, so a tatweel written as a
    /// dash ("ـ") or a mark between letters is no word of its own.
    pub fn word_count(&self) -> usize {
        self.words.len()
    }
}

impl Words {
    fn of(text: &str) -> Words {
        let mut words = Words::default();
        words.push(text);
        words
    }

    /// Empty, with room for a line of `bytes` bytes: one allocation per buffer for a whole
    /// text, not a dozen as each grows (a batch lays out every text).
    fn for_lines_of(bytes: usize) -> Words {
        // The normalised form is about the length of the text (dropped marks and ligatures
        // spelled out roughly even out); an Arabic word and its gap take about eleven bytes.
        // A buffer that needs more still grows.
        Words {
            norm: String::with_capacity(bytes + bytes / 8 + 8),
            spans: Vec::with_capacity(bytes / 8 + 1),
            last: Vec::with_capacity(bytes / 8 + 1),
            joined: Vec::with_capacity(bytes + 1),
        }
    }

    /// Appends the normalised words of `text`, a further stretch of the same line (one of its
    /// sentences), a space apart from what came before; returns where its normalised form is
    /// in `norm`. Words never run across a sentence boundary (one is always at punctuation,
    /// a space or a line break), so a line pushed sentence by sentence has the words of the
    /// whole line, and the same key.
    fn push(&mut self, text: &str) -> Range<usize> {
        if !self.norm.is_empty() {
            self.norm.push(' ');
        }
        let start = self.norm.len();
        normalize::arabic(text, &mut self.norm);
        let base = self.norm.as_ptr() as usize;
        let (spans, last) = (&mut self.spans, &mut self.last);
        last.clear();
        tokenize::for_each_word(&self.norm[start..], |w| {
            let at = w.as_ptr() as usize - base;
            last.push(at..at + w.len());
            if crate::text::tokenize::has_letter(w) {
                spans.push(at..at + w.len());
            }
        });
        start..self.norm.len()
    }

    fn clear(&mut self) {
        self.norm.clear();
        self.spans.clear();
        self.last.clear();
    }

    fn len(&self) -> usize {
        self.spans.len()
    }

    fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    fn word(&self, i: usize) -> &str {
        &self.norm[self.spans[i].clone()]
    }

    /// Whether the words at `at..` equal `cue`.
    fn matches_at(&self, at: usize, cue: &[String]) -> bool {
        at + cue.len() <= self.len() && cue.iter().enumerate().all(|(k, c)| self.word(at + k) == c)
    }

    /// Words in the tail cue (see [`TAIL_CUES`]) the words from `at` on open with, if any.
    fn tail_cue_at(&self, at: usize) -> Option<usize> {
        let c = cues();
        // Asked of every sentence: nearly all are ruled out by their first word's fingerprint.
        if at >= self.len() || c.tail_mask & fingerprint_bit(fingerprint(self.word(at))) == 0 {
            return None;
        }
        c.tail
            .iter()
            .find(|cue| self.matches_at(at, cue))
            .map(Vec::len)
    }

    /// Whether the words from `at` on open with a tail cue and hold at most three words more:
    /// the heading of a block of links, or the text's last words.
    fn opens_with_tail_cue(&self, at: usize) -> bool {
        self.tail_cue_at(at)
            .is_some_and(|cue| self.len() - at <= cue + 3)
    }

    /// Whether the words from `at` on are one link to another story: a tail cue, a colon and
    /// a headline longer than [`opens_with_tail_cue`](Self::opens_with_tail_cue) allows
    /// ("Read also: Fed holds rates steady as inflation cools"). Sites set such a link inside
    /// the article as often as after it, so it goes alone; a sentence that merely opens with
    /// the phrase has no colon after it.
    fn is_tail_link(&self, at: usize) -> bool {
        self.tail_cue_at(at)
            .is_some_and(|cue| self.len() - at > cue + 3 && self.colon_after(at + cue - 1))
    }

    /// Whether a colon follows word `i`, spaces aside.
    fn colon_after(&self, i: usize) -> bool {
        self.norm[self.spans[i].end..]
            .trim_start()
            .starts_with([':', '：'])
    }

    /// Whether the words from `at` on open with a tag-list label (see [`TAG_CUES`]) and hold
    /// a word more.
    fn opens_with_tag_cue(&self, at: usize) -> bool {
        cues()
            .tags
            .iter()
            .any(|cue| self.len() - at > cue.len() && self.matches_at(at, cue))
    }

    /// Which of `cues` (at most 64) occur in the words, as bits by index, `firsts` holding
    /// the [`fingerprint`] of each cue's first word: one pass over the words, a full
    /// comparison only where a first word's fingerprint agrees (every line of a batch is
    /// searched for every cue).
    fn cues_found(&self, cues: &[Vec<String>], firsts: &[u64], mask: u64) -> u64 {
        let mut found = 0;
        for at in 0..self.len() {
            let f = fingerprint(self.word(at));
            if mask & fingerprint_bit(f) != 0 {
                for (k, (&first, cue)) in firsts.iter().zip(cues).enumerate() {
                    if first == f && self.matches_at(at, cue) {
                        found |= 1 << k;
                    }
                }
            }
        }
        found
    }

    /// A hash of the words, for recognising a line again: XXH3-64 of each word followed by a
    /// space. The words are gathered and hashed in one go (the same digest as feeding them to
    /// a streaming hasher one by one, at a fraction of the cost for short words).
    fn key(&mut self) -> u64 {
        let mut joined = std::mem::take(&mut self.joined);
        joined.clear();
        for i in 0..self.len() {
            joined.extend_from_slice(self.word(i).as_bytes());
            joined.push(b' ');
        }
        let key = xxhash_rust::xxh3::xxh3_64(&joined);
        self.joined = joined;
        key
    }
}

/// Normalised words of a short text, as owned strings (cue lists).
fn word_list(text: &str) -> Vec<String> {
    let w = Words::of(text);
    (0..w.len()).map(|i| w.word(i).to_string()).collect()
}

/// One of 64 bits picked by a fingerprint: the bits of the cues' first words make a mask that
/// rules out almost every word of a line with one test.
#[inline]
fn fingerprint_bit(f: u64) -> u64 {
    1 << (f.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58)
}

/// A cheap summary of a word — its length and first six bytes — that equal words share.
#[inline]
fn fingerprint(word: &str) -> u64 {
    let bytes = word.as_bytes();
    // One load for a word of eight bytes or more (most Arabic words), never a variable-length
    // copy (a call to memmove for every word of every line).
    let head = match bytes.first_chunk::<8>() {
        Some(chunk) => u64::from_le_bytes(*chunk) & 0xFFFF_FFFF_FFFF,
        None => bytes
            .iter()
            .take(6)
            .enumerate()
            .fold(0, |h, (k, &b)| h | u64::from(b) << (8 * k)),
    };
    head | ((bytes.len() as u64) << 48)
}

struct Cues {
    tail: Vec<Vec<String>>,
    tags: Vec<Vec<String>>,
    /// The [`fingerprint_bit`]s of the tail cues' first words.
    tail_mask: u64,
    prefix: Vec<String>,
    contains: Vec<Vec<String>>,
    /// The [`fingerprint`] of each `contains` cue's first word.
    contains_first: Vec<u64>,
    /// The [`fingerprint_bit`]s of `contains_first`.
    contains_mask: u64,
    /// The longest prefix cue, in bytes: a line's prefix form is built no further.
    prefix_len: usize,
    /// The first character of each prefix cue.
    prefix_firsts: Vec<char>,
    /// The words of each widget, as written.
    widgets: Vec<Vec<String>>,
    /// The bits of `contains` that are widgets (see [`WIDGETS`]) rather than line-dropping
    /// cues (see [`LINE_CONTAINS_CUES`]): both are looked for in one pass over a line.
    widget_bits: u64,
    /// The normalised [`BYLINE_CUES`].
    byline: Vec<String>,
}

fn cues() -> &'static Cues {
    static CUES: OnceLock<Cues> = OnceLock::new();
    CUES.get_or_init(|| {
        let norm =
            |list: &[&str]| -> Vec<Vec<String>> { list.iter().map(|c| word_list(c)).collect() };
        // Line-dropping cues, then widgets (see `widget_bits`).
        let contains: Vec<Vec<String>> = norm(LINE_CONTAINS_CUES)
            .into_iter()
            .chain(norm(WIDGETS))
            .collect();
        assert!(contains.len() <= 64, "cues_found keeps one bit per cue");
        let prefix: Vec<String> = LINE_PREFIX_CUES
            .iter()
            .map(|c| {
                let mut n = String::new();
                normalize::arabic(c, &mut n);
                prefix_form(&n, usize::MAX)
            })
            .collect();
        let contains_first: Vec<u64> = contains
            .iter()
            .map(|cue: &Vec<String>| cue.first().map_or(u64::MAX, |w| fingerprint(w)))
            .collect();
        let tail = norm(TAIL_CUES);
        Cues {
            tags: norm(TAG_CUES),
            tail_mask: tail
                .iter()
                .filter_map(|cue| cue.first())
                .fold(0, |mask, w| mask | fingerprint_bit(fingerprint(w))),
            tail,
            prefix_len: prefix.iter().map(String::len).max().unwrap_or(0),
            prefix_firsts: prefix.iter().filter_map(|p| p.chars().next()).collect(),
            prefix,
            contains_mask: contains_first
                .iter()
                .fold(0, |mask, &f| mask | fingerprint_bit(f)),
            contains_first,
            contains,
            widgets: WIDGETS
                .iter()
                .map(|w| tokenize::words(w).map(str::to_string).collect())
                .collect(),
            widget_bits: ((1u64 << WIDGETS.len()) - 1) << LINE_CONTAINS_CUES.len(),
            byline: BYLINE_CUES.iter().flat_map(|c| word_list(c)).collect(),
        }
    })
}

/// A normalised line as prefix cues see it, up to about `limit` bytes: leading non-letters
/// trimmed, white-space runs as one space, no space before a colon. Built a character at a
/// time, each decided by what came before it, so the first `limit` bytes are those of the
/// whole line's form (this runs on every line; only its opening matters).
fn prefix_form(norm: &str, limit: usize) -> String {
    let trimmed = norm.trim_start_matches(|c: char| !tokenize::is_alphanumeric(c));
    let mut out = String::new();
    let mut space = false;
    for c in trimmed.chars() {
        if out.len() >= limit {
            break;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && c != ':' {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// Whether normalised text opens with one of the line-prefix cues.
fn opens_with_prefix_cue(norm: &str) -> bool {
    let c = cues();
    // Nearly every line and sentence opens with a letter no cue opens with: decided before
    // the prefix form is built (this runs on every sentence of a batch).
    let first = norm.chars().find(|&c| tokenize::is_alphanumeric(c));
    if !first.is_some_and(|f| c.prefix_firsts.contains(&f)) {
        return false;
    }
    let form = prefix_form(norm, c.prefix_len);
    c.prefix.iter().any(|cue| form.starts_with(cue.as_str()))
}

/// How a line should be treated, from its own words alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineCue {
    Text,
    Drop,
    EndOfArticle,
}

/// What a line's cues make of it, and whether it holds a widget (looked for in the same pass
/// as the line-dropping cues, on lines that are text).
fn line_cue(words: &Words) -> (LineCue, bool) {
    let c = cues();
    if words.is_empty() {
        return (LineCue::Drop, false);
    }
    if words.opens_with_tail_cue(0) {
        return (LineCue::EndOfArticle, false);
    }
    if opens_with_prefix_cue(&words.norm) || words.is_tail_link(0) {
        return (LineCue::Drop, false);
    }
    let found = words.cues_found(&c.contains, &c.contains_first, c.contains_mask);
    if found & !c.widget_bits != 0 {
        return (LineCue::Drop, false);
    }
    (LineCue::Text, found & c.widget_bits != 0)
}

/// What summaries need to know of one logical line.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// Hash of its normalised words, to recognise it in other documents.
    pub key: u64,
    /// Words holding a letter.
    pub words: usize,
    cue: LineCue,
    label: bool,
    /// Whether it holds a widget (see [`WIDGETS`]), which sentences then lose.
    widget: bool,
}

impl Line {
    /// The line at `range` of `text`, whose words are `words`.
    fn of(text: &str, range: Range<usize>, words: &mut Words) -> Line {
        let line = &text[range.clone()];
        let (cue, widget) = line_cue(words);
        Line {
            key: words.key(),
            words: words.len(),
            cue,
            label: is_label(line, words, 0),
            widget,
            range,
        }
    }
}

/// A text's logical lines and sentences, split once.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The logical lines.
    pub lines: Vec<Line>,
    /// `split_sentences(text)`.
    pub sentences: Vec<Range<usize>>,
    /// The line of each sentence.
    pub sentence_lines: Vec<usize>,
    /// Whether each sentence is furniture by its own form, though its line is text: a label
    /// after the line's text (see [`is_label`]), or a sentence inside a line that
    /// opens with a line-prefix cue (a site's "رابط الخبر: …" run into the last paragraph).
    pub furniture_sentences: Vec<bool>,
    /// Style sheets and scripts run into the text (see [`code_spans`]), which sentences lose.
    pub code: Vec<Range<usize>>,
    /// The line that reads as a headline (see [`headline`]).
    pub headline: Option<usize>,
    /// Where the article ends, if it ends before the text does: the first line or sentence
    /// opening with a tail cue (see [`TAIL_CUES`]) or link block (see [`LINK_BLOCKS`]), or
    /// a closing tag list (see [`TAG_CUES`]), whichever comes first. Nothing from there on
    /// is article text.
    pub end: Option<usize>,
}

impl Layout {
    /// The layout of `text`.
    pub fn of(text: &str) -> Layout {
        Layout::of_with(text, |_, _| {})
    }

    /// The layout of `text`, handing `f` each sentence's index and the sentence as the Arabic
    /// normaliser leaves it (the form line keys are made of), in order: a caller analysing
    /// the sentences of an Arabic text need not normalise or tokenise them a second time.
    pub fn of_with(text: &str, mut f: impl FnMut(usize, NormalizedSentence)) -> Layout {
        let (ranges, soft) = lines_and_soft_breaks(text);
        let sentences = split_sentences_with(text, &soft);
        // Sentences never cross a logical line (every hard break ends one), and between them
        // they hold every word of it: a line's words are its sentences' words.
        let sentence_lines: Vec<usize> = sentences
            .iter()
            .map(|s| ranges.partition_point(|r| r.end < s.start))
            .collect();
        let mut lines: Vec<Line> = Vec::with_capacity(ranges.len());
        let mut furniture_sentences = vec![false; sentences.len()];
        let longest = ranges.iter().map(|r| r.len()).max().unwrap_or(0);
        let mut words = Words::for_lines_of(longest);
        let mut next = 0;
        let code = code_spans(text);
        let mut end = link_block_at(text);
        let mut end_at = |at: usize| end = Some(end.map_or(at, |e| e.min(at)));
        for (i, range) in ranges.into_iter().enumerate() {
            words.clear();
            while next < sentences.len() && sentence_lines[next] <= i {
                let before = words.len();
                let sentence = &text[sentences[next].clone()];
                let at = words.push(sentence);
                let last_of_line = sentence_lines.get(next + 1).is_none_or(|&l| l > i);
                // A line's first sentence is judged with its line (`line_cue`, `is_label`).
                if before > 0 && words.opens_with_tail_cue(before)
                    || next + 1 == sentences.len()
                        && !ends_sentence(sentence)
                        && words.opens_with_tag_cue(before)
                {
                    end_at(sentences[next].start);
                }
                furniture_sentences[next] = before > 0
                    && (last_of_line && is_label(sentence, &words, before)
                        || opens_with_prefix_cue(&words.norm[at.clone()])
                        || words.is_tail_link(before));
                f(
                    next,
                    NormalizedSentence {
                        norm: &words.norm,
                        text: at,
                        words: &words.last,
                    },
                );
                next += 1;
            }
            let line = Line::of(text, range, &mut words);
            if line.cue == LineCue::EndOfArticle {
                end_at(line.range.start);
            }
            lines.push(line);
        }
        let headline = headline_line(text, &lines, |l| l.range.clone(), |l| l.words);
        Layout {
            lines,
            sentences,
            sentence_lines,
            furniture_sentences,
            code,
            headline,
            end,
        }
    }

    /// Keys of the lines holding words, for furniture learning.
    pub fn line_keys(&self) -> impl Iterator<Item = (u64, usize)> + '_ {
        self.lines
            .iter()
            .filter(|l| l.words > 0)
            .map(|l| (l.key, l.words))
    }
}

/// Lines learned to be furniture from a batch.
#[derive(Debug, Clone, Default)]
pub struct Furniture {
    keys: AHashSet<u64>,
}

impl Furniture {
    /// Learns recurring lines from `(group, text)` pairs, where a group is a set of copies of
    /// one story (a dedup cluster, or a lone document): copies share their lines by nature, so
    /// recurrence counts distinct groups.
    pub fn learn(docs: &[(u32, &str)]) -> Furniture {
        Furniture::from_lines(&LineStats::of(docs))
    }

    /// Learns recurring lines from documents given as their group and their non-empty lines'
    /// `(key, words)` (see [`Layout::line_keys`]).
    pub fn learn_lines<L>(docs: impl IntoIterator<Item = (u32, L)>) -> Furniture
    where
        L: IntoIterator<Item = (u64, usize)>,
    {
        Furniture::from_lines(&LineStats::of_lines(docs))
    }

    /// The furniture that line statistics (of a whole batch, merged from its parts) show.
    pub fn from_lines(stats: &LineStats) -> Furniture {
        let keys = stats
            .seen
            .iter()
            .filter(|(_, seen)| {
                let n = seen.groups.len();
                n >= MIN_GROUPS || (n >= MIN_GROUPS_SHORT && seen.words <= SHORT_LINE_WORDS)
            })
            .map(|(&key, _)| key)
            .collect();
        Furniture { keys }
    }

    /// Furniture from its line keys, as [`Furniture::keys`] lists them.
    pub fn from_keys(keys: impl IntoIterator<Item = u64>) -> Furniture {
        Furniture {
            keys: keys.into_iter().collect(),
        }
    }

    /// Every furniture line's key, sorted.
    pub fn keys(&self) -> Vec<u64> {
        let mut keys: Vec<u64> = self.keys.iter().copied().collect();
        keys.sort_unstable();
        keys
    }

    /// Number of learned furniture lines.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether nothing was learned.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// How often each line recurs across groups, as much as deciding furniture needs: for every
/// line key, its length in words and up to [`MIN_GROUPS`] of the distinct groups holding it
/// (the smallest numbers; more would not change the decision). Statistics of parts of a batch
/// merge into those of the whole, exactly, whatever the order of the parts or documents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineStats {
    seen: AHashMap<u64, LineSeen>,
}

/// What is known of one line key.
#[derive(Debug, Clone, PartialEq, Eq)]
struct LineSeen {
    /// Distinct groups, sorted, at most [`MIN_GROUPS`].
    groups: Vec<u32>,
    /// Words of the line. Equal keys mean equal words barring a 64-bit hash collision; the
    /// smallest count is kept so that even then the result does not depend on order.
    words: usize,
}

impl LineSeen {
    fn add(&mut self, group: u32, words: usize) {
        self.words = self.words.min(words);
        if let Err(at) = self.groups.binary_search(&group)
            && at < MIN_GROUPS
        {
            self.groups.insert(at, group);
            self.groups.truncate(MIN_GROUPS);
        }
    }
}

impl LineStats {
    /// The statistics of `(group, text)` pairs (see [`Furniture::learn`]).
    pub fn of(docs: &[(u32, &str)]) -> LineStats {
        let per_doc: Vec<Vec<(u64, usize)>> = docs
            .par_iter()
            .map(|&(_, text)| {
                logical_lines(text)
                    .into_iter()
                    .map(|line| Words::of(&text[line]))
                    .filter(|w| !w.is_empty())
                    .map(|mut w| (w.key(), w.len()))
                    .collect()
            })
            .collect();
        LineStats::of_lines(
            docs.iter()
                .zip(&per_doc)
                .map(|(&(group, _), lines)| (group, lines.iter().copied())),
        )
    }

    /// The statistics of documents given as their group and their non-empty lines'
    /// `(key, words)` (see [`Layout::line_keys`]).
    pub fn of_lines<L>(docs: impl IntoIterator<Item = (u32, L)>) -> LineStats
    where
        L: IntoIterator<Item = (u64, usize)>,
    {
        let mut stats = LineStats::default();
        for (group, lines) in docs {
            for (key, words) in lines {
                stats.add(key, group, words);
            }
        }
        stats
    }

    /// Notes line `key` of `words` words in `group`.
    pub fn add(&mut self, key: u64, group: u32, words: usize) {
        self.seen
            .entry(key)
            .or_insert_with(|| LineSeen {
                groups: Vec::new(),
                words,
            })
            .add(group, words);
    }

    /// Adds another part's statistics to these.
    pub fn merge(&mut self, other: LineStats) {
        for (key, seen) in other.seen {
            for g in seen.groups {
                self.add(key, g, seen.words);
            }
        }
    }

    /// Every line as `(key, words, groups)`, sorted by key, for storing.
    pub fn to_rows(&self) -> Vec<(u64, u32, Vec<u32>)> {
        let mut rows: Vec<(u64, u32, Vec<u32>)> = self
            .seen
            .iter()
            .map(|(&k, s)| {
                (
                    k,
                    u32::try_from(s.words).unwrap_or(u32::MAX),
                    s.groups.clone(),
                )
            })
            .collect();
        rows.sort_unstable_by_key(|r| r.0);
        rows
    }

    /// Statistics from stored rows (as [`LineStats::to_rows`] gives them).
    pub fn from_rows(rows: Vec<(u64, u32, Vec<u32>)>) -> LineStats {
        let mut stats = LineStats::default();
        for (key, words, groups) in rows {
            for g in groups {
                stats.add(key, g, words as usize);
            }
        }
        stats
    }

    /// Number of distinct lines.
    pub fn len(&self) -> usize {
        self.seen.len()
    }

    /// Whether no line was seen.
    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }
}

/// A sentence of article text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleSentence {
    /// Index among `split_sentences(text)`.
    pub index: usize,
    /// Rank among the article's own sentences (0 = the lead).
    pub position: usize,
    /// Byte range in the text, without a widget glued to it (see [`WIDGETS`]),
    /// a link block run in behind (see [`LINK_BLOCKS`]), the list marker it opens with (see
    /// `marker`) or, for the lead, its dateline (see `dateline`).
    pub range: Range<usize>,
}

/// Lines of at most this many words without closing punctuation are labels — datelines
/// ("موسكو-سانا"), bylines, section names — not sentences of the article.
pub const LABEL_WORDS: usize = 3;

/// Words that open a byline ("By Jane Doe, Reuters", "بقلم: …", "Par …").
const BYLINE_CUES: &[&str] = &["by", "par", "von", "بقلم", "كتب", "كتبت", "إعداد"];

/// A byline (see [`BYLINE_CUES`]) of at most this many words without closing punctuation is a
/// label however many names it holds, where other labels stop at [`LABEL_WORDS`].
pub const BYLINE_WORDS: usize = 8;

/// Whether a line, or the last sentence of a line after other text on it, is a label rather
/// than text: `text`, whose words holding a letter are those of `words` from `at` on, has no
/// closing full stop and at most [`LABEL_WORDS`] words, or [`BYLINE_WORDS`] when it opens
/// as a byline. After a line's text, a label is a credit or byline ("«رويترز»", "(واس)", "-
/// حائل", "سمات عدن") printed after the article's last full stop.
fn is_label(text: &str, words: &Words, at: usize) -> bool {
    let n = words.len() - at;
    !ends_sentence(text)
        && (n <= LABEL_WORDS
            || n <= BYLINE_WORDS && cues().byline.iter().any(|b| b == words.word(at)))
}

/// The first line, when it reads as a headline: short, without closing punctuation, and
/// followed by more text.
pub fn headline(text: &str) -> Option<Range<usize>> {
    let lines = logical_lines(text);
    headline_line(
        text,
        &lines,
        |r| r.clone(),
        |r| Words::of(&text[r.clone()]).len(),
    )
    .map(|i| lines[i].clone())
}

/// Index of the headline among `lines` (see [`headline`]), given each line's range and its
/// number of words holding a letter.
fn headline_line<L>(
    text: &str,
    lines: &[L],
    range: impl Fn(&L) -> Range<usize>,
    words: impl Fn(&L) -> usize,
) -> Option<usize> {
    let mut nonempty = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !text[range(l)].trim().is_empty());
    let (first, l) = nonempty.next()?;
    nonempty.next()?;
    let line = text[range(l)].trim_end();
    let ends_sentence = line.ends_with(['.', '!', '?', '؟', '…', ':', '؛']);
    (!ends_sentence && (1..=20).contains(&words(l))).then_some(first)
}

/// The sentences of a text (laid out as `layout`) that are article text: not furniture, not
/// after a tail cue, not on a line repeated in the document, not the headline, not a trailing
/// label.
pub fn article_sentences(
    text: &str,
    layout: &Layout,
    furniture: &Furniture,
) -> Vec<ArticleSentence> {
    let lines = &layout.lines;
    // Lines printed more than once in the document (captions): a sorted list of the keys of
    // the lines with words, searched per line (articles have tens of lines, not thousands).
    let mut keys: Vec<u64> = lines
        .iter()
        .filter(|l| l.words > 0)
        .map(|l| l.key)
        .collect();
    keys.sort_unstable();
    let count = |k: u64| keys.partition_point(|&x| x <= k) - keys.partition_point(|&x| x < k);
    let mut keep = vec![false; lines.len()];
    for (i, line) in lines.iter().enumerate() {
        match line.cue {
            // Where the article ends is `layout.end`.
            LineCue::EndOfArticle | LineCue::Drop => {}
            LineCue::Text => {
                keep[i] = count(line.key) == 1
                    && !furniture.keys.contains(&line.key)
                    && layout.headline != Some(i)
                    && !line.label;
            }
        }
    }
    let mut out: Vec<ArticleSentence> = Vec::with_capacity(layout.sentences.len());
    for (index, (range, &line)) in layout
        .sentences
        .iter()
        .zip(&layout.sentence_lines)
        .enumerate()
    {
        let widget = layout.lines.get(line).is_some_and(|l| l.widget);
        let range = before_end(
            text,
            without_code(
                text,
                without_widgets(text, range.clone(), widget),
                &layout.code,
            ),
            layout.end,
        );
        if keep.get(line).copied().unwrap_or(false)
            && !layout.furniture_sentences[index]
            && crate::text::tokenize::has_letter(&text[range.clone()])
        {
            // What opens a kept sentence but is no text of it: a list marker, and before the
            // lead its dateline.
            let mut start = range.start + super::marker::marker_len(&text[range.clone()]);
            if out.is_empty() {
                start += super::dateline::news_start(&text[start..range.end]);
            }
            out.push(ArticleSentence {
                index,
                position: out.len(),
                range: start..range.end,
            });
        }
    }
    out
}

/// `range` without the style sheet or script (see [`code_spans`]) it opens or closes with, and
/// the closing brackets and white space a script leaves behind ("}); });"); empty when it is
/// code through and through. Code inside a sentence, prose on both sides, stays: that is not
/// what a crawl makes of a page.
fn without_code(text: &str, mut range: Range<usize>, code: &[Range<usize>]) -> Range<usize> {
    for c in code {
        if c.start <= range.start && range.start < c.end {
            range.start = c.end.min(range.end);
            let rest = &text[range.clone()];
            range.start += rest.len()
                - rest
                    .trim_start_matches(|ch: char| {
                        ch.is_whitespace() || matches!(ch, ')' | ']' | '}' | ';' | ',')
                    })
                    .len();
        }
        if c.start < range.end && range.end <= c.end {
            range.end = c.start.max(range.start);
            range.end = range.start + text[range.clone()].trim_end().len();
        }
    }
    range
}

/// `range` up to the article's `end` (see [`Layout::end`]), white space trimmed: empty when
/// it starts there or after, cut short when a link block runs into it.
fn before_end(text: &str, range: Range<usize>, end: Option<usize>) -> Range<usize> {
    match end {
        Some(e) if e <= range.start => range.start..range.start,
        Some(e) if e < range.end => {
            range.start..range.start + text[range.start..e].trim_end().len()
        }
        _ => range,
    }
}

/// `range` without a widget glued to its start, or from a widget further on (see
/// [`WIDGETS`]), and without the white space beside it. `widget`: whether its line holds a
/// widget (see [`Line`]); almost none does, and those are not searched.
fn without_widgets(text: &str, range: Range<usize>, widget: bool) -> Range<usize> {
    if !widget {
        return range;
    }
    let range = after_widget(text, range);
    let sentence = &text[range.clone()];
    let cut = WIDGETS
        .iter()
        .filter_map(|w| {
            sentence
                .match_indices(w)
                .map(|(at, _)| at)
                .find(|&at| at > 0 && sentence[..at].ends_with(char::is_whitespace))
        })
        .min();
    match cut {
        Some(at) => range.start..range.start + sentence[..at].trim_end().len(),
        None => range,
    }
}

/// `range` without a leading widget (see [`WIDGETS`]) and the white space after it.
fn after_widget(text: &str, range: Range<usize>) -> Range<usize> {
    let sentence = &text[range.clone()];
    let widgets = &cues().widgets;
    // Almost no sentence opens with a widget's first word (sentences are trimmed, so a
    // widget opens one literally): told without tokenising.
    if !widgets
        .iter()
        .any(|w| w.first().is_some_and(|w| sentence.starts_with(w.as_str())))
    {
        return range;
    }
    for widget in widgets {
        let mut words = tokenize::words(sentence);
        let mut end = 0;
        let whole = widget.iter().all(|w| {
            words.next().is_some_and(|word| {
                end = word.as_ptr() as usize - sentence.as_ptr() as usize + word.len();
                word == w
            })
        });
        if whole {
            let rest = &sentence[end..];
            return range.end - rest.trim_start().len()..range.end;
        }
    }
    range
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fingerprint_is_the_length_and_the_first_six_bytes() {
        for word in [
            "",
            "a",
            "abcdef",
            "abcdefg",
            "abcdefgh",
            "اقرا",
            "المزيد",
            "ab\u{0}",
        ] {
            let b = word.as_bytes();
            let mut head = [0u8; 8];
            let n = b.len().min(6);
            head[..n].copy_from_slice(&b[..n]);
            let want = u64::from_le_bytes(head) | ((b.len() as u64) << 48);
            assert_eq!(fingerprint(word), want, "{word:?}");
        }
    }

    #[test]
    fn a_line_key_is_the_xxh3_of_its_letter_words_each_followed_by_a_space() {
        // Keys are stored (learned furniture in an archive): the way they are computed may
        // change, their values may not.
        for text in [
            "",
            "المصدر: واس",
            "اقرأ أيضاً 12 خبراً عن «الرياض» - 2015",
            "Read also: the cookie   policy, (c) 2024",
        ] {
            let mut w = Words::of(text);
            let mut h = xxhash_rust::xxh3::Xxh3::new();
            for i in 0..w.len() {
                h.update(w.word(i).as_bytes());
                h.update(b" ");
            }
            assert_eq!(w.key(), h.digest(), "{text:?}");
        }
    }

    fn kept(text: &str, furniture: &Furniture) -> Vec<String> {
        article_sentences(text, &Layout::of(text), furniture)
            .into_iter()
            .map(|s| text[s.range].to_string())
            .collect()
    }

    /// Each `(name, text, sentences)` case keeps those sentences of its text, with no learned
    /// furniture.
    fn assert_kept(cases: &[(&str, &str, &[&str])]) {
        for (name, text, want) in cases {
            assert_eq!(kept(text, &Furniture::default()), *want, "{name}");
        }
    }

    #[test]
    fn a_read_also_line_ends_the_article() {
        let text = "العنوان هنا\nقال الوزير إن الاتفاق تم.\nإقرأ أيضاً:\nقصة أخرى لا علاقة لها.";
        assert_eq!(
            kept(text, &Furniture::default()),
            vec!["قال الوزير إن الاتفاق تم."]
        );
    }

    #[test]
    fn a_read_also_cue_a_colon_and_a_headline_are_one_link_dropped_alone() {
        let minister = "قال الوزير إن الاتفاق تم بعد مفاوضات طويلة.";
        let markets = "Markets reacted calmly to the decision on Thursday.";
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "on its own line",
                "قال الوزير إن الاتفاق تم بعد مفاوضات طويلة.\nاقرأ أيضاً: الأرصاد تتوقع ارتفاع درجات الحرارة في معظم مناطق المملكة\nقصة أخرى لا علاقة لها.",
                &[minister, "قصة أخرى لا علاقة لها."],
            ),
            (
                "after a full stop, a space before the colon",
                "ECB raises rates\nMarkets reacted calmly to the decision on Thursday. Read also : Fed holds rates steady as inflation cools across the region\nEconomists were divided before the meeting.",
                &[markets, "Economists were divided before the meeting."],
            ),
            (
                "no colon: a sentence that opens with the phrase",
                "Markets reacted calmly to the decision on Thursday. Read more than the headlines and the picture changes completely.",
                &[
                    markets,
                    "Read more than the headlines and the picture changes completely.",
                ],
            ),
        ];
        assert_kept(cases);
    }

    #[test]
    fn a_link_block_ends_the_article_on_its_own_line_after_a_full_stop_or_run_in() {
        let summer = "قال الكاتب إن الصيف حار.";
        let cases: &[(&str, &str, &[&str])] = &[
            // aljazirah closes columns with the author's other titles run together.
            (
                "on its own line",
                "قال الكاتب إن الصيف حار.\nمقالات أخرى للكاتبالإعجاب المرفوضأمن وطن وفرحة أمة. ماذا فعلنا؟",
                &[summer],
            ),
            (
                "after a full stop",
                "قال الكاتب إن الصيف حار. مقالات أخرى للكاتبالإعجاب المرفوض. ماذا فعلنا؟\nسطر آخر هنا.",
                &[summer],
            ),
            (
                "run into the last sentence, which keeps what came before",
                "قال الكاتب إن الصيف حار. والعلم يكفي صامله عن كثيره مقالات أخرى للكاتبالإعجاب المرفوض. ماذا فعلنا؟",
                &[summer, "والعلم يكفي صامله عن كثيره"],
            ),
            (
                "a site's link to the story",
                "اندلع حريق في محطة للوقود ثم امتد إلى مبان أخرى رابط الخبر بصحيفة الوئام: بالصور ..\nعنوان آخر هنا.",
                &["اندلع حريق في محطة للوقود ثم امتد إلى مبان أخرى"],
            ),
            (
                // "اخترنا لكم" opening prose is not the cue "اخترنا لك" run into a title.
                "a column opening with a tail cue's words",
                "اخترنا لكم في هذا العدد مجموعة من التطبيقات المختلفة للأجهزة الجوالة.",
                &["اخترنا لكم في هذا العدد مجموعة من التطبيقات المختلفة للأجهزة الجوالة."],
            ),
            (
                "a sentence that only mentions a cue, long",
                "قال الكاتب إن الصيف حار. اقرأ أيضا ما كتبه الزملاء عن الصيف في العام الماضي.",
                &[summer, "اقرأ أيضا ما كتبه الزملاء عن الصيف في العام الماضي."],
            ),
        ];
        assert_kept(cases);
    }

    #[test]
    fn a_tag_list_closing_the_text_is_not_article_text_but_a_sentence_on_traits_is() {
        let lead = "تم قبول الطالبة بكلية الطب.";
        let traits = "سمات الطالب المتفوق كثيرة ومنها الصبر والمثابرة";
        let cases: &[(&str, &str, &[&str])] = &[
            (
                // 3alyoum prints its tags after the last full stop, as many as it likes.
                "after the last full stop",
                "تم قبول الطالبة بكلية الطب. سمات تبوك جامعة معمة تبوك الطب القبول ",
                &[lead],
            ),
            (
                "on a line of its own",
                "تم قبول الطالبة بكلية الطب.\nTags: Tabuk university medicine admission",
                &[lead],
            ),
            (
                "a sentence on traits, closing with a full stop",
                "تم قبول الطالبة بكلية الطب. سمات الطالب المتفوق كثيرة ومنها الصبر والمثابرة.",
                &[lead, "سمات الطالب المتفوق كثيرة ومنها الصبر والمثابرة."],
            ),
            (
                "a line on traits before the text's last",
                "تم قبول الطالبة بكلية الطب.\nسمات الطالب المتفوق كثيرة ومنها الصبر والمثابرة\nوقالت إنها سعيدة جدا.",
                &[lead, traits, "وقالت إنها سعيدة جدا."],
            ),
        ];
        assert_kept(cases);
    }

    #[test]
    fn a_sliders_buttons_after_the_last_caption_are_cut_off_and_the_captions_kept() {
        let lead = "عرضت الشركات أحدث الساعات الذكية في المعرض.";
        let captions = "ساعة سوني سمارت واتش 3 ساعة قادمة من سامسونج ساعة إل جي";
        for after in ["", " عكاظ اليوم – جدة"] {
            let text = format!("{lead}\n{captions} Next Previous{after}");
            assert_eq!(kept(&text, &Furniture::default()), vec![lead, captions]);
        }
        // A word merely ending like the widget is not cut.
        let text = format!("{lead}\nThe film was shown at the festival as NextPrevious");
        assert_eq!(
            kept(&text, &Furniture::default()),
            vec![lead, "The film was shown at the festival as NextPrevious"]
        );
    }

    #[test]
    fn a_share_bar_glued_in_front_of_the_lead_is_cut_off_and_the_lead_kept() {
        let text = " شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك أكد نائب خادم الحرمين الشريفين دعم الأسر. وأضاف أن الدعم مستمر.\nNext Previous\nNext Previous The minister opened the fair.";
        assert_eq!(
            kept(text, &Furniture::default()),
            vec![
                "أكد نائب خادم الحرمين الشريفين دعم الأسر.",
                "وأضاف أن الدعم مستمر.",
                "The minister opened the fair."
            ]
        );
    }

    #[test]
    fn a_style_sheet_and_a_script_run_into_the_text_are_dropped_and_the_text_around_kept() {
        let text = "ينقسم الصائمون في الإفطار إلى نوعين. ما النوع الذي تفضله؟. #vote_area2 ul { \
                    padding: 0; margin: 0; } .box_vote { zbackground: #FFFFFF; padding:18px; } \
                    jQuery(document).ready(function(){ jQuery('#vote_form2').submit(function() { \
                    return false; }); }); كيف تتناول إفطارك في رمضان؟";
        assert_eq!(
            kept(text, &Furniture::default()),
            vec![
                "ينقسم الصائمون في الإفطار إلى نوعين.",
                "ما النوع الذي تفضله؟.",
                "كيف تتناول إفطارك في رمضان؟"
            ]
        );
    }

    #[test]
    fn cookie_notices_source_lines_and_stray_markup_are_dropped() {
        let text = "Minister signs the deal in Paris.\n>\nSource: Reuters\nWe use cookies to improve your experience.\nThe deal covers energy.";
        assert_eq!(
            kept(text, &Furniture::default()),
            vec![
                "Minister signs the deal in Paris.",
                "The deal covers energy."
            ]
        );
    }

    #[test]
    fn credits_and_bylines_after_the_last_full_stop_are_dropped() {
        let text = "أمطار غزيرة في الصين\n\n\
                    صيادون يلتقطون الأسماك من نوافذ منازلهم بعد الأمطار. «رويترز»\n\n\
                    وصلت القافلة إلى المدينة صباح اليوم. - حائل\n\n\
                    «عكاظ»\n\n\
                    ثم عاد الوفد. «سنعود قريبا.»\n\n\
                    وقال المتحدث إن العمل مستمر. وأضاف أن الفرق جاهزة";
        assert_eq!(
            kept(text, &Furniture::default()),
            vec![
                "صيادون يلتقطون الأسماك من نوافذ منازلهم بعد الأمطار.",
                "وصلت القافلة إلى المدينة صباح اليوم.",
                "ثم عاد الوفد.",
                // Closed inside its quotes: a quotation, not a credit.
                "«سنعود قريبا.»",
                "وقال المتحدث إن العمل مستمر.",
                // Four words: text, not a label.
                "وأضاف أن الفرق جاهزة",
            ]
        );
    }

    #[test]
    fn bylines_of_several_names_are_dropped_and_sentences_opening_with_by_kept() {
        let text = "ECB raises rates again\n\n\
                    By Jane Doe and John Smith, Reuters\n\n\
                    The bank raised its deposit rate to 4% on Thursday.\n\n\
                    بقلم: محمد بن عبدالله الأحمد\n\n\
                    By then, the euro had fallen against the dollar.\n\n\
                    By the end of the week markets had calmed and bond yields had fallen\n\n\
                    Officials said the decision was unanimous. By Jane Doe, Reuters";
        assert_eq!(
            kept(text, &Furniture::default()),
            vec![
                "The bank raised its deposit rate to 4% on Thursday.",
                "By then, the euro had fallen against the dollar.",
                // Eleven words: text without its full stop, not a byline.
                "By the end of the week markets had calmed and bond yields had fallen",
                "Officials said the decision was unanimous.",
            ]
        );
    }

    #[test]
    fn wire_credits_are_dropped() {
        let text = "Floods hit northern Italy on Tuesday, forcing thousands from their homes.\n\
                    Officials said three people had died.\n\
                    Reporting by Crispian Balmer in Rome; Editing by Alex Richardson\n\
                    Associated Press writer Frances D'Emilio contributed to this report.";
        assert_eq!(
            kept(text, &Furniture::default()),
            vec![
                "Floods hit northern Italy on Tuesday, forcing thousands from their homes.",
                "Officials said three people had died."
            ]
        );
    }

    #[test]
    fn a_sites_link_to_the_story_is_dropped() {
        let text = "افتتح الأمير سوق عكاظ في الطائف مساء أمس.\n\
                    رابط الخبر بصحيفة الوئام: أمير منطقة مكة المكرمة يفتتح «سوق عكاظ» بالطائف";
        assert_eq!(
            kept(text, &Furniture::default()),
            vec!["افتتح الأمير سوق عكاظ في الطائف مساء أمس."]
        );
        // Run into the last paragraph, the link is a sentence of its own, dropped alone.
        let text = "افتتح الأمير سوق عكاظ في الطائف مساء أمس. وحضر الافتتاح عدد من المسؤولين. \
                    رابط الخبر بصحيفة الوئام: أمير منطقة مكة المكرمة يفتتح «سوق عكاظ» بالطائف";
        assert_eq!(
            kept(text, &Furniture::default()),
            vec![
                "افتتح الأمير سوق عكاظ في الطائف مساء أمس.",
                "وحضر الافتتاح عدد من المسؤولين."
            ]
        );
    }

    #[test]
    fn a_caption_printed_twice_is_dropped_both_times() {
        let text = "First real sentence here.\n  • The president and his guest (archive)\n    The president and his guest (archive)\nSecond real sentence.";
        assert_eq!(
            kept(text, &Furniture::default()),
            vec!["First real sentence here.", "Second real sentence."]
        );
    }

    #[test]
    fn lines_recurring_across_unrelated_groups_are_learned_but_copies_do_not_count() {
        let template = "Follow our channel for breaking news";
        let a = format!("Story one happened today.\n{template}");
        let b = format!("Story two happened today.\n{template}");
        let copies = [(0, a.as_str()), (0, a.as_str())];
        assert!(Furniture::learn(&copies).is_empty());
        let f = Furniture::learn(&[(0, a.as_str()), (1, b.as_str())]);
        assert_eq!(f.len(), 1);
        assert_eq!(kept(&a, &f), vec!["Story one happened today."]);
    }

    /// Each line of `text` as its layout describes it, next to the same line analysed whole.
    fn lines_both_ways(text: &str) {
        let mut seen = Vec::new();
        let layout = Layout::of_with(text, |i, sentence| {
            let words: Vec<&str> = sentence.words().collect();
            assert_eq!(
                words,
                crate::text::tokenize::words(sentence.text()).collect::<Vec<_>>()
            );
            seen.push((i, sentence.text().to_string()))
        });
        assert_eq!(seen.len(), layout.sentences.len(), "{text:?}");
        for (k, (i, norm)) in seen.iter().enumerate() {
            assert_eq!(*i, k);
            let mut want = String::new();
            normalize::arabic(&text[layout.sentences[k].clone()], &mut want);
            assert_eq!(norm, &want);
        }
        for line in &layout.lines {
            let mut whole = Words::of(&text[line.range.clone()]);
            assert_eq!(line.key, whole.key(), "{text:?} line {:?}", line.range);
            assert_eq!(line.words, whole.len());
            assert_eq!((line.cue, line.widget), line_cue(&whole));
        }
    }

    #[test]
    fn a_line_built_from_its_sentences_has_the_key_and_cues_of_the_whole_line() {
        for text in [
            "Leaders meet.  They talk! Then? More... «سنعود.» ثم قال: نعم. 3.5 مليون.\nالمصدر : واس. وكالة\n\n",
            "Source: AFP. Photo: x\n  - Read also: other story.\nend.»Start here\r\nx",
            "حفلت المقابلة الصحفية المستفيضة التي اجرتها صحيفة الحياة مع جلالة\nالملك عبد الله الثاني بكثير من الاشارات والدلالات والمعاني العميقة والتي\nتؤكد في مجمل ابعادها ومعطياتها على ثوابت المواقف الاردنية الوطنية وعلى\nالرؤية الاردنية التي اكد عليها جلالته في زيارته الناجحة واللافتة.\n",
            "",
            "   \n\t\n",
        ] {
            lines_both_ways(text);
        }
        for record in crate::corpus::seed_records() {
            if let crate::corpus::Record::Document(d) = record {
                lines_both_ways(&d.text);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_laid_out_has_line_keys_equal_to_its_whole_lines(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "word", "كلمة", "الكتاب", " ", "  ", ".", "!", "?", "؟", "؛", "…", "...", "\n",
                "\r\n", "«", "»", "\"", ":", "3.5", "U.S.", "e.g.", "د.", "\u{200d}", "\u{0651}",
                "ـ", "ﻻ", "1. ", "Source:", "المصدر:", "cookies", "-", ",", "،",
            ]), 0..60),
        ) {
            lines_both_ways(&parts.concat());
        }
    }

    /// Furniture as it was learned before statistics could be merged: every distinct group
    /// kept, the length of the line's first occurrence in group order.
    fn learned_in_one_pass(docs: &[(u32, &str)]) -> Vec<u64> {
        let mut seen: AHashMap<u64, (Vec<u32>, usize)> = AHashMap::new();
        let mut sorted = docs.to_vec();
        sorted.sort_by_key(|d| d.0);
        for (group, text) in sorted {
            for line in logical_lines(text) {
                let mut w = Words::of(&text[line]);
                if !w.is_empty() {
                    let e = seen.entry(w.key()).or_insert_with(|| (Vec::new(), w.len()));
                    if !e.0.contains(&group) {
                        e.0.push(group);
                    }
                }
            }
        }
        let mut keys: Vec<u64> = seen
            .into_iter()
            .filter(|(_, (g, len))| {
                g.len() >= MIN_GROUPS || (g.len() >= MIN_GROUPS_SHORT && *len <= SHORT_LINE_WORDS)
            })
            .map(|(k, _)| k)
            .collect();
        keys.sort_unstable();
        keys
    }

    #[test]
    fn furniture_from_merged_parts_equals_furniture_learned_at_once() {
        let long = "This template line is long enough that two groups are not enough to call it furniture here";
        let mut texts: Vec<(u32, String)> = Vec::new();
        for g in 0..9u32 {
            for copy in 0..(1 + g % 3) {
                let mut t = format!("Story {g} copy {copy} happened today.\nShared by two\n");
                if g % 2 == 0 {
                    t.push_str("Follow our channel\n");
                }
                if g < 2 || g == 7 {
                    t.push_str(long);
                    t.push('\n');
                }
                if g >= 6 {
                    t.push_str("A long line that only groups six to eight carry, three of them.\n");
                }
                if g == 3 || g == 4 {
                    t.push_str("Shared by two\n");
                }
                texts.push((g, t));
            }
        }
        let docs: Vec<(u32, &str)> = texts.iter().map(|(g, t)| (*g, t.as_str())).collect();
        let whole = Furniture::learn(&docs);
        assert_eq!(whole.keys(), learned_in_one_pass(&docs));
        assert!(whole.len() >= 3, "{}", whole.len());
        // Any split into parts, in any order, merges into the same furniture.
        for parts in [2, 3, 5, docs.len()] {
            let mut merged = LineStats::default();
            for p in (0..parts).rev() {
                let part: Vec<(u32, &str)> = docs
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| i % parts == p)
                    .map(|(_, d)| *d)
                    .collect();
                let stats = LineStats::of(&part);
                merged.merge(LineStats::from_rows(stats.to_rows()));
            }
            assert_eq!(merged, LineStats::of(&docs), "{parts} parts");
            assert_eq!(Furniture::from_lines(&merged).keys(), whole.keys());
        }
        assert_eq!(Furniture::from_keys(whole.keys()).keys(), whole.keys());
    }

    #[test]
    fn a_headline_is_not_a_summary_sentence() {
        let text = "Leaders meet in Beijing\nThe two leaders met on Friday.";
        assert_eq!(headline(text), Some(0..23));
        assert_eq!(
            kept(text, &Furniture::default()),
            vec!["The two leaders met on Friday."]
        );
        assert_eq!(headline("One sentence only."), None);
    }
}
