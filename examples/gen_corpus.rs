//! A realistic synthetic news archive for scale tests, spliced from real articles.
//!
//! `cargo run --release --example gen_corpus -- --source SNN.jsonl [--n N] [--seed S]
//! [--dup-frac F] [--max-group G] [--per-day D] OUTDIR` (`scripts/gen-corpus` runs it and makes
//! SNN.jsonl with `scripts/snn-jsonl`).
//!
//! Every article takes the shape of a real one (a template: its outlet, its paragraph layout
//! and each paragraph's word count) and is filled with runs of consecutive real sentences
//! (sentences over 40 words cut at their commas), a paragraph at a time, the first run opening
//! a real paragraph. Splicing sentence runs rather than whole paragraphs keeps chance
//! near-duplicates rare: a million articles draw each real sentence about thirty times, but
//! hardly ever the same runs (100,000 articles: 72 verified pairs at Jaccard 0.7 outside the
//! generated groups). Its title is the headline of the article its first sentence came from.
//! Templates of fewer than five words (and the empty ones) are copied verbatim, as a real
//! archive holds them. Length, paragraph, outlet and weekday distributions follow the source;
//! topics do not (the sentences of one article come from unrelated stories), so the corpus
//! suits dedup, not story or summary evaluation.
//!
//! A fraction of the output (`--dup-frac`, default 0.25) are copies of other generated
//! articles, in groups of 2 to `--max-group` (P(copies = c) ∝ 1/c²): wire copy re-headlined
//! by another outlet a day or two later, paragraphs dropped, cut from the end or swapped,
//! 1–10% of words substituted, deleted or inserted (in bursts of one or two), an outlet's
//! dateline, sign-off, "read also" block or copyright line added.
//!
//! Output, byte-identical for a seed whatever the number of threads, streamed a chunk at a time:
//! `OUTDIR/corpus.jsonl` (id, title, text, source, date, url; chronological, shuffled within a
//! day, ids in file order), `OUTDIR/groups.jsonl` (one JSON array of ids per duplicate group,
//! the original first) and `OUTDIR/README`.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::Parser;
use khulasa::corpus::iso_day;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// Flags of the generator.
#[derive(Debug, Parser)]
#[command(about = "Generate a synthetic news archive with known near-duplicate groups")]
struct Args {
    /// Real articles to splice from: JSONL with title, text, source, date, url
    /// (`scripts/snn-jsonl` writes it from SaudiNewsNet).
    #[arg(long, value_name = "FILE")]
    source: PathBuf,
    /// Articles to write.
    #[arg(long, default_value_t = 1_000_000)]
    n: usize,
    /// Seed: the same seed gives byte-identical files.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Fraction of the articles that are copies of another one.
    #[arg(long, default_value_t = 0.25)]
    dup_frac: f64,
    /// Largest duplicate group (original and copies).
    #[arg(long, default_value_t = 10)]
    max_group: usize,
    /// Articles per day on average (SaudiNewsNet: about 1,700): sets the span of dates.
    #[arg(long, default_value_t = 1_700)]
    per_day: usize,
    /// How README names the source (default: its path).
    #[arg(long, value_name = "TEXT")]
    label: Option<String>,
    /// Directory to write corpus.jsonl, groups.jsonl and README into.
    #[arg(value_name = "OUTDIR")]
    out: PathBuf,
}

/// Articles generated in parallel, then written, at a time.
const CHUNK: usize = 16_384;

