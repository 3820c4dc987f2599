//! `khulasa eval stories`: the story tier scored against pairs labelled "same event or not",
//! with each pair weighted by its similarity band's share of the whole frame (the
//! stratified sampling of `../shared/eval/story-dev`).

use std::io::Write;

use anyhow::{Context, Result, bail};

use crate::cli::EvalStoriesCmd;
use crate::stories::evidence;

use super::batch::{self, BatchDocs};
use crate::entries::{self, stories as story_tier};

/// A labelled pair.
struct Labelled {
    a: String,
    b: String,
    label: u8,
    band: f64,
}

fn read_pairs(path: &std::path::Path) -> Result<Vec<Labelled>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut out = Vec::new();
    for (no, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.starts_with("id_a") || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let parsed = (cols.len() >= 4)
            .then(|| Some((cols[2].parse::<u8>().ok()?, cols[3].parse::<f64>().ok()?)))
            .flatten();
        let Some((label, sim)) = parsed else {
            bail!(
                "{}:{}: expected id_a<TAB>id_b<TAB>label<TAB>similarity",
                path.display(),
                no + 1
            );
        };
        out.push(Labelled {
            a: cols[0].to_string(),
            b: cols[1].to_string(),
            label,
            band: (sim * 10.0).floor() / 10.0,
        });
    }
    Ok(out)
}

/// Parses `LOW:SIZE,...` band sizes.
fn parse_frame(frame: &str) -> Result<Vec<(f64, f64)>> {
    frame
        .split(',')
        .map(|part| {
            let (lo, n) = part
                .split_once(':')
                .context("--frame expects LOW:SIZE,...")?;
            Ok((lo.trim().parse()?, n.trim().parse()?))
        })
        .collect()
}

/// Runs `khulasa eval stories`.
pub fn run(cmd: &EvalStoriesCmd) -> Result<()> {
    let pairs = read_pairs(&cmd.pairs)?;
    let frame = parse_frame(&cmd.frame)?;
    let batch = batch::load(&cmd.input)?;
    let outcome = batch::dedup_batch(&batch, &cmd.dedup, &cmd.run)?;
    let analyzer = batch::analyzer(&cmd.dedup);
    let groups = entries::groups(&outcome, |d| batch.id(d));
    let start = std::time::Instant::now();
    let docs = BatchDocs {
        batch: &batch,
        languages: &outcome.languages,
    };
    let tier = story_tier::run(&docs, &groups, &analyzer);
    let story_secs = start.elapsed().as_secs_f64();
    let story_of = story_tier::story_of_docs(batch.docs.len(), &groups, &tier.stories);
    let mut unit_of = vec![usize::MAX; batch.docs.len()];
    for (u, g) in groups.iter().enumerate() {
        for &(d, _) in &g.members {
            unit_of[d as usize] = u;
        }
    }
    let index: ahash::AHashMap<&str, u32> = (0..batch.docs.len() as u32)
        .map(|d| (batch.id(d), d))
        .collect();
    let in_band = |band: f64| {
        pairs
            .iter()
            .filter(|p| (p.band - band).abs() < 1e-9)
            .count() as f64
    };
    let mut dump = match &cmd.dump {
        Some(p) => Some(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot write {}", p.display()))?,
        )),
        None => None,
    };
    let (mut tp, mut fp, mut fneg) = (0.0, 0.0, 0.0);
    let mut missing = 0;
    for p in &pairs {
        let (Some(&a), Some(&b)) = (index.get(p.a.as_str()), index.get(p.b.as_str())) else {
            missing += 1;
            continue;
        };
        let (ua, ub) = (unit_of[a as usize], unit_of[b as usize]);
        let same = ua != usize::MAX
            && (ua == ub
                || story_of[a as usize].is_some() && story_of[a as usize] == story_of[b as usize]);
        let weight = frame
            .iter()
            .find(|(lo, _)| (lo - p.band).abs() < 1e-9)
            .map(|(_, n)| n / in_band(p.band))
            .unwrap_or(0.0);
        let positive = p.label == 2;
        match (same, positive) {
            (true, true) => tp += weight,
            (true, false) => fp += weight,
            (false, true) => fneg += weight,
            (false, false) => {}
        }
        if let (Some(w), true) = (dump.as_mut(), ua != usize::MAX && ub != usize::MAX) {
            let e = evidence::evidence(&tier.profiles[ua], &tier.profiles[ub]);
            writeln!(
                w,
                "{}\t{}\t{}\t{:.1}\t{}\t{:.4}\t{:.4}\t{:.4}\t{}\t{}\t{:?}",
                p.a,
                p.b,
                p.label,
                p.band,
                u8::from(same),
                e.cosine,
                e.lead,
                e.title,
                e.salient,
                e.numbers,
                e.days
            )?;
        }
    }
    let precision = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let recall = if tp + fneg > 0.0 {
        tp / (tp + fneg)
    } else {
        0.0
    };
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    outln!(
        "pairs {} (missing {missing})\nstories {}\nweighted precision {precision:.4}\nweighted recall {recall:.4}\nweighted F1 {f1:.4}\nstory tier seconds {story_secs:.2}",
        pairs.len(),
        tier.stories.len()
    );
    Ok(())
}
