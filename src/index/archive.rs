//! The archive in memory: every document seen so far (metadata, shingle set, LSH band keys),
//! the verified pairs among them, and document frequencies; and how tonight's documents join.
//!
//! Shingle sets stay Rice-coded until a candidate pair needs one, so loading costs a copy of
//! the bytes, not a decode of every set.

use std::fs::File;
use std::ops::Range;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use bincode::enc::{Encoder, write::Writer};
use bincode::error::EncodeError;
use bincode::{Decode, Encode};

use xxhash_rust::xxh3::xxh3_64;

use super::format::{IndexParams, SEGMENT_HEADER_LEN, SHINGLE_BITS, check_segment_header};
use super::rice::{self, CodeError};
use crate::text::Language;
use crate::tfidf::Idf;

/// The stored columns of the archive, as bincode writes them after the header; the three
/// large byte blocks (shingle sets, band keys, frequency keys) follow it, see [`Blocks`].
#[derive(Debug, Clone, Default, PartialEq, Encode, Decode)]
pub struct Payload {
    /// Document ids, in archive order.
    pub ids: Vec<String>,
    /// Dates as written in the records.
    pub dates: Vec<Option<String>>,
    /// Titles.
    pub titles: Vec<Option<String>>,
    /// Distinct sources (outlets), in order of first appearance.
    pub sources: Vec<String>,
    /// Per document: index into `sources` plus one, 0 for none.
    pub source_of: Vec<u32>,
    /// Distinct language codes, in order of first appearance.
    pub langs: Vec<String>,
    /// Per document: index into `langs`.
    pub lang_of: Vec<u8>,
    /// Text length in characters (for choosing representatives).
    pub lengths: Vec<u32>,
    /// Per document: bytes of its Rice-coded shingle set in its segment.
    pub shingle_lens: Vec<u32>,
    /// Per document: XXH3-64 (low 32 bits) of its coded shingle set, checked before decoding.
    pub shingle_sums: Vec<u32>,
    /// The segment files holding the shingle sets, in archive order.
    pub segments: Vec<Segment>,
    /// Verified pairs `(a, b)`, `a < b`, sorted, by archive position.
    pub edges: Vec<(u32, u32)>,
    /// Documents counted in the frequencies.
    pub df_docs: u64,
    /// The frequency of each term key, in key order (keys in the frequency block).
    pub df_counts: Vec<u32>,
}

/// One segment file: the shingle sets (high [`SHINGLE_BITS`] bits of each hash, Rice-coded,
/// concatenated) of the documents one run added. Segments are written once, named by their
/// checksum, and never changed; the catalog (the index file) lists them.
#[derive(Debug, Clone, Default, PartialEq, Encode, Decode)]
pub struct Segment {
    /// File name, in the index file's directory.
    pub name: String,
    /// Documents whose sets it holds.
    pub docs: u32,
    /// Payload bytes (after its header).
    pub bytes: u64,
    /// XXH3-64 of the payload.
    pub checksum: u64,
}

/// A document of tonight's batch that joins the archive.
#[derive(Debug, Clone, Copy)]
pub struct NewDoc<'a> {
    /// Its id.
    pub id: &'a str,
    /// Its date.
    pub date: Option<&'a str>,
    /// Its title.
    pub title: Option<&'a str>,
    /// Its source.
    pub source: Option<&'a str>,
    /// Its length in characters.
    pub length: usize,
    /// Its language.
    pub lang: Language,
    /// Its sorted, distinct 64-bit shingle hashes.
    pub shingles: &'a [u64],
    /// Its band keys.
    pub band_keys: &'a [u32],
}

/// The archive's contents could not be decoded.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ArchiveError {
    /// Columns of different lengths, or offsets out of range.
    #[error("inconsistent payload: {0}")]
    Inconsistent(String),
    /// A segment file is missing, truncated or corrupt.
    #[error("segment {name}: {what}")]
    Segment {
        /// The segment's file name.
        name: String,
        /// What is wrong.
        what: String,
    },
    /// The columns do not decode.
    #[error("payload does not decode: {0}")]
    Decode(String),
    /// A coded set does not decode.
    #[error(transparent)]
    Code(#[from] CodeError),
}

