//! Keywords of a group: its highest TF-IDF terms, shown as the words that produced them.

use ahash::AHashMap;

use super::{SentenceTerms, SummaryDoc};
use crate::text::{Language, TermKeys, prose, word_forms};
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
            let text = &d.text[s.sentence.range.clone()];
            // The pieces of a web or mail address (`www`, `edu`, `php`) or of a style sheet
            // run into the text (`padding`, `webkit`) are not keywords: a term seen only
            // there gets no surface form and is passed over.
            let non_prose = prose::non_prose_spans(text);
            for word in crate::text::tokenize::words(text) {
                let at = word.as_ptr() as usize - text.as_ptr() as usize;
                if non_prose.iter().any(|r| r.contains(&at)) {
                    continue;
                }
                let keys = terms_of.entry((word, d.lang)).or_insert_with(|| {
                    let mut keys = Vec::new();
                    terms.for_each(word, d.lang, |k| keys.push(k));
                    keys
                });
                for key in keys.iter() {
                    if let Some(&i) = wanted.get(key) {
                        *surface[i]
                            .entry(word_forms::shown(d.lang, word))
                            .or_insert(0) += 1;
                    }
                }
            }
        }
    }
    let mut seen: Vec<String> = Vec::new();
    surface
        .into_iter()
        .filter_map(word_forms::best)
        .filter(|w| readable(w))
        // Two terms the stemmer kept apart can still be one word to a reader ("الطائرة" and
        // "طائرة", "والأمير" and "الأمير"): the higher-ranked form stands for both.
        .filter(|w| {
            let bare = word_forms::bare(w);
            let new = !seen.contains(&bare);
            seen.push(bare);
            new
        })
        .take(k)
        .map(str::to_string)
        .collect()
}

/// Whether a word form reads as a keyword: it has a letter, it is not a number run into
/// Arabic letters — a clitic or a unit ("لـ15", "الـ25", "2014م"), a number, not a topic —
/// it is not one letter of an alphabet: an initial or an abbreviation ("د" for doctor, "م"
/// for the year or a metre, "هـ" for the Hijri year, the tatweel aside), which 121
/// SaudiNewsNet entries showed (one ideograph or Hangul syllable is a word) — and it is no
/// [`particle`].
fn readable(word: &str) -> bool {
    use crate::text::tokenize::{has_letter, is_arabic_letter};
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
    // Vocative and name particles, then the Latin letters' names as Arabic writes them
    // (normalised: alef forms bare).
    const ARABIC: &str = "يا بن بنت ابن ال \
        اي ايه بي سي دي اف جي جيه اتش كي كيه ام ان كيو ار اس تي يو دبليو اكس واي زد";
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
    crate::text::normalize::arabic(word, &mut norm);
    let norm = norm.trim_matches('\u{0640}');
    ARABIC.split_whitespace().any(|w| w == norm)
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