fn main() -> Result<()> {
    let args = Args::parse();
    if args.n == 0 || args.max_group < 2 || !(0.0..0.9).contains(&args.dup_frac) {
        bail!("need --n > 0, --max-group >= 2 and 0 <= --dup-frac < 0.9");
    }
    let start = Instant::now();
    let src = Source::load(&args.source)?;
    eprintln!(
        "source: {} articles, {} paragraphs, {} sentences, {} outlets ({:.1} s)",
        src.templates.len(),
        src.paras.len(),
        src.sents.len(),
        src.outlets.len(),
        start.elapsed().as_secs_f64()
    );
    let plan = Plan::new(&args, &src);
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;
    let bytes = write_corpus(&args, &src, &plan)?;
    write_groups(&args.out, &plan)?;
    let secs = start.elapsed().as_secs_f64();
    write_readme(&args, &plan, bytes, secs)?;
    eprintln!(
        "{} articles ({} copies in {} groups), {:.1} MB, in {secs:.1} s: {}",
        args.n,
        plan.copies,
        plan.groups.len(),
        bytes as f64 / 1e6,
        args.out.display()
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Randomness: SplitMix64, fixed forever, one stream per article.

/// SplitMix64's output function.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A SplitMix64 generator.
struct Rng(u64);

impl Rng {
    /// The stream for `(seed, a, b)`.
    fn of(seed: u64, a: u64, b: u64) -> Rng {
        Rng(mix(seed
            ^ mix(a.wrapping_add(0x9e37_79b9_7f4a_7c15))
            ^ mix(b ^ 0x5851_f42d)))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        mix(self.0)
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 32) * n as u64) >> 32) as usize
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// ---------------------------------------------------------------------------------------------
// The real articles, cut into paragraphs and sentences.

/// A record of the source JSONL.
#[derive(Deserialize)]
struct SourceRecord {
    title: Option<String>,
    text: Option<String>,
    source: Option<String>,
    date: Option<String>,
    url: Option<String>,
}

/// A real sentence: its bytes in the arena and its word count.
#[derive(Clone, Copy)]
struct Sent {
    start: u32,
    len: u32,
    words: u32,
}

/// A real paragraph: its sentences and the article it came from.
struct Para {
    first: u32,
    count: u32,
    article: u32,
}

/// The shape of a real article.
struct Template {
    outlet: u16,
    title: String,
    /// Paragraphs are separated by a blank line (else by a line break).
    blank_line: bool,
    /// Word count of each paragraph.
    words: Vec<u32>,
    /// The text itself, for templates of fewer than five words.
    verbatim: Option<String>,
}

/// An outlet: its name in the data, its name for people and its site.
struct Outlet {
    name: String,
    display: String,
    site: String,
}

/// Everything generation draws from.
struct Source {
    arena: String,
    sents: Vec<Sent>,
    paras: Vec<Para>,
    templates: Vec<Template>,
    outlets: Vec<Outlet>,
    /// Articles per outlet, for weighting.
    outlet_weight: Vec<f64>,
    /// Relative volume per weekday (0 = Thursday 1970-01-01).
    weekday: [f64; 7],
    /// The last day of the source (days since 1970-01-01).
    last_day: i64,
    /// The outlet of the press agency, whose wire copy the papers reprint, if present.
    wire: Option<u16>,
}

/// Outlets of SaudiNewsNet with their names as printed.
const DISPLAY: &[(&str, &str)] = &[
    ("alriyadh", "الرياض"),
    ("aljazirah", "الجزيرة"),
    ("alyaum", "اليوم"),
    ("aleqtisadiya", "الاقتصادية"),
    ("aawsat", "الشرق الأوسط"),
    ("okaz", "عكاظ"),
    ("alwatan", "الوطن"),
    ("almadina", "المدينة"),
    ("alweeam", "الوئام"),
    ("sabq", "سبق"),
    ("was", "واس"),
    ("arreyadi", "الرياضي"),
    ("arriyadiyah", "الرياضية"),
];

/// The sentences of a paragraph: cut after `.`, `!`, `?`, `؟` or `…` followed by a space.
fn sentences(para: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = para.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '.' | '!' | '?' | '؟' | '…') {
            let end = i + c.len_utf8();
            if chars.peek().is_none_or(|&(_, n)| n.is_whitespace()) {
                let s = para[start..end].trim();
                if !s.is_empty() {
                    out.push(s);
                }
                start = end;
            }
        }
    }
    let s = para[start..].trim();
    if !s.is_empty() {
        out.push(s);
    }
    out
}

/// A sentence of more than [`LONG`] words cut after its commas and semicolons into pieces of
/// at least [`PIECE`] words: Arabic news runs many clauses into one sentence, and a unit that
/// long would make every short article built on it a copy of every other.
fn pieces(sentence: &str) -> Vec<&str> {
    const LONG: usize = 40;
    const PIECE: usize = 12;
    if sentence.split_whitespace().nth(LONG).is_none() {
        return vec![sentence];
    }
    // (start byte, end byte) of each piece.
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let (mut start, mut words, mut at) = (0, 0, 0);
    for w in sentence.split(' ') {
        let end = at + w.len();
        words += usize::from(!w.is_empty());
        if words >= PIECE && end < sentence.len() && w.ends_with(['،', ',', '؛', ';']) {
            cuts.push((start, end));
            (start, words) = (end, 0);
        }
        at = end + 1;
    }
    match cuts.last_mut() {
        // Too short to stand alone: back onto the piece before it.
        Some(last) if words < PIECE => last.1 = sentence.len(),
        _ => cuts.push((start, sentence.len())),
    }
    cuts.iter()
        .map(|&(a, b)| sentence[a..b].trim())
        .filter(|p| !p.is_empty())
        .collect()
}

