//! The dedup pipeline as stages with files between them, so that many workers (array tasks
//! of a cluster scheduler) can run it: each task reads and writes files in a work directory
//! on shared storage, is idempotent, and leaves a completion marker, so a failed or killed
//! task is rerun alone and a finished one is skipped.
//!
//! ```text
//! sign[N]        a share of the input files → ledger, document terms and coded sets, band keys
//! bucket[N]      a group of bands × a hash partition of their keys → candidate pairs
//! verify[N]      candidate pairs whose first document is in shard i → exact Jaccard, kept pairs
//! components[1]  kept pairs → connected components, dealt to N cluster tasks
//! clusters[N]    a share of the components → completed pairs, representatives, members
//! write[1]       every ledger and cluster → clusters.jsonl, manifest.jsonl, pairs
//! ```
//!
//! Every task computes what [`crate::dedup::run_signed`] computes for its share, with the
//! same functions, so the files written equal a one-process run's byte for byte.

pub mod bucket;
pub mod clusters;
pub mod components;
pub mod plan;
pub mod setfile;
pub mod sign;
pub mod verify;
pub mod work;
pub mod write;

pub use plan::Plan;
pub use work::{StageError, Workdir};

/// A stage of the pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Read and sign a share of the inputs.
    Sign,
    /// Candidate pairs of a group of bands.
    Bucket,
    /// Exact Jaccard of the candidates of a shard.
    Verify,
    /// Connected components of the kept pairs.
    Components,
    /// Clusters of a share of the components.
    Clusters,
    /// The output files.
    Write,
}

impl Stage {
    /// Every stage, in running order.
    pub const ALL: [Stage; 6] = [
        Stage::Sign,
        Stage::Bucket,
        Stage::Verify,
        Stage::Components,
        Stage::Clusters,
        Stage::Write,
    ];

    /// The stage's name, as directories, markers and `khulasa task --stage` spell it.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Sign => "sign",
            Stage::Bucket => "bucket",
            Stage::Verify => "verify",
            Stage::Components => "components",
            Stage::Clusters => "clusters",
            Stage::Write => "write",
        }
    }

    /// The stage named `name`.
    pub fn from_name(name: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.name() == name)
    }
}
