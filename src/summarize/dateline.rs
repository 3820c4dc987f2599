//! Datelines: the credit line an article opens with — where it was filed and by whom —
//! run into its first sentence: "سبق- الرياض: أعلن …", "عبدالله البرقاوي- سبق- جدة: …",
//! "واس - القاهرة :غادر …", "LONDON (Reuters) - Britain's …", "WASHINGTON — The Senate …".
//! A summary's reader wants the news, not the credit: 947 of the 53,508 summary sentences of
//! the SaudiNewsNet digest opened with one. Told by form, not by a list of outlets, so a
//! reporter or a city the list would not know is found as well:
//!
//! - **Parts and a colon** (Arabic sites, any script): two to five short parts — an outlet, a
//!   city, a reporter's names — joined by dashes and closed by a colon, with the sentence
//!   going on after it. A part holding a digit is a numbered item or a year ("2- الاقتصاد:",
//!   "1940 - الحرب العالمية الثانية:"), and one holding a particle of a clause an aside, not
//!   a credit.
//! - **Capitals and a dash** (wire copy in cased scripts): a city in capitals, maybe a date
//!   after a comma and an agency in brackets, then a dash with space after it.
//!
//! Only an article's first sentence is asked: a dateline opens an article, and the same forms
//! further on are more often a list item or a parenthesis ("قال الفقي -رحمه الله-: …").

/// Most words of a dateline (a reporter pair, an outlet and a city: "ياسر العتيبي، محمد
/// الزهراني- سبق- الباحة:").
const MAX_WORDS: usize = 10;

/// Most words of one part of a dateline (one or two reporters' names, a city).
const MAX_PART_WORDS: usize = 4;

/// Most parts of a dateline (two reporters, the outlet, a city and a town:
/// "بدر الجبل-مهنا التميمي-سبق-تبوك-القريات:").
const MAX_PARTS: usize = 5;

/// Most words of the capitals a wire dateline opens with ("NEW YORK", "RIO DE JANEIRO").
const MAX_CITY_WORDS: usize = 3;

/// The dashes parts of a dateline are joined by: hyphen-minus, hyphen, figure, en and em dash.
const DASHES: [char; 5] = ['-', '\u{2010}', '\u{2012}', '\u{2013}', '\u{2014}'];

/// The colons a dateline closes with (ASCII and fullwidth).
const COLONS: [char; 2] = [':', '\u{FF1A}'];

/// Where the news starts in `sentence`, an article's first sentence: the byte offset past its
/// dateline and the white space after it, or 0 when it opens with none (see the module docs).
pub fn news_start(sentence: &str) -> usize {
    parts_and_colon(sentence)
        .or_else(|| capitals_and_dash(sentence))
        .unwrap_or(0)
}

/// Quotation marks and invisible format characters around a dateline or its parts ("طوكيو -
/// «رويترز»:", a right-to-left mark before a reporter's name). A list marker before it is
/// gone already (see `marker`).
fn is_wrapping(c: char) -> bool {
    c.is_whitespace()
        || crate::text::normalize::is_invisible_format(c)
        || matches!(c, '«' | '»' | '"' | '“' | '”' | '„' | '\'' | '‘' | '’')
}

/// The news after a dateline, `rest` without the white space and direction marks it opens
/// with, when it reads as the news going on: it opens with a letter, a digit or a quotation
/// mark, and has words.
fn news_after(rest: &str) -> Option<&str> {
    let news = rest.trim_start_matches(|c: char| {
        c.is_whitespace() || crate::text::normalize::is_invisible_format(c)
    });
    let opens = news
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, '«' | '"' | '“' | '„' | '\''));
    (opens && crate::text::tokenize::has_letter(news)).then_some(news)
}

/// The offset of the news after a dateline of parts closed by a colon.
fn parts_and_colon(sentence: &str) -> Option<usize> {
    let colon = colon_outside_brackets(sentence)?;
    let after = colon + sentence[colon..].chars().next()?.len_utf8();
    let rest = news_after(&sentence[after..])?;
    let head = sentence[..colon].trim_matches(is_wrapping);
    let mut parts = 0;
    let mut words = 0;
    for part in head.split(DASHES) {
        let part = part.trim_matches(is_wrapping);
        parts += 1;
        let n = crate::text::tokenize::words(part).count();
        words += n;
        if parts > MAX_PARTS || !(1..=MAX_PART_WORDS).contains(&n) || !is_credit_part(part) {
            return None;
        }
    }
    (parts >= 2 && words <= MAX_WORDS).then(|| sentence.len() - rest.len())
}

