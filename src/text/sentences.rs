//! Sentence segmentation for Arabic and Latin text.
//!
//! Rules, in order of precedence:
//! - every line break ends a sentence, and closes any open quotation — except a soft break
//!   inside hard-wrapped text (see [`super::lines`]), which is only a space;
//! - a terminator run (`.` `!` `?` `؟` `…`, so `?!` and `...` are one boundary) ends a
//!   sentence, together with any closing quotes and brackets right after it. The Arabic
//!   semicolon `؛` is no terminator: Arabic news writes it inside a sentence, before a cause,
//!   a purpose, a result or what a word names ("اصطدمت بمركبة المواطن؛ ما أدى إلى …",
//!   "بين الصالتين؛ الدولية والداخلية"). Split there, 1,667 of the SaudiNewsNet digest's
//!   53,506 summary lines ended on one, 226 of them stubs of eight words or fewer ("وأوضح
//!   الشيخ الدكتور خالد بن محمد اليوسف؛"); a long sentence is cut into clauses after one
//!   instead (see [`clause_cuts`]);
//! - except inside a quotation (« » “ ” „ “ ‹ › and straight `"`): there a terminator ends the
//!   sentence only if the quotation closes right after it (`«سنعود.» ثم` splits after `»`,
//!   `«سنعود. ثم نبني» قال` does not split);
//! - and except for a single `.` that is not a sentence end: one directly followed by a letter
//!   or digit (decimals and thousands `3.5` `1.000`, domains and e-mails `example.com`; the
//!   same holds for `!` and `?`, which occur in URLs), one after an abbreviation of
//!   [`ABBREVIATIONS`], one after a dotted abbreviation (`e.g.`, `i.e.`, `U.S.`, `a.m.`), one after
//!   a single capital letter (initials, `J. K. Rowling`, French `M.`) or a single Arabic letter
//!   (initials and agency credits, `ج. ك.` `أ. ب`) unless it follows a number (`1436 ه.` is an
//!   era), one after a Latin letter's Arabic name followed by another (`سي. إن. إن`), and the
//!   number of an enumerated item at the start of a sentence (`1. `), and one after a word
//!   that numbers what follows when a number does follow (`No. 10`, `Jan. 5`:
//!   [`NUMBERING_ABBREVIATIONS`]);
//! - and except for any terminator run followed by a comma or semicolon, closing quotes and
//!   brackets aside (`$1.2bn., was`, `؟! ،أين`, `(… لي؟)، وهو`): the sentence goes on.
//!
//! Straight `"` marks look the same opening and closing; their place tells them apart: one
//! glued to the end of a word closes (with no quotation open, it is stray and opens nothing),
//! one opening a word inside a straight quotation opens a quotation within it.
//!
//! A quotation still open at the end of its line was a stray or unbalanced mark, not a
//! quotation, and so is one that would pass over more than [`MAX_QUOTED_ENDS`] sentence ends
//! (or it is a statement of many sentences, better read one by one): the stretch is split
//! again from that mark as if it had none (a crawl's lone `"` would otherwise make one
//! "sentence" of a whole article printed on one line, or of the paragraphs up to the next
//! mark).
//!
//! A sentence of more than [`LONG_SENTENCE_WORDS`] words is cut into clauses where a comma is
//! followed by a word opening with "و" ("and"), or after a semicolon, so no summary line is a
//! paragraph-long run of clauses (see [`clause_cuts`]).
//!
//! Known trade-off: an abbreviation or initial that really does end a sentence (`... in the
//! U.S. The`) does not split.

use std::ops::Range;

use super::tokenize::{is_alphanumeric, is_arabic_letter, is_mark, is_word_char};

/// Abbreviations that do not end a sentence, per language (ISO 639-1), lowercase, without the
/// dot. Single capital letters and dotted forms are handled by rule, not listed. Words that
/// often end sentences themselves (`etc.`, `no.`, `Inc.`) are left out on purpose.
pub const ABBREVIATIONS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "mr", "mrs", "ms", "dr", "prof", "st", "vs", "jr", "sr", "mt", "gen", "gov", "sen",
            "rep", "lt", "col", "capt", "sgt", "fig", "approx", "dept",
        ],
    ),
    ("fr", &["mme", "mmes", "mlle", "mlles", "mgr", "pr", "dr"]),
    (
        "de",
        &["dr", "prof", "nr", "str", "bzw", "ca", "vgl", "hr", "fr"],
    ),
    ("es", &["sr", "sra", "srta", "dr", "dra", "ud", "uds"]),
    ("ru", &["ул", "проф", "им", "тов"]),
    // دكتور، مهندس، صفحة، قرن
    ("ar", &["د", "م", "ص", "ق"]),
];

