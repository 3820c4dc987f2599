//! Running the story tier over a deduplicated batch: one unit per copy cluster or lone
//! article, represented by its representative.

use rayon::prelude::*;

use crate::stories::{self, StoryInput, StoryOutcome, StoryWeights};
use crate::text::Analyzer;

use super::batch::Batch;
use super::entries::Group;
use crate::dedup::DedupOutcome;

/// Stories over the groups (units are `groups[i]`, in order).
pub fn run(
    batch: &Batch,
    outcome: &DedupOutcome,
    groups: &[Group],
    analyzer: &Analyzer,
) -> StoryOutcome {
    let units: Vec<StoryInput> = groups
        .iter()
        .map(|g| {
            let rep = g.members[0].0;
            let d = batch.doc(rep);
            StoryInput {
                text: &d.text,
                title: d.title.as_deref(),
                date: d.date.as_deref(),
                lang: outcome.languages[rep as usize],
            }
        })
        .collect();
    stories::run(&units, analyzer, &StoryWeights::default())
}

/// For every document, the story (index into `stories`) it belongs to, if any.
pub fn story_of_docs(
    n_docs: usize,
    groups: &[Group],
    stories: &StoryOutcome,
) -> Vec<Option<usize>> {
    let mut out = vec![None; n_docs];
    for (s, story) in stories.stories.iter().enumerate() {
        for &u in &story.members {
            for &(d, _) in &groups[u as usize].members {
                out[d as usize] = Some(s);
            }
        }
    }
    out
}

/// Why a story's units were grouped, in words: the salient terms most of them share (as
/// written in the text), the specific numbers they share, their date span and mean score.
pub fn explain(
    batch: &Batch,
    outcome: &DedupOutcome,
    groups: &[Group],
    tier: &StoryOutcome,
    story: usize,
    analyzer: &Analyzer,
) -> String {
    let s = &tier.stories[story];
    let need = s.members.len().div_ceil(2).max(2);
    let mut count: ahash::AHashMap<u64, usize> = ahash::AHashMap::new();
    for &u in &s.members {
        for &k in &tier.profiles[u as usize].salient {
            *count.entry(k).or_insert(0) += 1;
        }
    }
    let shared: ahash::AHashSet<u64> = count
        .into_iter()
        .filter(|&(_, n)| n >= need)
        .map(|(k, _)| k)
        .collect();
    let mut words: Vec<String> = Vec::new();
    let mut seen = ahash::AHashSet::new();
    for &u in &s.members {
        if seen.len() == shared.len() {
            break;
        }
        let rep = groups[u as usize].members[0].0;
        let lang = outcome.languages[rep as usize];
        let d = batch.doc(rep);
        let mut scan = |text: &str| {
            crate::text::tokenize::for_each_word(text, |w| {
                analyzer.for_each_term(w, lang, |t| {
                    let k = crate::tfidf::term_key(t);
                    if shared.contains(&k) && seen.insert(k) {
                        words.push(w.to_string());
                    }
                });
            })
        };
        if let Some(t) = d.title.as_deref() {
            scan(t);
        }
        scan(&d.text);
    }
    let mut numbers: Option<Vec<String>> = None;
    let mut dates: Vec<&str> = Vec::new();
    for &u in &s.members {
        let d = batch.doc(groups[u as usize].members[0].0);
        let mut n = crate::stories::profile::number_tokens(&d.text);
        if let Some(t) = d.title.as_deref() {
            n.extend(crate::stories::profile::number_tokens(t));
        }
        numbers = Some(match numbers {
            None => n,
            Some(prev) => prev.into_iter().filter(|x| n.contains(x)).collect(),
        });
        if let Some(date) = d.date.as_deref() {
            dates.push(date.get(..10).unwrap_or(date));
        }
    }
    words.truncate(8);
    let mut parts = vec![format!("shared terms: {}", words.join("، "))];
    if let Some(n) = numbers.filter(|n| !n.is_empty()) {
        parts.push(format!("shared numbers: {}", n.join("، ")));
    }
    dates.sort_unstable();
    if let (Some(first), Some(last)) = (dates.first(), dates.last()) {
        parts.push(if first == last {
            format!("date: {first}")
        } else {
            format!("dates: {first} to {last}")
        });
    }
    parts.push(format!("evidence score {:.2}", s.score));
    parts.join("; ")
}

/// Every story as (unit indices, explanation), in story order.
pub fn story_plans(
    batch: &Batch,
    outcome: &DedupOutcome,
    groups: &[Group],
    tier: &StoryOutcome,
    analyzer: &Analyzer,
) -> Vec<(Vec<usize>, String)> {
    (0..tier.stories.len())
        .into_par_iter()
        .map(|s| {
            (
                tier.stories[s]
                    .members
                    .iter()
                    .map(|&u| u as usize)
                    .collect(),
                explain(batch, outcome, groups, tier, s, analyzer),
            )
        })
        .collect()
}

/// The lines of `stories.jsonl`, in story order.
pub fn story_lines(
    batch: &Batch,
    groups: &[Group],
    tier: &StoryOutcome,
    plans: &[(Vec<usize>, String)],
) -> Vec<crate::digest::StoryLine> {
    tier.stories
        .iter()
        .zip(plans)
        .enumerate()
        .map(|(n, (s, (_, why)))| crate::digest::StoryLine {
            story: n + 1,
            members: s
                .members
                .iter()
                .flat_map(|&u| {
                    groups[u as usize]
                        .members
                        .iter()
                        .map(|&(d, _)| batch.id(d).to_string())
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
pub fn story_numbers(n_docs: usize, groups: &[Group], tier: &StoryOutcome) -> Vec<Option<usize>> {
    story_of_docs(n_docs, groups, tier)
        .into_iter()
        .map(|s| s.map(|i| i + 1))
        .collect()
}
