//! Keyphrases: keywords a group's text writes side by side ("ولي العهد", "خادم الحرمين
//! الشريفين", "White House") are shown as one phrase, not as words a reader must put back
//! together.
//!
//! Two ranked terms make a phrase when each is written next to the other at least half the
//! times it occurs, and the pair is written at least three times: a title or a name's parts
//! that are hardly ever apart. The test is mutual on purpose: "عبدالفتاح" is nearly always
//! followed by "السيسي", but "السيسي" mostly stands alone, and a phrase would hide that; nor
//! does "الأمير" join the one name it happens to precede most. Phrases chain the same way
//! ("خادم الحرمين" + "الحرمين الشريفين"), up to [`MAX_PHRASE_WORDS`] words, while the whole
//! chain is itself written as often. The words come as the caller cuts them into runs:
//! [`joins`] ends a run at punctuation, a conjunction or a preposition; the caller at a stop
//! word. Keywords (`summarize::keywords`) and a story's shared terms are shown this way.

use ahash::AHashMap;

use super::word_forms;

/// Words in a phrase at most: enough for the longest titles and names ("خادم الحرمين
/// الشريفين", "حزب العمال الكردستاني"). A longer chain is cut there (one a word longer keeps
/// its last three words where its last would be left alone), and may be cut short of its
/// end: "ولي العهد النائب" (of "ولي ولي العهد النائب الثاني") is one.
pub const MAX_PHRASE_WORDS: usize = 3;

/// Times terms must be written side by side before they are one phrase. Twice let an
/// article's headline repeated in its lead join any two words ("الإسراع بشنق", "العراق
/// نفذ"): of SaudiNewsNet keyphrases drawn at random, 17 of 60 were no phrase at 2, and 12
/// of 80 at 3 (before conjunctions and prepositions ended phrases).
const MIN_TIMES_TOGETHER: u32 = 3;

/// Runs of ranked terms written next to each other, counted by the terms' indices in the
/// ranking.
#[derive(Debug, Default)]
pub struct Adjacency<'a> {
    /// Each run of two to [`MAX_PHRASE_WORDS`] distinct terms → how it was written, with how
    /// often.
    grams: AHashMap<Vec<usize>, AHashMap<String, u32>>,
    /// The run being read: ranked terms written one after another, with their shown forms.
    run: Vec<(usize, &'a str)>,
}

/// A phrase: its terms (indices in the ranking) in text order, and how to show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    /// The terms, in the order they are written.
    pub terms: Vec<usize>,
    /// Its commonest written form (the words as they are shown, one space apart).
    pub shown: String,
}

impl<'a> Adjacency<'a> {
    /// Reads the next word of a sentence: `term` is its ranked term (None for a word that is
    /// none, or more than one), `shown` its shown form, and `joined` whether it continues the
    /// run before it (nothing but white space between them, and nothing in front of it, such
    /// as a conjunction, that ends a phrase).
    pub fn word(&mut self, term: Option<usize>, shown: &'a str, joined: bool) {
        if !joined || term.is_none() {
            self.end_run();
        }
        if let Some(t) = term {
            self.run.push((t, shown));
        }
    }

    /// Ends the run being read (at the end of a sentence, or at a word that is no prose).
    pub fn end_run(&mut self) {
        let run = std::mem::take(&mut self.run);
        self.observe(&run);
        self.run = run;
        self.run.clear();
    }

    /// Counts the runs of `run`: consecutive words of one sentence, each a ranked term (its
    /// index) with the form it is shown in, nothing but white space between them.
    fn observe(&mut self, run: &[(usize, &str)]) {
        // The terms and the written form of one gram, in buffers: a gram seen before (most
        // are) is counted without allocating.
        let mut terms: Vec<usize> = Vec::with_capacity(MAX_PHRASE_WORDS);
        let mut shown = String::new();
        for start in 0..run.len() {
            terms.clear();
            shown.clear();
            for &(t, w) in run[start..].iter().take(MAX_PHRASE_WORDS) {
                // A term twice ("ولي ولي العهد") is a repetition, not a phrase.
                if terms.contains(&t) {
                    break;
                }
                terms.push(t);
                if !shown.is_empty() {
                    shown.push(' ');
                }
                shown.push_str(w);
                if terms.len() < 2 {
                    continue;
                }
                let forms = match self.grams.get_mut(terms.as_slice()) {
                    Some(forms) => forms,
                    None => self.grams.entry(terms.clone()).or_default(),
                };
                match forms.get_mut(shown.as_str()) {
                    Some(n) => *n += 1,
                    None => {
                        forms.insert(shown.clone(), 1);
                    }
                }
            }
        }
    }

