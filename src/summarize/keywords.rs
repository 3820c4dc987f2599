//! Keywords of a group: its highest TF-IDF terms, shown as the words that produced them.

use ahash::AHashMap;

use super::{SentenceTerms, SummaryDoc};
use crate::text::{Language, TermKeys};
use crate::tfidf::Idf;

/// The `k` terms of a group with the highest summed TF-IDF, each shown as the word form that
/// produced it most often (stems are not for reading). `docs` holds each document's article
/// sentences with their term keys, as the summary analysed them.
pub fn keywords(
    group: &[SummaryDoc],
    docs: &[Vec<SentenceTerms>],
    terms: &mut TermKeys,
    idf: &Idf,
    k: usize,
) -> Vec<String> {
    // Pass one weighs terms by key alone, from the summary's analysis; pass two finds the
    // surface forms of the few winners, so no string is made for the thousands of other
    // words — and each distinct word is analysed once (copies in a group repeat most words).
    let mut weight: AHashMap<u64, f64> = AHashMap::new();
    for sents in docs {
        let mut counts: AHashMap<u64, u32> = AHashMap::new();
        for key in sents.iter().flat_map(|s| s.keys.iter()) {
            *counts.entry(*key).or_insert(0) += 1;
        }
        for (key, n) in counts {
            *weight.entry(key).or_insert(0.0) += (1.0 + f64::from(n).ln()) * idf.idf(key);
        }
    }
    let mut ranked: Vec<(u64, f64)> = weight.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.truncate(3 * k);
    let wanted: AHashMap<u64, usize> = ranked
        .iter()
        .enumerate()
        .map(|(i, &(key, _))| (key, i))
        .collect();
    let mut surface: Vec<AHashMap<&str, u32>> = vec![AHashMap::new(); ranked.len()];
    let mut terms_of: AHashMap<(&str, Language), Vec<u64>> = AHashMap::new();
    for (d, sents) in group.iter().zip(docs) {
        // A sentence none of whose terms won gives no surface form (its words' terms are its
        // terms): most of a group's sentences are passed over without being tokenised again.
        for s in sents
            .iter()
            .filter(|s| s.keys.iter().any(|k| wanted.contains_key(k)))
        {
            for word in crate::text::tokenize::words(&d.text[s.sentence.range.clone()]) {
                let keys = terms_of.entry((word, d.lang)).or_insert_with(|| {
                    let mut keys = Vec::new();
                    terms.for_each(word, d.lang, |k| keys.push(k));
                    keys
                });
                let form = match d.lang {
                    Language::Arabic => without_conjunction(word),
                    _ => word,
                };
                for key in keys.iter() {
                    if let Some(&i) = wanted.get(key) {
                        *surface[i].entry(form).or_insert(0) += 1;
                    }
                }
            }
        }
    }
    let mut seen: Vec<String> = Vec::new();
    surface
        .into_iter()
        .filter_map(|forms| {
            fold_proclitics(forms)
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
                .map(|(w, _)| w)
        })
        .filter(|w| readable(w))
        // Two terms the stemmer kept apart can still be one word to a reader ("الطائرة" and
        // "طائرة", "والأمير" and "الأمير"): the higher-ranked form stands for both.
        .filter(|w| {
            let bare = bare_form(w);
            let new = !seen.contains(&bare);
            seen.push(bare);
            new
        })
        .take(k)
        .map(str::to_string)
        .collect()
}

/// Whether a word form reads as a keyword: it has a letter, and it is not a number run into
/// Arabic letters — a clitic or a unit ("لـ15", "الـ25", "2014م"), a number, not a topic.
fn readable(word: &str) -> bool {
    use crate::text::tokenize::{has_letter, is_arabic_letter};
    has_letter(word)
        && !(word.chars().any(|c| c.is_numeric()) && word.chars().any(is_arabic_letter))
}

/// Letters that stand before an Arabic word as a proclitic: "and", "so", "with", "for", "as".
const PROCLITIC_LETTERS: [char; 5] = ['و', 'ف', 'ب', 'ل', 'ك'];

/// The surface forms of one term with each form that is another of them behind proclitic
/// letters ("وسمو" and "سمو", "ولسمو") counted as that other, shorter form: the stemmer
/// found them one word, and the shorter form shows that the letters in front are proclitics.
fn fold_proclitics(forms: AHashMap<&str, u32>) -> AHashMap<&str, u32> {
    let mut folded: AHashMap<&str, u32> = AHashMap::with_capacity(forms.len());
    for (&form, &n) in &forms {
        let mut shown = form;
        let mut rest = form;
        while let Some(shorter) = rest.strip_prefix(PROCLITIC_LETTERS) {
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

/// An Arabic word as a keyword shows it: without a conjunction و or ف before the article
/// ("والطالبات" → "الطالبات", "فالأمر" → "الأمر"). Snowball's Arabic stemmer leaves a و or ف
/// on before an alef (to spare واحد, واضح), so "والطالبات" is a term of its own, rarer than
/// "الطالبات" and so weighed higher, and in "الطلاب والطالبات" it is the commoner form too;
/// a reader wants the word, not "and the word". The conjunction is certain once three
/// letters follow the article ("والي", a governor, and "والله" keep theirs), except in
/// والد (parent) with an ending ("والدته"), and before a hamza on the alef, which only opens
/// a word ("وأقارب" → "أقارب").
fn without_conjunction(word: &str) -> &str {
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

/// Arabic prefixes a word is read through: conjunctions, prepositions and the article,
/// longest first.
const CLITICS: &[&str] = &[
    "وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك",
];

/// A word as normalised Arabic with its leading clitics taken off while three letters or
/// more remain ("والأمير" and "الامير" both give "امير"), for telling forms of one word.
fn bare_form(word: &str) -> String {
    let mut norm = String::new();
    crate::text::normalize::arabic(word, &mut norm);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_of_one_word_have_one_bare_form() {
        assert_eq!(bare_form("والأمير"), bare_form("الامير"));
        assert_eq!(bare_form("الطائرة"), bare_form("طائرة"));
        assert_eq!(bare_form("للموهبة"), bare_form("موهبة"));
        assert_eq!(bare_form("ووزير"), bare_form("وزير"));
        assert_ne!(bare_form("الاشتراكية"), bare_form("الاشتراكي"));
        assert_eq!(bare_form("Airbus"), bare_form("airbus"));
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
    fn numbers_run_into_arabic_letters_are_not_keywords() {
        assert!(!readable("لـ15"));
        assert!(!readable("2014م"));
        assert!(!readable("15"));
        assert!(readable("A380"));
        assert!(readable("الطائرة"));
    }
}