/// The archive: stored columns, the blocks (borrowed from the loaded file, plus what joined
/// tonight), and what is derived on load.
#[derive(Debug)]
pub struct Archive {
    /// The parameters its signatures were made with.
    pub params: IndexParams,
    payload: Payload,
    file: Vec<u8>,
    dir: PathBuf,
    base_keys: Range<usize>,
    base_docs: usize,
    new_shingles: Vec<u8>,
    new_keys: Vec<u8>,
    segment_of: Vec<u32>,
    offsets: Vec<u64>,
    open: Vec<OnceLock<Result<File, String>>>,
    df_keys: Vec<u8>,
    df: Vec<(u64, u32)>,
    source_index: ahash::AHashMap<String, u32>,
}

/// The high [`SHINGLE_BITS`] bits of each hash of a sorted set, sorted and distinct.
pub fn truncate(shingles: &[u64]) -> Vec<u64> {
    let mut out: Vec<u64> = shingles
        .iter()
        .map(|&x| x >> (64 - u32::from(SHINGLE_BITS)))
        .collect();
    out.dedup();
    out
}

/// Where `part` lies inside `whole` (`part` must be a sub-slice of it).
fn range_in(whole: &[u8], part: &[u8]) -> Range<usize> {
    let start = (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize);
    start..start + part.len()
}

/// Opens a segment file and checks its header against the catalog's entry.
fn open_segment(path: &Path, seg: &Segment) -> Result<File, String> {
    let file = File::open(path).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    let mut head = [0u8; SEGMENT_HEADER_LEN];
    file.read_exact_at(&mut head, 0)
        .map_err(|e| format!("cannot read the header: {e}"))?;
    check_segment_header(&head, seg)?;
    let len = file.metadata().map_err(|e| e.to_string())?.len();
    if len != SEGMENT_HEADER_LEN as u64 + seg.bytes {
        return Err(format!(
            "{len} bytes, the catalog expects {}",
            SEGMENT_HEADER_LEN as u64 + seg.bytes
        ));
    }
    Ok(file)
}

/// Two byte slices written as one bincode byte sequence (length, then the bytes), as a
/// `&[u8]` of both would be: the stored block followed by what joined tonight.
struct Joined<'a>(&'a [u8], &'a [u8]);

impl Encode for Joined<'_> {
    fn encode<E: Encoder>(&self, e: &mut E) -> Result<(), EncodeError> {
        ((self.0.len() + self.1.len()) as u64).encode(e)?;
        e.writer().write(self.0)?;
        e.writer().write(self.1)
    }
}

impl Archive {
    /// An empty archive.
    pub fn new(params: IndexParams) -> Archive {
        let mut df_keys = Vec::new();
        rice::encode(&[], &mut df_keys);
        Archive {
            params,
            payload: Payload::default(),
            file: Vec::new(),
            dir: PathBuf::new(),
            base_keys: 0..0,
            base_docs: 0,
            new_shingles: Vec::new(),
            new_keys: Vec::new(),
            segment_of: Vec::new(),
            offsets: Vec::new(),
            open: Vec::new(),
            df_keys,
            df: Vec::new(),
            source_index: ahash::AHashMap::new(),
        }
    }