    /// What to show of the ranked terms, starting empty: [`phrases`](Self::phrases) every word
    /// of which names a topic (a phrase holding "يا" or one letter is none: its other words
    /// may still be shown alone), each without a leading particle where
    /// [`without_leading_particle`] takes it off (`written`: whether the text writes a word).
    pub fn shown_terms(&self, occurrences: &[u32], written: impl Fn(&str) -> bool) -> ShownTerms {
        let phrases: Vec<Phrase> = self
            .phrases(occurrences)
            .into_iter()
            .filter(|p| p.shown.split(' ').all(word_forms::readable))
            .map(|p| Phrase {
                shown: without_leading_particle(&p.shown, &written),
                terms: p.terms,
            })
            .collect();
        let mut phrase_of = vec![None; occurrences.len()];
        for (p, phrase) in phrases.iter().enumerate() {
            for &t in &phrase.terms {
                phrase_of[t] = Some(p);
            }
        }
        ShownTerms {
            shown_phrase: vec![false; phrases.len()],
            phrases,
            phrase_of,
            entries: Vec::new(),
        }
    }

    /// How often the terms were written in this order, side by side.
    fn times(&self, terms: &[usize]) -> u32 {
        self.grams
            .get(terms)
            .map_or(0, |forms| forms.values().sum())
    }

    /// The phrases, given how often each ranked term occurs in all (`occurrences[i]`, counted
    /// over the same sentences as the runs). Each term is in one phrase at most; in rank
    /// order of their best-ranked term.
    pub fn phrases(&self, occurrences: &[u32]) -> Vec<Phrase> {
        // The pairs bound both ways: each term beside the other at least half its times.
        let mut next: Vec<Option<usize>> = vec![None; occurrences.len()];
        let mut prev: Vec<Option<usize>> = vec![None; occurrences.len()];
        let mut pairs: Vec<(&Vec<usize>, u32)> = self
            .grams
            .keys()
            .filter(|g| g.len() == 2)
            .map(|g| (g, self.times(g)))
            .collect();
        // Ties go to the better-ranked pair, whatever order the map holds them in.
        pairs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        for (g, n) in pairs {
            let (a, b) = (g[0], g[1]);
            let bound = n >= MIN_TIMES_TOGETHER
                && 2 * n >= occurrences.get(a).copied().unwrap_or(u32::MAX)
                && 2 * n >= occurrences.get(b).copied().unwrap_or(u32::MAX);
            if bound && next[a].is_none() && prev[b].is_none() {
                next[a] = Some(b);
                prev[b] = Some(a);
            }
        }
        let mut phrases = Vec::new();
        let mut used = vec![false; occurrences.len()];
        // Chains are walked from their first terms; where one stops short (its words are
        // not written all together), the rest is walked as a chain of its own.
        let mut heads: std::collections::VecDeque<usize> = (0..occurrences.len())
            .filter(|&t| prev[t].is_none() && next[t].is_some())
            .collect();
        while let Some(head) = heads.pop_front() {
            if used[head] {
                continue;
            }
            let mut terms = vec![head];
            let mut last = head;
            while let Some(b) = next[last] {
                if terms.len() == MAX_PHRASE_WORDS || used[b] || terms.contains(&b) {
                    break;
                }
                terms.push(b);
                if self.times(&terms) < MIN_TIMES_TOGETHER {
                    terms.pop();
                    break;
                }
                last = b;
            }
            // A chain one word longer than a phrase keeps its last words where its last
            // would be left alone: "نائب خادم الحرمين الشريفين" shows "خادم الحرمين الشريفين"
            // and "نائب", not "نائب خادم الحرمين" and "الشريفين".
            if terms.len() == MAX_PHRASE_WORDS {
                let stranded =
                    next[last].filter(|&b| !used[b] && !terms.contains(&b) && next[b].is_none());
                if let Some(b) = stranded {
                    let shifted: Vec<usize> = terms[1..].iter().copied().chain([b]).collect();
                    if self.times(&shifted) >= MIN_TIMES_TOGETHER {
                        terms = shifted;
                        last = b;
                    }
                }
            }
            if let Some(b) = next[last].filter(|&b| !used[b] && !terms.contains(&b)) {
                heads.push_back(b);
            }
            if terms.len() < 2 {
                continue;
            }
            for &t in &terms {
                used[t] = true;
            }
            let Some(forms) = self.grams.get(&terms) else {
                continue;
            };
            // The commonest form, proclitics folded as a keyword's are: "للانتخابات البلدية"
            // counts as "الانتخابات البلدية" where that is written too.
            let counts: AHashMap<&str, u32> = forms.iter().map(|(w, &n)| (w.as_str(), n)).collect();
            let Some(shown) = word_forms::best(counts) else {
                continue;
            };
            phrases.push(Phrase {
                terms,
                shown: shown.to_string(),
            });
        }
        phrases.sort_by_key(|p| p.terms.iter().copied().min());
        phrases
    }
}