/// Abbreviations that end sentences often enough to be left out of [`ABBREVIATIONS`] ("the
/// answer was no."), but not when a number follows: they number it ("No. 10", "Jan. 5",
/// "pp. 12", "Nr. 3"). Lowercase, without the dot.
const NUMBERING_ABBREVIATIONS: &[&str] = &[
    "no", "nos", "nr", "vol", "vols", "p", "pp", "ch", "art", "sec", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Terminators: each ends a sentence (runs of them count once).
#[inline]
fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '…')
}

/// Line breaks: each always ends a sentence.
#[inline]
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// The closing quote for an opening one.
#[inline]
fn closing_quote(c: char) -> Option<char> {
    match c {
        '«' => Some('»'),
        '“' => Some('”'),
        '„' => Some('“'),
        '‹' => Some('›'),
        '"' => Some('"'),
        _ => None,
    }
}

/// Sentence ends a quotation may hold and stay one sentence: quoted speech of a few
/// sentences stays whole («سنعود. سنبني البلد» ثم غادر). On SaudiNewsNet 99.7% of « »
/// quotations hold three or fewer; one holding more is a statement of many sentences or
/// a stray mark that opened no quotation at all (a crawl's lone `"` made "sentences" of
/// 1,000 words), and is split like the text around it.
const MAX_QUOTED_ENDS: usize = 3;

/// Whether the straight `"` at byte `i` opens a word: white space, an opening bracket, a colon
/// or the start of the text before it, a letter or digit right after. Only an opening mark
/// is written so (`قال "نعم"`); a closing one follows its word.
fn straight_quote_opens(text: &str, i: usize) -> bool {
    let before = text[..i].chars().next_back();
    let after = text[i + 1..].chars().next();
    before.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '{' | ':'))
        && after.is_some_and(is_alphanumeric)
}

/// Whether the straight `"` at byte `i` closes a word: a letter or digit right before it,
/// white space, punctuation or the end of the text after.
fn straight_quote_closes(text: &str, i: usize) -> bool {
    let before = text[..i].chars().next_back();
    let after = text[i + 1..].chars().next();
    before.is_some_and(is_alphanumeric) && !after.is_some_and(is_word_char)
}

/// Closing quotes and brackets that stay with the sentence they follow.
#[inline]
fn is_closer(c: char) -> bool {
    matches!(
        c,
        ')' | ']' | '}' | '"' | '\'' | '”' | '’' | '»' | '›' | '“'
    )
}

/// Byte ranges of the sentences of `text` (a long sentence's clauses counting as sentences),
/// in order, trimmed of surrounding white space; every range is non-empty, and every
/// non-white-space character of `text` lies in one of them.
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    split_sentences_with(text, &super::lines::soft_break_ranges(text))
}

/// [`split_sentences`] given the soft line breaks of `text` (from
/// [`super::lines::lines_and_soft_breaks`], for callers that need the lines too).
pub fn split_sentences_with(text: &str, soft: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut quote: Option<char> = None;
    // Where the open quotation began (the cursor and soft-break positions right after its
    // mark), and how many terminators inside it were passed over. A quotation still open at
    // the end of its line was no quotation (a stray or unbalanced mark), and one that would
    // pass over more than `MAX_QUOTED_ENDS` is a stray mark or a long statement: either way
    // the stretch is split again from that mark with quotation marks ignored up to
    // `plain_until`. `nested` counts straight quotations open inside a straight one.
    let mut opened = (0, 0);
    let mut swallowed = 0;
    let mut nested = 0;
    let mut plain_until = 0;
    let mut next_soft = 0;
    let mut it = Cursor { text, pos: 0 };
    loop {
        it.skip_plain();
        let Some((i, c)) = it.next().or_else(|| quote.map(|_| (text.len(), '\n'))) else {
            break;
        };
        if is_line_break(c) {
            if i < text.len() {
                while next_soft < soft.len() && soft[next_soft].end <= i {
                    next_soft += 1;
                }
                if soft.get(next_soft).is_some_and(|r| r.contains(&i)) {
                    continue;
                }
            }
            if quote.is_some() {
                quote = None;
                if swallowed > 0 {
                    plain_until = i;
                    (it.pos, next_soft) = opened;
                    continue;
                }
            }
            if i == text.len() {
                break;
            }
            push_sentence(&mut out, text, start, i);
            start = i + c.len_utf8();
            continue;
        }
        if !is_terminator(c) {
            match quote {
                // Straight marks look alike for opening and closing: one that opens a word
                // inside a straight quotation opens a quotation within it.
                Some('"') if c == '"' && straight_quote_opens(text, i) => nested += 1,
                Some('"') if c == '"' && nested > 0 => nested -= 1,
                Some(close) if c == close => quote = None,
                Some(_) => {}
                // One glued to the end of a word closes; with no quotation open, it is stray.
                None if c == '"' && straight_quote_closes(text, i) => {}
                None if i >= plain_until => {
                    quote = closing_quote(c);
                    opened = (it.pos, next_soft);
                    swallowed = 0;
                    nested = 0;
                }
                None => {}
            }
            continue;
        }
        // A run of terminators.
        let mut end = i + c.len_utf8();
        let mut last = c;
        while let Some((j, d)) = it.peek() {
            if !is_terminator(d) {
                break;
            }
            it.next();
            end = j + d.len_utf8();
            last = d;
        }
        let next = text[end..].chars().next();
        // Whether the run would end a sentence outside quotations: not inside a token (`3.5`,
        // `example.com`), not after an abbreviation or initial.
        let ends = !(matches!(last, '.' | '!' | '?') && next.is_some_and(glued_inside_token)
            || end - i == 1 && c == '.' && !dot_ends_sentence(text, start, i)
            || carries_on(text, end));
        if let Some(close) = quote {
            if next != Some(close) || nested > 0 {
                if next == Some(close) {
                    it.next();
                    nested -= 1;
                }
                swallowed += usize::from(ends);
                if swallowed > MAX_QUOTED_ENDS {
                    quote = None;
                    plain_until = i;
                    (it.pos, next_soft) = opened;
                }
                continue;
            }
            it.next();
            end += close.len_utf8();
            quote = None;
            if carries_on(text, end) {
                continue;
            }
        } else if !ends {
            continue;
        }
        while let Some((j, d)) = it.peek() {
            if !is_closer(d) {
                break;
            }
            it.next();
            end = j + d.len_utf8();
        }
        push_sentence(&mut out, text, start, end);
        start = end;
    }
    push_sentence(&mut out, text, start, text.len());
    out
}

