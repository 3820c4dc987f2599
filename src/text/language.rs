//! Languages khulasa knows, and detecting a document's language.

use std::sync::LazyLock;

use rust_stemmers::Algorithm;

/// A document language. Every language with a Snowball stemmer (in `rust-stemmers`) has a
/// variant; anything else is `Other` (normalised and tokenised, neither stop words nor stems).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Language {
    /// Arabic.
    Arabic,
    /// Danish.
    Danish,
    /// Dutch.
    Dutch,
    /// English.
    English,
    /// Finnish.
    Finnish,
    /// French.
    French,
    /// German.
    German,
    /// Greek.
    Greek,
    /// Hungarian.
    Hungarian,
    /// Italian.
    Italian,
    /// Norwegian (Bokmål).
    Norwegian,
    /// Portuguese.
    Portuguese,
    /// Romanian.
    Romanian,
    /// Russian.
    Russian,
    /// Spanish.
    Spanish,
    /// Swedish.
    Swedish,
    /// Tamil.
    Tamil,
    /// Turkish.
    Turkish,
    /// Anything else, or undetectable.
    Other,
}

impl Language {
    /// Every language, `Other` last; `ALL[lang.index()] == lang`.
    pub const ALL: [Language; 19] = [
        Language::Arabic,
        Language::Danish,
        Language::Dutch,
        Language::English,
        Language::Finnish,
        Language::French,
        Language::German,
        Language::Greek,
        Language::Hungarian,
        Language::Italian,
        Language::Norwegian,
        Language::Portuguese,
        Language::Romanian,
        Language::Russian,
        Language::Spanish,
        Language::Swedish,
        Language::Tamil,
        Language::Turkish,
        Language::Other,
    ];

    /// Position of this language in [`Language::ALL`] (handy for per-language tables).
    pub fn index(self) -> usize {
        self as usize
    }

    /// ISO 639-1 code (`"ar"`, `"en"`, ...), or `"und"` for `Other`.
    pub fn code(self) -> &'static str {
        match self {
            Language::Arabic => "ar",
            Language::Danish => "da",
            Language::Dutch => "nl",
            Language::English => "en",
            Language::Finnish => "fi",
            Language::French => "fr",
            Language::German => "de",
            Language::Greek => "el",
            Language::Hungarian => "hu",
            Language::Italian => "it",
            Language::Norwegian => "no",
            Language::Portuguese => "pt",
            Language::Romanian => "ro",
            Language::Russian => "ru",
            Language::Spanish => "es",
            Language::Swedish => "sv",
            Language::Tamil => "ta",
            Language::Turkish => "tr",
            Language::Other => "und",
        }
    }

    /// The language for an ISO 639-1 code (as [`Language::code`] returns), if khulasa knows it.
    /// `"nb"` (Bokmål) is accepted for Norwegian.
    pub fn from_code(code: &str) -> Option<Language> {
        if code.eq_ignore_ascii_case("nb") {
            return Some(Language::Norwegian);
        }
        Language::ALL
            .iter()
            .copied()
            .find(|l| l.code().eq_ignore_ascii_case(code))
    }

    /// The Snowball stemmer for this language (`None` for `Other`).
    pub fn stemmer_algorithm(self) -> Option<Algorithm> {
        Some(match self {
            Language::Arabic => Algorithm::Arabic,
            Language::Danish => Algorithm::Danish,
            Language::Dutch => Algorithm::Dutch,
            Language::English => Algorithm::English,
            Language::Finnish => Algorithm::Finnish,
            Language::French => Algorithm::French,
            Language::German => Algorithm::German,
            Language::Greek => Algorithm::Greek,
            Language::Hungarian => Algorithm::Hungarian,
            Language::Italian => Algorithm::Italian,
            Language::Norwegian => Algorithm::Norwegian,
            Language::Portuguese => Algorithm::Portuguese,
            Language::Romanian => Algorithm::Romanian,
            Language::Russian => Algorithm::Russian,
            Language::Spanish => Algorithm::Spanish,
            Language::Swedish => Algorithm::Swedish,
            Language::Tamil => Algorithm::Tamil,
            Language::Turkish => Algorithm::Turkish,
            Language::Other => return None,
        })
    }

    fn from_whatlang(lang: whatlang::Lang) -> Language {
        use whatlang::Lang;
        match lang {
            Lang::Ara => Language::Arabic,
            Lang::Dan => Language::Danish,
            Lang::Nld => Language::Dutch,
            Lang::Eng => Language::English,
            Lang::Fin => Language::Finnish,
            Lang::Fra => Language::French,
            Lang::Deu => Language::German,
            Lang::Ell => Language::Greek,
            Lang::Hun => Language::Hungarian,
            Lang::Ita => Language::Italian,
            Lang::Nob => Language::Norwegian,
            Lang::Por => Language::Portuguese,
            Lang::Ron => Language::Romanian,
            Lang::Rus => Language::Russian,
            Lang::Spa => Language::Spanish,
            Lang::Swe => Language::Swedish,
            Lang::Tam => Language::Tamil,
            Lang::Tur => Language::Turkish,
            _ => Language::Other,
        }
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// How many bytes from the start of a text detection looks at.
const DETECT_PREFIX_BYTES: usize = 2_000;

/// How many bytes the Arabic fast path looks at (some 300 Arabic letters are plenty).
const ARABIC_FAST_PATH_BYTES: usize = 600;

/// Detects the language of a text from its opening characters (about the first 2,000 bytes,
/// cut on a character boundary). Texts whatlang cannot place reliably, and languages without a
/// Snowball stemmer, give `Other`.
///
/// Arabic, the bulk of the archives, takes a fast path: one pass over the first 600 bytes
/// instead of whatlang's trigram scoring (~50 µs a document). When Arabic-script letters make
/// up most of the letters, and the letters that tell Arabic from Persian and Urdu (ك ي ة ى vs
/// ک ی پ چ ژ گ ٹ ڈ ڑ ں ے ہ ھ) are overwhelmingly Arabic, the text is Arabic. Anything less
/// clear-cut goes to whatlang.
pub fn detect_language(text: &str) -> Language {
    let prefix = prefix_on_char_boundary(text, DETECT_PREFIX_BYTES);
    if looks_arabic(prefix_on_char_boundary(prefix, ARABIC_FAST_PATH_BYTES)) {
        return Language::Arabic;
    }
    match whatlang::detect(prefix) {
        Some(info) if info.is_reliable() => Language::from_whatlang(info.lang()),
        _ => Language::Other,
    }
}

/// The classes of character [`looks_arabic`] counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Letter {
    /// Not a letter.
    None,
    /// A letter of another script.
    Other,
    /// A letter of the Arabic script shared by Arabic, Persian and Urdu.
    Script,
    /// A letter only Arabic writes (ك ي ة ى).
    ArabicOnly,
    /// A letter only Persian or Urdu writes.
    PersianUrdu,
}

