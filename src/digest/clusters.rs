//! `clusters.jsonl`: one line per cluster of two or more.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use super::{WriteError, round4, write_atomically};
use crate::dedup::Cluster;

#[derive(Serialize)]
struct MemberLine<'a> {
    id: &'a str,
    jaccard: f64,
}

#[derive(Serialize)]
struct ClusterLine<'a> {
    cluster: usize,
    representative: &'a str,
    members: Vec<MemberLine<'a>>,
}

/// Writes the clusters, numbered from 1 in the order given, atomically; `id(doc)` names a
/// document.
pub fn write_clusters<'a>(
    path: &Path,
    clusters: &[Cluster],
    id: impl Fn(u32) -> &'a str,
) -> Result<(), WriteError> {
    write_atomically(path, |w| {
        for (n, c) in clusters.iter().enumerate() {
            let line = ClusterLine {
                cluster: n + 1,
                representative: id(c.representative),
                members: c
                    .members
                    .iter()
                    .map(|m| MemberLine {
                        id: id(m.doc),
                        jaccard: round4(m.jaccard),
                    })
                    .collect(),
            };
            serde_json::to_writer(&mut *w, &line)?;
            w.write_all(b"\n")?;
        }
        Ok(())
    })
}
