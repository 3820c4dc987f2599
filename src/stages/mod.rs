//! Batch jobs as stages with files between them, so that many workers (array tasks of a
//! cluster scheduler) can run them: each task reads and writes files in a work directory on
//! shared storage, is idempotent, and leaves a completion marker, so a failed or killed task
//! is rerun alone and a finished one is skipped.
//!
//! The dedup job ([`Job::Dedup`]):
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
//! The digest job ([`Job::Digest`]) runs the same first five stages, then:
//!
//! ```text
//! groups[1]      the dedup outcome → groups, each document's group (per sign shard);
//!                without stories also the entry plans, dealt to N summarize tasks
//! units[N]       (stories) a sign shard's inputs again → story terms of its representatives
//! stories[1]     (stories) every unit's terms → the story tier, entry plans, dealt to N
//! route[N]       a sign shard's inputs again → each document to its plan's summarize task;
//!                its share of document frequencies, line statistics and header facts
//! learn[1]       every route task's share → IDF, furniture, header facts
//! summarize[N]   its plans' documents → digest entries (summaries, keywords, story evidence)
//! write[1]       every entry, ledger and cluster → digest.md/.jsonl/.html, clusters.jsonl,
//!                manifest.jsonl, stories.jsonl
//! ```
//!
//! Every task computes what the one-process run computes for its share, with the same
//! functions ([`crate::dedup::run_signed`], [`crate::entries`]), so the files written equal a
//! one-process run's byte for byte. No task holds every text: a route task holds its sign
//! shard's, a summarize task its plans'.

pub mod assign;
pub mod bucket;
pub mod clusters;
pub mod collect;
pub mod components;
pub mod groups;
pub mod learn;
pub mod plan;
pub mod reread;
pub mod route;
pub mod setfile;
pub mod sign;
pub mod stdin;
pub mod stories;
pub mod summarize;
pub mod units;
pub mod verify;
pub mod work;
pub mod write;

pub use plan::{Job, Plan};
pub use work::{StageError, Workdir};

/// A stage of a job.
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
    /// The digest's groups, and (without stories) its entry plans.
    Groups,
    /// Story terms of a shard's representatives.
    Units,
    /// The story tier and the entry plans.
    Stories,
    /// A shard's documents to their summarize tasks, and its share of what is learned.
    Route,
    /// IDF, furniture and header facts of the whole run.
    Learn,
    /// Digest entries of a share of the plans.
    Summarize,
    /// The output files.
    Write,
}

impl Stage {
    /// Every stage of every job, in running order.
    pub const ALL: [Stage; 12] = [
        Stage::Sign,
        Stage::Bucket,
        Stage::Verify,
        Stage::Components,
        Stage::Clusters,
        Stage::Groups,
        Stage::Units,
        Stage::Stories,
        Stage::Route,
        Stage::Learn,
        Stage::Summarize,
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
            Stage::Groups => "groups",
            Stage::Units => "units",
            Stage::Stories => "stories",
            Stage::Route => "route",
            Stage::Learn => "learn",
            Stage::Summarize => "summarize",
            Stage::Write => "write",
        }
    }

    /// The stage named `name`.
    pub fn from_name(name: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.name() == name)
    }
}
