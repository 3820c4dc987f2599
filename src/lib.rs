//! khulasa (خلاصة, "the gist"): near-duplicate detection and extractive digests for news
//! archives.
//!
//! The pipeline follows the data: [`corpus`] reads records, [`text`] analyses them, [`dedup`]
//! signs, buckets, verifies and clusters them.

pub mod corpus;
pub mod dedup;
pub mod text;
