//! The normaliser for every script without rules of its own: NFKC, lowercase, and removal of
//! invisible format characters.

use super::{Act, Rules, kept_in_block, run};

/// NFKC, lowercase (full Unicode mapping, Greek final sigma), and removal of invisible format
/// characters (see [`is_invisible_format`]); appends to `out`.
pub fn general(text: &str, out: &mut String) {
    run::<General>(text, out);
}

struct General;

/// Arabic letters and punctuation are kept ([`kept_in_block`](super::kept_in_block)); the
/// Arabic letter mark is invisible; tatweel is typographic stretching in every Arabic-script
/// language (left alone, a run of it alone would be a word).
const fn block_act(cp: u32) -> Act {
    match cp {
        0x0640 => Act::Drop,
        _ if kept_in_block(cp) => Act::Keep,
        0x061C => Act::Drop,
        _ => Act::Generic,
    }
}

impl Rules for General {
    const BLOCK: [Act; 256] = block_table!(block_act);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        let mut out = String::new();
        general(s, &mut out);
        out
    }

    #[test]
    fn table() {
        let cases: &[(&str, &str, &str)] = &[
            ("ascii lowercase", "Hello WORLD 42", "hello world 42"),
            ("latin-1 lowercase", "ÉCOLE Ärger", "école ärger"),
            ("cyrillic lowercase", "МОСКВА", "москва"),
            ("tatweel dropped", "کتـــاب ـــ", "کتاب "),
            ("greek final sigma", "ΟΔΟΣ ΣΟΦΙΑ", "οδος σοφια"),
            ("turkish dotted capital i (full mapping)", "İ", "i\u{307}"),
            (
                "nfkc: decomposed e + acute composes",
                "e\u{301}cole",
                "école",
            ),
            (
                "nfkc: composition after a stable boundary",
                "cafe\u{301}",
                "café",
            ),
            ("nfkc: ligature", "ﬁnance", "finance"),
            ("nfkc: fullwidth", "ＡＢＣ１２", "abc12"),
            ("nfkc: superscript", "x²", "x2"),
            ("nfkc: ellipsis", "wait…", "wait..."),
            ("nfkc: no-break space", "a\u{a0}b", "a b"),
            ("nfkc: arabic presentation forms", "ﻣﺮﺣﺒﺎ", "مرحبا"),
            ("zwsp", "foo\u{200B}bar", "foobar"),
            ("zwnj", "foo\u{200C}bar", "foobar"),
            ("zwj", "foo\u{200D}bar", "foobar"),
            ("lrm rlm", "\u{200E}abc\u{200F}", "abc"),
            (
                "bidi embeddings and overrides",
                "\u{202A}a\u{202B}b\u{202C}c\u{202D}d\u{202E}",
                "abcd",
            ),
            (
                "bidi isolates",
                "\u{2066}a\u{2067}b\u{2068}c\u{2069}",
                "abc",
            ),
            ("bom", "\u{FEFF}text", "text"),
            ("soft hyphen", "inter\u{AD}national", "international"),
            ("arabic letter mark", "ab\u{61C}c", "abc"),
            (
                "arabic letters untouched (no arabic rules)",
                "أحمد مُحمّد",
                "أحمد مُحمّد",
            ),
            ("empty", "", ""),
            ("nul and punctuation kept", "a\0b, c!", "a\0b, c!"),
        ];
        for (name, input, want) in cases {
            assert_eq!(norm(input), *want, "{name}");
        }
    }

    #[test]
    fn slow_stretches_at_the_start_and_end() {
        assert_eq!(norm("\u{301}a"), "\u{301}a");
        assert_eq!(norm("ﬁ"), "fi");
        assert_eq!(norm("ﬁﬁ x ﬁ"), "fifi x fi");
    }
}
