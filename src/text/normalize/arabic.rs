//! The Arabic normaliser: everything [`general`](super::general) does, plus the usual Arabic
//! folding for search and near-duplicate detection.

use super::{Act, Rules, kept_in_block, run};

/// What the Arabic rules do with one character.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Rule {
    /// Keep as is.
    Keep,
    /// Remove (diacritics, Quranic marks, tatweel).
    Drop,
    /// Replace by another character.
    To(char),
}

/// The Arabic rules (applied after NFKC):
/// - drop harakat and other diacritics U+064B–U+065F and the superscript alef U+0670;
/// - drop Quranic annotation marks U+0610–U+061A, U+06D6–U+06DC, U+06DF–U+06E8, U+06EA–U+06ED;
/// - drop tatweel U+0640;
/// - alef forms أ إ آ ٱ → ا; alef maqsura ى → ي; ta marbuta ة → ه;
/// - hamza on waw ؤ → و, hamza on ya ئ → ي; and, so that precomposed and decomposed spellings
///   agree once U+0654 is dropped, ۀ → ە, ۂ → ہ, ۓ → ے;
/// - Arabic-Indic digits ٠–٩ and Extended Arabic-Indic digits ۰–۹ → 0–9.
const fn rule(c: char) -> Rule {
    match c {
        '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{0610}'..='\u{061A}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{0640}' => Rule::Drop,
        'أ' | 'إ' | 'آ' | 'ٱ' => Rule::To('ا'),
        'ى' => Rule::To('ي'),
        'ة' => Rule::To('ه'),
        'ؤ' => Rule::To('و'),
        'ئ' => Rule::To('ي'),
        '\u{06C0}' => Rule::To('\u{06D5}'),
        '\u{06C2}' => Rule::To('\u{06C1}'),
        '\u{06D3}' => Rule::To('\u{06D2}'),
        '\u{0660}'..='\u{0669}' => Rule::To(digit(c as u32 - 0x0660)),
        '\u{06F0}'..='\u{06F9}' => Rule::To(digit(c as u32 - 0x06F0)),
        _ => Rule::Keep,
    }
}

const fn digit(d: u32) -> char {
    (b'0' + d as u8) as char
}

/// Arabic normalisation, appended to `out`: NFKC, the Arabic rules above, lowercase (for Latin
/// and other cased text mixed in) and removal of invisible format characters.
///
/// Dropped marks are removed before NFKC sees them; that gives the same result as NFKC first,
/// because the only compositions they take part in (hamza above/below and madda over alef, waw,
/// ya and the three letters listed above) fold back to the bare letter anyway.
pub fn arabic(text: &str, out: &mut String) {
    run::<ArabicRules>(text, out);
}

struct ArabicRules;

/// The table for the Arabic block: the rules above; letters and punctuation are kept (see
/// [`kept_in_block`](super::kept_in_block)); the Arabic letter mark is invisible; everything
/// else goes the generic way.
const fn block_act(cp: u32) -> Act {
    let Some(c) = char::from_u32(cp) else {
        return Act::Generic;
    };
    match rule(c) {
        Rule::Drop => Act::Drop,
        Rule::To(r) => Act::To(r),
        Rule::Keep => match cp {
            _ if kept_in_block(cp) => Act::Keep,
            0x061C => Act::Drop,
            _ => Act::Generic,
        },
    }
}

impl Rules for ArabicRules {
    const BLOCK: [Act; 256] = block_table!(block_act);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        let mut out = String::new();
        arabic(s, &mut out);
        out
    }

    #[test]
    fn table() {
        let cases: &[(&str, &str, &str)] = &[
            ("harakat", "مُحَمَّدٌ", "محمد"),
            ("tanwin fath", "أيضاً جداً", "ايضا جدا"),
            ("sukun and shadda", "الشَّمْس", "الشمس"),
            (
                "all of U+064B..U+065F",
                "ب\u{64B}\u{64C}\u{64D}\u{64E}\u{64F}\u{650}\u{651}\u{652}\u{653}\u{654}\u{655}\u{656}\u{657}\u{658}\u{659}\u{65A}\u{65B}\u{65C}\u{65D}\u{65E}\u{65F}ت",
                "بت",
            ),
            ("superscript alef", "هٰذا", "هذا"),
            (
                "quranic marks U+0610..U+061A",
                "ب\u{610}\u{615}\u{61A}ت",
                "بت",
            ),
            (
                "quranic marks U+06D6..U+06DC",
                "ب\u{6D6}\u{6DA}\u{6DC}ت",
                "بت",
            ),
            (
                "quranic marks U+06DF..U+06E8",
                "ب\u{6DF}\u{6E3}\u{6E8}ت",
                "بت",
            ),
            ("quranic marks U+06EA..U+06ED", "ب\u{6EA}\u{6ED}ت", "بت"),
            ("tatweel", "مـــرحبا", "مرحبا"),
            ("alef with hamza above", "أحمد", "احمد"),
            ("alef with hamza below", "إسلام", "اسلام"),
            ("alef with madda", "آمن", "امن"),
            ("alef wasla", "ٱلله", "الله"),
            ("alef maqsura", "على مستشفى", "علي مستشفي"),
            ("ta marbuta", "مدرسة", "مدرسه"),
            ("hamza on waw", "مؤتمر", "موتمر"),
            ("hamza on ya", "رئيس", "رييس"),
            ("decomposed alef + hamza above", "ا\u{654}حمد", "احمد"),
            ("decomposed waw + hamza above", "مو\u{654}تمر", "موتمر"),
            (
                "precomposed and decomposed heh goal with hamza agree",
                "\u{6C2} \u{6C1}\u{654}",
                "\u{6C1} \u{6C1}",
            ),
            ("arabic-indic digits", "٠١٢٣٤٥٦٧٨٩", "0123456789"),
            ("extended arabic-indic digits", "۰۱۲۳۴۵۶۷۸۹", "0123456789"),
            ("arabic punctuation kept", "نعم، لا؟ ربما؛", "نعم، لا؟ ربما؛"),
            ("presentation forms through nfkc", "\u{FEF7} ﺃﺣﻤﺪ", "لا احمد"),
            ("ligature allah", "\u{FDF2}", "الله"),
            ("arabic letter mark", "ب\u{61C}ت", "بت"),
            ("zwnj and zwj inside a word", "ب\u{200C}ت\u{200D}ث", "بتث"),
            ("rlm and isolates", "\u{200F}\u{2067}مرحبا\u{2069}", "مرحبا"),
            ("bom and soft hyphen", "\u{FEFF}مر\u{AD}حبا", "مرحبا"),
            ("latin mixed in is lowercased", "شركة Apple", "شركه apple"),
            ("nfkc still applies to latin", "ﬁ e\u{301}", "fi é"),
            ("empty", "", ""),
        ];
        for (name, input, want) in cases {
            assert_eq!(norm(input), *want, "{name}");
        }
    }

    #[test]
    fn same_result_as_nfkc_first() {
        use unicode_normalization::UnicodeNormalization;
        let samples = [
            "أَحْمَدُ ذَهَبَ إِلَى المَدْرَسَةِ",
            "ا\u{653}من و\u{654} ي\u{654} ا\u{655}",
            "e\u{64E}\u{301} ﻣﺮﺣﺒﺎ ٣٫٥",
            "\u{6D5}\u{654} \u{6D2}\u{654}",
        ];
        for s in samples {
            let nfkc: String = s.nfkc().collect();
            assert_eq!(norm(s), norm(&nfkc), "{s}");
        }
    }
}