/// `scheme://host` of a URL.
fn site_of(url: &str) -> Option<&str> {
    let rest = url.find("://")? + 3;
    let end = url[rest..].find('/').map_or(url.len(), |e| rest + e);
    Some(&url[..end])
}

impl Source {
    fn load(path: &Path) -> Result<Source> {
        let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
        let mut src = Source {
            arena: String::new(),
            sents: Vec::new(),
            paras: Vec::new(),
            templates: Vec::new(),
            outlets: Vec::new(),
            outlet_weight: Vec::new(),
            weekday: [0.0; 7],
            last_day: i64::MIN,
            wire: None,
        };
        for (no, line) in BufReader::new(file).lines().enumerate() {
            let line = line.with_context(|| format!("cannot read {}", path.display()))?;
            if line.trim().is_empty() {
                continue;
            }
            let rec: SourceRecord = serde_json::from_str(&line)
                .with_context(|| format!("{}:{}: not a source record", path.display(), no + 1))?;
            src.add(rec)?;
        }
        if src.paras.is_empty() || src.last_day == i64::MIN {
            bail!(
                "{}: no dated article with text to splice from",
                path.display()
            );
        }
        src.wire = src
            .outlets
            .iter()
            .position(|o| o.name == "was")
            .map(|i| i as u16);
        Ok(src)
    }

    fn outlet(&mut self, name: &str, url: &str) -> u16 {
        if let Some(i) = self.outlets.iter().position(|o| o.name == name) {
            self.outlet_weight[i] += 1.0;
            return i as u16;
        }
        let display = DISPLAY
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(name, |(_, d)| d);
        let site = site_of(url).map_or_else(|| format!("https://{name}.example"), str::to_owned);
        self.outlets.push(Outlet {
            name: name.to_owned(),
            display: display.to_owned(),
            site,
        });
        self.outlet_weight.push(1.0);
        (self.outlets.len() - 1) as u16
    }

    fn add(&mut self, rec: SourceRecord) -> Result<()> {
        let article = self.templates.len() as u32;
        let url = rec.url.unwrap_or_default();
        let outlet = self.outlet(rec.source.as_deref().unwrap_or("unknown"), &url);
        if let Some(day) = rec.date.as_deref().and_then(khulasa::corpus::day_number) {
            self.weekday[day.rem_euclid(7) as usize] += 1.0;
            self.last_day = self.last_day.max(day);
        }
        let text = rec.text.unwrap_or_default();
        let title = rec.title.unwrap_or_default().trim().to_owned();
        let blank_line = text.contains("\n\n");
        let mut words = Vec::new();
        let total = text.split_whitespace().count();
        let verbatim = (total < 5).then(|| text.trim().to_owned());
        for para in text.lines().map(str::trim).filter(|p| !p.is_empty()) {
            words.push(para.split_whitespace().count() as u32);
            if verbatim.is_some() {
                continue;
            }
            let first = self.sents.len() as u32;
            for s in sentences(para).into_iter().flat_map(pieces) {
                let start = u32::try_from(self.arena.len())
                    .ok()
                    .filter(|&st| st as usize + s.len() < u32::MAX as usize)
                    .context("source text over 4 GB")?;
                self.arena.push_str(s);
                self.sents.push(Sent {
                    start,
                    len: s.len() as u32,
                    words: s.split_whitespace().count() as u32,
                });
            }
            self.paras.push(Para {
                first,
                count: self.sents.len() as u32 - first,
                article,
            });
        }
        self.templates.push(Template {
            outlet,
            title,
            blank_line,
            words,
            verbatim,
        });
        Ok(())
    }

    fn sent(&self, i: u32) -> (&str, u32) {
        let s = self.sents[i as usize];
        (
            &self.arena[s.start as usize..(s.start + s.len) as usize],
            s.words,
        )
    }

