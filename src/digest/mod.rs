//! Writing the run's files: manifest, clusters, pairs (and, later, the digest itself), each
//! atomically.

mod atomic;
mod clusters;
mod manifest;
mod pairs;

pub use atomic::{WriteError, write_atomically};
pub use clusters::write_clusters;
pub use manifest::{ManifestEntry, RecordStatus, Tally, manifest_entries, write_manifest};
pub use pairs::write_pairs;

/// Rounds a similarity to four decimals for output, so files stay readable and stable.
pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}
