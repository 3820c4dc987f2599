//! From a deduplicated batch to digest entries: groups, IDF and furniture over the batch,
//! a summary and keywords per group.

use rayon::prelude::*;

use crate::dedup::{DedupOutcome, Status};
use crate::digest::{DigestEntry, DigestHeader, EntryMember, EntrySentence, Tally};
use crate::summarize::{Budget, Furniture, Idf, Summarizer, SummaryDoc, headline};
use crate::text::{Analyzer, split_sentences};

use super::batch::Batch;

/// Keywords shown per entry.
pub const KEYWORDS: usize = 8;

/// A group to summarise: a cluster of copies, or a kept article with none.
#[derive(Debug, Clone)]
pub struct Group {
    /// Its cluster number (from 1), for clusters.
    pub cluster: Option<usize>,
    /// Documents with their Jaccard to the representative, representative first.
    pub members: Vec<(u32, f64)>,
}

/// Every cluster (in cluster order), then every kept article outside a cluster (in id order).
pub fn groups(batch: &Batch, outcome: &DedupOutcome) -> Vec<Group> {
    let mut in_cluster = vec![false; outcome.statuses.len()];
    let mut out: Vec<Group> = outcome
        .clusters
        .iter()
        .enumerate()
        .map(|(n, c)| {
            for m in &c.members {
                in_cluster[m.doc as usize] = true;
            }
            Group {
                cluster: Some(n + 1),
                members: c.members.iter().map(|m| (m.doc, m.jaccard)).collect(),
            }
        })
        .collect();
    let mut singles: Vec<u32> = (0..outcome.statuses.len() as u32)
        .filter(|&d| outcome.statuses[d as usize] == Status::Kept && !in_cluster[d as usize])
        .collect();
    singles.sort_by(|&a, &b| batch.id(a).cmp(batch.id(b)).then(a.cmp(&b)));
    out.extend(singles.into_iter().map(|d| Group {
        cluster: None,
        members: vec![(d, 1.0)],
    }));
    out
}

/// Learns IDF and furniture over the batch's signed documents (copies grouped by cluster).
pub fn learn(
    batch: &Batch,
    outcome: &DedupOutcome,
    groups: &[Group],
    analyzer: &Analyzer,
) -> (Idf, Furniture) {
    let texts: Vec<(&str, crate::text::Language)> = (0..batch.docs.len() as u32)
        .filter(|&d| !matches!(outcome.statuses[d as usize], Status::Empty))
        .map(|d| (batch.doc(d).text.as_str(), outcome.languages[d as usize]))
        .collect();
    let idf = Idf::from_texts(&texts, analyzer);
    let mut docs: Vec<(u32, &str)> = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        for &(d, _) in &group.members {
            docs.push((g as u32, batch.doc(d).text.as_str()));
        }
    }
    (idf, Furniture::learn(&docs))
}

/// The title shown for a document: its own, else its headline line, else its opening words.
pub fn display_title(text: &str, title: Option<&str>) -> String {
    if let Some(t) = title.map(str::trim).filter(|t| !t.is_empty()) {
        return t.to_string();
    }
    if let Some(h) = headline(text) {
        return text[h].trim().to_string();
    }
    let first = split_sentences(text)
        .into_iter()
        .next()
        .map(|r| &text[r])
        .unwrap_or("");
    let words: Vec<&str> = first.split_whitespace().collect();
    if words.len() > 12 {
        format!("{} …", words[..12].join(" "))
    } else {
        words.join(" ")
    }
}

/// What one digest entry covers: a story's units, or one unit (cluster or lone article).
#[derive(Debug, Clone)]
pub struct EntryPlan {
    /// The story number (from 1), for stories.
    pub story: Option<usize>,
    /// Indices into the groups, largest unit first.
    pub units: Vec<usize>,
    /// Why the units are one story, for stories.
    pub why: Option<String>,
}