    /// A word drawn from the corpus (so with its frequency).
    fn word(&self, rng: &mut Rng) -> &str {
        loop {
            let (s, _) = self.sent(rng.below(self.sents.len()) as u32);
            let n = s.split_whitespace().count();
            if n > 0
                && let Some(w) = s.split_whitespace().nth(rng.below(n))
            {
                return w;
            }
        }
    }

    /// An outlet drawn with the corpus's shares.
    fn weighted_outlet(&self, rng: &mut Rng) -> u16 {
        let total: f64 = self.outlet_weight.iter().sum();
        let mut x = rng.unit() * total;
        for (i, w) in self.outlet_weight.iter().enumerate() {
            if x < *w {
                return i as u16;
            }
            x -= w;
        }
        (self.outlet_weight.len() - 1) as u16
    }
}

// ---------------------------------------------------------------------------------------------
// The plan: which article is a copy of which, on what day, in what order.

/// One output article before its text exists.
#[derive(Clone, Copy)]
struct Slot {
    /// Day offset from the first day.
    day: u32,
    /// Shuffles articles within a day.
    key: u64,
    /// The base article: its text is a function of `(seed, base)`.
    base: u32,
    /// 0 for the base article itself, `c` for its `c`-th copy.
    copy: u32,
}

/// The whole output, in file order.
struct Plan {
    slots: Vec<Slot>,
    /// Per group (base `g` for group `g`): output positions, the original first.
    groups: Vec<Vec<u32>>,
    copies: usize,
    first_day: i64,
    days: usize,
    width: usize,
}

impl Plan {
    fn new(args: &Args, src: &Source) -> Plan {
        let mut rng = Rng::of(args.seed, u64::MAX, 0);
        let days = args.n.div_ceil(args.per_day.max(1)).max(1);
        let first_day = src.last_day - days as i64 + 1;
        let top = src.weekday.iter().cloned().fold(0.0, f64::max).max(1.0);
        let day = |rng: &mut Rng| loop {
            let d = rng.below(days);
            let weekday = (first_day + d as i64).rem_euclid(7) as usize;
            if rng.unit() * top < src.weekday[weekday].max(top * 0.05) {
                return d as u32;
            }
        };
        let copies = (args.dup_frac * args.n as f64).round() as usize;
        let weights: Vec<f64> = (1..args.max_group).map(|c| 1.0 / (c * c) as f64).collect();
        let total: f64 = weights.iter().sum();
        let mut sizes = Vec::new();
        let mut left = copies;
        while left > 0 {
            let mut x = rng.unit() * total;
            let mut c = weights.len();
            for (i, w) in weights.iter().enumerate() {
                if x < *w {
                    c = i + 1;
                    break;
                }
                x -= w;
            }
            let c = c.min(left);
            sizes.push(c as u32);
            left -= c;
        }
        let bases = args.n - copies;
        let mut slots = Vec::with_capacity(args.n);
        for base in 0..bases as u32 {
            let d = day(&mut rng);
            slots.push(Slot {
                day: d,
                key: rng.next(),
                base,
                copy: 0,
            });
            if let Some(&c) = sizes.get(base as usize) {
                for copy in 1..=c {
                    let lag = [0, 0, 0, 0, 1, 1, 1, 2, 2, 3][rng.below(10)];
                    let d = if d as usize + lag < days {
                        d + lag as u32
                    } else {
                        d.saturating_sub(lag as u32)
                    };
                    slots.push(Slot {
                        day: d,
                        key: rng.next(),
                        base,
                        copy,
                    });
                }
            }
        }
        slots.sort_unstable_by_key(|s| (s.day, s.key, s.base, s.copy));
        let mut groups: Vec<Vec<u32>> = sizes
            .iter()
            .map(|&c| Vec::with_capacity(c as usize + 1))
            .collect();
        let mut originals = vec![0u32; sizes.len()];
        for (pos, s) in slots.iter().enumerate() {
            if let Some(g) = groups.get_mut(s.base as usize) {
                if s.copy == 0 {
                    originals[s.base as usize] = pos as u32;
                } else {
                    g.push(pos as u32);
                }
            }
        }
        for (g, original) in groups.iter_mut().zip(originals) {
            g.insert(0, original);
        }
        groups.sort_unstable_by_key(|g| g[0]);
        Plan {
            slots,
            groups,
            copies,
            first_day,
            days,
            width: args.n.to_string().len().max(7),
        }
    }

