//! Loading and saving the index file: header first, payload checked (length, checksum) before
//! a byte of it is decoded, writes atomic (temporary file, fsync, rename).

use std::io::{self, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use super::archive::Archive;
use super::format::{HEADER_LEN, Header, HeaderError, IndexParams, segment_header};
use crate::digest::{WriteError, write_atomically};

/// What to run to make a fresh index, appended to every refusal.
pub const REBUILD_HINT: &str = "rebuild it with `khulasa index build INPUT... --index NEW` \
     (with this run's dedup flags), or start a new archive with another --index path";

/// An index file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// The file could not be read.
    #[error("cannot read index {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: io::Error,
    },
    /// The header is not one this build reads.
    #[error("index {path} refused: {source}; {REBUILD_HINT}")]
    Header {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        source: HeaderError,
    },
    /// Signatures made with other parameters do not compare.
    #[error(
        "index {path} was built with other parameters ({}); its signatures do not compare with \
         this run's. Run with the file's parameters ({}), or {REBUILD_HINT}",
        differences.join("; "),
        stored.flags()
    )]
    Parameters {
        /// The file.
        path: PathBuf,
        /// Each difference in words.
        differences: Vec<String>,
        /// The file's parameters.
        stored: Box<IndexParams>,
    },
    /// Fewer or more bytes than the header promises.
    #[error(
        "index {path} is truncated or padded: the header promises {expected} payload bytes, \
         the file holds {found}; {REBUILD_HINT}"
    )]
    Length {
        /// The file.
        path: PathBuf,
        /// Payload bytes the header promises.
        expected: u64,
        /// Payload bytes present.
        found: u64,
    },
    /// The payload's checksum does not match the header's.
    #[error("index {path} is corrupt: payload checksum mismatch; {REBUILD_HINT}")]
    Checksum {
        /// The file.
        path: PathBuf,
    },
    /// The payload passed its checksum yet does not decode (a writer bug, or a crafted file).
    #[error("index {path} is corrupt: {what}; {REBUILD_HINT}")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What did not decode.
        what: String,
    },
    /// The new index could not be written; the previous one is intact.
    #[error(transparent)]
    Write(#[from] WriteError),
}

fn config() -> impl bincode::config::Config {
    bincode::config::standard()
}

/// Reads and checks an index file. With `expected`, a file made with other parameters is
/// refused; a missing file is `Ok(None)`.
pub fn load(path: &Path, expected: Option<&IndexParams>) -> Result<Option<Archive>, IndexError> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(IndexError::Read {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    decode(path, bytes, expected).map(Some)
}

/// Checks and decodes the bytes of an index file.
pub fn decode(
    path: &Path,
    bytes: Vec<u8>,
    expected: Option<&IndexParams>,
) -> Result<Archive, IndexError> {
    let path = path.to_path_buf();
    let header = Header::decode(&bytes).map_err(|source| IndexError::Header {
        path: path.clone(),
        source,
    })?;
    if let Some(want) = expected {
        let differences = header.params.differences(want);
        if !differences.is_empty() {
            return Err(IndexError::Parameters {
                path,
                differences,
                stored: Box::new(header.params),
            });
        }
    }
    let payload = &bytes[HEADER_LEN..];
    if payload.len() as u64 != header.payload_len {
        return Err(IndexError::Length {
            path,
            expected: header.payload_len,
            found: payload.len() as u64,
        });
    }
    if xxh3_64(payload) != header.checksum {
        return Err(IndexError::Checksum { path });
    }
    let records = header.records;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let archive = Archive::decode(header.params, bytes, HEADER_LEN, &dir).map_err(|e| {
        IndexError::Corrupt {
            path: path.clone(),
            what: e.to_string(),
        }
    })?;
    if archive.len() as u64 != records {
        return Err(IndexError::Corrupt {
            path,
            what: format!(
                "header counts {records} records, payload holds {}",
                archive.len()
            ),
        });
    }
    Ok(archive)
}

/// Hashes and counts what passes through to the inner writer.
struct Hashing<W> {
    inner: W,
    hasher: Xxh3,
    len: u64,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// The archive as bincode encodes it.
struct Stored<'a>(&'a Archive);

impl bincode::Encode for Stored<'_> {
    fn encode<E: bincode::enc::Encoder>(
        &self,
        e: &mut E,
    ) -> Result<(), bincode::error::EncodeError> {
        self.0.encode(e)
    }
}

