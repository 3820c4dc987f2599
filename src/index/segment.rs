//! Segments: the documents one run added, in one immutable file beside the catalog.
//!
//! A segment file is a [`SEGMENT_HEADER_LEN`]-byte header (magic, version, the lengths and
//! XXH3-64 checksums of its three parts), then its *head* — bincode columns of metadata and
//! band keys, read whole and checked on every load — its *frequencies* — the documents'
//! term counts, read and checked only when a digest needs IDF — and its *sets* — the
//! Rice-coded shingle sets, read one set at a time when a candidate pair needs it, each
//! checked against its own checksum (kept in the head) before it is decoded.

use std::fs::File;
use std::ops::Range;
use std::os::unix::fs::FileExt;
use std::path::Path;
use std::sync::OnceLock;

use bincode::{BorrowDecode, Encode};
use xxhash_rust::xxh3::xxh3_64;

use super::format::FORMAT_VERSION;
use crate::rice::{self, CodeError};
use crate::text::Language;

/// The first bytes of every segment file.
pub const SEGMENT_MAGIC: [u8; 8] = *b"KHULSEG\n";
/// Bytes before a segment's head: magic, version, then length and checksum of the head, the
/// frequencies and the sets.
pub const SEGMENT_HEADER_LEN: usize = 60;

/// What the catalog records of a segment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Encode, bincode::Decode)]
pub struct SegmentRef {
    /// File name, in the catalog's directory.
    pub name: String,
    /// Documents it holds.
    pub docs: u32,
    /// Bytes of its head.
    pub head_len: u64,
    /// XXH3-64 of its head.
    pub head_sum: u64,
    /// Bytes of its document frequencies.
    pub df_len: u64,
    /// XXH3-64 of its document frequencies.
    pub df_sum: u64,
    /// Bytes of its shingle sets.
    pub sets_len: u64,
    /// XXH3-64 of its shingle sets.
    pub sets_sum: u64,
}

impl SegmentRef {
    /// Bytes of the whole segment file.
    pub fn file_len(&self) -> u64 {
        SEGMENT_HEADER_LEN as u64 + self.head_len + self.df_len + self.sets_len
    }

    /// The segment file's header.
    pub fn header(&self) -> [u8; SEGMENT_HEADER_LEN] {
        let mut b = [0u8; SEGMENT_HEADER_LEN];
        b[0..8].copy_from_slice(&SEGMENT_MAGIC);
        b[8..12].copy_from_slice(&FORMAT_VERSION.to_le_bytes());
        b[12..20].copy_from_slice(&self.head_len.to_le_bytes());
        b[20..28].copy_from_slice(&self.head_sum.to_le_bytes());
        b[28..36].copy_from_slice(&self.df_len.to_le_bytes());
        b[36..44].copy_from_slice(&self.df_sum.to_le_bytes());
        b[44..52].copy_from_slice(&self.sets_len.to_le_bytes());
        b[52..60].copy_from_slice(&self.sets_sum.to_le_bytes());
        b
    }

    /// Checks a segment file's header against this entry.
    pub fn check_header(&self, bytes: &[u8]) -> Result<(), String> {
        if bytes.len() < SEGMENT_HEADER_LEN {
            return Err("shorter than a segment header".into());
        }
        if bytes[0..8] != SEGMENT_MAGIC {
            return Err("not a khulasa segment (no KHULSEG magic bytes)".into());
        }
        if bytes[8..12] != FORMAT_VERSION.to_le_bytes() {
            return Err(format!(
                "another format version, this build reads version {FORMAT_VERSION}"
            ));
        }
        if bytes[..SEGMENT_HEADER_LEN] != self.header() {
            return Err("lengths or checksums differ from the catalog's".into());
        }
        Ok(())
    }
}

