//! A shard's coded shingle sets on disk, in two files so that later stages read only the
//! sets they need: `setdata` holds the sets' bytes back to back, `sets` (a checksummed stage
//! file) where each one ends and its own checksum. Verify and clusters tasks touch a few
//! sets of many shards; reading and decoding whole shards made verify quadratic in shards.

use std::fs::File;
use std::os::unix::fs::FileExt;
use std::path::PathBuf;

use bincode::{Decode, Encode};
use xxhash_rust::xxh3::xxh3_64;

use super::{Stage, StageError, Workdir};
use crate::dedup::sets::CodedSet;

/// The index file's name.
const INDEX: &str = "sets";
/// The data file's name.
const DATA: &str = "setdata";

/// Where each set of a shard ends in its data file, and each set's checksum.
#[derive(Debug, Clone, Default, PartialEq, Eq, Encode, Decode)]
struct SetIndex {
    ends: Vec<u64>,
    sums: Vec<u64>,
}

/// Collects a shard's sets, in document order, while it is signed.
#[derive(Debug, Default)]
pub struct SetWriter {
    index: SetIndex,
    data: Vec<u8>,
}

impl SetWriter {
    /// Adds the next document's set.
    pub fn push(&mut self, set: &CodedSet) {
        let bytes = set.bytes();
        self.data.extend_from_slice(bytes);
        self.index.ends.push(self.data.len() as u64);
        self.index.sums.push(xxh3_64(bytes));
    }

    /// Writes both files of sign task `task`: the data first, so an index never points past it.
    pub fn save(self, work: &Workdir, task: usize) -> Result<(), StageError> {
        work.save_bytes(Stage::Sign, task, DATA, &self.data)?;
        work.save(Stage::Sign, task, INDEX, &self.index)
    }
}

/// Reads single sets of one shard, each checked against its checksum.
#[derive(Debug)]
pub struct SetReader {
    file: File,
    index: SetIndex,
    path: PathBuf,
}

impl SetReader {
    /// Opens the sets of sign shard `shard`.
    pub fn open(work: &Workdir, shard: usize) -> Result<SetReader, StageError> {
        let index: SetIndex = work.load(Stage::Sign, shard, INDEX)?;
        let path = work.file(Stage::Sign, shard, DATA);
        let file = File::open(&path).map_err(|e| StageError::file(&path, e))?;
        let len = file
            .metadata()
            .map_err(|e| StageError::file(&path, e))?
            .len();
        if index.ends.len() != index.sums.len() || index.ends.last().copied().unwrap_or(0) != len {
            return Err(StageError::file(
                &path,
                format!("{len} bytes, but its index says otherwise: damaged or from another run"),
            ));
        }
        Ok(SetReader { file, index, path })
    }

    /// The set of the shard's document `d`, decoded.
    pub fn get(&self, d: usize) -> Result<Vec<u64>, StageError> {
        let end = *self
            .index
            .ends
            .get(d)
            .ok_or_else(|| StageError::file(&self.path, format!("no set for document {d}")))?;
        let start = if d == 0 { 0 } else { self.index.ends[d - 1] };
        let len = end
            .checked_sub(start)
            .ok_or_else(|| StageError::file(&self.path, "set offsets out of order"))?;
        let mut bytes = vec![0u8; len as usize];
        self.file
            .read_exact_at(&mut bytes, start)
            .map_err(|e| StageError::file(&self.path, e))?;
        if xxh3_64(&bytes) != self.index.sums[d] {
            return Err(StageError::file(
                &self.path,
                format!("set {d}: checksum mismatch, damaged"),
            ));
        }
        CodedSet::decode_bytes(&bytes)
            .map_err(|e| StageError::file(&self.path, format!("set {d}: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_read_back_one_at_a_time_and_damage_is_caught() {
        let dir = tempfile::tempdir().unwrap();
        let work = Workdir::new(dir.path());
        let sets = [
            CodedSet::of(&[1, 5, 9]),
            CodedSet::of(&[]),
            CodedSet::of(&[2, 3, 1 << 40]),
        ];
        let mut w = SetWriter::default();
        for s in &sets {
            w.push(s);
        }
        w.save(&work, 2).unwrap();
        let r = SetReader::open(&work, 2).unwrap();
        for (d, s) in sets.iter().enumerate().rev() {
            assert_eq!(r.get(d).unwrap(), s.decode());
        }
        assert!(r.get(3).is_err());
        let path = work.file(Stage::Sign, 2, DATA);
        let mut bytes = std::fs::read(&path).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 0x40;
        std::fs::write(&path, bytes).unwrap();
        let r = SetReader::open(&work, 2).unwrap();
        assert!(r.get(0).is_ok());
        assert!(r.get(2).is_err());
    }
}