/// What `c` counts toward in [`looks_arabic`].
fn letter_class(c: char) -> Letter {
    match c {
        'ك' | 'ي' | 'ة' | 'ى' => Letter::ArabicOnly,
        'ک' | 'ی' | 'پ' | 'چ' | 'ژ' | 'گ' | 'ٹ' | 'ڈ' | 'ڑ' | 'ں' | 'ے' | 'ہ' | 'ھ' => {
            Letter::PersianUrdu
        }
        '\u{0620}'..='\u{064A}'
        | '\u{066E}'..='\u{06D3}'
        | '\u{06D5}'
        | '\u{06FA}'..='\u{06FF}' => Letter::Script,
        _ if c.is_alphabetic() => Letter::Other,
        _ => Letter::None,
    }
}

impl Letter {
    /// What the letter adds to [`letter_counts`]' four counts, as four 16-bit lanes of one
    /// word (all letters, Arabic script, Arabic only, Persian or Urdu only): counting is then
    /// one addition a character, with no branch on its class. A lane cannot overflow: a
    /// prefix has at most [`ARABIC_FAST_PATH_BYTES`] letters.
    const fn increment(self) -> u64 {
        match self {
            Letter::None => 0,
            Letter::Other => 1,
            Letter::Script => 1 | 1 << 16,
            Letter::ArabicOnly => 1 | 1 << 16 | 1 << 32,
            Letter::PersianUrdu => 1 | 1 << 16 | 1 << 48,
        }
    }
}

/// [`Letter::increment`] of every character of U+0600–U+06FF, the Arabic block (two UTF-8
/// bytes, lead 0xD8–0xDB): nearly every character an Arabic text's detection sees.
static ARABIC_BLOCK: LazyLock<[u64; 256]> = LazyLock::new(|| {
    std::array::from_fn(|k| {
        char::from_u32(0x600 + k as u32).map_or(0, |c| letter_class(c).increment())
    })
});

/// The fast path of [`detect_language`].
fn looks_arabic(prefix: &str) -> bool {
    let [letters, arabic_script, arabic_only, persian_urdu] = letter_counts(prefix);
    arabic_script * 10 >= letters * 7 && arabic_only >= 8 && persian_urdu * 50 <= arabic_only
}

/// The letters of `prefix` (at most [`ARABIC_FAST_PATH_BYTES`] bytes): all of them, those of
/// the Arabic script, those only Arabic writes, those only Persian or Urdu write.
fn letter_counts(prefix: &str) -> [u32; 4] {
    debug_assert!(prefix.len() <= ARABIC_FAST_PATH_BYTES);
    let block = &*ARABIC_BLOCK;
    let bytes = prefix.as_bytes();
    let mut lanes = 0u64;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            lanes += u64::from(b.is_ascii_alphabetic());
            i += 1;
        } else if (0xD8..=0xDB).contains(&b) {
            // `prefix` is UTF-8: a two-byte lead is followed by its continuation byte.
            lanes += block[(((b & 0x03) as usize) << 6) | (bytes[i + 1] & 0x3F) as usize];
            i += 2;
        } else {
            let c = prefix[i..].chars().next().unwrap_or(' ');
            lanes += letter_class(c).increment();
            i += c.len_utf8();
        }
    }
    std::array::from_fn(|lane| (lanes >> (16 * lane)) as u16 as u32)
}