    /// Decodes the payload that starts at byte `at` of the loaded `file` (already checked
    /// against its length and checksum), and checks it for consistency. The blocks stay in
    /// `file`, which the archive keeps: loading copies none of them.
    pub fn decode(
        params: IndexParams,
        file: Vec<u8>,
        at: usize,
        dir: &Path,
    ) -> Result<Archive, ArchiveError> {
        let bad = |what: &str| Err(ArchiveError::Inconsistent(what.to_string()));
        let payload_bytes = file.get(at..).unwrap_or(&[]);
        let ((payload, band_keys, df_keys), used): ((Payload, &[u8], &[u8]), _) =
            bincode::borrow_decode_from_slice(payload_bytes, bincode::config::standard())
                .map_err(|e| ArchiveError::Decode(e.to_string()))?;
        if used != payload_bytes.len() {
            return bad("bytes left after the payload");
        }
        let n = payload.ids.len();
        let columns = [
            payload.dates.len(),
            payload.titles.len(),
            payload.source_of.len(),
            payload.lang_of.len(),
            payload.lengths.len(),
            payload.shingle_lens.len(),
            payload.shingle_sums.len(),
        ];
        if columns.iter().any(|&c| c != n) {
            return bad("per-document columns differ in length");
        }
        if band_keys.len() != n * params.bands as usize * 4 {
            return bad("band keys do not match documents × bands");
        }
        if payload
            .source_of
            .iter()
            .any(|&s| s as usize > payload.sources.len())
        {
            return bad("source index out of range");
        }
        if payload
            .lang_of
            .iter()
            .any(|&l| l as usize >= payload.langs.len())
        {
            return bad("language index out of range");
        }
        if payload
            .edges
            .iter()
            .any(|&(a, b)| a >= b || b as usize >= n)
        {
            return bad("pair out of range");
        }
        // Documents lie in the segments in order: which segment, where in it.
        let mut segment_of = Vec::with_capacity(n);
        let mut offsets = Vec::with_capacity(n);
        let mut lens = payload.shingle_lens.iter();
        for (k, seg) in payload.segments.iter().enumerate() {
            let mut at = 0u64;
            for _ in 0..seg.docs {
                let Some(&len) = lens.next() else {
                    return bad("segments hold more documents than the archive");
                };
                segment_of.push(k as u32);
                offsets.push(at);
                at += u64::from(len);
            }
            if at != seg.bytes {
                return bad("shingle lengths do not add up to a segment's bytes");
            }
        }
        if segment_of.len() != n {
            return bad("segments hold fewer documents than the archive");
        }
        let (keys, used) = rice::decode(df_keys)?;
        if used != df_keys.len() || keys.len() != payload.df_counts.len() {
            return bad("frequency keys and counts differ");
        }
        let df = keys
            .into_iter()
            .zip(payload.df_counts.iter().copied())
            .collect();
        let base_keys = range_in(&file, band_keys);
        let df_keys = df_keys.to_vec();
        let open = payload.segments.iter().map(|_| OnceLock::new()).collect();
        let source_index = payload
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.clone(), i as u32))
            .collect();
        Ok(Archive {
            params,
            base_docs: n,
            payload,
            file,
            dir: dir.to_path_buf(),
            base_keys,
            new_shingles: Vec::new(),
            new_keys: Vec::new(),
            segment_of,
            offsets,
            open,
            df_keys,
            df,
            source_index,
        })
    }

    /// Encodes the payload (columns, then the blocks) with bincode.
    pub fn encode<E: Encoder>(&self, e: &mut E) -> Result<(), EncodeError> {
        self.payload.encode(e)?;
        Joined(&self.file[self.base_keys.clone()], &self.new_keys).encode(e)?;
        Joined(&self.df_keys, &[]).encode(e)
    }

    /// The stored columns.
    pub fn payload(&self) -> &Payload {
        &self.payload
    }

    /// The blocks as they stand: (band key bytes, frequency key bytes).
    pub fn block_sizes(&self) -> (usize, usize) {
        (
            self.base_keys.len() + self.new_keys.len(),
            self.df_keys.len(),
        )
    }

    /// The shingle sets of the documents added since loading, not yet in a segment file.
    pub fn pending_segment(&self) -> &[u8] {
        &self.new_shingles
    }

    /// Records that the pending sets were written as segment `name` with `checksum`.
    pub fn seal_segment(&mut self, name: String, checksum: u64) {
        let listed: u64 = self
            .payload
            .segments
            .iter()
            .map(|s| u64::from(s.docs))
            .sum();
        self.payload.segments.push(Segment {
            name,
            docs: (self.len() as u64 - listed) as u32,
            bytes: self.new_shingles.len() as u64,
            checksum,
        });
    }

    /// The directory segment files are read from.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Opens segment `k`, checking its header against the catalog's entry.
    fn segment(&self, k: usize) -> Result<&File, ArchiveError> {
        let seg = &self.payload.segments[k];
        let err = |what: String| ArchiveError::Segment {
            name: seg.name.clone(),
            what,
        };
        self.open[k]
            .get_or_init(|| open_segment(&self.dir.join(&seg.name), seg))
            .as_ref()
            .map_err(|e| err(e.clone()))
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.payload.ids.len()
    }

    /// Whether the archive has no document.
    pub fn is_empty(&self) -> bool {
        self.payload.ids.is_empty()
    }

    /// The id of document `i`.
    pub fn id(&self, i: u32) -> &str {
        &self.payload.ids[i as usize]
    }

    /// The date of document `i`.
    pub fn date(&self, i: u32) -> Option<&str> {
        self.payload.dates[i as usize].as_deref()
    }

    /// The title of document `i`.
    pub fn title(&self, i: u32) -> Option<&str> {
        self.payload.titles[i as usize].as_deref()
    }

    /// The source of document `i`.
    pub fn source(&self, i: u32) -> Option<&str> {
        match self.payload.source_of[i as usize] {
            0 => None,
            s => Some(&self.payload.sources[s as usize - 1]),
        }
    }

    /// The language of document `i`.
    pub fn lang(&self, i: u32) -> Language {
        let code = &self.payload.langs[self.payload.lang_of[i as usize] as usize];
        Language::from_code(code).unwrap_or(Language::Other)
    }

    /// The text length of document `i`, in characters.
    pub fn length(&self, i: u32) -> usize {
        self.payload.lengths[i as usize] as usize
    }

    /// Band `band`'s key for document `i`.
    pub fn band_key(&self, i: u32, band: usize) -> u32 {
        let bands = self.params.bands as usize;
        let i = i as usize;
        let b = if i < self.base_docs {
            let at = self.base_keys.start + (i * bands + band) * 4;
            &self.file[at..at + 4]
        } else {
            let at = ((i - self.base_docs) * bands + band) * 4;
            &self.new_keys[at..at + 4]
        };
        u32::from_le_bytes([b[0], b[1], b[2], b[3]])
    }

    /// The truncated shingle set of document `i`, read from its segment, checked against its
    /// checksum, decoded.
    pub fn shingles(&self, i: u32) -> Result<Vec<u64>, ArchiveError> {
        let i = i as usize;
        let len = self.payload.shingle_lens[i] as usize;
        let start = self.offsets[i];
        let read;
        let bytes: &[u8] = if i < self.base_docs {
            let k = self.segment_of[i] as usize;
            let file = self.segment(k)?;
            let mut buf = vec![0u8; len];
            file.read_exact_at(&mut buf, SEGMENT_HEADER_LEN as u64 + start)
                .map_err(|e| ArchiveError::Segment {
                    name: self.payload.segments[k].name.clone(),
                    what: e.to_string(),
                })?;
            read = buf;
            &read
        } else {
            let start = start as usize;
            &self.new_shingles[start..start + len]
        };
        if xxh3_64(bytes) as u32 != self.payload.shingle_sums[i] {
            return Err(ArchiveError::Inconsistent(format!(
                "checksum mismatch in the shingle set of {}",
                self.id(i as u32)
            )));
        }
        let (set, used) = rice::decode(bytes)?;
        if used != bytes.len() {
            return Err(CodeError("trailing bytes after a shingle set").into());
        }
        Ok(set)
    }

    /// Reads every segment whole and checks its checksum; returns the bytes of all segment
    /// files.
    pub fn verify_segments(&self) -> Result<u64, ArchiveError> {
        let mut total = 0;
        for seg in &self.payload.segments {
            let path = self.dir.join(&seg.name);
            let err = |what: String| ArchiveError::Segment {
                name: seg.name.clone(),
                what,
            };
            let bytes = std::fs::read(&path).map_err(|e| err(e.to_string()))?;
            check_segment_header(&bytes, seg).map_err(err)?;
            if xxh3_64(&bytes[SEGMENT_HEADER_LEN..]) != seg.checksum {
                return Err(err("checksum mismatch".into()));
            }
            total += bytes.len() as u64;
        }
        Ok(total)
    }

    /// Verified pairs among archive documents.
    pub fn edges(&self) -> &[(u32, u32)] {
        &self.payload.edges
    }

    /// Document frequencies: how many documents were counted, and `(term key, count)` sorted.
    pub fn frequencies(&self) -> (u64, &[(u64, u32)]) {
        (self.payload.df_docs, &self.df)
    }

    /// Document frequencies as an [`Idf`].
    pub fn idf(&self) -> Idf {
        Idf::from_counts(self.payload.df_docs, self.df.iter().copied())
    }

    /// Appends a document; returns its position.
    pub fn add(&mut self, d: NewDoc) -> u32 {
        let p = &mut self.payload;
        let pos = p.ids.len() as u32;
        p.ids.push(d.id.to_string());
        p.dates.push(d.date.map(str::to_string));
        p.titles.push(d.title.map(str::to_string));
        let source = match d.source {
            None => 0,
            Some(s) => match self.source_index.get(s) {
                Some(&i) => i + 1,
                None => {
                    let i = p.sources.len() as u32;
                    p.sources.push(s.to_string());
                    self.source_index.insert(s.to_string(), i);
                    i + 1
                }
            },
        };
        p.source_of.push(source);
        let code = d.lang.code();
        let lang = match p.langs.iter().position(|c| c == code) {
            Some(i) => i,
            None => {
                p.langs.push(code.to_string());
                p.langs.len() - 1
            }
        };
        p.lang_of.push(lang as u8);
        p.lengths.push(u32::try_from(d.length).unwrap_or(u32::MAX));
        let before = self.new_shingles.len();
        rice::encode(&truncate(d.shingles), &mut self.new_shingles);
        let coded = &self.new_shingles[before..];
        p.shingle_lens.push(coded.len() as u32);
        p.shingle_sums.push(xxh3_64(coded) as u32);
        self.offsets.push(before as u64);
        for &k in d.band_keys {
            self.new_keys.extend_from_slice(&k.to_le_bytes());
        }
        pos
    }

    /// Adds verified pairs (by archive position, either order); keeps them sorted and distinct.
    pub fn add_edges(&mut self, edges: impl IntoIterator<Item = (u32, u32)>) {
        let e = &mut self.payload.edges;
        e.extend(
            edges
                .into_iter()
                .filter(|(a, b)| a != b)
                .map(|(a, b)| (a.min(b), a.max(b))),
        );
        e.sort_unstable();
        e.dedup();
    }

    /// Adds the frequencies of `docs` more documents (`counts` as `(term key, count)`).
    pub fn add_frequencies(&mut self, docs: u64, counts: &[(u64, u32)]) {
        self.payload.df_docs += docs;
        let mut sorted: Vec<(u64, u32)> = counts.to_vec();
        sorted.sort_unstable();
        let old = std::mem::take(&mut self.df);
        let mut merged = Vec::with_capacity(old.len() + sorted.len());
        let (mut i, mut j) = (0, 0);
        while i < old.len() && j < sorted.len() {
            let ((a, x), (b, y)) = (old[i], sorted[j]);
            if a == b {
                merged.push((a, x.saturating_add(y)));
                i += 1;
                j += 1;
            } else if a < b {
                merged.push((a, x));
                i += 1;
            } else {
                merged.push((b, y));
                j += 1;
            }
        }
        merged.extend_from_slice(&old[i..]);
        merged.extend_from_slice(&sorted[j..]);
        self.df = merged;
        self.df_keys.clear();
        let keys: Vec<u64> = self.df.iter().map(|&(k, _)| k).collect();
        rice::encode(&keys, &mut self.df_keys);
        self.payload.df_counts = self.df.iter().map(|&(_, c)| c).collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::DedupConfig;
    use crate::index::format::params_for;
    use crate::text::AnalyzerKind;

    fn params() -> IndexParams {
        params_for(&DedupConfig::default(), AnalyzerKind::Plain).unwrap()
    }

    fn round_trip(a: &mut Archive, dir: &Path) -> Archive {
        crate::index::save(&dir.join("x.idx"), a).unwrap();
        crate::index::load(&dir.join("x.idx"), None)
            .unwrap()
            .unwrap()
    }

    fn doc<'a>(id: &'a str, set: &'a [u64], keys: &'a [u32]) -> NewDoc<'a> {
        NewDoc {
            id,
            date: Some("2015-07-21"),
            title: Some("عنوان"),
            source: Some("spa"),
            length: 120,
            lang: Language::Arabic,
            shingles: set,
            band_keys: keys,
        }
    }

    #[test]
    fn documents_round_trip_and_join_a_loaded_archive() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = Archive::new(params());
        let bands = a.params.bands as usize;
        let keys: Vec<u32> = (0..bands as u32).collect();
        let set: Vec<u64> = vec![1 << 40, 5 << 40, 5 << 40 | 7, u64::MAX];
        a.add(doc("x", &set, &keys));
        a.add(NewDoc {
            date: None,
            lang: Language::English,
            ..doc("y", &set[..1], &keys)
        });
        a.add_edges([(1, 0), (0, 1)]);
        a.add_frequencies(2, &[(9, 1), (3, 2)]);
        a.add_frequencies(1, &[(3, 1)]);
        let mut b = round_trip(&mut a, dir.path());
        assert_eq!(b.len(), 2);
        assert_eq!(b.id(1), "y");
        assert_eq!(b.source(1), Some("spa"));
        assert_eq!(b.payload().sources.len(), 1);
        assert_eq!(b.lang(0), Language::Arabic);
        assert_eq!(b.date(1), None);
        let high = vec![1 << 8, 5 << 8, u64::from(u32::MAX)];
        assert_eq!(b.shingles(0).unwrap(), high);
        assert_eq!(b.band_key(1, bands - 1), bands as u32 - 1);
        assert_eq!(b.edges(), &[(0, 1)]);
        assert_eq!(b.frequencies(), (3, &[(3, 3), (9, 1)][..]));
        let rev: Vec<u32> = keys.iter().rev().copied().collect();
        b.add(doc("z", &set[1..], &rev));
        let c = round_trip(&mut b, dir.path());
        assert_eq!(c.payload().segments.len(), 2);
        assert_eq!(c.len(), 3);
        assert_eq!(c.shingles(0).unwrap(), high);
        assert_eq!(c.shingles(2).unwrap(), high[1..]);
        assert_eq!(c.band_key(2, 0), bands as u32 - 1);
        assert_eq!(c.band_key(0, 0), 0);
    }

    #[test]
    fn inconsistent_payloads_are_refused() {
        let bad = Payload {
            ids: vec!["a".into()],
            ..Payload::default()
        };
        let mut bytes = Vec::new();
        let parts: (Payload, &[u8], &[u8]) = (bad, &[], &[0u8]);
        bincode::encode_into_std_write(parts, &mut bytes, bincode::config::standard()).unwrap();
        assert!(Archive::decode(params(), bytes, 0, Path::new(".")).is_err());
    }
}
