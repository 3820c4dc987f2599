//! The persisted archive for incremental nightly runs: what was seen before (signatures as
//! LSH band keys, shingle sets, metadata, verified pairs, document frequencies) in one
//! self-checking file.
//!
//! [`format`] is the header (magic, version, parameters, checksum); [`archive`] the archive in
//! memory and how documents join it; [`store`] loading and atomic saving; [`nightly`] dedup of
//! tonight's batch against the archive; [`segment`] the immutable files that hold each run's
//! documents; [`crate::rice`] the compact coding of sorted hash sets.

pub mod archive;
pub mod format;
pub mod nightly;
pub mod segment;
pub mod store;

pub use archive::{Archive, NewDoc};
pub use format::{IndexParams, params_for};
pub use nightly::Night;
pub use store::{IndexError, dir_of, load, save, verify_segments};
