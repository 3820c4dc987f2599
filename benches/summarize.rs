//! Sentence scoring and selection on the embedded seed articles: the digest's path (analysis
//! on the spot, warm stem cache) and the batch path of `summarize` and `eval rouge` (each text
//! analysed once by `summarize::prepare`, then scored and selected). Also the Arabic stemmer,
//! ours against rust-stemmers', over the distinct words of the EASC articles; and the 77 EASC
//! articles through the batch path, the work `eval rouge` times, in-process and warm (a
//! steadier figure than that command's one cold run, for telling small changes apart).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

use khulasa::corpus::{Record, seed_records};
use khulasa::summarize::{Budget, Furniture, Idf, ScoreWeights, Summarizer, SummaryDoc, prepare};
use khulasa::text::stem::arabic;
use khulasa::text::{Analyzer, AnalyzerKind, Language, TermKeys, normalize, tokenize};
use rust_stemmers::{Algorithm, Stemmer};

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
    // As a digest worker does: summary and keywords, through the worker's term memo.
    let mut terms = TermKeys::new(&analyzer);
    c.bench_function("summarize/one_seed_3_sentences_and_keywords", |b| {
        b.iter(|| {
            s.summarize_with_keywords(black_box(&docs[..1]), Budget::Sentences(3), 8, &mut terms)
        })
    });
    c.bench_function("summarize/five_seeds_multi_document_and_keywords", |b| {
        b.iter(|| s.summarize_with_keywords(black_box(&docs), Budget::Sentences(3), 8, &mut terms))
    });
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    batch_path(
        c,
        "summarize/prepare_five_seeds",
        "summarize/score_and_select_each_prepared_seed",
        &refs,
    );
}

/// Where the EASC articles are, beside the repository.
fn easc_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/easc-dev/utf8/Articles")
}

/// The EASC articles (byte-order mark removed), in path order; empty where EASC is absent.
fn easc_texts() -> Vec<String> {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(easc_dir())
        .into_iter()
        .flatten()
        .flatten()
        .flat_map(|topic| {
            std::fs::read_dir(topic.path())
                .into_iter()
                .flatten()
                .flatten()
        })
        .map(|f| f.path())
        .collect();
    files.sort();
    files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .map(|t| t.trim_start_matches('\u{feff}').to_string())
        .collect()
}

/// The batch path over `texts`: `summarize::prepare`, then each text scored and selected
/// within 100 words, one after another (`eval rouge` spreads the same work over the worker
/// pool; one thread gives the steadier figure).
fn batch_path(c: &mut Criterion, prepare_name: &str, select_name: &str, texts: &[&str]) {
    let analyzer = Analyzer::new(AnalyzerKind::Auto);
    c.bench_function(prepare_name, |b| {
        b.iter(|| prepare(black_box(texts), &analyzer))
    });
    let prepared = prepare(texts, &analyzer);
    let s = Summarizer {
        analyzer: &analyzer,
        idf: &prepared.idf,
        furniture: &prepared.furniture,
        weights: ScoreWeights::default(),
    };
    c.bench_function(select_name, |b| {
        b.iter(|| {
            prepared
                .docs
                .iter()
                .map(|d| {
                    s.summarize_analysed(black_box(&[d]), Budget::Words(100))
                        .len()
                })
                .sum::<usize>()
        })
    });
}

/// EASC's articles through the batch path, the work `eval rouge` times.
fn summarize_easc(c: &mut Criterion) {
    let texts = easc_texts();
    if texts.is_empty() {
        eprintln!(
            "EASC not found at {}: summarize/easc skipped",
            easc_dir().display()
        );
        return;
    }
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    batch_path(
        c,
        "summarize/easc_prepare",
        "summarize/easc_score_and_select",
        &refs,
    );
}

/// The distinct words of the EASC articles as the analyzer sees them (normalised), or of the
/// seed articles where EASC is absent.
fn arabic_words() -> (&'static str, Vec<String>) {
    let mut texts = easc_texts();
    let source = if texts.is_empty() {
        eprintln!(
            "EASC not found at {}: stemming the seed articles' words",
            easc_dir().display()
        );
        texts.extend(seed_records().into_iter().filter_map(|r| match r {
            Record::Document(d) => Some(d.text),
            Record::Rejected(_) => None,
        }));
        "seeds"
    } else {
        "easc"
    };
    let mut norm = String::new();
    let mut words = std::collections::BTreeSet::new();
    for t in &texts {
        norm.clear();
        normalize::for_language(Language::Arabic, t, &mut norm);
        words.extend(tokenize::words(&norm).map(str::to_string));
    }
    (source, words.into_iter().collect())
}

/// Ours against rust-stemmers' on the same words, uncached: the per-word cost a stem-cache
/// miss pays (criterion's throughput figure is words per second).
fn stem_arabic(c: &mut Criterion) {
    let (source, words) = arabic_words();
    let mut g = c.benchmark_group(format!("stem/{source}_words"));
    g.throughput(Throughput::Elements(words.len() as u64));
    g.bench_function("arabic_snowball_rust_stemmers", |b| {
        let st = Stemmer::create(Algorithm::Arabic);
        b.iter(|| {
            words
                .iter()
                .map(|w| st.stem(black_box(w)).len())
                .sum::<usize>()
        })
    });
    g.bench_function("arabic_ours", |b| {
        b.iter(|| {
            words
                .iter()
                .map(|w| arabic::stem(black_box(w)).len())
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, summarize, summarize_easc, stem_arabic);
criterion_main!(benches);
