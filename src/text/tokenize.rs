//! Splitting text into word runs.
//!
//! A word is a maximal run of characters that are alphanumeric (`char::is_alphanumeric`) or
//! combining marks (General_Category M), so scripts written with marks (Devanagari, Tamil,
//! unnormalised Arabic...) are not split mid-word. A run made only of marks is not a word.
//! Everything else — white space, punctuation, symbols, NUL, underscore — separates words.
//! Run the text through a [normaliser](super::normalize) first so invisible format characters
//! (ZWJ, bidi marks) do not split words.

use std::sync::atomic::{AtomicU8, Ordering};

use unicode_normalization::char::is_combining_mark;

/// What a character is to the tokenizer.
#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum Kind {
    /// Separates words.
    Gap = 0,
    /// Letter or digit.
    Alnum = 1,
    /// Combining mark: part of a word, not a word on its own.
    Mark = 2,
}

#[inline]
fn kind(c: char) -> Kind {
    if c.is_ascii() {
        return if c.is_ascii_alphanumeric() {
            Kind::Alnum
        } else {
            Kind::Gap
        };
    }
    match c {
        // The Arabic letters and digits, the bulk of our text: skip the table look-ups.
        '\u{0621}'..='\u{064A}' | '\u{0660}'..='\u{0669}' => Kind::Alnum,
        '\u{064B}'..='\u{065F}' => Kind::Mark,
        // Many marks are also alphabetic (Other_Alphabetic): test for marks first.
        _ if is_combining_mark(c) => Kind::Mark,
        _ if c.is_alphanumeric() => Kind::Alnum,
        _ => Kind::Gap,
    }
}

/// Is `c` a letter? Like `char::is_alphabetic`, with ASCII and the Arabic letters answered
/// without the Unicode table search (they are nearly every character we see).
#[inline]
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    matches!(c, '\u{0621}'..='\u{064A}') || c.is_alphabetic()
}

/// Is `c` alphanumeric? Like `char::is_alphanumeric`, with ASCII and the Arabic letters and
/// digits answered without the Unicode table search (the sentence splitter asks it before
/// every full stop, furniture of the first letter of every line).
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    matches!(c, '\u{0621}'..='\u{064A}' | '\u{0660}'..='\u{0669}') || c.is_alphanumeric()
}

/// Whether `c` is a letter of the Arabic script blocks.
#[inline]
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
        && c.is_alphabetic()
}

/// Whether `text` holds a letter.
#[inline]
pub fn has_letter(text: &str) -> bool {
    text.chars().any(is_letter)
}

/// Is `c` a combining mark (part of the word it follows, never a word on its own)?
#[inline]
pub fn is_mark(c: char) -> bool {
    kind(c) == Kind::Mark
}

/// Is `c` part of words (alphanumeric or a combining mark)?
#[inline]
pub fn is_word_char(c: char) -> bool {
    kind(c) != Kind::Gap
}

/// What [`kind`] says of every character below U+0800 (ASCII and all of two-byte UTF-8:
/// Latin, Greek, Cyrillic, Hebrew, Arabic with its punctuation) and of General Punctuation
/// (U+2000–U+207F: dashes, quotation marks, the ellipsis), worked out the first time a
/// character is met: nearly every character of a news text is then one table load instead of
/// a Unicode property search, and a process pays for the few dozen characters its texts use,
/// not for all 2,176 (a tenth of a millisecond, as much as tokenising a short batch).
struct KindTable {
    below_800: [AtomicU8; 0x800],
    punctuation: [AtomicU8; 0x80],
}

/// A [`KindTable`] entry not worked out yet.
const UNKNOWN: u8 = u8::MAX;

static KINDS: KindTable = KindTable {
    below_800: [const { AtomicU8::new(UNKNOWN) }; 0x800],
    punctuation: [const { AtomicU8::new(UNKNOWN) }; 0x80],
};