/// The head of a segment as bincode codes it. Text columns are one blob plus per-document
/// lengths; an absent date or title is stored empty.
#[derive(Debug, Clone, Default, PartialEq, Encode, BorrowDecode)]
struct Head<'a> {
    ids: &'a [u8],
    id_lens: Vec<u32>,
    dates: &'a [u8],
    date_lens: Vec<u32>,
    titles: &'a [u8],
    title_lens: Vec<u32>,
    sources: Vec<String>,
    source_of: Vec<u32>,
    langs: Vec<String>,
    lang_of: Vec<u8>,
    lengths: Vec<u32>,
    shingle_lens: Vec<u32>,
    shingle_sums: Vec<u32>,
    band_keys: &'a [u8],
}

/// The document frequencies of a segment as bincode codes them: documents counted, their
/// term keys (sorted, Rice-coded) and the count of each (LEB128).
#[derive(Debug, Clone, Default, PartialEq, Encode, BorrowDecode)]
struct Frequencies<'a> {
    docs: u64,
    keys: &'a [u8],
    counts: &'a [u8],
}

impl Frequencies<'_> {
    fn decode(&self) -> Result<Vec<(u64, u32)>, String> {
        let (keys, used) = rice::decode(self.keys).map_err(|e| e.to_string())?;
        if used != self.keys.len() {
            return Err("trailing bytes after the frequency keys".into());
        }
        let mut at = 0;
        let mut out = Vec::with_capacity(keys.len());
        for k in keys {
            let c = rice::get_varint(self.counts, &mut at).map_err(|e| e.to_string())?;
            out.push((k, u32::try_from(c).unwrap_or(u32::MAX)));
        }
        if at != self.counts.len() {
            return Err("frequency counts and keys differ".into());
        }
        Ok(out)
    }
}

/// A text column: the bytes lie at `start..` of some buffer, document `j` ends at `ends[j]`.
#[derive(Debug, Clone, Default)]
struct Texts {
    start: usize,
    ends: Vec<usize>,
}

impl Texts {
    fn new(start: usize, lens: &[u32]) -> Texts {
        let mut at = 0;
        let ends = lens
            .iter()
            .map(|&l| {
                at += l as usize;
                at
            })
            .collect();
        Texts { start, ends }
    }

    fn total(&self) -> usize {
        self.ends.last().copied().unwrap_or(0)
    }

    /// Document `j`'s text in `buf`; `None` when empty or not UTF-8.
    fn get<'b>(&self, buf: &'b [u8], j: usize) -> Option<&'b str> {
        let lo = if j == 0 { 0 } else { self.ends[j - 1] };
        let bytes = buf.get(self.start + lo..self.start + self.ends[j])?;
        std::str::from_utf8(bytes).ok().filter(|s| !s.is_empty())
    }
}

/// Appends `s` to a text column being built.
fn push_text(bytes: &mut Vec<u8>, column: &mut Texts, s: &str) {
    bytes.extend_from_slice(s.as_bytes());
    column.ends.push(bytes.len());
}

/// A document joining the archive.
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
    /// Its shingle set as [`crate::dedup::sets::CodedSet`] codes it.
    pub set: &'a [u8],
    /// Its band keys.
    pub band_keys: &'a [u32],
}

/// A segment ready to write: its catalog entry, its coded head and frequencies, its sets.
pub type Coded<'a> = (SegmentRef, [Vec<u8>; 2], &'a [u8]);

/// A segment in memory: read from its file (head bytes kept, sets read on demand) or being
/// built from tonight's documents (everything in memory).
#[derive(Debug, Default)]
pub struct Segment {
    /// Its catalog entry (`name` empty while being built).
    pub entry: SegmentRef,
    head: Vec<u8>,
    sets: Vec<u8>,
    ids: Texts,
    dates: Texts,
    titles: Texts,
    sources: Vec<String>,
    source_of: Vec<u32>,
    langs: Vec<Language>,
    lang_codes: Vec<String>,
    lang_of: Vec<u8>,
    lengths: Vec<u32>,
    shingle_lens: Vec<u32>,
    shingle_sums: Vec<u32>,
    set_starts: Vec<u64>,
    band_keys: Range<usize>,
    df_docs: u64,
    /// Built in memory: texts, keys and sets in their own buffers.
    building: bool,
    built_texts: [Vec<u8>; 3],
    source_index: ahash::AHashMap<String, u32>,
    built_keys: Vec<u8>,
    df: Vec<(u64, u32)>,
    file: OnceLock<Result<File, String>>,
}

