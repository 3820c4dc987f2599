//! The story tier over a digest's groups: one unit per copy cluster or lone article, seen
//! through its representative; why each story's units belong together, in words.

use ahash::{AHashMap, AHashSet};
use rayon::prelude::*;

use crate::corpus::{day_number, iso_day};
use crate::digest::StoryLine;
use crate::digest::bidi::list_comma;
use crate::stories::{self, Story, StoryInput, StoryOutcome, StoryWeights};
use crate::text::keyphrases::{self, Adjacency};
use crate::text::{Analyzer, word_forms};

use super::{DocLookup, DocRef, Group};

/// How the story tier sees a representative, dated by its own date alone (a unit's day
/// span covers all its members: set `days` from [`stories::days_of`] of their dates).
pub fn story_input(doc: DocRef<'_>) -> StoryInput<'_> {
    StoryInput {
        text: doc.text,
        title: doc.title,
        days: stories::days_of([doc.date]),
        source: doc.source,
        lang: doc.lang,
    }
}

/// Stories over the groups (units are `groups[i]`, in order), each unit seen through its
/// representative and dated by all its members.
pub fn run(docs: &impl DocLookup, groups: &[Group], analyzer: &Analyzer) -> StoryOutcome {
    let units: Vec<StoryInput> = groups
        .iter()
        .map(|g| StoryInput {
            days: stories::days_of(g.members.iter().map(|&(d, _)| docs.doc(d).date)),
            ..story_input(docs.doc(g.representative()))
        })
        .collect();
    stories::run(&units, analyzer, &StoryWeights::default())
}

/// For every document, the story (index into `stories`) it belongs to, if any.
pub fn story_of_docs(n_docs: usize, groups: &[Group], stories: &[Story]) -> Vec<Option<usize>> {
    let mut out = vec![None; n_docs];
    for (s, story) in stories.iter().enumerate() {
        for &u in &story.members {
            for &(d, _) in &groups[u as usize].members {
                out[d as usize] = Some(s);
            }
        }
    }
    out
}

/// The salient terms most of story `story`'s units share (at least half of them, and two),
/// sorted: the evidence [`explain`] puts in words.
pub fn shared_salient(tier: &StoryOutcome, story: usize) -> Vec<u64> {
    let s = &tier.stories[story];
    let need = s.members.len().div_ceil(2).max(2);
    let mut count: AHashMap<u64, usize> = AHashMap::new();
    for &u in &s.members {
        for &k in &tier.profiles[u as usize].salient {
            *count.entry(k).or_insert(0) += 1;
        }
    }
    let mut shared: Vec<u64> = count
        .into_iter()
        .filter(|&(_, n)| n >= need)
        .map(|(k, _)| k)
        .collect();
    shared.sort_unstable();
    shared
}

/// Representatives whose words are counted for the forms of a story's shared terms: enough
/// for the commonest form to show, while a story may have dozens.
const FORM_REPS: usize = 4;

/// Why a story's units were grouped, in words: the `shared` salient terms (as written in the
/// text of `reps`, the units' representatives in story order), the specific numbers they all
/// quote, their date span and the story's mean `score`.
pub fn explain(
    docs: &impl DocLookup,
    reps: &[u32],
    shared: &[u64],
    score: f64,
    analyzer: &Analyzer,
) -> String {
    // Each shared term's written forms, in order of first appearance, over the first
    // representatives (more if a term has not appeared yet): the term is shown as a keyword
    // is (see `word_forms`), not as whatever form came first ("ومصر" for مصر). Terms written
    // side by side are one phrase, as keywords are ("ولي العهد", not "ولي، العهد").
    let index: AHashMap<u64, usize> = shared.iter().enumerate().map(|(i, &k)| (k, i)).collect();
    let mut forms: Vec<AHashMap<&str, u32>> = vec![AHashMap::new(); shared.len()];
    let mut occurrences = vec![0u32; shared.len()];
    let mut adjacency = Adjacency::default();
    let mut written: AHashSet<&str> = AHashSet::new();
    let mut order: Vec<usize> = Vec::new();
    for (i, &rep) in reps.iter().enumerate() {
        if i >= FORM_REPS && order.len() == shared.len() {
            break;
        }
        let d = docs.doc(rep);
        for text in d.title.into_iter().chain([d.text]) {
            let mut prev_end = 0;
            for w in crate::text::tokenize::words(text) {
                let at = w.as_ptr() as usize - text.as_ptr() as usize;
                let gap = &text[prev_end..at];
                prev_end = at + w.len();
                written.insert(w);
                let shown = word_forms::shown(d.lang, w);
                let mut terms = 0;
                let mut term = None;
                analyzer.for_each_term(w, d.lang, |t| {
                    terms += 1;
                    if let Some(&i) = index.get(&crate::tfidf::term_key(t)) {
                        if forms[i].is_empty() {
                            order.push(i);
                        }
                        *forms[i].entry(shown).or_insert(0) += 1;
                        occurrences[i] += 1;
                        term = Some(i);
                    }
                });
                let term = term.filter(|_| terms == 1);
                adjacency.word(term, shown, keyphrases::joins(gap, w, shown));
            }
            adjacency.end_run();
        }
    }
    let mut shown = adjacency.shown_terms(&occurrences, |w| written.contains(w));
    // One letter or a particle is no term to read ("م", "آل", "دي" were), as in keywords; a
    // number stays, with what is written onto it ("2023", "125", "2015م"): one they quote
    // tells the event. A phrase stands where its first-written term does, and a second form
    // of one word is left out, as in keywords ("انتخاب" and "لانتخاب" were both shown).
    for i in order {
        if shown.len() == 8 {
            break;
        }
        shown.term(i, || {
            word_forms::best(std::mem::take(&mut forms[i]))
                .filter(|w| w.chars().any(char::is_numeric) || word_forms::readable(w))
        });
    }
    let words = shown.into_strings();
    let mut numbers: Option<Vec<String>> = None;
    let mut days: Vec<i64> = Vec::new();
    for &rep in reps {
        let d = docs.doc(rep);
        let n = crate::stories::profile::article_number_tokens(d.text, d.title);
        numbers = Some(match numbers {
            None => n,
            Some(prev) => prev.into_iter().filter(|x| n.contains(x)).collect(),
        });
        days.extend(d.date.and_then(day_number));
    }
    let comma = list_comma(&words);
    let mut parts = vec![format!("shared terms: {}", words.join(comma))];
    if let Some(n) = numbers.filter(|n| !n.is_empty()) {
        parts.push(format!("shared numbers: {}", n.join(comma)));
    }
    if let (Some(&first), Some(&last)) = (days.iter().min(), days.iter().max()) {
        parts.push(if first == last {
            format!("date: {}", iso_day(first))
        } else {
            format!("dates: {} to {}", iso_day(first), iso_day(last))
        });
    }
    parts.push(format!("evidence score {score:.2}"));
    parts.join("; ")
}

/// The representatives of a story's units, in story order.
pub fn story_reps(groups: &[Group], story: &Story) -> Vec<u32> {
    story
        .members
        .iter()
        .map(|&u| groups[u as usize].representative())
        .collect()
}

/// Every story's units, in story order.
pub fn story_units(tier: &StoryOutcome) -> Vec<Vec<usize>> {
    tier.stories
        .iter()
        .map(|s| s.members.iter().map(|&u| u as usize).collect())
        .collect()
}

/// Why each story's units are one story, in story order.
pub fn story_whys(
    docs: &impl DocLookup,
    groups: &[Group],
    tier: &StoryOutcome,
    analyzer: &Analyzer,
) -> Vec<String> {
    (0..tier.stories.len())
        .into_par_iter()
        .map(|s| {
            let story = &tier.stories[s];
            let reps = story_reps(groups, story);
            explain(docs, &reps, &shared_salient(tier, s), story.score, analyzer)
        })
        .collect()
}

/// The lines of `stories.jsonl`, in story order (`id` giving a document's id).
pub fn story_lines<'a>(
    id: impl Fn(u32) -> &'a str,
    groups: &[Group],
    stories: &[Story],
    whys: &[String],
) -> Vec<StoryLine> {
    stories
        .iter()
        .zip(whys)
        .enumerate()
        .map(|(n, (s, why))| StoryLine {
            story: n + 1,
            members: s
                .members
                .iter()
                .flat_map(|&u| {
                    groups[u as usize]
                        .members
                        .iter()
                        .map(|&(d, _)| id(d).to_string())
                })
                .collect(),
            clusters: s
                .members
                .iter()
                .filter_map(|&u| groups[u as usize].cluster)
                .collect(),
            score: crate::digest::round4(s.score),
            why: why.clone(),
        })
        .collect()
}

