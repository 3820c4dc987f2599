//! Reading inputs into records: files and directories of `.txt`, `.md`, `.json`, `.jsonl`
//! (each optionally `.gz`), in UTF-8 or Windows-1256, plus the embedded seed corpus.
//!
//! Nothing is lost here: every record read becomes either a [`Document`] or a [`Rejected`]
//! with the file, line and a reason a person can act on.

mod date;
mod document;
mod encoding;
mod error;
mod hijri;
mod json_array;
mod jsonl;
mod ledger;
mod lines;
mod markup;
mod object;
mod page_meta;
mod reader;
mod seeds;
mod walk;

pub use date::{date_key, day_number, iso_day};
pub use document::{Document, Origin, Record, Rejected};
pub use encoding::{Encoding, InvalidUtf8};
pub use error::CorpusError;
pub use ledger::Ledger;
pub use reader::{
    DEFAULT_MAX_DOC_BYTES, FieldNames, InputFiles, ReadOptions, Sink, parse_bytes, read_inputs,
    stream_inputs,
};
pub use seeds::seed_records;
pub use walk::{OUTPUT_TAG, PassedOver, create_output_dir, opens_as_gzip};