/// The offset of the first colon of `sentence` outside brackets (a photographer's credit in a
/// dateline has its own: "سبق- الزلفي- (تصوير: عبدالله المطوع):").
fn colon_outside_brackets(sentence: &str) -> Option<usize> {
    let mut depth = 0i32;
    for (at, c) in sentence.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if depth == 0 && COLONS.contains(&c) => return Some(at),
            _ => {}
        }
    }
    None
}

/// Whether one part of a dateline reads as a name (an outlet, a place, people): words of two
/// letters or more or an agency spelt out in letters ("أ ف ب", "د ب أ"), capitalised in a
/// cased script, commas between names, a place's country or a photographer in brackets
/// ("بنغازي (ليبيا)", "(تصوير: مشعل الزهراني)"), dots of an abbreviation ("أ.ف.ب"); no digit.
fn is_credit_part(part: &str) -> bool {
    let mut depth = 0i32;
    for c in part.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if c.is_numeric() => return false,
            _ if crate::text::tokenize::is_word_char(c)
                || c.is_whitespace()
                || is_wrapping(c)
                || matches!(c, '،' | ',' | '.')
                || depth > 0 && COLONS.contains(&c) => {}
            _ => return false,
        }
        if depth < 0 {
            return false;
        }
    }
    let words = crate::text::tokenize::words(part);
    let letters = |w: &str| w.chars().filter(|c| c.is_alphabetic()).count();
    depth == 0
        && !words.clone().any(is_arabic_function_word)
        && !words
            .clone()
            .any(|w| w.chars().next().is_some_and(char::is_lowercase))
        && (words.clone().any(|w| letters(w) >= 2) || words.count() >= 2)
}

/// Arabic particles that join a clause and never a name: a part holding one is an aside
/// between dashes or a clause before a colon ("قدر من رب العالمين - سبحانه وتعالى - أن
/// يتصارعا: …"), not a credit. As written, not normalised: the name "علي" is not "على". The
/// whole stop list would not do: it holds "علي" and "عوض" once normalised, and single letters
/// that spell agencies ("أ ف ب").
const CLAUSE_PARTICLES: [&str; 16] = [
    "من", "في", "عن", "إلى", "الى", "على", "أن", "إن", "ان", "قد", "ثم", "لم", "لن", "لا", "الذي",
    "التي",
];

/// Whether `word` is one of the [`CLAUSE_PARTICLES`].
fn is_arabic_function_word(word: &str) -> bool {
    CLAUSE_PARTICLES.contains(&word)
}

/// The offset of the news after a wire dateline: capitals, an optional date after a comma
/// and agency in brackets, a dash and a space ("NEW YORK, July 21 (Reuters) - Stocks …").
fn capitals_and_dash(sentence: &str) -> Option<usize> {
    let mut rest = sentence.trim_start_matches(is_wrapping);
    // The city: words in capitals, a space apart.
    let mut city = 0;
    while city < MAX_CITY_WORDS {
        let end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, ',' | '('))
            .unwrap_or(rest.len());
        let word = rest[..end].trim_end_matches('.');
        if !is_capitals(word) {
            break;
        }
        city += 1;
        rest = &rest[end..];
        let next = rest.trim_start_matches(' ');
        if !next.starts_with(|c: char| c.is_uppercase()) {
            break;
        }
        rest = next;
    }
    if city == 0 {
        return None;
    }
    // A date or a country after a comma: at most four words, up to the brackets or the dash.
    if let Some(after) = rest.strip_prefix(',') {
        let end = after.find(|c: char| c == '(' || DASHES.contains(&c))?;
        if crate::text::tokenize::words(&after[..end]).count() > 4 {
            return None;
        }
        rest = &after[end..];
    }
    rest = rest.trim_start();
    // The agency in brackets.
    if let Some(after) = rest.strip_prefix('(') {
        let close = after.find(')')?;
        if !(1..=4).contains(&crate::text::tokenize::words(&after[..close]).count()) {
            return None;
        }
        rest = after[close + 1..].trim_start();
    }
    let after_dash = rest.strip_prefix(DASHES)?;
    // A dash glued to the next word is a hyphen or a range, not the dateline's dash.
    if !after_dash.starts_with(char::is_whitespace) {
        return None;
    }
    Some(sentence.len() - news_after(after_dash)?.len())
}

