//! A digest entry: the summary and keywords of a plan's articles, with its members listed.

use rayon::prelude::*;

use crate::digest::bidi::one_line;
use crate::digest::{DigestEntry, EntryMember, EntrySentence};
use crate::summarize::{Budget, Summarizer, SummaryDoc, headline};
use crate::text::{TermKeys, split_sentences};

use super::{DocLookup, EntryPlan, Group};

/// Keywords shown per entry.
pub const KEYWORDS: usize = 8;

/// The title shown for a document: its own, else its headline line, else its opening words;
/// on one line, as [`one_line`] cleans it (the JSON's consumers show it as it is).
pub fn display_title(text: &str, title: Option<&str>) -> String {
    if let Some(t) = title.map(one_line).filter(|t| !t.is_empty()) {
        return t;
    }
    if let Some(h) = headline(text) {
        return one_line(&text[h]);
    }
    let first = split_sentences(text)
        .into_iter()
        .next()
        .map(|r| &text[r])
        .unwrap_or("");
    let first = one_line(first);
    let words: Vec<&str> = first.split(' ').collect();
    if words.len() > 12 {
        format!("{} …", words[..12].join(" "))
    } else {
        words.join(" ")
    }
}

/// One entry to build: its position, its story, and its plan's groups in plan order.
#[derive(Debug, Clone)]
pub struct EntryUnits<'g> {
    /// Its position in the digest, from 1.
    pub number: usize,
    /// The story number (from 1) and why its units are one story, for stories.
    pub story: Option<(usize, String)>,
    /// The plan's groups, largest first.
    pub units: Vec<&'g Group>,
}

/// Summaries and keywords for every plan, in parallel, in plan order; `whys[s]` says why
/// story `s + 1`'s units are one story.
pub fn entries(
    docs: &impl DocLookup,
    groups: &[Group],
    plans: &[EntryPlan],
    whys: &[String],
    summarizer: &Summarizer,
    budget: Budget,
) -> Vec<DigestEntry> {
    plans
        .par_iter()
        .enumerate()
        .map_init(
            || TermKeys::new(summarizer.analyzer),
            |terms, (n, plan)| {
                let work = EntryUnits {
                    number: n + 1,
                    story: plan.story.map(|s| (s, whys[s - 1].clone())),
                    units: plan.units.iter().map(|&u| &groups[u]).collect(),
                };
                entry(docs, &work, summarizer, budget, terms)
            },
        )
        .collect()
}

/// One entry's summary and keywords. A story's summary is built across all its articles;
/// copies are folded under their representative.
pub fn entry(
    docs: &impl DocLookup,
    work: &EntryUnits,
    summarizer: &Summarizer,
    budget: Budget,
    terms: &mut TermKeys,
) -> DigestEntry {
    let articles: Vec<(u32, f64, Option<u32>)> = work
        .units
        .iter()
        .flat_map(|g| {
            let rep = g.representative();
            g.members
                .iter()
                .map(move |&(d, j)| (d, j, (d != rep).then_some(rep)))
        })
        .collect();
    let texts: Vec<SummaryDoc> = articles
        .iter()
        .map(|&(d, _, _)| {
            let doc = docs.doc(d);
            SummaryDoc {
                text: doc.text,
                lang: doc.lang,
            }
        })
        .collect();
    let (chosen, keywords) = summarizer.summarize_with_keywords(&texts, budget, KEYWORDS, terms);
    let rep = docs.doc(work.units[0].representative());
    DigestEntry {
        entry: work.number,
        story: work.story.as_ref().map(|(s, _)| *s),
        cluster: (work.units.len() == 1)
            .then(|| work.units[0].cluster)
            .flatten(),
        title: display_title(rep.text, rep.title),
        representative: rep.id.to_string(),
        lang: rep.lang.code().to_string(),
        size: articles.len(),
        why: work.story.as_ref().map(|(_, why)| why.clone()),
        members: articles
            .iter()
            .map(|&(d, jaccard, copy_of)| {
                let doc = docs.doc(d);
                EntryMember {
                    id: doc.id.to_string(),
                    source: doc.source.map(str::to_string),
                    date: doc.date.map(str::to_string),
                    url: doc.url.map(str::to_string),
                    jaccard: crate::digest::round4(jaccard),
                    copy_of: copy_of.map(|r| docs.doc(r).id.to_string()),
                }
            })
            .collect(),
        summary: chosen
            .into_iter()
            .map(|c| EntrySentence {
                text: c.text,
                id: docs.doc(articles[c.doc].0).id.to_string(),
                sentence: c.sentence,
            })
            .collect(),
        keywords,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scraped_title_is_shown_on_one_line_without_invisible_characters() {
        let title = "\u{FEFF}\u{200B}\"العمري\"  يحتفل\tبعقد\u{202E} قران\n";
        assert_eq!(
            display_title("نص الخبر.", Some(title)),
            "\"العمري\" يحتفل بعقد قران"
        );
    }

    #[test]
    fn a_title_of_nothing_visible_gives_way_to_the_opening_words() {
        let text = "افتتح   الأمير\u{A0}المعرض اليوم. ثم غادر.";
        assert_eq!(
            display_title(text, Some("\u{200B} \u{202C}")),
            "افتتح الأمير المعرض اليوم."
        );
    }
}