/// Keywords and keyphrases to show, in order: a phrase in the place of its first term, and
/// no two forms of one word (see [`push`](Self::push)).
#[derive(Debug, Default)]
pub struct ShownTerms {
    /// The phrases of the ranked terms.
    phrases: Vec<Phrase>,
    /// Each ranked term's phrase, if it is in one.
    phrase_of: Vec<Option<usize>>,
    /// Whether each phrase is shown already.
    shown_phrase: Vec<bool>,
    /// Each keyword or keyphrase, with the bare forms of its words.
    entries: Vec<(String, Vec<String>)>,
}

impl ShownTerms {
    /// Shows ranked term `i`: the phrase it is in, the first time one of its terms comes, or
    /// else the word `alone` gives (none: the term is not shown).
    pub fn term<'w>(&mut self, i: usize, alone: impl FnOnce() -> Option<&'w str>) {
        match self.phrase_of.get(i).copied().flatten() {
            Some(p) if self.shown_phrase[p] => {}
            Some(p) => {
                self.shown_phrase[p] = true;
                let shown = std::mem::take(&mut self.phrases[p].shown);
                self.push(&shown.split(' ').collect::<Vec<_>>());
            }
            None => {
                if let Some(w) = alone() {
                    self.push(&[w]);
                }
            }
        }
    }

    /// How many are shown so far.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether none is shown yet.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds a keyword (one word) or a keyphrase (its words), after those added before. Two
    /// terms the stemmer kept apart can still be one word to a reader ("الطائرة" and "طائرة",
    /// "والأمير" and "الأمير"): the earlier stands for both. A phrase holding a word already
    /// shown takes that keyword's place ("القناة" gives way to "قناة السويس"), unless a
    /// phrase holds it ("وزراء خارجية" after "وزير الخارجية").
    fn push(&mut self, words: &[&str]) {
        let bare: Vec<String> = words.iter().map(|w| word_forms::bare(w)).collect();
        let shares = |(_, seen): &(String, Vec<String>)| bare.iter().any(|b| seen.contains(b));
        let Some(first) = self.entries.iter().position(shares) else {
            self.entries.push((words.join(" "), bare));
            return;
        };
        if words.len() == 1
            || self
                .entries
                .iter()
                .filter(|e| shares(e))
                .any(|(_, seen)| seen.len() > 1)
        {
            return;
        }
        let mut at = 0;
        self.entries.retain(|e| {
            at += 1;
            at - 1 == first || !shares(e)
        });
        self.entries[first] = (words.join(" "), bare);
    }

    /// What is shown, in order.
    pub fn into_strings(self) -> Vec<String> {
        self.entries.into_iter().map(|(shown, _)| shown).collect()
    }
}

/// Whether `word` carries on the run of the word before it, `gap` being the text between
/// them and `shown` the word as it is shown: nothing but white space between them, and
/// nothing written onto the word that ends a phrase, as stop words do — a conjunction or a
/// preposition ("الطلاب والطالبات", "القنصلية وجرى" and "ضربة جوية بالقرب" are no phrases).
pub fn joins(gap: &str, word: &str, shown: &str) -> bool {
    let conjoined = shown.len() < word.len() && word.ends_with(shown);
    gap.chars().all(|c| c == ' ' || c == '\u{a0}')
        && !conjoined
        && !word_forms::may_open_with_particle(word)
}

