//! Which written form of a term a reader is shown. A term is a stem, not for reading; it is
//! shown as the word that produced it most often in the text at hand, less the Arabic
//! proclitics that the other forms, or the language, show to be no part of the word. Keywords
//! and the story tier's "shared terms" both show terms this way.
//!
//! Showing strips only what is certain ([`shown`], [`best`]); telling whether two shown words
//! are one word to a reader ([`bare`]) strips every leading clitic, as a comparison may. A
//! form that names no topic — a number, one letter, a particle — is not listed ([`readable`]).

use ahash::AHashMap;

use super::Language;

/// `word` as written, as it is shown: for Arabic, without a conjunction before the article or
/// a hamza (see [`without_conjunction`]); words of a language with a stemmer of its own as
/// they are. A text too short to tell its language is taken as it may be, Arabic: the rule
/// touches only words opening with و or ف.
pub fn shown(lang: Language, word: &str) -> &str {
    match lang {
        Language::Arabic | Language::Other => {
            without_conjunction(latin_behind_clitics(word).unwrap_or(word))
        }
        _ => word,
    }
}

/// The Latin word behind Arabic proclitics glued to it, perhaps with a tatweel ("لـCNN" →
/// "CNN", "الـPDF" → "PDF", "وiOS" → "iOS"): Arabic writes its article and prepositions onto a
/// foreign name, and the tokenizer keeps them one word. `None` when the Arabic part is more
/// than proclitics ("الرابطwww" lost a space; it is not split here).
fn latin_behind_clitics(word: &str) -> Option<&str> {
    let at = word.find(|c: char| c.is_ascii_alphabetic())?;
    let (arabic, latin) = word.split_at(at);
    let arabic = arabic.trim_end_matches('\u{0640}');
    (!arabic.is_empty() && CLITICS.contains(&arabic) && latin.is_ascii()).then_some(latin)
}

/// The form to show for a term, given how often each of its [`shown`] forms occurs: the
/// commonest once proclitic forms are folded (see [`fold_proclitics`]), the first in code
/// point order on a tie.
pub fn best(forms: AHashMap<&str, u32>) -> Option<&str> {
    fold_proclitics(forms)
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(w, _)| w)
}

/// Letters that stand before an Arabic word as a proclitic: "and", "so", "with", "for", "as".
const PROCLITIC_LETTERS: [char; 5] = ['و', 'ف', 'ب', 'ل', 'ك'];

/// The surface forms of one term with each form that is another of them behind proclitic
/// letters ("وسمو" and "سمو", "ولسمو") counted as that other, shorter form: the stemmer
/// found them one word, and the shorter form shows that the letters in front are proclitics.
/// "لل" is "ل" before the article, whose alef it drops: "للانتخابات" counts as
/// "الانتخابات" when that is a form too.
pub fn fold_proclitics(forms: AHashMap<&str, u32>) -> AHashMap<&str, u32> {
    let mut folded: AHashMap<&str, u32> = AHashMap::with_capacity(forms.len());
    let mut with_article = String::new();
    for (&form, &n) in &forms {
        let mut shown = form;
        let mut rest = form;
        loop {
            if let Some(after) = rest.strip_prefix("لل") {
                with_article.clear();
                with_article.push_str("ال");
                with_article.push_str(after);
                if let Some((&attested, _)) = forms.get_key_value(with_article.as_str()) {
                    shown = attested;
                }
            }
            let Some(shorter) = rest.strip_prefix(PROCLITIC_LETTERS) else {
                break;
            };
            if forms.contains_key(shorter) {
                shown = shorter;
            }
            rest = shorter;
        }
        *folded.entry(shown).or_insert(0) += n;
    }
    folded
}

