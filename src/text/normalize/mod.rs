//! Normalisers, one per script (charabia-style): [`arabic`] and [`general`], each with its table
//! of test cases beside it. [`for_language`] picks one for a document language.
//!
//! Every normaliser is "NFKC, then per-character rules, then lowercase", and *appends* to `out`
//! (callers reuse one buffer and clear it themselves). The shared driver below only runs the
//! (slow) NFKC machinery on the short stretches that need it: ASCII, Arabic letters and any
//! character that is NFKC-stable (`NFKC_QC=Yes`, combining class 0) are mapped directly; a
//! stretch of other characters is normalised together with the stable character before it, so
//! compositions such as `e` + U+0301 → `é` still happen.

/// The table of actions for U+0600..=U+06FF from a `const fn(u32) -> Act` (a macro because
/// function pointers cannot be called in const evaluation on stable Rust).
macro_rules! block_table {
    ($act:ident) => {{
        let mut t = [Act::Generic; 256];
        let mut k = 0;
        while k < 256 {
            t[k] = $act(0x600 + k as u32);
            k += 1;
        }
        t
    }};
}

mod arabic;
mod general;

pub use arabic::arabic;
pub use general::general;

use super::Language;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// Normalises `text` for documents in `lang`, appending to `out`: Arabic text gets [`arabic`],
/// everything else [`general`].
pub fn for_language(lang: Language, text: &str, out: &mut String) {
    match lang {
        Language::Arabic => arabic(text, out),
        _ => general(text, out),
    }
}

/// Invisible format characters that would otherwise split or glue words: ZWSP, ZWNJ, ZWJ,
/// LRM, RLM, bidi embeddings and overrides, bidi isolates, BOM / ZWNBSP, soft hyphen and the
/// Arabic letter mark. Every normaliser removes them.
#[inline]
pub fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
            | '\u{00AD}'
            | '\u{061C}'
    )
}

/// Characters of the Arabic block that every normaliser copies as they are: NFKC-stable,
/// caseless and visible — the letters, and the punctuation of Arabic text (comma, semicolon,
/// question mark, percent sign, decimal and thousands separators, five-pointed star), which
/// would otherwise take the generic path's Unicode property searches at every occurrence.
const fn kept_in_block(cp: u32) -> bool {
    matches!(cp, 0x0621..=0x064A | 0x060C | 0x061B | 0x061F | 0x066A..=0x066D)
}

/// How the driver treats one non-ASCII character.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// NFKC-stable: a normalisation boundary, mapped directly.
    Stable,
    /// Needs NFKC together with its neighbours.
    Slow,
}

/// What a script's table says about one character of the Arabic block (U+0600–U+06FF), the
/// bulk of our text, so the driver can handle it from its two UTF-8 bytes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Act {
    /// NFKC-stable and unchanged: copied as is.
    Keep,
    /// Removed (before NFKC, not a normalisation boundary).
    Drop,
    /// NFKC-stable, replaced by this character.
    To(char),
    /// Not decided by the table: classify and map it like any other character.
    Generic,
}

/// Per-script rules plugged into the driver.
/// A normaliser is its Arabic-block table; everything outside the block is NFKC plus
/// lowercasing, the same for every normaliser.
trait Rules {
    /// What to do with U+0600 + i.
    const BLOCK: [Act; 256];

    /// Classifies a non-ASCII character the table does not decide.
    #[inline]
    fn classify(c: char) -> Class {
        if is_nfkc_stable(c) {
            Class::Stable
        } else {
            Class::Slow
        }
    }

    /// Does `map` leave this stable character unchanged?
    #[inline]
    fn unchanged(c: char) -> bool {
        !is_invisible_format(c) && lowercase_is_identity(c) && !matches!(c, '\u{0600}'..='\u{06FF}')
    }

    /// Appends the normalised form of `c` (already NFKC) to `out`; `rest` is the input after
    /// `c`, if known (for the Greek final sigma).
    #[inline]
    fn map(c: char, rest: &str, out: &mut String) {
        match Self::BLOCK.get((c as usize).wrapping_sub(0x600)) {
            Some(Act::Drop) => {}
            Some(Act::To(r)) => out.push(*r),
            Some(_) => out.push(c),
            None if is_invisible_format(c) => {}
            None => push_lowercase(c, rest, out),
        }
    }
}

/// Is `c` NFKC-stable on its own and a normalisation boundary (no character before it can
/// change because of it)?
#[inline]
fn is_nfkc_stable(c: char) -> bool {
    canonical_combining_class(c) == 0 && is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes
}

/// Does lowercasing leave `c` as it is? (True for every character with the Lowercase property
/// and every non-letter.)
#[inline]
fn lowercase_is_identity(c: char) -> bool {
    c.is_lowercase() || !c.is_alphabetic()
}

/// Appends the lowercase form of `c` (full Unicode mapping, Greek final sigma from context:
/// `Σ` after a letter and not before one becomes `ς`).
#[inline]
fn push_lowercase(c: char, rest: &str, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if c == 'Σ' {
        let after_letter = out.chars().next_back().is_some_and(char::is_alphabetic);
        let before_letter = rest.chars().next().is_some_and(char::is_alphabetic);
        out.push(if after_letter && !before_letter {
            'ς'
        } else {
            'σ'
        });
    } else if lowercase_is_identity(c) {
        out.push(c);
    } else {
        out.extend(c.to_lowercase());
    }
}