/// A character cursor over a text, as `char_indices().peekable()` but able to skip ahead.
struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl Cursor<'_> {
    #[inline]
    fn peek(&self) -> Option<(usize, char)> {
        self.text[self.pos..].chars().next().map(|c| (self.pos, c))
    }

    #[inline]
    fn next(&mut self) -> Option<(usize, char)> {
        let (i, c) = self.peek()?;
        self.pos += c.len_utf8();
        Some((i, c))
    }

    /// Moves past every character that can neither end a sentence nor open or close a
    /// quotation — nearly all of them; the splitter does nothing with those. A byte scan with
    /// one table look-up a byte: such characters are told from their UTF-8 bytes without
    /// decoding (see [`is_plain_at`]), and ؟ (D8 9F) by its second byte, as D8 leads half the
    /// Arabic letters and testing it would stop the scan at every other letter.
    #[inline]
    fn skip_plain(&mut self) {
        let bytes = self.text.as_bytes();
        let mut i = self.pos;
        while i < bytes.len() {
            let b = bytes[i];
            if MAYBE_SPECIAL[usize::from(b)] {
                match b {
                    // `self.pos` is a character boundary, so a continuation byte here has
                    // its lead byte at `i - 1` within the scanned stretch.
                    0x9F => {
                        if bytes[i - 1] == 0xD8 {
                            i -= 1;
                            break;
                        }
                    }
                    _ => {
                        if !is_plain_at(bytes, i) {
                            break;
                        }
                    }
                }
            }
            i += 1;
        }
        self.pos = i;
    }
}

/// Bytes that may start, or (9F) end, a character the splitter acts on: the first bytes of
/// line breaks, terminators and quotation marks (see [`is_plain_at`]).
const MAYBE_SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let special = [
        b'\n', b'\r', 0x0B, 0x0C, b'.', b'!', b'?', b'"', 0xC2, 0xE2, 0x9F,
    ];
    let mut k = 0;
    while k < special.len() {
        t[special[k] as usize] = true;
        k += 1;
    }
    t
};

/// Is the byte at `i` (a character's first byte, or a continuation byte of a character already
/// known plain) part of a character the splitter ignores? The others are the line breaks (as
/// [`super::lines`] finds them in bytes), terminators and quotation marks: ASCII `. ! ? "`,
/// « » (lead byte C2) and … “ ” „ ‹ › (E2 80); ؟ (D8 9F) is found by [`Cursor::skip_plain`].
#[inline]
fn is_plain_at(bytes: &[u8], i: usize) -> bool {
    if super::lines::break_at(bytes, i).is_some() {
        return false;
    }
    match bytes[i] {
        b'.' | b'!' | b'?' | b'"' => false,
        0xC2 => !matches!(bytes.get(i + 1), Some(0xAB | 0xBB)),
        0xE2 => {
            !(bytes.get(i + 1) == Some(&0x80)
                && matches!(bytes.get(i + 2), Some(0xA6 | 0x9C..=0x9E | 0xB9 | 0xBA)))
        }
        _ => true,
    }
}

/// Whether a character right after `.` `!` `?` makes them part of a token (`3.5`,
/// `example.com`) rather than a sentence end. Arabic text is often typed without a space after
/// the full stop (`الثانية.في`), and Arabic letters occur in no domain or number, so an
/// Arabic letter after a terminator still ends the sentence.
fn glued_inside_token(c: char) -> bool {
    is_alphanumeric(c) && !is_arabic_letter(c)
}