/// Endings that make a word opening with "والد" a form of والد (parent): possessives, the
/// feminine, the dual and the plurals. "والدين" (also "and the religion") stays the parents.
const PARENT_ENDINGS: &[&str] = &[
    "ه", "ها", "هم", "هما", "هن", "ي", "ك", "كم", "كما", "نا", "ته", "تها", "تهم", "تهما", "تي",
    "تك", "تكم", "تنا", "ين", "يه", "يها", "يهم", "يهما", "يك", "يكم", "ينا", "ان", "ات", "تان",
    "تين", "ية",
];

/// An Arabic word as it is shown: without a conjunction و or ف before the article
/// ("والطالبات" → "الطالبات", "فالأمر" → "الأمر"). Snowball's Arabic stemmer leaves a و or ف
/// on before an alef (to spare واحد, واضح), so "والطالبات" is a term of its own, rarer than
/// "الطالبات" and so weighed higher, and in "الطلاب والطالبات" it is the commoner form too;
/// a reader wants the word, not "and the word". The conjunction is certain once three
/// letters follow the article ("والي", a governor, and "والله" keep theirs), except in
/// والد (parent) with an ending ("والدته"), and before a hamza on the alef, which only opens
/// a word ("وأقارب" → "أقارب").
pub fn without_conjunction(word: &str) -> &str {
    let Some(rest) = word.strip_prefix(['و', 'ف']) else {
        return word;
    };
    // A hamza on the alef opens a word, never the second letter of one opening with و.
    if rest.starts_with(['أ', 'إ', 'آ']) && rest.chars().count() >= 3 {
        return rest;
    }
    let Some(after_article) = rest.strip_prefix("ال") else {
        return word;
    };
    let parent = word
        .strip_prefix("والد")
        .is_some_and(|ending| PARENT_ENDINGS.contains(&ending));
    if after_article.chars().count() < 3 || parent {
        word
    } else {
        rest
    }
}

/// Whether an Arabic word may open with a conjunction (و، ف) or a preposition (ب، ل، ك)
/// written onto it: one of those letters with three letters or more behind it (and for و
/// and ف not an alef, which Snowball reads as the word's own). It is a guess: "وزير",
/// "لجنة" and "برنامج" pass too, while "ولي", "بنك" and "كأس" do not. Keyphrases only ask
/// it whether a word may carry on the phrase before it, where a wrong yes costs little
/// (the word may still open a phrase of its own: "وزير الخارجية") and a wrong no glues
/// two phrases ("القنصلية وجرى تفعيل", "أصيبا بحروق").
pub fn may_open_with_particle(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let rest = chars.as_str();
    let long = rest.chars().count() >= 3;
    match first {
        'و' | 'ف' => long && !rest.starts_with('ا'),
        'ب' | 'ل' | 'ك' => long,
        _ => false,
    }
}

/// Arabic prefixes a word is read through: conjunctions, prepositions and the article,
/// longest first. Only [`bare`] takes them all off: it compares, and never shows.
const CLITICS: &[&str] = &[
    "وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك",
];

/// A word as normalised Arabic with its leading clitics taken off while three letters or
/// more remain ("والأمير" and "الامير" both give "امير"), for telling forms of one word.
pub fn bare(word: &str) -> String {
    let mut norm = String::new();
    super::normalize::arabic(word, &mut norm);
    let mut rest = norm.trim_start_matches('\u{0640}');
    while let Some(shorter) = CLITICS
        .iter()
        .filter_map(|c| rest.strip_prefix(c))
        .map(|r| r.trim_start_matches('\u{0640}'))
        .find(|r| r.chars().count() >= 3)
    {
        rest = shorter;
    }
    rest.to_string()
}