/// The kind of the character `cp` from its table entry `slot`, filled in on first use.
/// Threads filling one entry at once store the same value.
#[inline]
fn kind_in(slot: &AtomicU8, cp: u32) -> Kind {
    match slot.load(Ordering::Relaxed) {
        0 => Kind::Gap,
        1 => Kind::Alnum,
        2 => Kind::Mark,
        _ => {
            let k = char::from_u32(cp).map_or(Kind::Gap, kind);
            slot.store(k as u8, Ordering::Relaxed);
            k
        }
    }
}

/// The words of `text`, as slices of it, in order.
pub fn words(text: &str) -> Words<'_> {
    Words {
        text,
        pos: 0,
        kinds: &KINDS,
    }
}

/// Iterator over the words of a text; see [`words`].
#[derive(Clone)]
pub struct Words<'a> {
    text: &'a str,
    pos: usize,
    kinds: &'static KindTable,
}

impl std::fmt::Debug for Words<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Words")
            .field("text", &self.text)
            .field("pos", &self.pos)
            .finish()
    }
}

impl<'a> Words<'a> {
    #[inline]
    fn char_at(&self, i: usize) -> (Kind, usize) {
        let bytes = self.text.as_bytes();
        let b = bytes[i];
        if b < 0x80 {
            return (kind_in(&self.kinds.below_800[b as usize], u32::from(b)), 1);
        }
        // `text` is UTF-8, so a lead byte is followed by its continuation bytes.
        if b < 0xE0 {
            let cp = (((b & 0x1F) as usize) << 6) | (bytes[i + 1] & 0x3F) as usize;
            return (kind_in(&self.kinds.below_800[cp], cp as u32), 2);
        }
        if b == 0xE2 && matches!(bytes[i + 1], 0x80 | 0x81) {
            let k = (((bytes[i + 1] & 0x01) as usize) << 6) | (bytes[i + 2] & 0x3F) as usize;
            return (kind_in(&self.kinds.punctuation[k], 0x2000 + k as u32), 3);
        }
        let c = self.text[i..].chars().next().unwrap_or(' ');
        (kind(c), c.len_utf8())
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        let len = self.text.len();
        let mut i = self.pos;
        loop {
            while i < len {
                let (k, l) = self.char_at(i);
                if k != Kind::Gap {
                    break;
                }
                i += l;
            }
            if i >= len {
                self.pos = len;
                return None;
            }
            let start = i;
            let mut has_alnum = false;
            while i < len {
                let (k, l) = self.char_at(i);
                match k {
                    Kind::Gap => break,
                    Kind::Alnum => has_alnum = true,
                    Kind::Mark => {}
                }
                i += l;
            }
            if has_alnum {
                self.pos = i;
                return Some(&self.text[start..i]);
            }
        }
    }
}

impl std::iter::FusedIterator for Words<'_> {}

