//! Sentence scoring and selection on the embedded seed articles: the digest's path (analysis
//! on the spot, warm stem cache) and the batch path of `summarize` and `eval rouge` (each text
//! analysed once by `summarize::prepare`, then scored and selected).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

use khulasa::corpus::{Record, seed_records};
use khulasa::summarize::{Budget, Furniture, Idf, ScoreWeights, Summarizer, SummaryDoc, prepare};
use khulasa::text::{Analyzer, AnalyzerKind};

fn summarize(c: &mut Criterion) {
    let texts: Vec<String> = seed_records()
        .into_iter()
        .filter_map(|r| match r {
            Record::Document(d) => Some(d.text),
            Record::Rejected(_) => None,
        })
        .collect();
    let analyzer = Analyzer::new(AnalyzerKind::Auto);
    let docs: Vec<SummaryDoc> = texts
        .iter()
        .map(|t| SummaryDoc {
            text: t,
            lang: analyzer.language(t),
        })
        .collect();
    let pairs: Vec<(&str, _)> = docs.iter().map(|d| (d.text, d.lang)).collect();
    let idf = Idf::from_texts(&pairs, &analyzer);
    let grouped: Vec<(u32, &str)> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (i as u32, d.text))
        .collect();
    let furniture = Furniture::learn(&grouped);
    let s = Summarizer {
        analyzer: &analyzer,
        idf: &idf,
        furniture: &furniture,
        weights: ScoreWeights::default(),
    };
    c.bench_function("summarize/one_seed_3_sentences", |b| {
        b.iter(|| s.summarize(black_box(&docs[..1]), Budget::Sentences(3)))
    });
    c.bench_function("summarize/five_seeds_multi_document", |b| {
        b.iter(|| s.summarize(black_box(&docs), Budget::Sentences(3)))
    });
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    c.bench_function("summarize/prepare_five_seeds", |b| {
        b.iter(|| prepare(black_box(&refs), &analyzer))
    });
    let prepared = prepare(&refs, &analyzer);
    let p = Summarizer {
        analyzer: &analyzer,
        idf: &prepared.idf,
        furniture: &prepared.furniture,
        weights: ScoreWeights::default(),
    };
    c.bench_function("summarize/score_and_select_each_prepared_seed", |b| {
        b.iter(|| {
            prepared
                .docs
                .iter()
                .map(|d| {
                    p.summarize_analysed(black_box(&[d]), Budget::Words(100))
                        .len()
                })
                .sum::<usize>()
        })
    });
}

criterion_group!(benches, summarize);
criterion_main!(benches);