/// Whether a comma or semicolon ([`CLAUSE_ENDS`]) follows byte `end` (a terminator run's
/// end), closing quotes, brackets and spaces aside: the sentence goes on ("worth $1.2bn., was
/// signed", "؟! ،أين", "(… لي؟)، وهو", "هل تعود؟؛ سألته").
fn carries_on(text: &str, end: usize) -> bool {
    text[end..]
        .trim_start_matches(|c: char| is_closer(c) || c == ' ' || c == '\u{A0}')
        .starts_with(CLAUSE_ENDS)
}

/// Pushes the sentence `text[start..end]` trimmed, if anything is left: as one range, or as
/// its clauses if it is long (see [`LONG_SENTENCE_WORDS`]).
fn push_sentence(out: &mut Vec<Range<usize>>, text: &str, start: usize, end: usize) {
    let slice = &text[start..end];
    let left = slice.trim_start();
    let s = start + (slice.len() - left.len());
    let e = s + left.trim_end().len();
    if s >= e {
        return;
    }
    // A long sentence is one of many words written apart: spaces are counted first, and its
    // words only when there are enough (tokenising every sentence of 50 to 100 words to find
    // none long cost 5% of analysing EASC).
    let bytes = &text.as_bytes()[s..e];
    if bytes.len() < 2 * LONG_SENTENCE_WORDS
        || bytes.iter().filter(|&&b| b == b' ').count() < LONG_SENTENCE_WORDS
    {
        out.push(s..e);
        return;
    }
    let mut piece = s;
    for cut in clause_cuts(&text[s..e]) {
        out.push(piece..s + text[s..s + cut].trim_end().len());
        piece = s + cut;
    }
    out.push(piece..e);
}

/// A sentence of more words than this, with as many spaces, is a wall of text in a summary,
/// and is cut into clauses.
/// Arabic news often runs a whole paragraph into one sentence, its clauses joined by a comma
/// and "و" ("and"): before this rule 796 summary sentences of the SaudiNewsNet digest had over
/// 100 words and 235 over 150. No EASC sentence is this long (the longest has 93 words).
pub const LONG_SENTENCE_WORDS: usize = 100;

/// Each clause cut from a long sentence has at least this many words, so a clause cut off is a
/// statement of its own, not a stray phrase: with 15, 2,297 summary sentences of the
/// SaudiNewsNet digest ended on a comma against 1,716 with 30 (65 before cutting), for 56 fewer
/// of over 100 words (149 against 205).
pub const MIN_CLAUSE_WORDS: usize = 30;

/// The commas a long sentence is cut into clauses after ("،" and ","), when a word opening
/// with "و" follows.
const CLAUSE_COMMAS: [char; 2] = ['،', ','];

/// The semicolons a long sentence is cut into clauses after ("؛" and ";"), whatever follows.
const CLAUSE_SEMICOLONS: [char; 2] = ['؛', ';'];

/// What a clause cut from a long sentence ends on ([`CLAUSE_COMMAS`] and
/// [`CLAUSE_SEMICOLONS`]), which the digest shows as an ellipsis.
pub const CLAUSE_ENDS: [char; 4] = [
    CLAUSE_COMMAS[0],
    CLAUSE_COMMAS[1],
    CLAUSE_SEMICOLONS[0],
    CLAUSE_SEMICOLONS[1],
];

/// Where a sentence of more than [`LONG_SENTENCE_WORDS`] words (and at least as many spaces:
/// see `push_sentence`) is cut into clauses, as byte offsets into it, each the start of a
/// clause: a word opening with "و" right after one of the [`CLAUSE_COMMAS`] and white space,
/// or any word right after one of the [`CLAUSE_SEMICOLONS`] and white space, at least
/// [`MIN_CLAUSE_WORDS`] words after the previous cut and before the end. A shorter sentence,
/// or one without such a boundary, is not cut.
fn clause_cuts(sentence: &str) -> Vec<usize> {
    let base = sentence.as_ptr() as usize;
    // (offset of a word opening a clause, words before it)
    let mut boundaries: Vec<(usize, usize)> = Vec::new();
    let (mut words, mut prev_end) = (0, 0);
    for w in super::tokenize::words(sentence) {
        let at = w.as_ptr() as usize - base;
        let gap = &sentence[prev_end..at];
        let after = |marks: &[char]| {
            gap.strip_prefix(marks)
                .is_some_and(|rest| !rest.is_empty() && rest.trim_start().is_empty())
        };
        if words > 0 && (w.starts_with('و') && after(&CLAUSE_COMMAS) || after(&CLAUSE_SEMICOLONS))
        {
            boundaries.push((at, words));
        }
        words += 1;
        prev_end = at + w.len();
    }
    let mut cuts = Vec::new();
    if words <= LONG_SENTENCE_WORDS {
        return cuts;
    }
    let mut since = 0;
    for (at, before) in boundaries {
        if before - since >= MIN_CLAUSE_WORDS && words - before >= MIN_CLAUSE_WORDS {
            cuts.push(at);
            since = before;
        }
    }
    cuts
}