/// Writes the archive to `path`: first the shingle sets of the documents added since loading
/// as a new segment file beside it (named by its checksum, written atomically), then the
/// catalog, atomically. The catalog streams to the temporary file behind a blank header,
/// which is filled in (length, checksum) once the payload is written. A run killed at any
/// point leaves the previous catalog and every segment it lists intact.
pub fn save(path: &Path, archive: &mut Archive) -> Result<(), IndexError> {
    let pending = archive.pending_segment();
    if !pending.is_empty() {
        let checksum = xxh3_64(pending);
        let stem = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "index".into());
        let name = format!("{stem}.seg-{checksum:016x}");
        let seg_path = path.with_file_name(&name);
        write_atomically(&seg_path, |w| {
            w.write_all(&segment_header(pending.len() as u64, checksum))?;
            w.write_all(pending)
        })?;
        archive.seal_segment(name, checksum);
    }
    let archive = &*archive;
    write_atomically(path, |w| {
        w.write_all(&[0u8; HEADER_LEN])?;
        let mut h = Hashing {
            inner: &mut *w,
            hasher: Xxh3::new(),
            len: 0,
        };
        bincode::encode_into_std_write(Stored(archive), &mut h, config())
            .map_err(io::Error::other)?;
        let header = Header {
            params: archive.params.clone(),
            records: archive.len() as u64,
            payload_len: h.len,
            checksum: h.hasher.digest(),
        };
        w.seek(SeekFrom::Start(0))?;
        w.write_all(&header.encode())?;
        Ok(())
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::DedupConfig;
    use crate::index::archive::NewDoc;
    use crate::index::format::params_for;
    use crate::text::{AnalyzerKind, Language};

    fn sample() -> Archive {
        let params = params_for(&DedupConfig::default(), AnalyzerKind::Plain).unwrap();
        let mut a = Archive::new(params);
        let keys = vec![7u32; a.params.bands as usize];
        for i in 0..20u64 {
            let set: Vec<u64> = (0..50).map(|j| (i * 1000 + j) << 33).collect();
            a.add(NewDoc {
                id: &format!("d{i}"),
                date: Some("2015-07-21"),
                title: None,
                source: Some("spa"),
                length: 300,
                lang: Language::Arabic,
                shingles: &set,
                band_keys: &keys,
            });
        }
        a.add_edges([(0, 1), (3, 2)]);
        a.add_frequencies(20, &[(1, 20), (2, 3)]);
        a
    }

    #[test]
    fn saved_archives_load_back_and_refuse_other_parameters() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.idx");
        let mut a = sample();
        save(&path, &mut a).unwrap();
        let b = load(&path, Some(&a.params)).unwrap().unwrap();
        assert_eq!(b.payload(), a.payload());
        assert_eq!(b.block_sizes(), a.block_sizes());
        assert_eq!(b.frequencies(), a.frequencies());
        for i in 0..a.len() as u32 {
            assert_eq!(b.shingles(i).unwrap(), a.shingles(i).unwrap());
        }
        assert!(b.verify_segments().unwrap() > 0);
        let mut other = a.params.clone();
        other.ngram = 3;
        let err = load(&path, Some(&other)).unwrap_err().to_string();
        assert!(err.contains("--ngram 5 in the file, 3 asked for"), "{err}");
        assert!(err.contains("khulasa index build"), "{err}");
        assert!(load(&dir.path().join("none"), None).unwrap().is_none());
    }

    #[test]
    fn every_truncation_and_every_flipped_byte_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.idx");
        save(&path, &mut sample()).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        for cut in (0..bytes.len()).step_by(7) {
            assert!(
                decode(&path, bytes[..cut].to_vec(), None).is_err(),
                "cut {cut}"
            );
        }
        for i in (0..bytes.len()).step_by(5) {
            let mut b = bytes.clone();
            b[i] ^= 0x01;
            assert!(decode(&path, b, None).is_err(), "byte {i}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        let err = decode(&path, longer, None).unwrap_err();
        assert!(matches!(err, IndexError::Length { .. }), "{err}");
        // A damaged segment is caught before its sets are decoded.
        let a = decode(&path, bytes, None).unwrap();
        let seg = dir.path().join(&a.payload().segments[0].name);
        let mut s = std::fs::read(&seg).unwrap();
        let last = s.len() - 1;
        s[last] ^= 0x10;
        std::fs::write(&seg, &s).unwrap();
        assert!(a.verify_segments().is_err());
        assert!(a.shingles(a.len() as u32 - 1).is_err());
        s.pop();
        std::fs::write(&seg, &s).unwrap();
        let fresh = load(&path, None).unwrap().unwrap();
        assert!(fresh.shingles(0).is_err());
    }
}
