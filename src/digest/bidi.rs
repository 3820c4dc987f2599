//! Direction and safety helpers for the digest files: which way a language or a sentence
//! reads, bidi and other control characters removed from displayed text (and titles put on
//! one line), and the only URLs the HTML links.

use std::borrow::Cow;

/// Reading direction of a piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    /// Left to right.
    Ltr,
    /// Right to left.
    Rtl,
}

impl Dir {
    /// The value of an HTML `dir` attribute.
    pub fn attr(self) -> &'static str {
        match self {
            Dir::Ltr => "ltr",
            Dir::Rtl => "rtl",
        }
    }
}

/// ISO 639-1 (and a few 639-2/3) codes of languages written right to left.
const RTL_LANGS: &[&str] = &[
    "ar", "fa", "he", "iw", "ur", "ps", "sd", "ug", "yi", "dv", "ku", "ckb", "arz", "pes", "prs",
];

/// The direction of a language code; `None` when unknown (`und`, empty).
pub fn lang_dir(lang: &str) -> Option<Dir> {
    let base = lang
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if base.is_empty() || base == "und" {
        None
    } else if RTL_LANGS.contains(&base.as_str()) {
        Some(Dir::Rtl)
    } else {
        Some(Dir::Ltr)
    }
}

/// Whether `c` is a strong right-to-left character (Hebrew, Arabic, Syriac, Thaana, N'Ko and
/// their presentation forms, and the RTL ranges of the supplementary planes).
fn is_strong_rtl(c: char) -> bool {
    matches!(c,
        '\u{0590}'..='\u{08FF}'
        | '\u{FB1D}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}'
        | '\u{10800}'..='\u{10FFF}'
        | '\u{1E800}'..='\u{1EFFF}')
        && c.is_alphabetic()
}

/// The direction of a text from its first strong character (the HTML `dir=auto` rule), skipping
/// digits and punctuation; `None` when it has no letter.
pub fn first_strong_dir(text: &str) -> Option<Dir> {
    text.chars().find_map(|c| {
        if is_strong_rtl(c) {
            Some(Dir::Rtl)
        } else if c.is_alphabetic() {
            Some(Dir::Ltr)
        } else {
            None
        }
    })
}

/// The direction most of a text's letters read in; `None` on a tie or with no letter. Unlike
/// the first strong character, an Arabic sentence that opens with a Latin name ("Aramco
/// ترفع أسعارها") stays right to left.
pub fn text_dir(text: &str) -> Option<Dir> {
    let (mut rtl, mut ltr) = (0usize, 0usize);
    for c in text.chars() {
        if is_strong_rtl(c) {
            rtl += 1;
        } else if c.is_alphabetic() {
            ltr += 1;
        }
    }
    match rtl.cmp(&ltr) {
        std::cmp::Ordering::Greater => Some(Dir::Rtl),
        std::cmp::Ordering::Less => Some(Dir::Ltr),
        std::cmp::Ordering::Equal => None,
    }
}

/// The comma to list `words` with: the Arabic one when most of them read right to left, the
/// Latin one otherwise (an English group's keywords read "rates، euro، Bank" when every list
/// took the Arabic comma).
pub fn list_comma<S: AsRef<str>>(words: &[S]) -> &'static str {
    let rtl = words.iter().fold(0i64, |n, w| match text_dir(w.as_ref()) {
        Some(Dir::Rtl) => n + 1,
        Some(Dir::Ltr) => n - 1,
        None => n,
    });
    if rtl > 0 { "، " } else { ", " }
}