/// The shared driver: see the module documentation. Unchanged stretches are copied in one go.
fn run<R: Rules>(text: &str, out: &mut String) {
    out.reserve(text.len());
    let bytes = text.as_bytes();
    let n = bytes.len();
    // Start of the unchanged stretch not yet copied to `out`.
    let mut pending = 0usize;
    // Where the last normalisation boundary is, in `text` and (once copied) in `out`.
    let (mut mark_in, mut mark_out) = (0usize, out.len());
    let mut i = 0;
    while i < n {
        // Most of a text is copied as it is (lowercase ASCII, spaces and punctuation, Arabic
        // letters): such a stretch is crossed in a tight loop. Each of its characters is a
        // boundary, so the last one marks where the stretch leaves the boundary.
        let mut last = None;
        loop {
            match bytes.get(i) {
                Some(&b) if b < 0x80 && !b.is_ascii_uppercase() => {
                    last = Some(i);
                    i += 1;
                }
                Some(&b)
                    if (0xD8..=0xDB).contains(&b)
                        && i + 1 < n
                        && R::BLOCK[block_index(b, bytes[i + 1])] == Act::Keep =>
                {
                    last = Some(i);
                    i += 2;
                }
                _ => break,
            }
        }
        if let Some(at) = last {
            mark_in = at;
            mark_out = out.len() + (at - pending);
        }
        if i >= n {
            break;
        }
        let b = bytes[i];
        if b < 0x80 {
            if b.is_ascii_uppercase() {
                out.push_str(&text[pending..i]);
                mark_in = i;
                mark_out = out.len();
                out.push(b.to_ascii_lowercase() as char);
                pending = i + 1;
            } else {
                mark_in = i;
                mark_out = out.len() + (i - pending);
            }
            i += 1;
            continue;
        }
        if (0xD8..=0xDB).contains(&b) && i + 1 < n {
            // Two-byte UTF-8 for U+0600..=U+06FF.
            match R::BLOCK[block_index(b, bytes[i + 1])] {
                Act::Keep => {
                    mark_in = i;
                    mark_out = out.len() + (i - pending);
                    i += 2;
                    continue;
                }
                Act::Drop => {
                    out.push_str(&text[pending..i]);
                    i += 2;
                    pending = i;
                    continue;
                }
                Act::To(r) => {
                    out.push_str(&text[pending..i]);
                    mark_in = i;
                    mark_out = out.len();
                    out.push(r);
                    i += 2;
                    pending = i;
                    continue;
                }
                Act::Generic => {}
            }
        }
        let c = next_char(text, i);
        let len = c.len_utf8();
        match R::classify(c) {
            Class::Stable if R::unchanged(c) => {
                mark_in = i;
                mark_out = out.len() + (i - pending);
                i += len;
            }
            Class::Stable => {
                out.push_str(&text[pending..i]);
                mark_in = i;
                mark_out = out.len();
                R::map(c, &text[i + len..], out);
                i += len;
                pending = i;
            }
            Class::Slow => {
                out.push_str(&text[pending..i]);
                // The stretch runs to the next boundary (ASCII or stable character).
                let mut end = i + len;
                while end < n && bytes[end] >= 0x80 {
                    let d = next_char(text, end);
                    let stable = match R::BLOCK.get((d as usize).wrapping_sub(0x600)) {
                        Some(Act::Keep | Act::To(_)) => true,
                        Some(Act::Drop) => false,
                        _ => R::classify(d) == Class::Stable,
                    };
                    if stable {
                        break;
                    }
                    end += d.len_utf8();
                }
                // Normalise from the last boundary, so it can compose with what follows.
                out.truncate(mark_out);
                let mut chars = text[mark_in..end].nfkc().peekable();
                let mut tail = String::new();
                while let Some(c) = chars.next() {
                    let rest = match chars.peek() {
                        Some(&next) => {
                            tail.clear();
                            tail.push(next);
                            tail.as_str()
                        }
                        None => &text[end..],
                    };
                    R::map(c, rest, out);
                }
                mark_in = end;
                mark_out = out.len();
                i = end;
                pending = i;
            }
        }
    }
    out.push_str(&text[pending..]);
}

/// The place in a block table of the character whose two UTF-8 bytes are `lead` (D8–DB) and
/// `next`.
#[inline]
fn block_index(lead: u8, next: u8) -> usize {
    (((lead & 0x03) as usize) << 6) | (next & 0x3F) as usize
}

#[inline]
fn next_char(text: &str, i: usize) -> char {
    // `i` is always on a char boundary of a non-empty rest.
    text[i..].chars().next().unwrap_or('\u{FFFD}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn for_language_picks_the_arabic_rules_only_for_arabic() {
        let text = "أحمد";
        let mut a = String::new();
        for_language(Language::Arabic, text, &mut a);
        assert_eq!(a, "احمد");
        let mut g = String::new();
        for_language(Language::English, text, &mut g);
        assert_eq!(g, "أحمد");
    }

    #[test]
    fn characters_kept_in_the_block_are_those_the_generic_path_would_keep() {
        for cp in 0x600..=0x6FF {
            let c = char::from_u32(cp).unwrap_or(' ');
            if kept_in_block(cp) {
                assert!(is_nfkc_stable(c), "{cp:04X} is not NFKC-stable");
                assert!(c.to_lowercase().eq([c]), "{cp:04X} has a case");
                assert!(!is_invisible_format(c), "{cp:04X} is invisible");
            }
        }
    }

    #[test]
    fn normalisers_append() {
        let mut out = String::from("x ");
        general("AB", &mut out);
        assert_eq!(out, "x ab");
    }
}
