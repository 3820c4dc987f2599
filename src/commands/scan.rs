//! `khulasa scan`: read and analyse the inputs, nothing more — what a corpus holds (records,
//! rejections, words per language), and the floor any dedup run's time is measured against.

use std::collections::BTreeMap;
use std::time::Instant;

use anyhow::Result;
use rayon::prelude::*;

use crate::cli::ScanCmd;
use crate::corpus::Record;
use crate::text::Language;

use super::{batch, progress};

/// Runs `khulasa scan`.
pub fn run(cmd: &ScanCmd) -> Result<()> {
    let start = Instant::now();
    let analyzer = batch::analyzer_of(cmd.analyzer);
    let pb = progress::counter("scanning", cmd.run.quiet);
    let (mut records, mut rejected) = (0usize, 0usize);
    let mut by_lang: BTreeMap<Language, (usize, usize)> = BTreeMap::new();
    batch::stream(&cmd.input.inputs, &cmd.input.read, &mut |batch| {
        let counted: Vec<Option<(Language, usize)>> = batch
            .par_iter()
            .map(|r| match r {
                Record::Document(d) => {
                    let lang = analyzer.language(&d.text);
                    let mut terms = 0;
                    analyzer.for_each_term(&d.text, lang, |_| terms += 1);
                    Some((lang, terms))
                }
                Record::Rejected(_) => None,
            })
            .collect();
        records += batch.len();
        for c in counted {
            match c {
                Some((lang, terms)) => {
                    let e = by_lang.entry(lang).or_default();
                    e.0 += 1;
                    e.1 += terms;
                }
                None => rejected += 1,
            }
        }
        pb.inc(batch.len() as u64);
    })?;
    pb.finish_and_clear();
    outln!("records\t{records}");
    outln!("rejected\t{rejected}");
    for (lang, (docs, terms)) in &by_lang {
        outln!("{}\t{docs} documents\t{terms} terms", lang.code());
    }
    if !cmd.run.quiet {
        eprintln!("scanned in {:.2} s", start.elapsed().as_secs_f64());
    }
    Ok(())
}
