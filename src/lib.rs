//! khulasa (خلاصة, "the gist"): near-duplicate detection and extractive digests for news
//! archives.
//!
//! The pipeline follows the data, one module per stage, plain values between them:
//!
//! ```text
//! corpus::read_inputs      files → Record (Document | Rejected)
//! text::Analyzer           Document text → language, terms, sentences
//! dedup::{sign, candidates, verify_pairs, cluster}
//!                          terms → shingles → MinHash → LSH pairs → exact pairs → clusters
//! entries                  groups, IDF and furniture, stories, plans → digest entries
//! digest::write_*          clusters, manifest, pairs, entries → files, atomically
//! index::{load, nightly, save}
//!                          the archive of earlier nights, compared with and joined
//! ```
//!
//! [`commands`] wires the stages for each subcommand; [`cli`] documents every flag once.

pub mod cli;
pub mod commands;
pub mod corpus;
pub mod dedup;
pub mod digest;
pub mod entries;
pub mod eval;
pub mod index;
pub mod rice;
pub mod stages;
pub mod stories;
pub mod summarize;
pub mod text;
pub mod tfidf;