/// The longest prefix of `text` of at most `max` bytes that ends on a char boundary.
fn prefix_on_char_boundary(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_stemmers_exist_for_all_but_other() {
        for (i, lang) in Language::ALL.iter().copied().enumerate() {
            assert_eq!(lang.index(), i);
            assert_eq!(Language::from_code(lang.code()), Some(lang));
            assert_eq!(lang.stemmer_algorithm().is_none(), lang == Language::Other);
        }
        assert_eq!(Language::Other.code(), "und");
        assert_eq!(Language::from_code("nb"), Some(Language::Norwegian));
        assert_eq!(Language::from_code("zz"), None);
    }

    #[test]
    fn detects_arabic_english_french_russian() {
        let cases = [
            (
                "أكدت روسيا والصين أنهما يعملان لتطبيق تعددية حقيقية تكون بمثابة دعامة لتوحيد \
                 العالم في التغلب على الأزمات، وقال الرئيس الصيني إن بكين وموسكو تعملان معا.",
                Language::Arabic,
            ),
            (
                "The government announced on Monday that the new budget would focus on \
                 schools, hospitals and the roads that connect the smaller towns of the north.",
                Language::English,
            ),
            (
                "Le gouvernement a annoncé lundi que le nouveau budget serait consacré aux \
                 écoles, aux hôpitaux et aux routes qui relient les petites villes du nord.",
                Language::French,
            ),
            (
                "Правительство объявило в понедельник, что новый бюджет будет направлен на \
                 школы, больницы и дороги, которые соединяют небольшие города севера.",
                Language::Russian,
            ),
        ];
        for (text, want) in cases {
            assert_eq!(detect_language(text), want, "{text}");
        }
    }

    #[test]
    fn persian_and_urdu_are_not_taken_for_arabic() {
        let persian = "این یک متن فارسی است که برای آزمایش تشخیص زبان نوشته شده است و کلمه‌های \
                       زیادی دارد تا پیدا کردن زبان آن آسان باشد.";
        let urdu = "یہ ایک اردو متن ہے جو زبان کی پہچان کی جانچ کے لیے لکھا گیا ہے اور اس میں کافی \
                    الفاظ ہیں۔";
        assert!(!looks_arabic(persian));
        assert!(!looks_arabic(urdu));
        assert_ne!(detect_language(persian), Language::Arabic);
        assert_ne!(detect_language(urdu), Language::Arabic);
    }

    #[test]
    fn fast_path_agrees_with_whatlang_on_arabic() {
        let text = "وقال الرئيس الصيني إن بكين وموسكو تعملان معا لتطبيق تعددية حقيقية تكون بمثابة \
                    دعامة لتوحيد العالم في التغلب على الأزمات، خلال لقاء في العاصمة الصينية.";
        assert!(looks_arabic(text));
        assert_eq!(whatlang::detect_lang(text), Some(whatlang::Lang::Ara));
        // Mostly Latin text quoting a little Arabic is not Arabic.
        assert!(!looks_arabic(
            "The word في means in; the word من means from, said the teacher."
        ));
    }

    #[test]
    fn empty_and_symbol_only_texts_are_other() {
        assert_eq!(detect_language(""), Language::Other);
        assert_eq!(detect_language("   \n\t "), Language::Other);
        assert_eq!(detect_language("12345 !!! ---"), Language::Other);
    }

    #[test]
    fn long_texts_are_cut_on_a_char_boundary() {
        // 'ع' is two bytes; an odd cut would land inside one.
        let text = "ع".repeat(5_000);
        let p = prefix_on_char_boundary(&text, 2_001);
        assert_eq!(p.len(), 2_000);
        assert_eq!(prefix_on_char_boundary("abc", 10), "abc");
    }

    /// [`letter_counts`] taken a character at a time with [`letter_class`].
    fn letter_counts_by_chars(prefix: &str) -> [u32; 4] {
        let mut counts = [0u32; 4];
        for c in prefix.chars() {
            let class = letter_class(c);
            counts[0] += u32::from(class != Letter::None);
            counts[1] += u32::from(matches!(
                class,
                Letter::Script | Letter::ArabicOnly | Letter::PersianUrdu
            ));
            counts[2] += u32::from(class == Letter::ArabicOnly);
            counts[3] += u32::from(class == Letter::PersianUrdu);
        }
        counts
    }

    proptest::proptest! {
        #[test]
        fn the_byte_table_counts_as_the_chars_do(
            chars in proptest::collection::vec(
                proptest::prop_oneof![
                    4 => proptest::char::range('\u{0600}', '\u{06FF}'),
                    1 => proptest::char::range('\u{0000}', '\u{007F}'),
                    1 => proptest::char::range('\u{0750}', '\u{FEFF}'),
                    1 => proptest::char::any(),
                ],
                // At most 600 bytes, the fast path's prefix.
                0..150,
            )
        ) {
            let text: String = chars.into_iter().collect();
            proptest::prop_assert_eq!(letter_counts(&text), letter_counts_by_chars(&text));
        }
    }
}
