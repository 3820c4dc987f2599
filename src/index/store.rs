//! Loading and saving the index file: header first, payload checked (length, checksum) before
//! a byte of it is decoded, writes atomic (temporary file, fsync, rename).

use std::io::{self, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use std::fs::File;
use std::io::Read;

use super::archive::{Archive, Catalog, SegmentRef};
use super::format::{HEADER_LEN, Header, HeaderError, IndexParams};
use super::segment::{SEGMENT_HEADER_LEN, Segment};
use crate::digest::{WriteError, write_atomically};

/// What to run to make a fresh index, appended to every refusal.
pub const REBUILD_HINT: &str = "rebuild it with `khulasa index build INPUT... --index NEW` \
     (with this run's dedup flags), or start a new archive with another --index path";

/// An index file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// The file could not be read.
    #[error("cannot read index {path}")]
    Read {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: io::Error,
    },
    /// The header is not one this build reads.
    // The reason is told in the middle, before the hint, so it is no error source: a source
    // is printed again after the message.
    #[error("index {path} refused: {reason}; {REBUILD_HINT}")]
    Header {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        reason: HeaderError,
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
    /// A segment the catalog lists is missing, truncated or corrupt.
    #[error("index {path}: segment {name}: {what}; {REBUILD_HINT}")]
    Segment {
        /// The catalog file (or its directory).
        path: PathBuf,
        /// The segment's file name.
        name: String,
        /// What is wrong.
        what: String,
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

/// Reads and checks an index file and the heads of its segments. With `expected`, a file
/// made with other parameters is refused; a missing file is `Ok(None)`.
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
    decode(path, &bytes, expected).map(Some)
}

/// The directory an index file's segments live in.
pub fn dir_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Checks and decodes the bytes of an index file, then reads its segments' heads.
pub fn decode(
    path: &Path,
    bytes: &[u8],
    expected: Option<&IndexParams>,
) -> Result<Archive, IndexError> {
    let header = Header::decode(bytes).map_err(|reason| IndexError::Header {
        path: path.to_path_buf(),
        reason,
    })?;
    if let Some(want) = expected {
        let differences = header.params.differences(want);
        if !differences.is_empty() {
            return Err(IndexError::Parameters {
                path: path.to_path_buf(),
                differences,
                stored: Box::new(header.params),
            });
        }
    }
    let payload = &bytes[HEADER_LEN..];
    if payload.len() as u64 != header.payload_len {
        return Err(IndexError::Length {
            path: path.to_path_buf(),
            expected: header.payload_len,
            found: payload.len() as u64,
        });
    }
    if xxh3_64(payload) != header.checksum {
        return Err(IndexError::Checksum {
            path: path.to_path_buf(),
        });
    }
    let corrupt = |what: String| IndexError::Corrupt {
        path: path.to_path_buf(),
        what,
    };
    let (catalog, used): (Catalog, usize) = bincode::decode_from_slice(payload, config())
        .map_err(|e| corrupt(format!("catalog does not decode: {e}")))?;
    if used != payload.len() {
        return Err(corrupt("bytes left after the catalog".into()));
    }
    let docs: u64 = catalog.segments.iter().map(|s| u64::from(s.docs)).sum();
    if docs != header.records {
        return Err(corrupt(format!(
            "header counts {} records, the segments hold {docs}",
            header.records
        )));
    }
    let dir = dir_of(path);
    let bands = header.params.bands as usize;
    let segments = catalog
        .segments
        .into_iter()
        .map(|entry| {
            let name = entry.name.clone();
            read_segment_head(&dir, entry, bands).map_err(|what| IndexError::Segment {
                path: path.to_path_buf(),
                name,
                what,
            })
        })
        .collect::<Result<Vec<Segment>, IndexError>>()?;
    Archive::from_segments(header.params, &dir, segments, catalog.edges)
        .map_err(|e| corrupt(e.to_string()))
}

/// Reads a segment's header and head, checks them against the catalog's entry and the
/// head's checksum, and decodes the head.
fn read_segment_head(dir: &Path, entry: SegmentRef, bands: usize) -> Result<Segment, String> {
    let path = dir.join(&entry.name);
    let mut file = File::open(&path).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    let len = file.metadata().map_err(|e| e.to_string())?.len();
    let want = entry.file_len();
    if len != want {
        return Err(format!(
            "{len} bytes, the catalog expects {want} (truncated or replaced)"
        ));
    }
    let mut head = vec![0u8; SEGMENT_HEADER_LEN + entry.head_len as usize];
    file.read_exact(&mut head)
        .map_err(|e| format!("cannot read its head: {e}"))?;
    entry.check_header(&head)?;
    let head = head.split_off(SEGMENT_HEADER_LEN);
    if xxh3_64(&head) != entry.head_sum {
        return Err("head checksum mismatch".into());
    }
    Segment::from_head(entry, head, bands)
}

/// Reads every segment whole and checks both its checksums; returns the segment files'
/// bytes in all.
pub fn verify_segments(archive: &Archive) -> Result<u64, IndexError> {
    let mut total = 0;
    for s in archive.segments() {
        let e = &s.entry;
        let err = |what: String| IndexError::Segment {
            path: archive.dir().to_path_buf(),
            name: e.name.clone(),
            what,
        };
        let bytes = std::fs::read(archive.dir().join(&e.name)).map_err(|x| err(x.to_string()))?;
        e.check_header(&bytes).map_err(err)?;
        let head_end = SEGMENT_HEADER_LEN + e.head_len as usize;
        let df_end = head_end + e.df_len as usize;
        let part = |r: std::ops::Range<usize>| bytes.get(r).unwrap_or(&[]);
        let (head, df, sets) = (
            part(SEGMENT_HEADER_LEN..head_end),
            part(head_end..df_end),
            part(df_end..bytes.len()),
        );
        if bytes.len() as u64 != e.file_len()
            || xxh3_64(head) != e.head_sum
            || xxh3_64(df) != e.df_sum
            || xxh3_64(sets) != e.sets_sum
        {
            return Err(err("checksum mismatch".into()));
        }
        total += bytes.len() as u64;
    }
    Ok(total)
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

/// Writes the archive to `path`: first the documents added since loading as a new segment
/// file beside it (named by its checksums, written atomically, never changed after), then the
/// catalog, atomically, streamed behind a blank header that is filled in (length, checksum)
/// once the payload is written. A run killed at any point leaves the previous catalog and
/// every segment it lists intact.
pub fn save(path: &Path, archive: &Archive) -> Result<(), IndexError> {
    let mut catalog = archive.catalog();
    if !archive.building().is_empty() {
        let stem = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "index".into());
        let (mut entry, [head, df], sets) =
            archive
                .building()
                .encode(String::new())
                .map_err(|e| IndexError::Corrupt {
                    path: path.to_path_buf(),
                    what: format!("the new segment does not encode: {e}"),
                })?;
        let mut id = [0u8; 16];
        id[..8].copy_from_slice(&entry.head_sum.to_le_bytes());
        id[8..].copy_from_slice(&entry.sets_sum.to_le_bytes());
        entry.name = format!("{stem}.seg-{:016x}", xxh3_64(&id));
        write_atomically(&path.with_file_name(&entry.name), |w| {
            w.write_all(&entry.header())?;
            w.write_all(&head)?;
            w.write_all(&df)?;
            w.write_all(sets)
        })?;
        catalog.segments.push(entry);
    }
    let records = archive.len() as u64;
    let params = archive.params.clone();
    write_atomically(path, |w| {
        w.write_all(&[0u8; HEADER_LEN])?;
        let mut h = Hashing {
            inner: &mut *w,
            hasher: Xxh3::new(),
            len: 0,
        };
        bincode::encode_into_std_write(&catalog, &mut h, config()).map_err(io::Error::other)?;
        let header = Header {
            params,
            records,
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

    fn add_docs(a: &mut Archive, from: u64, to: u64) {
        let keys = vec![7u32; a.params.bands as usize];
        for i in from..to {
            let set: Vec<u64> = (0..50).map(|j| (i * 1000 + j) << 33).collect();
            a.add(NewDoc {
                id: &format!("d{i}"),
                date: Some("2015-07-21"),
                title: None,
                source: Some("spa"),
                length: 300,
                lang: Language::Arabic,
                set: crate::dedup::sets::CodedSet::of(&set).bytes(),
                band_keys: &keys,
            });
        }
        a.set_frequencies(to - from, vec![(1, (to - from) as u32), (from + 2, 3)]);
    }

    fn sample(dir: &Path) -> Archive {
        let params = params_for(&DedupConfig::default(), AnalyzerKind::Plain).unwrap();
        let mut a = Archive::new(params, dir);
        add_docs(&mut a, 0, 20);
        a.add_edges([(0, 1), (3, 2)]);
        a
    }

    #[test]
    fn saved_archives_load_back_grow_and_refuse_other_parameters() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.idx");
        let a = sample(dir.path());
        save(&path, &a).unwrap();
        let mut b = load(&path, Some(&a.params)).unwrap().unwrap();
        assert_eq!(b.catalog().edges, a.catalog().edges);
        assert_eq!(b.catalog().segments.len(), 1);
        assert_eq!(b.frequencies(), a.frequencies());
        for i in 0..a.len() as u32 {
            assert_eq!(b.shingles(i).unwrap(), a.shingles(i).unwrap());
            assert_eq!(b.id(i), a.id(i));
        }
        add_docs(&mut b, 20, 25);
        b.add_edges([(24, 0)]);
        save(&path, &b).unwrap();
        let c = load(&path, None).unwrap().unwrap();
        assert_eq!(c.len(), 25);
        assert_eq!(c.segments().len(), 2);
        assert_eq!(c.id(24), "d24");
        assert_eq!(c.shingles(22).unwrap(), b.shingles(22).unwrap());
        assert_eq!(c.edges(), &[(0, 1), (0, 24), (2, 3)]);
        assert_eq!(
            c.frequencies().unwrap(),
            (25, vec![(1, 25), (2, 3), (22, 3)])
        );
        assert!(verify_segments(&c).unwrap() > 0);
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
        save(&path, &sample(dir.path())).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        for cut in 0..bytes.len() {
            assert!(decode(&path, &bytes[..cut], None).is_err(), "cut {cut}");
        }
        for i in 0..bytes.len() {
            let mut b = bytes.clone();
            b[i] ^= 0x01;
            assert!(decode(&path, &b, None).is_err(), "byte {i}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        let err = decode(&path, &longer, None).unwrap_err();
        assert!(matches!(err, IndexError::Length { .. }), "{err}");
        // A damaged segment: its head is refused on load, a set before it is decoded.
        let a = decode(&path, &bytes, None).unwrap();
        let seg = dir.path().join(&a.segments()[0].entry.name);
        let good = std::fs::read(&seg).unwrap();
        let mut s = good.clone();
        let last = s.len() - 1;
        s[last] ^= 0x10;
        std::fs::write(&seg, &s).unwrap();
        assert!(verify_segments(&a).is_err());
        assert!(a.shingles(a.len() as u32 - 1).is_err());
        let mut s = good.clone();
        s[SEGMENT_HEADER_LEN + 3] ^= 0x10;
        std::fs::write(&seg, &s).unwrap();
        assert!(decode(&path, &bytes, None).is_err());
        std::fs::write(&seg, &good[..good.len() - 1]).unwrap();
        assert!(decode(&path, &bytes, None).is_err());
        std::fs::remove_file(&seg).unwrap();
        let err = decode(&path, &bytes, None).unwrap_err().to_string();
        assert!(err.contains("cannot open"), "{err}");
    }
}