impl Segment {
    /// An empty segment to add tonight's documents to.
    pub fn building() -> Segment {
        Segment {
            building: true,
            ..Segment::default()
        }
    }

    /// A segment from its head bytes (checked against the catalog's checksum by the caller).
    pub fn from_head(entry: SegmentRef, head: Vec<u8>, bands: usize) -> Result<Segment, String> {
        let (h, used): (Head, usize) =
            bincode::borrow_decode_from_slice(&head, bincode::config::standard())
                .map_err(|e| format!("head does not decode: {e}"))?;
        if used != head.len() {
            return Err("bytes left after the head".into());
        }
        let n = entry.docs as usize;
        let columns = [
            h.id_lens.len(),
            h.date_lens.len(),
            h.title_lens.len(),
            h.source_of.len(),
            h.lang_of.len(),
            h.lengths.len(),
            h.shingle_lens.len(),
            h.shingle_sums.len(),
        ];
        if columns.iter().any(|&c| c != n) {
            return Err("columns differ in length from the document count".into());
        }
        if h.band_keys.len() != n * bands * 4 {
            return Err("band keys do not match documents × bands".into());
        }
        if h.source_of.iter().any(|&s| s as usize > h.sources.len())
            || h.lang_of.iter().any(|&l| l as usize >= h.langs.len())
        {
            return Err("source or language index out of range".into());
        }
        let at = |part: &[u8]| (part.as_ptr() as usize).saturating_sub(head.as_ptr() as usize);
        let ids = Texts::new(at(h.ids), &h.id_lens);
        let dates = Texts::new(at(h.dates), &h.date_lens);
        let titles = Texts::new(at(h.titles), &h.title_lens);
        if ids.total() != h.ids.len()
            || dates.total() != h.dates.len()
            || titles.total() != h.titles.len()
        {
            return Err("text lengths do not add up".into());
        }
        let mut set_starts = Vec::with_capacity(n);
        let mut end = 0u64;
        for &l in &h.shingle_lens {
            set_starts.push(end);
            end += u64::from(l);
        }
        if end != entry.sets_len {
            return Err("set lengths do not add up to the sets' bytes".into());
        }
        let range = |part: &[u8]| at(part)..at(part) + part.len();
        Ok(Segment {
            ids,
            dates,
            titles,
            sources: h.sources,
            source_of: h.source_of,
            langs: h
                .langs
                .iter()
                .map(|c| Language::from_code(c).unwrap_or(Language::Other))
                .collect(),
            lang_codes: h.langs,
            lang_of: h.lang_of,
            lengths: h.lengths,
            shingle_lens: h.shingle_lens,
            shingle_sums: h.shingle_sums,
            set_starts,
            band_keys: range(h.band_keys),
            entry,
            head,
            ..Segment::default()
        })
    }

    /// Documents held.
    pub fn len(&self) -> usize {
        self.lengths.len()
    }

    /// Whether it holds no document.
    pub fn is_empty(&self) -> bool {
        self.lengths.is_empty()
    }

    fn texts(&self, column: usize) -> &[u8] {
        if self.building {
            &self.built_texts[column]
        } else {
            &self.head
        }
    }

    /// Document `j`'s id (empty if not UTF-8, which a checked head never is).
    pub fn id(&self, j: usize) -> &str {
        self.ids.get(self.texts(0), j).unwrap_or("")
    }