/// One plan per story, then one per unit outside every story; largest first (by articles),
/// then by representative id.
pub fn plans(batch: &Batch, groups: &[Group], stories: &[(Vec<usize>, String)]) -> Vec<EntryPlan> {
    let mut in_story = vec![false; groups.len()];
    let mut out: Vec<EntryPlan> = stories
        .iter()
        .enumerate()
        .map(|(n, (units, why))| {
            let mut units = units.clone();
            units.sort_by(|&a, &b| {
                groups[b]
                    .members
                    .len()
                    .cmp(&groups[a].members.len())
                    .then(a.cmp(&b))
            });
            for &u in &units {
                in_story[u] = true;
            }
            EntryPlan {
                story: Some(n + 1),
                units,
                why: Some(why.clone()),
            }
        })
        .collect();
    out.extend(
        (0..groups.len())
            .filter(|&u| !in_story[u])
            .map(|u| EntryPlan {
                story: None,
                units: vec![u],
                why: None,
            }),
    );
    let size = |p: &EntryPlan| {
        p.units
            .iter()
            .map(|&u| groups[u].members.len())
            .sum::<usize>()
    };
    let rep = |p: &EntryPlan| batch.id(groups[p.units[0]].members[0].0);
    out.sort_by(|a, b| size(b).cmp(&size(a)).then_with(|| rep(a).cmp(rep(b))));
    out
}

/// Summaries and keywords for every plan, in parallel, in plan order. A story's summary is
/// built across all its articles; copies are folded under their representative.
pub fn entries(
    batch: &Batch,
    outcome: &DedupOutcome,
    groups: &[Group],
    plans: &[EntryPlan],
    summarizer: &Summarizer,
    budget: Budget,
) -> Vec<DigestEntry> {
    plans
        .par_iter()
        .enumerate()
        .map(|(n, plan)| {
            let articles: Vec<(u32, f64, Option<u32>)> = plan
                .units
                .iter()
                .flat_map(|&u| {
                    let rep = groups[u].members[0].0;
                    groups[u]
                        .members
                        .iter()
                        .map(move |&(d, j)| (d, j, (d != rep).then_some(rep)))
                })
                .collect();
            let docs: Vec<SummaryDoc> = articles
                .iter()
                .map(|&(d, _, _)| SummaryDoc {
                    text: &batch.doc(d).text,
                    lang: outcome.languages[d as usize],
                })
                .collect();
            let chosen = summarizer.summarize(&docs, budget);
            let first = groups[plan.units[0]].members[0].0;
            let rep = batch.doc(first);
            DigestEntry {
                entry: n + 1,
                story: plan.story,
                cluster: (plan.units.len() == 1)
                    .then(|| groups[plan.units[0]].cluster)
                    .flatten(),
                title: display_title(&rep.text, rep.title.as_deref()),
                representative: rep.id.clone(),
                lang: outcome.languages[first as usize].code().to_string(),
                size: articles.len(),
                why: plan.why.clone(),
                members: articles
                    .iter()
                    .map(|&(d, jaccard, copy_of)| {
                        let doc = batch.doc(d);
                        EntryMember {
                            id: doc.id.clone(),
                            source: doc.source.clone(),
                            date: doc.date.clone(),
                            url: doc.url.clone(),
                            jaccard: crate::digest::round4(jaccard),
                            copy_of: copy_of.map(|r| batch.id(r).to_string()),
                        }
                    })
                    .collect(),
                summary: chosen
                    .into_iter()
                    .map(|c| EntrySentence {
                        text: c.text,
                        id: batch.doc(articles[c.doc].0).id.clone(),
                        sentence: c.sentence,
                    })
                    .collect(),
                keywords: summarizer.keywords(&docs, KEYWORDS),
            }
        })
        .collect()
}

/// The run-wide facts the digest opens with.
pub fn header(batch: &Batch, tally: Tally, clusters: usize, stories: usize) -> DigestHeader {
    let mut sources: ahash::AHashMap<&str, usize> = ahash::AHashMap::new();
    let mut span: Option<(String, String)> = None;
    for d in 0..batch.docs.len() as u32 {
        let doc = batch.doc(d);
        if let Some(s) = doc.source.as_deref() {
            *sources.entry(s).or_insert(0) += 1;
        }
        if let Some(date) = doc.date.as_deref() {
            span = Some(match span {
                None => (date.to_string(), date.to_string()),
                Some((lo, hi)) => (
                    if date < lo.as_str() {
                        date.to_string()
                    } else {
                        lo
                    },
                    if date > hi.as_str() {
                        date.to_string()
                    } else {
                        hi
                    },
                ),
            });
        }
    }
    let mut sources: Vec<(String, usize)> = sources
        .into_iter()
        .map(|(s, n)| (s.to_string(), n))
        .collect();
    sources.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    DigestHeader {
        tally,
        clusters,
        stories,
        sources,
        span,
    }
}
