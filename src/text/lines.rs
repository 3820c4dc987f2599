//! Logical lines: the lines of a text with hard wrapping undone.
//!
//! Crawled and legacy articles come either one paragraph per line or wrapped at a fixed width
//! (a sentence running over several lines). A line break ends a sentence in the first kind
//! and is only a space in the second; treating every break as an end cuts wrapped sentences
//! into fragments. A text is taken as wrapped when most of its lines that run into a next
//! line stop without closing punctuation; in such a text, a break after an unclosed line of
//! at least half the wrap width (the longest such line) is soft. Short unclosed lines —
//! headlines, datelines — keep their hard break, and so does a line before a list item.

use std::ops::Range;

/// Share of continued lines that must lack closing punctuation for a text to count as wrapped.
pub const WRAPPED_SHARE: f64 = 0.6;
/// At least this many unclosed continued lines make a wrapped text (fewer prove nothing).
pub const MIN_OPEN_LINES: usize = 3;
/// Hard wrapping happens at a terminal's width: a wrap narrower than this is no wrap.
pub const MIN_WRAP_WIDTH: usize = 50;

/// Whether a line's last character closes a sentence or introduces what follows.
fn is_closed(line: &str) -> bool {
    trim_closers(line).ends_with(['.', '!', '?', '؟', '؛', '…', ':', ';'])
}

/// Whether `text` ends as a sentence does: with a terminator, perhaps inside closing quotes or
/// brackets. Quotes alone close nothing: «رويترز» is a name in quotes.
pub fn ends_sentence(text: &str) -> bool {
    trim_closers(text).ends_with(['.', '!', '?', '؟', '؛', '…'])
}

/// `text` without the white space, closing quotes and brackets at its end.
fn trim_closers(text: &str) -> &str {
    text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, ')' | ']' | '"' | '\'' | '”' | '’' | '»' | '›')
    })
}

/// The line break starting at byte `i` of `bytes` (valid UTF-8), as its length in bytes
/// (`\r\n` is one break of two), or `None`. The breaks are the sentence splitter's:
/// `\n` `\r` VT FF (one byte), U+0085 (`C2 85`), U+2028 and U+2029 (`E2 80 A8`/`A9`).
#[inline]
pub(crate) fn break_at(bytes: &[u8], i: usize) -> Option<usize> {
    match bytes[i] {
        b'\r' if bytes.get(i + 1) == Some(&b'\n') => Some(2),
        b'\n' | b'\r' | 0x0B | 0x0C => Some(1),
        0xC2 if bytes.get(i + 1) == Some(&0x85) => Some(2),
        0xE2 if bytes.get(i + 1) == Some(&0x80)
            && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) =>
        {
            Some(3)
        }
        _ => None,
    }
}

/// Whether any of eight bytes may start a line break: a control byte below 0x0E (`\n` `\r`
/// VT FF among them) or a lead byte C2 or E2 (classic SWAR tests for a byte below a bound and
/// for a byte equal to a value; no false negatives).
#[inline]
fn may_start_a_break(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let below = |n: u64| x.wrapping_sub(ONES * n) & !x & HIGHS;
    let zero = |y: u64| y.wrapping_sub(ONES) & !y & HIGHS;
    below(0x0E) | zero(x ^ (ONES * 0xC2)) | zero(x ^ (ONES * 0xE2)) != 0
}

/// Byte ranges of the physical lines of `text`, without their line breaks (a `\r\n` pair is
/// one break).
pub fn physical_lines(text: &str) -> Vec<Range<usize>> {
    // A byte scan: every break starts with a byte no other character's encoding starts with
    // (ASCII control, or the lead bytes C2 and E2 checked with their continuation bytes), so
    // there is no need to decode characters; this runs over every article of a batch.
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Eight bytes at a time over stretches where no break can start (most of a text).
        while let Some(chunk) = bytes[i..].first_chunk::<8>() {
            if may_start_a_break(u64::from_le_bytes(*chunk)) {
                break;
            }
            i += 8;
        }
        if i >= bytes.len() {
            break;
        }
        match break_at(bytes, i) {
            Some(len) => {
                out.push(start..i);
                i += len;
                start = i;
            }
            None => i += 1,
        }
    }
    out.push(start..text.len());
    out
}

/// For each physical line, whether the break after it is soft (the sentence runs on).
pub fn soft_breaks(text: &str, lines: &[Range<usize>]) -> Vec<bool> {
    let mut soft = vec![false; lines.len()];
    let nonempty = |r: &Range<usize>| !text[r.clone()].trim().is_empty();
    let continued: Vec<usize> = (0..lines.len().saturating_sub(1))
        .filter(|&i| nonempty(&lines[i]) && nonempty(&lines[i + 1]))
        .collect();
    // A line the next list item follows is closed: the item's bullet or number shows the
    // break (a track list, each line "1- title / lyrics: … / music: …", read as one wrapped
    // sentence of 285 words).
    let open: Vec<usize> = continued
        .iter()
        .copied()
        .filter(|&i| {
            !is_closed(&text[lines[i].clone()])
                && !super::list_items::opens_list_item(&text[lines[i + 1].clone()])
        })
        .collect();
    if open.len() < MIN_OPEN_LINES || (open.len() as f64) < WRAPPED_SHARE * continued.len() as f64 {
        return soft;
    }
    let width = |i: usize| text[lines[i].clone()].trim().chars().count();
    let wrap = open.iter().map(|&i| width(i)).max().unwrap_or(0);
    if wrap < MIN_WRAP_WIDTH {
        return soft;
    }
    for i in open {
        soft[i] = 2 * width(i) >= wrap;
    }
    soft
}