    fn id(&self, pos: usize) -> String {
        format!("g{:0w$}", pos + 1, w = self.width)
    }
}

// ---------------------------------------------------------------------------------------------
// Articles.

/// A generated article before its metadata is final.
struct Draft<'a> {
    title: String,
    paras: Vec<String>,
    blank_line: bool,
    outlet: u16,
    src: &'a Source,
}

/// One line of corpus.jsonl.
#[derive(Serialize)]
struct OutRecord<'a> {
    id: &'a str,
    title: &'a str,
    text: &'a str,
    source: &'a str,
    date: &'a str,
    url: &'a str,
}

/// The base article `base`: a template's shape filled with runs of real sentences. The
/// original of a group has a template with text (at least five words) and is the press
/// agency's wire copy 30% of the time.
fn base_article(src: &Source, seed: u64, base: u32, in_group: bool) -> Draft<'_> {
    let mut rng = Rng::of(seed, u64::from(base), 0);
    let mut t = rng.pick(&src.templates);
    while in_group && t.verbatim.is_some() {
        t = rng.pick(&src.templates);
    }
    let mut outlet = t.outlet;
    if let Some(w) = src.wire.filter(|_| in_group && rng.chance(0.3)) {
        outlet = w;
    }
    if let Some(text) = &t.verbatim {
        return Draft {
            title: t.title.clone(),
            paras: Some(text.clone())
                .filter(|p| !p.is_empty())
                .into_iter()
                .collect(),
            blank_line: t.blank_line,
            outlet,
            src,
        };
    }
    let mut title = None;
    let mut paras = Vec::with_capacity(t.words.len());
    for (i, &target) in t.words.iter().enumerate() {
        let mut p = String::new();
        let mut have = 0u32;
        let mut first_run = true;
        while have < target {
            // A run: consecutive sentences of one real paragraph, from its first (for the
            // article's opening) or any of its sentences, one more with probability 0.6, at
            // most eight. A paragraph's first sentence is the best of three draws (the one
            // whose length is closest to the target), so long sentences do not inflate short
            // paragraphs.
            let draw = |rng: &mut Rng| {
                let para = rng.pick(&src.paras);
                let from = if i == 0 && first_run {
                    0
                } else {
                    rng.below(para.count as usize) as u32
                };
                (para, from, src.sent(para.first + from).1.abs_diff(target))
            };
            let (mut para, mut from, mut miss) = draw(&mut rng);
            for _ in 1..if have == 0 { 3 } else { 1 } {
                let other = draw(&mut rng);
                if other.2 < miss {
                    (para, from, miss) = other;
                }
            }
            if title.is_none() {
                title = Some(src.templates[para.article as usize].title.clone());
            }
            let mut run = 1;
            while run < 8 && rng.chance(0.6) {
                run += 1;
            }
            let mut added = false;
            for k in from..(from + run).min(para.count) {
                let (s, w) = src.sent(para.first + k);
                // Stop at the sentence that brings the count closest to the target.
                if have > 0 && (have + w).abs_diff(target) > target.abs_diff(have) {
                    break;
                }
                if !p.is_empty() {
                    p.push(' ');
                }
                p.push_str(s);
                have += w;
                added = true;
            }
            first_run = false;
            if !added {
                break;
            }
        }
        if !p.is_empty() {
            paras.push(p);
        }
    }
    let title = title
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| t.title.clone());
    Draft {
        title,
        paras,
        blank_line: t.blank_line,
        outlet,
        src,
    }
}

/// Cities for datelines.
const CITIES: &[&str] = &[
    "الرياض",
    "جدة",
    "الدمام",
    "مكة المكرمة",
    "المدينة المنورة",
    "أبها",
    "تبوك",
    "القاهرة",
    "دبي",
    "لندن",
    "واشنطن",
];

/// Headline tags outlets put in front of a reprinted story.
const TAGS: &[&str] = &["عاجل: ", "بالصور: ", "بالفيديو: ", "شاهد: ", "تقرير: "];