/// The longest entry of [`ABBREVIATIONS`], in characters: a longer token is none of them.
const LONGEST_ABBREVIATION: usize = 6;

/// Does the single `.` at byte `dot` end the sentence that started at byte `start`? (It is not
/// directly followed by a letter or digit.)
fn dot_ends_sentence(text: &str, start: usize, dot: usize) -> bool {
    // The token before the dot: letters, digits, marks and inner dots. Marks belong to the
    // word they sit on: "كليًّا." is one word, not a lone "ا".
    let before = &text[start..dot];
    let tok_len: usize = before
        .chars()
        .rev()
        .take_while(|&c| is_word_char(c) || c == '.')
        .map(char::len_utf8)
        .sum();
    let token = before[before.len() - tok_len..].trim_start_matches('.');
    let next = text[dot + 1..].trim_start_matches([' ', '\u{A0}']);
    if token.is_empty() {
        return true;
    }
    if token.contains('.') {
        // Dotted abbreviations: every part one or two letters (e.g, i.e, U.S, a.m, т.е) or
        // a Latin letter's Arabic name ("إتش.إس").
        return !token.split('.').all(|p| {
            (1..=2).contains(&p.chars().filter(|&c| !is_mark(c)).count())
                && p.chars().all(|c| c.is_alphabetic() || is_mark(c))
                || is_arabic_letter_name(p)
        });
    }
    if is_abbreviation(token) {
        return false;
    }
    // A number after a word that numbers what follows is its number ("No. 10", "Jan. 5",
    // "p. 12").
    if next.starts_with(|c: char| c.is_ascii_digit())
        && NUMBERING_ABBREVIATIONS
            .iter()
            .any(|a| eq_lowercase(token, a))
    {
        return false;
    }
    let preceding = before[..before.len() - token.len()].trim_end();
    let mut letters = token.chars().filter(|&c| !is_mark(c));
    let first = letters.next().unwrap_or(' ');
    if letters.next().is_none() {
        // An initial: a capital ("J. K.") or, as Arabic has no case, any Arabic letter
        // ("ج. ك." "أ. ب") — except one after a number, an era or a unit ("1436 ه."), which
        // ends sentences like any word.
        let arabic_initial = is_arabic_initial(first) && !preceding.ends_with(char::is_numeric);
        if first.is_uppercase() || arabic_initial {
            return false;
        }
    }
    // Latin letters spelled out in Arabic ("سي. إن. إن", "إتش. إس. بي. سي"): a letter name
    // followed by another is an acronym, not a sentence end.
    if is_arabic_letter_name(token) {
        let next = text[dot + 1..].trim_start();
        let next_len: usize = next
            .chars()
            .take_while(|&c| is_alphanumeric(c))
            .map(char::len_utf8)
            .sum();
        let next = &next[..next_len];
        if is_arabic_letter_name(next)
            || next.chars().count() == 1 && next.chars().all(is_arabic_initial)
        {
            return false;
        }
    }
    // "1. " opening an enumerated item.
    let is_item_number = token.len() <= 3 && token.chars().all(|c| c.is_ascii_digit());
    !(is_item_number && preceding.is_empty())
}

/// The Latin letters' names as Arabic spells them in acronyms (CNN "سي إن إن", HSBC "إتش إس
/// بي سي"), with and without hamza.
const ARABIC_LETTER_NAMES: &[&str] = &[
    "إيه",
    "ايه",
    "بي",
    "سي",
    "دي",
    "إي",
    "اي",
    "إف",
    "اف",
    "جي",
    "إتش",
    "اتش",
    "آي",
    "أي",
    "جيه",
    "كيه",
    "كاي",
    "إل",
    "إم",
    "ام",
    "إن",
    "ان",
    "أو",
    "كيو",
    "آر",
    "ار",
    "إس",
    "اس",
    "تي",
    "يو",
    "في",
    "دبليو",
    "إكس",
    "اكس",
    "واي",
    "زد",
    "زي",
];

/// Letters of the Arabic alphabet proper (hamza to yeh, without the tatweel, which pads words
/// and dashes but is no letter of its own).
fn is_arabic_initial(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}')
}

/// Is `word` one of [`ARABIC_LETTER_NAMES`]? (A full stop after one is an initial's; as a
/// keyword it is one letter.)
pub fn is_arabic_letter_name(word: &str) -> bool {
    ARABIC_LETTER_NAMES.contains(&word)
}

/// Is `token` one of [`ABBREVIATIONS`], ignoring case? Most tokens before a full stop are
/// ordinary words, so two cheap tests come first: lowercasing never shortens a word (a token
/// longer than every abbreviation is none of them), and the first characters must agree.
fn is_abbreviation(token: &str) -> bool {
    if token.chars().count() > LONGEST_ABBREVIATION {
        return false;
    }
    let first = token.chars().next().map(|c| c.to_lowercase().next());
    ABBREVIATIONS
        .iter()
        .flat_map(|(_, words)| words.iter())
        .filter(|a| a.chars().next() == first.flatten())
        .any(|a| eq_lowercase(token, a))
}

