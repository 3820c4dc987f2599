//! What of a text is prose. Crawls keep more than the article: web addresses quoted in it
//! (`http://www.arriyadiyah.com/sites/default/files/…jpg`) and now and then a page's style
//! sheet or script run into the text (`.box_vote { padding: 0; margin: 0; }`). Their pieces
//! tokenise as words — `www`, `files`, `padding`, `webkit` — that several articles of one site
//! share and no reader would call what the story is about, so the tiers that look for meaning
//! (stories, keywords, summaries) read the text with them blanked out.

use std::borrow::Cow;
use std::ops::Range;

use super::links::address_spans;

/// Chunks before a rule's `{` that may be its selector or the head of a script statement
/// (`#vote_area2 ul`, `var plot1 = jQuery.jqplot('pie1', [[ … ]],`): the walk back stops
/// earlier at prose.
const MAX_HEAD_CHUNKS: usize = 24;

/// The byte ranges of style-sheet rules and script blocks in `text`, in order: a `{ … }`
/// (nesting counted) holding a `:` or `;`, whose letters are nearly all ASCII, with the
/// selector or statement head before it — the ASCII chunks back to the end of a sentence or
/// clause, another block, or two plain words in a row (prose), statements such as
/// `jQuery.noConflict();` included. A `{` with no closing `}` is not code: a crawl may cut a
/// page anywhere, but a lone brace in prose is likelier.
pub fn code_spans(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    // Every brace pair, outermost first where they nest, from one pass: a text of braces
    // costs a pass, not a scan to its end per brace.
    let bytes = text.as_bytes();
    let mut open_at: Vec<usize> = Vec::new();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for i in memchr::memchr2_iter(b'{', b'}', bytes) {
        if bytes[i] == b'{' {
            open_at.push(i);
        } else if let Some(open) = open_at.pop() {
            pairs.push((open, i));
        }
    }
    pairs.sort_unstable();
    // Past the last pair judged: what nests in a pair is judged with it, code or prose.
    let mut from = 0;
    for (open, close) in pairs {
        if open < from {
            continue;
        }
        from = close + 1;
        let inner = &text[open + 1..close];
        if !inner.contains([':', ';']) || !mostly_ascii_letters(inner) {
            continue;
        }
        let start = head_start(text, out.last().map_or(0, |r| r.end), open);
        match out.last_mut() {
            // Rules one after another are one style sheet.
            Some(last) if text[last.end..start].trim().is_empty() => last.end = close + 1,
            _ => out.push(start..close + 1),
        }
    }
    out
}

/// Whether at least 90% of the letters of `s` are ASCII (a script may quote a label in
/// Arabic; Arabic prose in braces is no script).
fn mostly_ascii_letters(s: &str) -> bool {
    let (mut ascii, mut other) = (0usize, 0usize);
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        if c.is_ascii() {
            ascii += 1;
        } else {
            other += 1;
        }
    }
    other * 10 <= ascii + other
}

/// The start of the selector or statement head that ends at `open` (a `{`), walking back over
/// whitespace-separated chunks no further than `floor`.
fn head_start(text: &str, floor: usize, open: usize) -> usize {
    let before = &text[floor..open];
    let base = before.as_ptr() as usize;
    let mut start = open;
    let mut plain_run = 0;
    for chunk in before.split_whitespace().rev().take(MAX_HEAD_CHUNKS) {
        // A statement of the same script (`jQuery.noConflict();`) goes on; a clause of prose
        // ending in a semicolon does not.
        let statement = chunk.ends_with(';') && chunk.contains(['(', '=']);
        if !chunk.is_ascii()
            || chunk.ends_with(['.', '!', '?', '}'])
            || chunk.ends_with(';') && !statement
        {
            break;
        }
        let plain = chunk.bytes().all(|b| b.is_ascii_alphabetic());
        plain_run = if plain { plain_run + 1 } else { 0 };
        if plain_run == 2 {
            break;
        }
        start = floor + (chunk.as_ptr() as usize - base);
    }
    start
}