/// Byte ranges of the soft line breaks of `text` (each break's own bytes).
pub fn soft_break_ranges(text: &str) -> Vec<Range<usize>> {
    lines_and_soft_breaks(text).1
}

/// Byte ranges of the logical lines of `text`: physical lines, with soft-wrapped runs joined
/// (the range then spans the soft breaks). Empty lines are kept, so blank-line paragraph
/// breaks stay visible.
pub fn logical_lines(text: &str) -> Vec<Range<usize>> {
    lines_and_soft_breaks(text).0
}

/// [`logical_lines`] and [`soft_break_ranges`] from one pass over the text (summaries need
/// both: the lines for furniture, the soft breaks for sentence splitting).
pub fn lines_and_soft_breaks(text: &str) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let lines = physical_lines(text);
    let soft = soft_breaks(text, &lines);
    let mut logical: Vec<Range<usize>> = Vec::new();
    let mut breaks = Vec::new();
    let mut joining = false;
    for (i, r) in lines.iter().enumerate() {
        match logical.last_mut() {
            Some(last) if joining => {
                breaks.push(last.end..r.start);
                last.end = r.end;
            }
            _ => logical.push(r.clone()),
        }
        joining = soft[i];
    }
    (logical, breaks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn logical(text: &str) -> Vec<&str> {
        logical_lines(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn paragraph_per_line_text_keeps_every_break() {
        let text = "Headline here\nFirst paragraph ends.\nSecond one too.\nSource: wire";
        assert_eq!(logical(text).len(), 4);
    }

    #[test]
    fn wrapped_text_is_joined_but_short_headlines_stay_apart() {
        let text = "Short headline\nA long sentence that was wrapped at a fixed width by an\nold archive system and goes on across several lines until\nit finally ends here.\nAnother one starts here and it also runs over the width of\nthe line.";
        assert_eq!(
            logical(text),
            vec![
                "Short headline",
                "A long sentence that was wrapped at a fixed width by an\nold archive system and goes on across several lines until\nit finally ends here.",
                "Another one starts here and it also runs over the width of\nthe line.",
            ]
        );
    }

    #[test]
    fn a_list_of_unclosed_items_keeps_its_breaks() {
        let text = "تفاصيل الألبوم :\n 1- إسمعني / كلمات: سعود بن محمد العبدالله / ألحان: سهم / توزيع: رأفت\n 2- أناني / كلمات: يم / ألحان: حاتم منصور / توزيع: سيروس\n 3- عيد ميلادك / كلمات: فهد المساعد / ألحان: سهم / توزيع: حسن\n 4- عيوني تشوف / كلمات: فهد المساعد / ألحان وتوزيع: سيروس\n • غلطة / كلمات: تركي / ألحان: طارب محمد / توزيع: سيروس";
        assert_eq!(logical(text).len(), 6);
        // The same lines without their numbers read as a wrapped text.
        let unnumbered: String = text
            .lines()
            .map(|l| l.trim_start_matches([' ', '•', '1', '2', '3', '4', '-']))
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(logical(&unnumbered).len(), 2);
    }

    #[test]
    fn crlf_counts_as_one_break_and_blank_lines_survive() {
        assert_eq!(physical_lines("a\r\nb\n\nc").len(), 4);
        assert_eq!(logical("One.\r\n\r\nTwo."), vec!["One.", "", "Two."]);
    }

    /// The lines as a plain byte-by-byte scan with [`break_at`] finds them.
    fn lines_byte_by_byte(text: &str) -> Vec<Range<usize>> {
        let bytes = text.as_bytes();
        let (mut out, mut start, mut i) = (Vec::new(), 0, 0);
        while i < bytes.len() {
            match break_at(bytes, i) {
                Some(len) => {
                    out.push(start..i);
                    i += len;
                    start = i;
                }
                None => i += 1,
            }
        }
        out.push(start..text.len());
        out
    }

    proptest::proptest! {
        #[test]
        fn lines_found_eight_bytes_at_a_time_are_those_found_byte_by_byte(
            chars in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(vec![
                        '\n', '\r', '\u{0B}', '\u{0C}', '\u{0D}', '\u{0E}', '\u{85}', '\u{2028}',
                        '\u{2029}', '\u{2027}', '«', 'ك', ' ', 'a', '\u{C2}', '\u{E2}', '…',
                    ]),
                    proptest::char::any(),
                ],
                0..60,
            ),
        ) {
            let text: String = chars.into_iter().collect();
            proptest::prop_assert_eq!(physical_lines(&text), lines_byte_by_byte(&text));
        }
    }
}
