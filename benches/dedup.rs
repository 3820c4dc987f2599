//! Hot loops of the dedup stage: analysis, MinHash signing, LSH bucketing, exact verification.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

use khulasa::dedup::lsh::{Banding, band_keys, candidate_pairs};
use khulasa::dedup::minhash::{MinHasher, OnePermutationHasher};
use khulasa::dedup::sets::CodedSet;
use khulasa::dedup::verify::jaccard;
use khulasa::text::{Analyzer, AnalyzerKind, Language};

fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn sorted_set(state: &mut u64, n: usize) -> Vec<u64> {
    let mut v: Vec<u64> = (0..n).map(|_| splitmix(state)).collect();
    v.sort_unstable();
    v
}

/// Arabic-looking text of `words` words from a small vocabulary.
fn arabic_text(words: usize) -> String {
    const VOCAB: [&str; 12] = [
        "أكدت",
        "روسيا",
        "والصين",
        "أنهما",
        "يعملان",
        "لتطبيق",
        "تعددية",
        "حقيقية",
        "الرئيس",
        "الصيني",
        "بكين",
        "المتبادلة",
    ];
    let mut s = 7u64;
    (0..words)
        .map(|_| VOCAB[(splitmix(&mut s) % 12) as usize])
        .collect::<Vec<_>>()
        .join(" ")
}

fn analyzer(c: &mut Criterion) {
    let text = arabic_text(300);
    let mut g = c.benchmark_group("analyzer");
    g.throughput(Throughput::Elements(300));
    for (name, kind) in [("plain", AnalyzerKind::Plain), ("auto", AnalyzerKind::Auto)] {
        let a = Analyzer::new(kind);
        g.bench_function(name, |b| {
            b.iter(|| {
                let mut n = 0usize;
                a.for_each_term(black_box(&text), Language::Arabic, |t| n += t.len());
                n
            })
        });
    }
    g.finish();
}

fn minhash(c: &mut Criterion) {
    let mut s = 1;
    let set = sorted_set(&mut s, 300);
    let h = MinHasher::new(128);
    let mut g = c.benchmark_group("minhash");
    g.throughput(Throughput::Elements(300));
    g.bench_function("signature_128x300", |b| {
        b.iter(|| h.signature(black_box(&set)))
    });
    let oph = OnePermutationHasher::new(128);
    g.bench_function("one_permutation_128x300", |b| {
        b.iter(|| oph.signature(black_box(&set)))
    });
    g.finish();
}

fn lsh(c: &mut Criterion) {
    let mut s = 2;
    let h = MinHasher::new(128);
    let sigs: Vec<Vec<u32>> = (0..10_000)
        .map(|_| h.signature(&sorted_set(&mut s, 50)))
        .collect();
    let banding = Banding { bands: 20, rows: 6 };
    let keys: Vec<Vec<u32>> = sigs.iter().map(|s| band_keys(s, banding)).collect();
    let refs: Vec<&[u32]> = keys.iter().map(Vec::as_slice).collect();
    c.bench_function("lsh/candidates_10k_docs_20x6", |b| {
        b.iter(|| candidate_pairs(black_box(&refs)))
    });
}

fn verify(c: &mut Criterion) {
    let mut s = 3;
    let a = sorted_set(&mut s, 300);
    let mut b2 = a.clone();
    b2.truncate(250);
    b2.extend(sorted_set(&mut s, 50));
    b2.sort_unstable();
    c.bench_function("verify/jaccard_300", |b| {
        b.iter(|| jaccard(black_box(&a), black_box(&b2)))
    });
    // What verification does per pair: decode both coded sets, then intersect.
    let (ca, cb) = (CodedSet::of(&a), CodedSet::of(&b2));
    c.bench_function("verify/decode_and_jaccard_300", |b| {
        b.iter(|| jaccard(&black_box(&ca).decode(), &black_box(&cb).decode()))
    });
}

criterion_group!(benches, analyzer, minhash, lsh, verify);
criterion_main!(benches);