    /// Document `j`'s date.
    pub fn date(&self, j: usize) -> Option<&str> {
        self.dates.get(self.texts(1), j)
    }

    /// Document `j`'s title.
    pub fn title(&self, j: usize) -> Option<&str> {
        self.titles.get(self.texts(2), j)
    }

    /// Document `j`'s source.
    pub fn source(&self, j: usize) -> Option<&str> {
        match self.source_of[j] {
            0 => None,
            s => self.sources.get(s as usize - 1).map(String::as_str),
        }
    }

    /// Document `j`'s language.
    pub fn lang(&self, j: usize) -> Language {
        self.langs[self.lang_of[j] as usize]
    }

    /// Document `j`'s length in characters.
    pub fn length(&self, j: usize) -> usize {
        self.lengths[j] as usize
    }

    /// Document `j`'s id as stored (no UTF-8 check: for exact comparisons).
    pub fn id_bytes(&self, j: usize) -> &[u8] {
        let lo = if j == 0 { 0 } else { self.ids.ends[j - 1] };
        let buf = self.texts(0);
        buf.get(self.ids.start + lo..self.ids.start + self.ids.ends[j])
            .unwrap_or(&[])
    }

    /// Every document's band keys: `bands` little-endian 32-bit keys per document.
    pub fn band_key_bytes(&self) -> &[u8] {
        if self.building {
            &self.built_keys
        } else {
            &self.head[self.band_keys.clone()]
        }
    }

    /// Document `j`'s key for `band` of `bands`.
    pub fn band_key(&self, j: usize, band: usize, bands: usize) -> u32 {
        let at = (j * bands + band) * 4;
        let b = if self.building {
            &self.built_keys[at..at + 4]
        } else {
            &self.head[self.band_keys.start + at..self.band_keys.start + at + 4]
        };
        u32::from_le_bytes([b[0], b[1], b[2], b[3]])
    }

    /// Document `j`'s truncated shingle set, read from the file (or memory), checked, decoded.
    pub fn shingles(&self, j: usize, dir: &Path) -> Result<Vec<u64>, String> {
        let len = self.shingle_lens[j] as usize;
        let start = self.set_starts[j];
        let read;
        let bytes: &[u8] = if self.building {
            &self.sets[start as usize..start as usize + len]
        } else {
            let file = self
                .file
                .get_or_init(|| self.open(dir))
                .as_ref()
                .map_err(Clone::clone)?;
            let mut buf = vec![0u8; len];
            let at = SEGMENT_HEADER_LEN as u64 + self.entry.head_len + self.entry.df_len + start;
            file.read_exact_at(&mut buf, at)
                .map_err(|e| format!("cannot read a shingle set: {e}"))?;
            read = buf;
            &read
        };
        if xxh3_64(bytes) as u32 != self.shingle_sums[j] {
            return Err(format!(
                "checksum mismatch in the shingle set of {}",
                self.id(j)
            ));
        }
        let (set, used) = rice::decode(bytes).map_err(|e: CodeError| e.to_string())?;
        if used != bytes.len() {
            return Err("trailing bytes after a shingle set".into());
        }
        Ok(set)
    }

    fn open(&self, dir: &Path) -> Result<File, String> {
        let path = dir.join(&self.entry.name);
        let file = File::open(&path).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
        let mut head = [0u8; SEGMENT_HEADER_LEN];
        file.read_exact_at(&mut head, 0)
            .map_err(|e| format!("cannot read its header: {e}"))?;
        self.entry.check_header(&head)?;
        let len = file.metadata().map_err(|e| e.to_string())?.len();
        let want = self.entry.file_len();
        if len != want {
            return Err(format!("{len} bytes, the catalog expects {want}"));
        }
        Ok(file)
    }