/// A phrase without the preposition or conjunction written onto its first word: always
/// where the preposition is certain (before the article or a hamza on the alef:
/// "للخطوط الحديدية" is shown as "الخطوط الحديدية", "بالواجهة البحرية" as "الواجهة البحرية"),
/// else where the group also writes the word without it (`written`: "لهيئة الهلال الأحمر" as
/// "هيئة الهلال الأحمر"). "وزير الخارجية" keeps its first letter, as no "زير" is written.
pub fn without_leading_particle(phrase: &str, written: impl Fn(&str) -> bool) -> String {
    let (first, rest) = phrase.split_once(' ').unwrap_or((phrase, ""));
    if !word_forms::may_open_with_particle(first) {
        return phrase.to_string();
    }
    let bare = match first.strip_prefix("لل") {
        Some(after) => format!("ال{after}"),
        None => first.chars().skip(1).collect(),
    };
    let hamza = bare.starts_with(['أ', 'إ', 'آ']);
    let certain = match first.chars().next() {
        Some('ب' | 'ك') => hamza || bare.starts_with("ال"),
        Some('ل') => hamza || first.starts_with("لل"),
        _ => false,
    };
    if certain || written(&bare) {
        format!("{bare} {rest}")
    } else {
        phrase.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn adjacency<'a>(runs: &[&[(usize, &'a str)]]) -> Adjacency<'a> {
        let mut a = Adjacency::default();
        for run in runs {
            a.observe(run);
        }
        a
    }

    #[test]
    fn terms_nearly_always_side_by_side_make_a_phrase() {
        let a = adjacency(&[
            &[(0, "ولي"), (1, "العهد")],
            &[(0, "ولي"), (1, "العهد")],
            &[(0, "ولي"), (1, "العهد")],
        ]);
        let got = a.phrases(&[4, 3]);
        assert_eq!(
            got,
            vec![Phrase {
                terms: vec![0, 1],
                shown: "ولي العهد".into()
            }]
        );
    }

    #[test]
    fn a_term_mostly_written_alone_stays_a_keyword() {
        // "عبدالفتاح" is always before "السيسي", but "السيسي" is mostly alone.
        let run: &[(usize, &str)] = &[(1, "عبدالفتاح"), (0, "السيسي")];
        let a = adjacency(&[run, run, run]);
        assert!(a.phrases(&[10, 3]).is_empty());
    }

    #[test]
    fn twice_side_by_side_is_chance() {
        let run: &[(usize, &str)] = &[(0, "السعودية"), (1, "الخميس")];
        let a = adjacency(&[run, run]);
        assert!(a.phrases(&[2, 2]).is_empty());
    }

    #[test]
    fn bound_pairs_chain_into_a_title() {
        let run: &[(usize, &str)] = &[(2, "خادم"), (0, "الحرمين"), (1, "الشريفين")];
        let a = adjacency(&[run, run, run]);
        let got = a.phrases(&[3, 3, 4]);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].terms, vec![2, 0, 1]);
        assert_eq!(got[0].shown, "خادم الحرمين الشريفين");
    }

    #[test]
    fn a_chain_one_word_too_long_keeps_its_end_rather_than_strand_it() {
        let run: &[(usize, &str)] = &[(3, "نائب"), (0, "خادم"), (1, "الحرمين"), (2, "الشريفين")];
        let a = adjacency(&[run, run, run]);
        let got = a.phrases(&[3, 3, 3, 3]);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].shown, "خادم الحرمين الشريفين");
    }

    #[test]
    fn a_phrase_takes_the_place_of_a_word_shown_before_and_a_second_form_is_left_out() {
        let mut shown = ShownTerms::default();
        shown.push(&["القناة"]);
        shown.push(&["مصر"]);
        shown.push(&["قناة", "السويس"]);
        shown.push(&["والقناة"]);
        shown.push(&["السويس", "الجديدة"]);
        assert_eq!(shown.into_strings(), vec!["قناة السويس", "مصر"]);
    }

    #[test]
    fn a_chain_stops_where_its_words_are_never_written_together() {
        // "a b" and "b c" are each bound, but "a b c" is never written.
        let ab: &[(usize, &str)] = &[(0, "a"), (1, "b")];
        let bc: &[(usize, &str)] = &[(1, "b"), (2, "c")];
        let a = adjacency(&[ab, ab, ab, bc, bc, bc]);
        let got = a.phrases(&[3, 6, 3]);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].terms, vec![0, 1]);
    }

    #[test]
    fn a_repeated_term_is_no_phrase_and_the_commonest_form_is_shown() {
        let a = adjacency(&[
            &[(0, "ولي"), (0, "ولي"), (1, "العهد")],
            &[(0, "ولي"), (1, "العهد")],
            &[(0, "وولي"), (1, "العهد")],
        ]);
        let got = a.phrases(&[4, 3]);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].shown, "ولي العهد");
    }

    #[test]
    fn a_phrase_loses_a_particle_on_its_first_word_only_where_the_word_is_written_without() {
        let written = |w: &str| ["هيئة", "الانتخابات", "بني"].contains(&w);
        assert_eq!(
            without_leading_particle("لهيئة الهلال الأحمر", written),
            "هيئة الهلال الأحمر"
        );
        assert_eq!(
            without_leading_particle("للانتخابات البلدية", written),
            "الانتخابات البلدية"
        );
        assert_eq!(without_leading_particle("وبني عدوان", written), "بني عدوان");
        assert_eq!(
            without_leading_particle("بالواجهة البحرية", written),
            "الواجهة البحرية"
        );
        assert_eq!(
            without_leading_particle("لإدارة المرور", written),
            "إدارة المرور"
        );
        assert_eq!(
            without_leading_particle("والد المعتقل", written),
            "والد المعتقل"
        );
        assert_eq!(
            without_leading_particle("وزير الخارجية", written),
            "وزير الخارجية"
        );
        assert_eq!(without_leading_particle("ولي العهد", written), "ولي العهد");
    }
}