/// Whether a shown word form names a topic, as keywords and a story's shared terms list them: it has a letter, it is not a number run into
/// Arabic letters — a clitic or a unit ("لـ15", "الـ25", "2014م"), a number, not a topic —
/// it is not one letter of an alphabet: an initial or an abbreviation ("د" for doctor, "م"
/// for the year or a metre, "هـ" for the Hijri year, the tatweel aside), which 121
/// SaudiNewsNet entries showed (one ideograph or Hangul syllable is a word) — and it is no
/// [`particle`].
pub fn readable(word: &str) -> bool {
    use super::tokenize::{has_letter, is_arabic_letter};
    let mut chars = word.chars().filter(|&c| c != '\u{0640}');
    let lone_letter = match (chars.next(), chars.next()) {
        (Some(c), None) => !is_syllabic(c),
        _ => false,
    };
    let number_run_in = word.chars().any(|c| c.is_numeric()) && word.chars().any(is_arabic_letter);
    has_letter(word) && !lone_letter && !number_run_in && !particle(word)
}

/// Words that carry no topic though no stop list holds them, which SaudiNewsNet keywords
/// showed (241 of its 18,650 entries): the vocative "يا" and the name particles "بن", "بنت",
/// "ابن", "آل", which stopwords-iso's Arabic list lacks (the list itself stays as it is: dedup
/// shingles and archive signatures are built with it); the Latin letters' names in Arabic
/// script, which spell acronyms ("سي إن إن" for CNN, "دي" of "دي ماريا"), each one letter;
/// and English function words in a text of another language ("The", "of"). stopwords-iso's
/// English list is not used for these: it also holds "World", "TV", "Computer", "FM".
fn particle(word: &str) -> bool {
    // Vocative and name particles (normalised: alef forms bare, so "ال" is آل); the Latin
    // letters' names are the sentence splitter's list, which knows them as initials.
    const ARABIC: &str = "يا بن بنت ابن ال";
    const ENGLISH: &str = "a about all an and are as at be been but by can could did do does \
        for from had has have he her his how i if in into is it its me more most my no not of \
        on or our she should so than that the their them then these they this those to was we \
        were what when where which who why will with without would you your";
    if word.is_ascii() {
        // Capitals are an acronym ("WHO", "IT"), not the word.
        let acronym = word.bytes().all(|b| !b.is_ascii_lowercase());
        let lower = word.to_ascii_lowercase();
        return !acronym && ENGLISH.split_whitespace().any(|w| w == lower);
    }
    let mut norm = String::new();
    super::normalize::arabic(word, &mut norm);
    let norm = norm.trim_matches('\u{0640}');
    ARABIC.split_whitespace().any(|w| w == norm) || super::is_arabic_letter_name(norm)
}