    /// Its document frequencies: documents counted, `(term key, count)` sorted; read from
    /// the file and checked against the catalog's checksum first.
    pub fn frequencies(&self, dir: &Path) -> Result<(u64, Vec<(u64, u32)>), String> {
        if self.building {
            return Ok((self.df_docs, self.df.clone()));
        }
        let file = self
            .file
            .get_or_init(|| self.open(dir))
            .as_ref()
            .map_err(Clone::clone)?;
        let mut bytes = vec![0u8; self.entry.df_len as usize];
        file.read_exact_at(&mut bytes, SEGMENT_HEADER_LEN as u64 + self.entry.head_len)
            .map_err(|e| format!("cannot read the frequencies: {e}"))?;
        if xxh3_64(&bytes) != self.entry.df_sum {
            return Err("frequencies checksum mismatch".into());
        }
        let (f, used): (Frequencies, usize) =
            bincode::borrow_decode_from_slice(&bytes, bincode::config::standard())
                .map_err(|e| format!("frequencies do not decode: {e}"))?;
        if used != bytes.len() {
            return Err("bytes left after the frequencies".into());
        }
        Ok((f.docs, f.decode()?))
    }

    /// Appends a document (to a segment being built).
    pub fn add(&mut self, d: NewDoc) {
        debug_assert!(self.building);
        push_text(&mut self.built_texts[0], &mut self.ids, d.id);
        push_text(
            &mut self.built_texts[1],
            &mut self.dates,
            d.date.unwrap_or(""),
        );
        push_text(
            &mut self.built_texts[2],
            &mut self.titles,
            d.title.unwrap_or(""),
        );
        let source = match d.source {
            None => 0,
            Some(s) => match self.source_index.get(s) {
                Some(&i) => i,
                None => {
                    self.sources.push(s.to_string());
                    let i = self.sources.len() as u32;
                    self.source_index.insert(s.to_string(), i);
                    i
                }
            },
        };
        self.source_of.push(source);
        let lang = match self.langs.iter().position(|&l| l == d.lang) {
            Some(i) => i,
            None => {
                self.langs.push(d.lang);
                self.lang_codes.push(d.lang.code().to_string());
                self.langs.len() - 1
            }
        };
        self.lang_of.push(lang as u8);
        self.lengths
            .push(u32::try_from(d.length).unwrap_or(u32::MAX));
        let before = self.sets.len();
        self.sets.extend_from_slice(d.set);
        self.shingle_lens.push(d.set.len() as u32);
        self.shingle_sums.push(xxh3_64(d.set) as u32);
        self.set_starts.push(before as u64);
        for &k in d.band_keys {
            self.built_keys.extend_from_slice(&k.to_le_bytes());
        }
    }

    /// Sets the document frequencies of a segment being built.
    pub fn set_frequencies(&mut self, docs: u64, counts: Vec<(u64, u32)>) {
        self.df_docs = docs;
        self.df = counts;
    }

    /// The coded head, frequencies and sets of a segment being built, and its catalog entry
    /// named `name` (pass an empty name to learn the checksums first).
    pub fn encode(&self, name: String) -> Result<Coded<'_>, bincode::error::EncodeError> {
        let lens = |t: &Texts| -> Vec<u32> {
            let mut prev = 0;
            t.ends
                .iter()
                .map(|&e| {
                    let l = (e - prev) as u32;
                    prev = e;
                    l
                })
                .collect()
        };
        let text = |column: usize| &self.built_texts[column][..];
        let mut df_keys = Vec::new();
        let keys: Vec<u64> = self.df.iter().map(|&(k, _)| k).collect();
        rice::encode(&keys, &mut df_keys);
        let mut df_counts = Vec::new();
        for &(_, c) in &self.df {
            rice::put_varint(&mut df_counts, u64::from(c));
        }
        let head = Head {
            ids: text(0),
            id_lens: lens(&self.ids),
            dates: text(1),
            date_lens: lens(&self.dates),
            titles: text(2),
            title_lens: lens(&self.titles),
            sources: self.sources.clone(),
            source_of: self.source_of.clone(),
            langs: self.lang_codes.clone(),
            lang_of: self.lang_of.clone(),
            lengths: self.lengths.clone(),
            shingle_lens: self.shingle_lens.clone(),
            shingle_sums: self.shingle_sums.clone(),
            band_keys: &self.built_keys,
        };
        let freq = Frequencies {
            docs: self.df_docs,
            keys: &df_keys,
            counts: &df_counts,
        };
        let config = bincode::config::standard();
        let bytes = bincode::encode_to_vec(&head, config)?;
        let df = bincode::encode_to_vec(&freq, config)?;
        let entry = SegmentRef {
            name,
            docs: self.len() as u32,
            head_len: bytes.len() as u64,
            head_sum: xxh3_64(&bytes),
            df_len: df.len() as u64,
            df_sum: xxh3_64(&df),
            sets_len: self.sets.len() as u64,
            sets_sum: xxh3_64(&self.sets),
        };
        Ok((entry, [bytes, df], &self.sets))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::sets::CodedSet;