/// The byte ranges of `text` that are not prose: web and mail addresses (see
/// [`address_spans`]) and style sheets and scripts (see [`code_spans`]), in order, not
/// overlapping.
pub fn non_prose_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = address_spans(text);
    spans.extend(code_spans(text));
    spans.sort_unstable_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::with_capacity(spans.len());
    for r in spans {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// `text` with what is not prose (see [`non_prose_spans`]) turned to spaces, byte for byte, so
/// every offset into it is an offset into `text`; borrowed when all of it is prose.
pub fn prose(text: &str) -> Cow<'_, str> {
    let spans = non_prose_spans(text);
    if spans.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for r in spans {
        out.push_str(&text[at..r.start]);
        out.extend(std::iter::repeat_n(' ', r.len()));
        at = r.end;
    }
    out.push_str(&text[at..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> Vec<&str> {
        code_spans(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn a_style_sheet_run_into_arabic_text_is_code_from_its_first_selector() {
        let text = "ما النوع الذي تفضله؟. #vote_area2 ul { padding: 0; margin: 0; } \
                    .box_vote { zbackground: #FFFFFF; -webkit-gradient(linear, left top); } \
                    كيف تتناول إفطارك في رمضان؟";
        assert_eq!(
            code(text),
            vec![
                "#vote_area2 ul { padding: 0; margin: 0; } .box_vote { zbackground: #FFFFFF; \
                 -webkit-gradient(linear, left top); }"
            ]
        );
    }

    #[test]
    fn a_script_is_code_with_its_statement_head() {
        let text = "قال الوزير. jQuery.noConflict(); var plot1 = jQuery.jqplot('pie1', [[ \
                    ['a1870',1254] ]], { grid: { drawBorder: false }, legend:{ show:false } }); \
                    انتهى.";
        assert_eq!(
            code(text),
            vec![
                "jQuery.noConflict(); var plot1 = jQuery.jqplot('pie1', [[ ['a1870',1254] ]], { \
                 grid: { drawBorder: false }, legend:{ show:false } }"
            ]
        );
    }

    #[test]
    fn braces_in_prose_are_not_code() {
        assert!(code("The set {1, 2, 3} has three members.").is_empty());
        assert!(code("قال {نقلا عن مصادر: إن الاتفاق تم}.").is_empty());
        assert!(code("An unclosed { brace: left open").is_empty());
        // Two plain words in a row end the walk back: prose before a brace stays prose.
        assert_eq!(
            code("He said the plan { was: simple; } would work"),
            vec!["plan { was: simple; }"]
        );
    }

    #[test]
    fn a_text_of_braces_is_read_in_one_pass_and_prose_braces_keep_what_they_hold() {
        let deep = format!("{}x: y;{}", "{".repeat(50_000), "}".repeat(50_000));
        assert_eq!(code_spans(&deep), vec![0..deep.len()]);
        let unclosed = "{ a: b; ".repeat(50_000);
        assert!(code_spans(&unclosed).is_empty());
        // A pair of prose braces is judged whole: the rule inside it stays with it.
        assert!(code("قال {نص عربي طويل هنا .a { b: c; } انتهى}").is_empty());
    }

    proptest::proptest! {
        #[test]
        fn non_prose_spans_are_ordered_disjoint_whole_characters_and_prose_keeps_offsets(
            chars in proptest::collection::vec(
                proptest::sample::select(vec![
                    '{', '}', ':', ';', ' ', '.', '/', '@', 'a', 'w', 'ك', '؟', '(', ')', '\n',
                ]),
                0..80,
            ),
        ) {
            let text: String = chars.into_iter().collect();
            let spans = non_prose_spans(&text);
            for pair in spans.windows(2) {
                proptest::prop_assert!(pair[0].end < pair[1].start);
            }
            for r in &spans {
                proptest::prop_assert!(r.start < r.end && r.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            }
            proptest::prop_assert_eq!(prose(&text).len(), text.len());
        }
    }

    #[test]
    fn prose_blanks_addresses_and_code_byte_for_byte() {
        let text = "الأخضر يستعد http://www.arriyadiyah.com/x.jpg أجرى المنتخب. .a { b: c; } تم";
        let p = prose(text);
        assert_eq!(p.len(), text.len());
        assert_eq!(
            crate::text::tokenize::words(&p).collect::<Vec<_>>(),
            vec!["الأخضر", "يستعد", "أجرى", "المنتخب", "تم"]
        );
        assert!(matches!(prose("نص عادي بلا روابط."), Cow::Borrowed(_)));
    }
}