/// Whether `word` is written in capitals: two letters or more, none of them lowercase.
fn is_capitals(word: &str) -> bool {
    let mut letters = 0;
    for c in word.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        } else if !matches!(c, '.' | '\'' | '-') {
            return false;
        }
    }
    letters >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What is left of `sentence` once its dateline is cut.
    fn news(sentence: &str) -> &str {
        &sentence[news_start(sentence)..]
    }

    #[test]
    fn arabic_datelines_of_outlet_city_and_reporter_are_cut() {
        let cases = [
            ("سبق- الرياض: أعلن المدير", "أعلن المدير"),
            ("عبدالله البرقاوي- سبق- الرياض: أعلن", "أعلن"),
            ("واس - القاهرة :غادر الأمير", "غادر الأمير"),
            ("رويترز –لويزيانا: قالت الشرطة", "قالت الشرطة"),
            ("طوكيو - «رويترز»: دافع رئيس الوزراء", "دافع رئيس الوزراء"),
            ("رويترز - بنغازي (ليبيا): قال مسؤول", "قال مسؤول"),
            ("ياسر العتيبي، محمد الزهراني- سبق- الباحة: بدأت", "بدأت"),
            ("\u{200F}\u{202B}فايز الأسمري- سبق- الرياض: قال", "قال"),
            ("تونس - لندن: «الشرق الأوسط» بيعت", "«الشرق الأوسط» بيعت"),
            ("د ب أ - الرياض: نفى المتحدث", "نفى المتحدث"),
            ("أ ف ب- بروكسل: أعلن مصدر", "أعلن مصدر"),
            ("علي حفول- سبق- نجران: \u{200F}\u{202B}أكد عدد", "أكد عدد"),
            ("سلطان السلمي- (تصوير: مشعل الزهراني)- سبق- جدة: أكد", "أكد"),
            ("بدر الجبل-مهنا التميمي-سبق-تبوك-القريات: أكد", "أكد"),
            ("سبق- الزلفي- (تصوير: عبدالله المطوع): افتتح", "افتتح"),
        ];
        for (sentence, want) in cases {
            assert_eq!(news(sentence), want, "{sentence}");
        }
    }

    #[test]
    fn wire_datelines_in_capitals_are_cut() {
        let cases = [
            (
                "LONDON (Reuters) - Britain's economy grew.",
                "Britain's economy grew.",
            ),
            ("WASHINGTON — The Senate voted.", "The Senate voted."),
            ("NEW YORK, July 21 (Reuters) - Stocks rose.", "Stocks rose."),
            (
                "BEIRUT, Lebanon (AP) — A blast shook the port.",
                "A blast shook the port.",
            ),
            ("PARIS (AFP) - «Nous» avons dit.", "«Nous» avons dit."),
        ];
        for (sentence, want) in cases {
            assert_eq!(news(sentence), want, "{sentence}");
        }
    }

    #[test]
    fn list_items_years_and_asides_are_not_datelines() {
        for sentence in [
            "2 - الأذريون: 12 مليون نسمة.",
            "٢- الاقتصاد: ويتم تنسيقه عن طريق القطاع الخاص.",
            "1940 - الحرب العالمية الثانية: الاتحاد السوفياتي يحتل دول البلطيق.",
            "قال الفقي -رحمه الله-: «فهذا مختصر السيرة».",
            "قدر من رب العالمين - سبحانه وتعالى - أن يتصارعا: الباطل والحق",
            "X - Men: Days of Future",
            "الرياض: أعلنت الوزارة",
            "سبق- الرياض:",
            "قال وزير الخارجية في مؤتمر صحفي عقده اليوم في الرياض - العاصمة: إن",
            "NASA-funded work: results",
            "The UN - and its agencies - said: no.",
            "USA TODAY was founded in 1982.",
            "UK-based firms - see below",
        ] {
            assert_eq!(news_start(sentence), 0, "{sentence}");
        }
    }
}