/// Story numbers (from 1) per document, for the manifest.
pub fn story_numbers(n_docs: usize, groups: &[Group], stories: &[Story]) -> Vec<Option<usize>> {
    story_of_docs(n_docs, groups, stories)
        .into_iter()
        .map(|s| s.map(|i| i + 1))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{AnalyzerKind, Language};

    struct Docs(Vec<&'static str>);

    impl DocLookup for Docs {
        fn doc(&self, d: u32) -> DocRef<'_> {
            DocRef {
                id: "d",
                text: self.0[d as usize],
                title: None,
                source: None,
                date: None,
                url: None,
                lang: Language::Arabic,
            }
        }
    }

    /// The why of a story of two representatives, `texts`, whose shared terms are those of
    /// `words`.
    fn why_of(texts: [&'static str; 2], words: &[&str]) -> String {
        let analyzer = Analyzer::new(AnalyzerKind::Auto);
        let mut shared: Vec<u64> = words
            .iter()
            .flat_map(|w| analyzer.terms(w, Language::Arabic))
            .map(|t| crate::tfidf::term_key(&t))
            .collect();
        shared.sort_unstable();
        shared.dedup();
        explain(&Docs(texts.to_vec()), &[0, 1], &shared, 0.5, &analyzer)
    }

    #[test]
    fn shared_terms_written_side_by_side_are_shown_as_one_phrase() {
        let why = why_of(
            [
                "استقبل ولي العهد وفد مصر. وبحث ولي العهد مع الوفد التعاون. وأكد ولي العهد عمق العلاقات.",
                "التقى ولي العهد رئيس وزراء مصر، وقال ولي العهد إن العلاقات مع مصر متينة.",
            ],
            &["ولي", "العهد", "مصر"],
        );
        assert!(why.starts_with("shared terms: ولي العهد، مصر;"), "{why}");
    }

    #[test]
    fn a_second_form_of_a_shared_word_is_left_out() {
        let why = why_of(
            [
                "بدأ انتخاب رئيس الاتحاد الدولي، ودعا المرشحون لانتخاب رئيس جديد.",
                "يجري انتخاب الرئيس في فبراير.",
            ],
            &["انتخاب", "لانتخاب", "فبراير"],
        );
        assert!(why.starts_with("shared terms: انتخاب، فبراير;"), "{why}");
    }
}