impl Draft<'_> {
    /// Words substituted, deleted or inserted at rate `rate` of the words, in bursts of one
    /// or two.
    fn edit_words(text: &str, rate: f64, rng: &mut Rng, src: &Source) -> String {
        let words: Vec<&str> = text.split_whitespace().collect();
        let mut out: Vec<&str> = Vec::with_capacity(words.len() + 8);
        let mut i = 0;
        while i < words.len() {
            if !rng.chance(rate / 1.5) {
                out.push(words[i]);
                i += 1;
                continue;
            }
            let burst = 1 + usize::from(rng.chance(0.5));
            match rng.below(4) {
                0 | 1 => {
                    for _ in 0..burst.min(words.len() - i) {
                        out.push(src.word(rng));
                    }
                    i += burst;
                }
                2 => i += burst,
                _ => {
                    for _ in 0..burst {
                        out.push(src.word(rng));
                    }
                    out.push(words[i]);
                    i += 1;
                }
            }
        }
        out.join(" ")
    }

    /// The `copy`-th copy of this article, by another outlet.
    fn copy(mut self, seed: u64, base: u32, copy: u32) -> Self {
        let src = self.src;
        let mut rng = Rng::of(seed, u64::from(base), u64::from(copy));
        // Outlets of the group: a weighted shuffle without replacement (Efraimidis–Spirakis),
        // the same for every copy, the original's outlet excluded.
        let mut grng = Rng::of(seed, u64::from(base), u64::MAX);
        let mut order: Vec<(f64, u16)> = (0..src.outlets.len() as u16)
            .filter(|&o| o != self.outlet)
            .map(|o| {
                let w = src.outlet_weight[o as usize];
                (-grng.unit().max(1e-12).ln() / w, o)
            })
            .collect();
        order.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        self.outlet = match order.get((copy as usize - 1) % order.len().max(1)) {
            Some(&(_, o)) => o,
            None => src.weighted_outlet(&mut rng),
        };

        // Headline: kept, edited, cut from the lead, or tagged.
        let lead = self.paras.first().cloned().unwrap_or_default();
        match rng.below(20) {
            0..=5 => {}
            6..=11 => self.title = Self::edit_words(&self.title, 0.15, &mut rng, src),
            12..=16 if !lead.is_empty() => {
                let n = 6 + rng.below(5);
                let words: Vec<&str> = lead.split_whitespace().take(n).collect();
                self.title = words
                    .join(" ")
                    .trim_start_matches(|c: char| !c.is_alphanumeric())
                    .trim_end_matches(['،', ',', '.', ':', '؛'])
                    .to_owned();
            }
            _ => self.title = format!("{}{}", rng.pick(TAGS), self.title),
        }

        // Body: wire copy reprinted as is (35%), or edited.
        if rng.chance(0.65) {
            let n = self.paras.len();
            if n >= 3 && rng.chance(0.3) {
                let at = 1 + rng.below(n - 1);
                self.paras.remove(at);
            }
            let n = self.paras.len();
            if n >= 4 && rng.chance(0.15) {
                let cut = 1 + rng.below(n / 4);
                self.paras.truncate(n - cut);
            }
            let n = self.paras.len();
            if n >= 3 && rng.chance(0.2) {
                let at = 1 + rng.below(n - 2);
                self.paras.swap(at, at + 1);
            }
            if rng.chance(0.8) {
                let u = rng.unit();
                let rate = 0.01 + 0.09 * u * u;
                for p in &mut self.paras {
                    *p = Self::edit_words(p, rate, &mut rng, src);
                }
                self.paras.retain(|p| !p.is_empty());
            }
        }

        // Boilerplate.
        if rng.chance(0.45) {
            let outlet = &src.outlets[self.outlet as usize].display;
            match rng.below(4) {
                0 => {
                    let line = format!("{} - {}", rng.pick(CITIES), outlet);
                    self.paras.insert(0, line);
                }
                1 => self.paras.push(format!("المصدر: صحيفة {outlet}")),
                2 => {
                    let a = &rng.pick(&src.templates).title;
                    let b = &rng.pick(&src.templates).title;
                    self.paras.push(format!("اقرأ أيضاً:\n{a}\n{b}"));
                }
                _ => self
                    .paras
                    .push(format!("© جميع الحقوق محفوظة لصحيفة {outlet}")),
            }
        }
        self
    }
}

