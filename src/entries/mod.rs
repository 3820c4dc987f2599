//! From a deduplicated batch to digest entries, as plain values: groups (copy clusters and
//! lone articles), IDF and furniture learned over the batch, the story tier over the groups'
//! representatives, entry plans, and a summary and keywords per plan.
//!
//! Documents are looked up through [`DocLookup`], so the one-process `digest` (the whole
//! batch in memory) and a staged run's tasks (each holding its share) call the same functions.

mod docs;
mod entry;
mod groups;
mod header;
mod learn;
mod plans;
pub mod stories;

pub use docs::{DocLookup, DocRef};
pub use entry::{EntryUnits, KEYWORDS, display_title, entries, entry};
pub use groups::{Group, group_of_docs, groups};
pub use header::HeaderFacts;
pub use learn::{LearnDoc, Learned, learn};
pub use plans::{EntryPlan, plans};