/// Whether `c` is a character that is a word or syllable on its own: a CJK ideograph, kana or
/// a Hangul syllable.
fn is_syllabic(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7AF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3134F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_of_one_word_have_one_bare_form() {
        assert_eq!(bare("والأمير"), bare("الامير"));
        assert_eq!(bare("الطائرة"), bare("طائرة"));
        assert_eq!(bare("للموهبة"), bare("موهبة"));
        assert_eq!(bare("ووزير"), bare("وزير"));
        assert_ne!(bare("الاشتراكية"), bare("الاشتراكي"));
        assert_eq!(bare("Airbus"), bare("airbus"));
    }

    #[test]
    fn a_latin_word_is_shown_without_the_arabic_proclitics_glued_to_it() {
        for (word, want) in [
            ("لـCNN", "CNN"),
            ("الـPDF", "PDF"),
            ("وiOS", "iOS"),
            ("الTMS", "TMS"),
            ("الرابطwww", "الرابطwww"),
            ("أوIELTS", "أوIELTS"),
            ("CNN", "CNN"),
        ] {
            assert_eq!(shown(Language::Arabic, word), want, "{word}");
        }
    }

    #[test]
    fn a_conjunction_before_the_article_is_not_shown() {
        assert_eq!(without_conjunction("والطالبات"), "الطالبات");
        assert_eq!(without_conjunction("والتراث"), "التراث");
        assert_eq!(without_conjunction("فالأمر"), "الأمر");
        assert_eq!(without_conjunction("والدولة"), "الدولة");
        assert_eq!(without_conjunction("والدكتور"), "الدكتور");
        assert_eq!(without_conjunction("وأقارب"), "أقارب");
        assert_eq!(without_conjunction("فإن"), "فإن");
    }

    #[test]
    fn forms_behind_proclitics_count_as_the_bare_form_of_their_term() {
        let forms: AHashMap<&str, u32> = [("وسمو", 3), ("ولسمو", 1), ("سمو", 2), ("وزير", 4)]
            .into_iter()
            .collect();
        let folded = fold_proclitics(forms);
        assert_eq!(folded.get("سمو"), Some(&6));
        // Nothing shows "زير" to be a word: "وزير" stays whole.
        assert_eq!(folded.get("وزير"), Some(&4));
        assert_eq!(folded.len(), 2);
        let forms: AHashMap<&str, u32> = [("للانتخابات", 3), ("الانتخابات", 1), ("لله", 2)]
            .into_iter()
            .collect();
        let folded = fold_proclitics(forms);
        assert_eq!(folded.get("الانتخابات"), Some(&4));
        assert_eq!(folded.get("لله"), Some(&2));
    }

    #[test]
    fn words_that_only_look_like_a_conjunction_and_article_are_shown_whole() {
        for word in [
            "والي",
            "والله",
            "والده",
            "والدة",
            "والدته",
            "والدتي",
            "والدين",
            "والديهم",
            "وزير",
            "واضح",
            "التعليم",
            "و",
            "",
        ] {
            assert_eq!(without_conjunction(word), word);
        }
    }

    #[test]
    fn the_commonest_form_is_shown_after_folding() {
        let forms: AHashMap<&str, u32> =
            [("ومصر", 3), ("مصر", 2), ("لمصر", 2)].into_iter().collect();
        assert_eq!(best(forms), Some("مصر"));
        let tie: AHashMap<&str, u32> = [("ب", 1), ("a", 1)].into_iter().collect();
        assert_eq!(best(tie), Some("a"));
        assert_eq!(best(AHashMap::new()), None);
    }

    #[test]
    fn a_particle_may_open_a_word_of_three_letters_more_but_not_a_shorter_one() {
        for w in [
            "وقوات",
            "وسعد",
            "فيروس",
            "بالقرب",
            "للانتخابات",
            "بأهمية",
            "لإدارة",
            "بحروق",
        ] {
            assert!(may_open_with_particle(w), "{w}");
        }
        for w in [
            "ولي",
            "وطن",
            "والي",
            "واشنطن",
            "بنك",
            "كأس",
            "البلدية",
            "مصر",
        ] {
            assert!(!may_open_with_particle(w), "{w}");
        }
    }

    #[test]
    fn numbers_run_into_arabic_letters_are_not_keywords() {
        assert!(!readable("لـ15"));
        assert!(!readable("2014م"));
        assert!(!readable("15"));
        assert!(readable("A380"));
        assert!(readable("الطائرة"));
    }

    #[test]
    fn one_letter_of_an_alphabet_is_not_a_keyword_but_one_ideograph_is() {
        for letter in ["د", "م", "A", "x", "ж"] {
            assert!(!readable(letter), "{letter}");
        }
        assert!(readable("حج"));
        assert!(readable("中"));
        assert!(readable("한"));
        assert!(!readable("هـ"));
    }

    #[test]
    fn particles_and_letter_names_are_not_keywords_but_short_words_are() {
        for word in [
            "يا",
            "بن",
            "آل",
            "سي",
            "إس",
            "جي",
            "كيه",
            "إيه",
            "دبليو",
            "of",
            "The",
        ] {
            assert!(!readable(word), "{word}");
        }
        for word in ["حج", "طن", "فن", "سد", "CNN", "WHO", "TV", "World", "الأمير"] {
            assert!(readable(word), "{word}");
        }
    }
}