/// The JSON line of the article in slot `pos`.
fn render(src: &Source, plan: &Plan, seed: u64, pos: usize, out: &mut Vec<u8>) -> Result<()> {
    let slot = plan.slots[pos];
    let in_group = (slot.base as usize) < plan.groups.len();
    let mut draft = base_article(src, seed, slot.base, in_group);
    if slot.copy > 0 {
        draft = draft.copy(seed, slot.base, slot.copy);
    }
    let id = plan.id(pos);
    let date = iso_day(plan.first_day + i64::from(slot.day));
    let outlet = &src.outlets[draft.outlet as usize];
    let url = format!(
        "{}/{}/{}",
        outlet.site,
        date.replace('-', "/"),
        mix(seed ^ mix(pos as u64)) % 10_000_000
    );
    let sep = if draft.blank_line { "\n\n" } else { "\n" };
    let text = draft.paras.join(sep);
    serde_json::to_writer(
        &mut *out,
        &OutRecord {
            id: &id,
            title: &draft.title,
            text: &text,
            source: &outlet.name,
            date: &date,
            url: &url,
        },
    )
    .context("cannot encode an article")?;
    out.push(b'\n');
    Ok(())
}

/// Writes `path` through a temporary file renamed into place at the end.
fn write_atomically(
    path: &Path,
    body: impl FnOnce(&mut BufWriter<File>) -> Result<()>,
) -> Result<()> {
    let tmp = path.with_extension("tmp");
    let file = File::create(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
    let mut w = BufWriter::with_capacity(1 << 20, file);
    body(&mut w)?;
    w.flush()
        .with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot rename to {}", path.display()))
}

fn write_corpus(args: &Args, src: &Source, plan: &Plan) -> Result<u64> {
    let path = args.out.join("corpus.jsonl");
    let mut bytes = 0u64;
    write_atomically(&path, |w| {
        for start in (0..args.n).step_by(CHUNK) {
            let end = (start + CHUNK).min(args.n);
            let lines: Vec<Vec<u8>> = (start..end)
                .into_par_iter()
                .map(|pos| {
                    let mut line = Vec::with_capacity(4096);
                    render(src, plan, args.seed, pos, &mut line).map(|()| line)
                })
                .collect::<Result<_>>()?;
            for line in lines {
                w.write_all(&line)
                    .with_context(|| format!("cannot write {}", path.display()))?;
                bytes += line.len() as u64;
            }
        }
        Ok(())
    })?;
    Ok(bytes)
}

fn write_groups(out: &Path, plan: &Plan) -> Result<()> {
    let path = out.join("groups.jsonl");
    write_atomically(&path, |w| {
        for g in &plan.groups {
            let ids: Vec<String> = g.iter().map(|&p| plan.id(p as usize)).collect();
            serde_json::to_writer(&mut *w, &ids).context("cannot encode a group")?;
            w.write_all(b"\n")
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        Ok(())
    })
}

fn write_readme(args: &Args, plan: &Plan, bytes: u64, secs: f64) -> Result<()> {
    let pairs: usize = plan
        .groups
        .iter()
        .map(|g| g.len() * (g.len() - 1) / 2)
        .sum();
    let text = format!(
        "Synthetic news archive written by examples/gen_corpus.rs (scripts/gen-corpus).\n\
         Spliced from: {source}\n\
         articles (--n): {n}\nseed (--seed): {seed}\n\
         copies (--dup-frac {frac}): {copies}, in {groups} groups of 2..{max} ({pairs} pairs)\n\
         dates: {days} days, {first} to {last} (--per-day {per_day})\n\
         corpus.jsonl: {bytes} bytes; fields id, title, text, source, date, url\n\
         groups.jsonl: one JSON array of ids per duplicate group, the original first\n\
         generated in {secs:.1} s\n",
        source = args
            .label
            .clone()
            .unwrap_or_else(|| args.source.display().to_string()),
        n = args.n,
        seed = args.seed,
        frac = args.dup_frac,
        copies = plan.copies,
        groups = plan.groups.len(),
        max = args.max_group,
        days = plan.days,
        first = iso_day(plan.first_day),
        last = iso_day(plan.first_day + plan.days as i64 - 1),
        per_day = args.per_day,
    );
    write_atomically(&args.out.join("README"), |w| {
        w.write_all(text.as_bytes()).context("cannot write README")
    })
}