/// Is `word`, lowercased, equal to `lower`?
fn eq_lowercase(word: &str, lower: &str) -> bool {
    if word.is_ascii() {
        return word.eq_ignore_ascii_case(lower);
    }
    word.chars().flat_map(char::to_lowercase).eq(lower.chars())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str) -> Vec<&str> {
        split_sentences(text)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    /// `words` words: "وكلمة" first (a clause opening with "and"), then "كلمة".
    fn clause(words: usize) -> String {
        let mut w = vec!["كلمة"; words];
        w[0] = "وكلمة";
        w.join(" ")
    }

    fn word_counts(pieces: &[&str]) -> Vec<usize> {
        pieces
            .iter()
            .map(|p| p.split_whitespace().count())
            .collect()
    }

    #[test]
    fn a_long_run_of_clauses_is_cut_after_each_comma_before_and() {
        let text = [clause(30), clause(30), clause(30), clause(30)].join("، ") + ".";
        let pieces = sents(&text);
        assert_eq!(word_counts(&pieces), vec![30, 30, 30, 30]);
        assert!(pieces[..3].iter().all(|p| p.ends_with('،')), "{pieces:?}");
        assert!(
            pieces[1..].iter().all(|p| p.starts_with("وكلمة")),
            "{pieces:?}"
        );
        // A Latin comma counts as the Arabic one does.
        let latin = [clause(50), clause(51)].join(", ");
        assert_eq!(word_counts(&sents(&latin)), vec![50, 51]);
    }

    #[test]
    fn a_sentence_of_at_most_the_long_length_is_not_cut() {
        let text = [clause(50), clause(LONG_SENTENCE_WORDS - 50)].join("، ");
        assert_eq!(sents(&text).len(), 1);
        let text = [clause(50), clause(LONG_SENTENCE_WORDS - 49)].join("، ");
        assert_eq!(sents(&text).len(), 2);
    }

    #[test]
    fn a_short_clause_stays_with_its_neighbour() {
        let text = [clause(20), clause(50), clause(40)].join("، ");
        assert_eq!(word_counts(&sents(&text)), vec![70, 40]);
        let text = [clause(60), clause(MIN_CLAUSE_WORDS - 1)].join("، ");
        assert_eq!(sents(&text).len(), 1);
    }

    #[test]
    fn only_a_comma_then_and_opens_a_clause() {
        // "و" without a comma before it, and a comma before another word, are no cut.
        let no_comma = [clause(60), clause(60)].join(" ");
        assert_eq!(sents(&no_comma).len(), 1);
        let other_word = [clause(60), clause(60).replacen("وكلمة", "كلمة", 1)].join("، ");
        assert_eq!(sents(&other_word).len(), 1);
        // Nor is a comma with no space after it.
        let glued = [clause(60), clause(60)].join("،");
        assert_eq!(sents(&glued).len(), 1);
    }

    #[test]
    fn an_arabic_semicolon_goes_on_with_the_sentence() {
        assert_eq!(
            sents("وأوضح مدير المرور؛ أن الحملة مستمرة. وشكر المواطنين"),
            vec!["وأوضح مدير المرور؛ أن الحملة مستمرة.", "وشكر المواطنين"]
        );
    }

    #[test]
    fn a_long_sentence_is_cut_after_a_semicolon_before_any_word() {
        let second = clause(60).replacen("وكلمة", "كلمة", 1);
        for mark in ["؛", ";"] {
            let text = [clause(60), second.clone()].join(&format!("{mark} "));
            let pieces = sents(&text);
            assert_eq!(word_counts(&pieces), vec![60, 60], "{mark}");
            assert!(pieces[0].ends_with(mark), "{pieces:?}");
            // Glued to the next word, it is no cut.
            let glued = [clause(60), second.clone()].join(mark);
            assert_eq!(sents(&glued).len(), 1, "{mark}");
        }
    }

    #[test]
    fn no_abbreviation_is_longer_than_the_bound() {
        for (_, words) in ABBREVIATIONS {
            for w in *words {
                assert!(w.chars().count() <= LONGEST_ABBREVIATION, "{w}");
            }
        }
    }

    #[test]
    fn table() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("empty", "", &[]),
            ("white space only", " \n\t \r\n ", &[]),
            ("no terminator", "just words", &["just words"]),
            ("two sentences", "One. Two.", &["One.", "Two."]),
            ("trimmed", "  One.   Two!  ", &["One.", "Two!"]),
            (
                "question and exclamation",
                "Why? Because! Yes.",
                &["Why?", "Because!", "Yes."],
            ),
            (
                "runs are one boundary",
                "Really?! Yes... Fine…  Ok",
                &["Really?!", "Yes...", "Fine…", "Ok"],
            ),
            (
                "decimal",
                "It rose 3.5 percent. Then fell.",
                &["It rose 3.5 percent.", "Then fell."],
            ),
            (
                "thousands",
                "About 1.000 people came. Later more.",
                &["About 1.000 people came.", "Later more."],
            ),
            (
                "number at the end",
                "It rose by 3.5. Then fell.",
                &["It rose by 3.5.", "Then fell."],
            ),
            (
                "english abbreviations",
                "Mr. Smith met Dr. Jones. They talked.",
                &["Mr. Smith met Dr. Jones.", "They talked."],
            ),
            (
                "vs and st",
                "Ali vs. Frazier at St. Louis. Great.",
                &["Ali vs. Frazier at St. Louis.", "Great."],
            ),
            (
                "dotted abbreviations",
                "Fruit, e.g. apples, i.e. food. Done.",
                &["Fruit, e.g. apples, i.e. food.", "Done."],
            ),
            (
                "u.s.",
                "The U.S. economy grew. Good.",
                &["The U.S. economy grew.", "Good."],
            ),
            (
                "a number after a numbering word",
                "Talks at No. 10 Downing St. begin on Jan. 5, see p. 12. The answer was no. Then jan.",
                &[
                    "Talks at No. 10 Downing St. begin on Jan. 5, see p. 12.",
                    "The answer was no.",
                    "Then jan.",
                ],
            ),
            (
                "a comma after a question, a bracket or a quotation",
                "أين هي؟! ،أين هي الآن. قال (ما هو؟)، وهو كتاب. قال «هل نعود؟»، ثم غادر.",
                &[
                    "أين هي؟! ،أين هي الآن.",
                    "قال (ما هو؟)، وهو كتاب.",
                    "قال «هل نعود؟»، ثم غادر.",
                ],
            ),
            (
                "an arabic semicolon after a question",
                "هل تعود؟؛ سألته أمس. نعم.",
                &["هل تعود؟؛ سألته أمس.", "نعم."],
            ),
            (
                "a comma after the dot",
                "The deal, worth $1.2bn., was signed. وبلغت 3 مليارات د.، وفق البيان. Done.",
                &[
                    "The deal, worth $1.2bn., was signed.",
                    "وبلغت 3 مليارات د.، وفق البيان.",
                    "Done.",
                ],
            ),
            (
                "initials",
                "J. K. Rowling wrote it. Yes.",
                &["J. K. Rowling wrote it.", "Yes."],
            ),
            (
                "french",
                "M. Dupont et Mme. Martin sont venus. Merci.",
                &["M. Dupont et Mme. Martin sont venus.", "Merci."],
            ),
            (
                "arabic abbreviations",
                "قال د. أحمد إن م. خالد وصل. ثم غادر.",
                &["قال د. أحمد إن م. خالد وصل.", "ثم غادر."],
            ),
            (
                "arabic initials and agency credits",
                "قال ج. ك. رولينغ إنها كتبت. «أ. ب» ثم (د. ب. أ) انتهى.",
                &["قال ج. ك. رولينغ إنها كتبت.", "«أ. ب» ثم (د. ب. أ) انتهى."],
            ),
            (
                "a lone letter after a number is an era or a unit",
                "صدر في 10 شوال 1436 ه. ثم عاد (65 ق.م - 8 ق. م.) والشكر لله ـ. انتهى",
                &[
                    "صدر في 10 شوال 1436 ه.",
                    "ثم عاد (65 ق.م - 8 ق. م.) والشكر لله ـ.",
                    "انتهى",
                ],
            ),
            (
                "latin letters spelled out in arabic",
                "قالت شبكة (سي. إن. إن) إن بنك إتش. إس. بي. سي ربح وبنك إتش.إس.بي.سي خسر. انتهى",
                &[
                    "قالت شبكة (سي. إن. إن) إن بنك إتش. إس. بي. سي ربح وبنك إتش.إس.بي.سي خسر.",
                    "انتهى",
                ],
            ),
            (
                "a mark belongs to its word",
                "نظرنا إلى التقدُّم. ثم أصبح كليًّا. انتهى",
                &["نظرنا إلى التقدُّم.", "ثم أصبح كليًّا.", "انتهى"],
            ),
            (
                "arabic page and century",
                "انظر ص. 12 من كتاب القرن ق. 19. انتهى",
                &["انظر ص. 12 من كتاب القرن ق. 19.", "انتهى"],
            ),
            (
                "arabic question and semicolon",
                "هل جاء؟ نعم؛ جاء أمس. شكرا",
                &["هل جاء؟", "نعم؛ جاء أمس.", "شكرا"],
            ),
            (
                "arabic digits",
                "ارتفع بنسبة ٣.٥ بالمئة. ثم هبط.",
                &["ارتفع بنسبة ٣.٥ بالمئة.", "ثم هبط."],
            ),
            (
                "arabic decimal separator",
                "ارتفع ٣٫٥ بالمئة. ثم هبط.",
                &["ارتفع ٣٫٥ بالمئة.", "ثم هبط."],
            ),
            (
                "domain",
                "Visit example.com for more. Thanks.",
                &["Visit example.com for more.", "Thanks."],
            ),
            (
                "email and url",
                "Write to a.b@example.org or see https://x.org/a?b=1. Bye.",
                &[
                    "Write to a.b@example.org or see https://x.org/a?b=1.",
                    "Bye.",
                ],
            ),
            (
                "line breaks end sentences",
                "Title\nFirst line. Second\r\nThird",
                &["Title", "First line.", "Second", "Third"],
            ),
            (
                "unicode line separators",
                "a\u{2028}b\u{2029}c\u{85}d",
                &["a", "b", "c", "d"],
            ),
            ("blank lines", "One\n\n\nTwo", &["One", "Two"]),
            (
                "guillemets keep quoted speech",
                "قال: «سنعود. سنبني البلد» ثم غادر. انتهى.",
                &["قال: «سنعود. سنبني البلد» ثم غادر.", "انتهى."],
            ),
            (
                "curly quotes",
                "He said “Stop. Now” and left. Ok.",
                &["He said “Stop. Now” and left.", "Ok."],
            ),
            (
                "straight quotes",
                "He said \"Stop. Now\" and left. Ok.",
                &["He said \"Stop. Now\" and left.", "Ok."],
            ),
            (
                "terminator closing the quotation",
                "قال: «سنعود.» ثم غادر.",
                &["قال: «سنعود.»", "ثم غادر."],
            ),
            (
                "curly closing after terminator",
                "“Hello!” He left.",
                &["“Hello!”", "He left."],
            ),
            (
                "trailing quotes and brackets",
                "He left (finally.) Then \"rest.\") More",
                &["He left (finally.)", "Then \"rest.\")", "More"],
            ),
            (
                "trailing closers outside quotes",
                "Done.\" Next.",
                &["Done.\"", "Next."],
            ),
            (
                "quote closed by line break",
                "He said \"never. \nNext. Last.",
                &["He said \"never.", "Next.", "Last."],
            ),
            (
                "a quotation left open does not swallow its line",
                "قال \"القطامي إن الدراسات كثيرة. ثم ذكر الأرقام! وختم.\nسطر آخر.",
                &[
                    "قال \"القطامي إن الدراسات كثيرة.",
                    "ثم ذكر الأرقام!",
                    "وختم.",
                    "سطر آخر.",
                ],
            ),
            (
                "a quotation left open at the end of the text",
                "He said «Stop. Now and left. Ok.",
                &["He said «Stop.", "Now and left.", "Ok."],
            ),
            (
                "a straight quotation inside a straight one",
                "وقال \"إن سياستنا واضحة.. فالنظام ساعد على نمو \"داعش\" وغيره\". ثم غادر.",
                &[
                    "وقال \"إن سياستنا واضحة.. فالنظام ساعد على نمو \"داعش\" وغيره\".",
                    "ثم غادر.",
                ],
            ),
            (
                "a straight mark glued to the end of a word opens nothing",
                "وأكد\" القطامي أن الدراسات كثيرة. ثم قال \"نعم\" وغادر.",
                &["وأكد\" القطامي أن الدراسات كثيرة.", "ثم قال \"نعم\" وغادر."],
            ),
            (
                "quoted speech of three sentence ends stays whole",
                "قال: «سنعود. سنبني. سنزرع. سنبقى» ثم غادر.",
                &["قال: «سنعود. سنبني. سنزرع. سنبقى» ثم غادر."],
            ),
            (
                "decimals and initials in a quotation are no sentence ends",
                "قال: «النسبة 3.5 و4.5 و5.5 كما ذكر د. محمد. ثم نعود» ثم غادر.",
                &["قال: «النسبة 3.5 و4.5 و5.5 كما ذكر د. محمد. ثم نعود» ثم غادر."],
            ),
            (
                "a quotation passing over more sentence ends is split like plain text",
                "تطرق \"القطامي إلى الدراسات. ثم ذكر الأسباب. وختم بالأثر. واستفتح بحديث. \"القرآن أمان\" ثم بين.",
                &[
                    "تطرق \"القطامي إلى الدراسات.",
                    "ثم ذكر الأسباب.",
                    "وختم بالأثر.",
                    "واستفتح بحديث.",
                    "\"القرآن أمان\" ثم بين.",
                ],
            ),
            (
                "enumerated items",
                "1. First item\n2. Second item",
                &["1. First item", "2. Second item"],
            ),
            (
                "year at the end is a sentence end",
                "It happened in 2020. Then more.",
                &["It happened in 2020.", "Then more."],
            ),
            ("lone punctuation", ". ! ?", &[".", "!", "?"]),
        ];
        for (name, input, want) in cases {
            assert_eq!(sents(input), *want, "{name}");
        }
    }
}