    fn doc<'a>(id: &'a str, set: &'a [u8], keys: &'a [u32]) -> NewDoc<'a> {
        NewDoc {
            id,
            date: Some("2015-07-21"),
            title: Some("عنوان"),
            source: Some("spa"),
            length: 120,
            lang: Language::Arabic,
            set,
            band_keys: keys,
        }
    }

    #[test]
    fn a_built_segment_reads_back_from_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let keys = [1u32, 2, 3];
        let set = [1u64 << 40, 5 << 40, 5 << 40 | 7, u64::MAX];
        let mut s = Segment::building();
        let (all, one) = (CodedSet::of(&set), CodedSet::of(&set[..1]));
        let (all, one) = (all.bytes(), one.bytes());
        s.add(doc("x", all, &keys));
        s.add(NewDoc {
            date: None,
            title: None,
            source: None,
            lang: Language::English,
            ..doc("y", one, &keys[..])
        });
        s.set_frequencies(2, vec![(3, 2), (9, 1)]);
        assert_eq!(s.id(1), "y");
        assert_eq!(s.title(0), Some("عنوان"));
        let (entry, [head, df], sets) = s.encode("seg".into()).unwrap();
        let mut file = entry.header().to_vec();
        file.extend_from_slice(&head);
        file.extend_from_slice(&df);
        file.extend_from_slice(sets);
        std::fs::write(dir.path().join("seg"), &file).unwrap();
        let r = Segment::from_head(entry, head, 3).unwrap();
        assert_eq!((r.id(0), r.id(1)), ("x", "y"));
        assert_eq!((r.date(0), r.date(1)), (Some("2015-07-21"), None));
        assert_eq!((r.source(0), r.source(1)), (Some("spa"), None));
        assert_eq!(
            (r.lang(0), r.lang(1)),
            (Language::Arabic, Language::English)
        );
        assert_eq!(r.band_key(1, 2, 3), 3);
        let high = vec![1 << 8, 5 << 8, u64::from(u32::MAX)];
        assert_eq!(r.shingles(0, dir.path()).unwrap(), high);
        assert_eq!(r.shingles(1, dir.path()).unwrap(), high[..1]);
        assert_eq!(
            r.frequencies(dir.path()).unwrap(),
            (2, vec![(3, 2), (9, 1)])
        );
        // A flipped byte in a set is caught before decoding.
        let last = file.len() - 1;
        file[last] ^= 4;
        std::fs::write(dir.path().join("seg"), &file).unwrap();
        let (entry, [head, _], _) = s.encode("seg".into()).unwrap();
        let r = Segment::from_head(entry, head, 3).unwrap();
        assert!(r.shingles(1, dir.path()).is_err());
        assert!(
            r.frequencies(dir.path()).is_ok(),
            "the frequencies are intact"
        );
    }
}