/// Calls `f` with each word of `text`, in order.
#[inline]
pub fn for_each_word(text: &str, f: impl FnMut(&str)) {
    words(text).for_each(f);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize;

    fn ws(s: &str) -> Vec<&str> {
        words(s).collect()
    }

    #[test]
    fn the_kind_table_says_what_kind_says_when_filled_and_when_read() {
        let tabled = (0..0x800).chain(0x2000..0x2080).filter_map(char::from_u32);
        for c in tabled {
            let text = c.to_string();
            let w = words(&text);
            for _ in 0..2 {
                let (k, len) = w.char_at(0);
                assert!(k == kind(c), "U+{:04X}", c as u32);
                assert_eq!(len, c.len_utf8());
            }
        }
    }

    #[test]
    fn table() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("empty", "", &[]),
            ("spaces only", "  \t\n ", &[]),
            ("ascii", "Hello, world!", &["Hello", "world"]),
            (
                "digits are words",
                "in 2024 the 3rd",
                &["in", "2024", "the", "3rd"],
            ),
            ("underscore splits", "snake_case", &["snake", "case"]),
            ("nul splits", "a\0b", &["a", "b"]),
            (
                "punctuation splits",
                "well-known e.g. it's",
                &["well", "known", "e", "g", "it", "s"],
            ),
            (
                "arabic",
                "ذهب الولد إلى المدرسة.",
                &["ذهب", "الولد", "إلى", "المدرسة"],
            ),
            (
                "arabic punctuation splits",
                "نعم،لا؟ربما؛",
                &["نعم", "لا", "ربما"],
            ),
            ("harakat stay inside a word", "مُحَمَّدٌ جاء", &["مُحَمَّدٌ", "جاء"]),
            ("devanagari vowel signs", "नमस्ते दुनिया", &["नमस्ते", "दुनिया"]),
            ("tamil", "வணக்கம் உலகம்", &["வணக்கம்", "உலகம்"]),
            ("decomposed accents", "e\u{301}cole", &["e\u{301}cole"]),
            (
                "marks alone are not words",
                "\u{301} a \u{64E}\u{651}",
                &["a"],
            ),
            ("zwj splits raw text", "ab\u{200D}cd", &["ab", "cd"]),
            (
                "arabic-indic digits are words",
                "عام ٢٠٢٤",
                &["عام", "٢٠٢٤"],
            ),
        ];
        for (name, input, want) in cases {
            assert_eq!(ws(input), *want, "{name}");
        }
    }

    #[test]
    fn invisible_marks_do_not_split_after_normalisation() {
        let cases = [
            ("ab\u{200D}cd", "abcd"),
            ("ab\u{200C}cd", "abcd"),
            ("ab\u{200B}cd", "abcd"),
            ("\u{200F}مر\u{200E}حبا\u{202B}", "مرحبا"),
            ("bo\u{2066}ok\u{2069}", "book"),
            ("in\u{AD}side", "inside"),
            ("س\u{61C}لام", "سلام"),
        ];
        for (input, want) in cases {
            let mut g = String::new();
            normalize::general(input, &mut g);
            assert_eq!(ws(&g), [want], "general {input:?}");
            let mut a = String::new();
            normalize::arabic(input, &mut a);
            assert_eq!(ws(&a), [want], "arabic {input:?}");
        }
    }

    #[test]
    fn for_each_word_matches_the_iterator() {
        let text = "one, two; ثلاثة… four";
        let mut seen = Vec::new();
        for_each_word(text, |w| seen.push(w.to_string()));
        assert_eq!(seen, ws(text));
        assert!(is_word_char('a') && is_word_char('\u{301}') && !is_word_char('_'));
    }

    /// The rule of the module docs, one `char` at a time through [`kind`].
    fn words_by_chars(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut start: Option<(usize, bool)> = None;
        for (i, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            let k = if i == text.len() { Kind::Gap } else { kind(c) };
            match (k, start) {
                (Kind::Gap, Some((s, alnum))) => {
                    if alnum {
                        out.push(&text[s..i]);
                    }
                    start = None;
                }
                (Kind::Gap, None) => {}
                (k, None) => start = Some((i, k == Kind::Alnum)),
                (k, Some((s, alnum))) => start = Some((s, alnum || k == Kind::Alnum)),
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn table_driven_words_are_those_of_the_character_rule(
            chars in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::char::range('\u{0}', '\u{7FF}'),
                    proptest::char::range('\u{1FF0}', '\u{2090}'),
                    proptest::char::range('\u{600}', '\u{6FF}'),
                    proptest::char::any(),
                    proptest::sample::select(vec![' ', 'a', '1', '\u{64E}', '\u{300}']),
                ],
                0..40,
            ),
        ) {
            let text: String = chars.into_iter().collect();
            proptest::prop_assert_eq!(words(&text).collect::<Vec<_>>(), words_by_chars(&text));
        }
    }

    #[test]
    fn every_character_the_tables_answer_gets_the_kind_of_the_character_rule() {
        let chars = (0u32..0x800)
            .chain(0x2000..0x2080)
            .filter_map(char::from_u32);
        for c in chars {
            let s = c.to_string();
            let w = words(&s);
            assert!(w.char_at(0) == (kind(c), c.len_utf8()), "{:04X}", c as u32);
        }
    }
}
