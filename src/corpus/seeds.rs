//! The five seed articles, compiled into the binary as the default corpus.

use super::Record;

/// The embedded seed corpus, one document per file of `corpora/seeds/`, in name order.
pub fn seed_records() -> Vec<Record> {
    todo!("seeds")
}
