//! The `--pairs` file: every verified pair as `id_a<TAB>id_b<TAB>jaccard`.

use std::io::Write;
use std::path::Path;

use super::{WriteError, write_atomically};
use crate::dedup::SimilarPair;

/// Writes every pair with `id_a < id_b` (by id text), sorted, atomically.
pub fn write_pairs<'a>(
    path: &Path,
    pairs: &[SimilarPair],
    id: impl Fn(u32) -> &'a str,
) -> Result<(), WriteError> {
    let mut lines: Vec<(&str, &str, f64)> = pairs
        .iter()
        .map(|p| {
            let (a, b) = (id(p.a), id(p.b));
            if a <= b {
                (a, b, p.jaccard)
            } else {
                (b, a, p.jaccard)
            }
        })
        .collect();
    lines.sort_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)));
    write_atomically(path, |w| {
        for (a, b, j) in lines {
            writeln!(w, "{a}\t{b}\t{j:.4}")?;
        }
        Ok(())
    })
}