/// Whether `c` is a bidi embedding, override or isolate control (U+202A–U+202E,
/// U+2066–U+2069): characters that could reorder the text around them.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Text for display: bidi embedding/override/isolate controls and other control characters
/// (except tab and line breaks) removed. Borrows when there is nothing to remove.
pub fn display_text(text: &str) -> Cow<'_, str> {
    let bad = |c: char| is_bidi_control(c) || (c.is_control() && !matches!(c, '\t' | '\n' | '\r'));
    if text.chars().any(bad) {
        Cow::Owned(text.chars().filter(|&c| !bad(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// Zero-width spaces, the word joiner and a stray byte-order mark: invisible, and in a
/// scraped title they sit beside real spaces, where a search for the words then misses.
/// (Zero-width joiners and non-joiners stay: Persian and Indic spelling needs them.)
fn is_zero_width_space(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// Text shown on one line (a title, a source, a Markdown list item): [`display_text`] without
/// zero-width spaces, every run of whitespace (tabs, line breaks, no-break spaces) one space.
/// A stray line break cannot break the Markdown around it, and a `\x1a` or a U+202E from a
/// crawl does not reach a reader's terminal or a chat message built from the JSON.
pub fn one_line(text: &str) -> String {
    // Every summary bullet of the Markdown comes through here: most hold no zero-width space,
    // and their words are joined as slices of the text, not copied one by one.
    let mut shown = display_text(text);
    if shown.contains(is_zero_width_space) {
        shown = Cow::Owned(shown.replace(is_zero_width_space, ""));
    }
    shown.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The URL to link, only when it is an absolute `http` or `https` URL with a host (scheme
/// matched case-insensitively after trimming) and holds no whitespace or control character
/// (browsers drop tabs and line breaks inside URLs, so `java\tscript:` must not pass).
pub fn safe_url(url: &str) -> Option<&str> {
    let url = url.trim();
    if url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || is_bidi_control(c))
    {
        return None;
    }
    let (scheme, rest) = url.split_once(':')?;
    let web = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
    let host = rest.strip_prefix("//")?;
    (web && !host.is_empty() && !host.starts_with('/')).then_some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_takes_the_comma_of_most_of_its_words() {
        assert_eq!(list_comma(&["rates", "euro", "Lagarde"]), ", ");
        assert_eq!(list_comma(&["نفط", "أسعار", "OPEC"]), "، ");
        assert_eq!(list_comma(&["OPEC", "نفط"]), ", ");
        assert_eq!(list_comma::<&str>(&[]), ", ");
    }

    #[test]
    fn languages_written_right_to_left() {
        assert_eq!(lang_dir("ar"), Some(Dir::Rtl));
        assert_eq!(lang_dir("fa"), Some(Dir::Rtl));
        assert_eq!(lang_dir("ur"), Some(Dir::Rtl));
        assert_eq!(lang_dir("AR-sa"), Some(Dir::Rtl));
        assert_eq!(lang_dir("en"), Some(Dir::Ltr));
        assert_eq!(lang_dir("fr"), Some(Dir::Ltr));
        assert_eq!(lang_dir("und"), None);
        assert_eq!(lang_dir(""), None);
    }

    #[test]
    fn direction_from_the_first_strong_character() {
        assert_eq!(first_strong_dir("قال بوتين إن Gazprom"), Some(Dir::Rtl));
        assert_eq!(first_strong_dir("2022: Putin قال"), Some(Dir::Ltr));
        assert_eq!(first_strong_dir("«10» مليارات"), Some(Dir::Rtl));
        assert_eq!(first_strong_dir("שלום"), Some(Dir::Rtl));
        assert_eq!(first_strong_dir("2022 - 10%"), None);
    }

    #[test]
    fn direction_from_most_letters() {
        assert_eq!(
            text_dir("Saudi Aramco ترفع أسعار البيع لعملائها"),
            Some(Dir::Rtl)
        );
        assert_eq!(text_dir("<b>alert</b> أسعار النفط ترتفع"), Some(Dir::Rtl));
        assert_eq!(text_dir("Officials said الرياض is ready"), Some(Dir::Ltr));
        assert_eq!(text_dir("2015-07-21"), None);
        assert_eq!(text_dir("ab جد"), None);
    }

    #[test]
    fn bidi_controls_are_removed_from_displayed_text() {
        assert_eq!(display_text("a\u{202E}cba\u{202C}z"), "acbaz");
        assert_eq!(
            display_text("\u{2066}x\u{2069}\u{202A}\u{202B}\u{202D}"),
            "x"
        );
        assert_eq!(display_text("bell\u{7}"), "bell");
        assert!(matches!(display_text("سطر\nآخر"), Cow::Borrowed(_)));
        // Marks (not embeddings) stay: they do not reorder anything outside their run.
        assert_eq!(display_text("a\u{200F}b"), "a\u{200F}b");
    }

    #[test]
    fn one_line_text_has_single_spaces_and_nothing_invisible_but_joiners() {
        assert_eq!(one_line("a\u{7}b\tc"), "ab c");
        assert_eq!(
            one_line("\u{FEFF}\u{200F}الملك\u{00A0}\u{00A0}يستقبل\n\u{202B}الوزير\u{202C}\t"),
            "\u{200F}الملك يستقبل الوزير"
        );
        // Zero-width spaces go (a word of only them too); the joiners stay.
        assert_eq!(
            one_line("\u{200B}\"أخضر\" \u{200B}\u{200B} أهالي"),
            "\"أخضر\" أهالي"
        );
        assert_eq!(one_line("می\u{200C}خواهم"), "می\u{200C}خواهم");
    }

    #[test]
    fn only_http_urls_with_a_host_are_linked() {
        assert_eq!(
            safe_url(" https://spa.gov.sa/x?a=1 "),
            Some("https://spa.gov.sa/x?a=1")
        );
        assert_eq!(safe_url("HTTP://Example.com"), Some("HTTP://Example.com"));
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "jav\nascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "http:alert(1)",
            "https:///path",
            "//evil.example/x",
            "/relative",
            "http://exa mple.com",
            "http://\u{202E}moc.evil",
            "ftp://example.com",
            "",
        ] {
            assert_eq!(safe_url(bad), None, "{bad:?}");
        }
    }
}
