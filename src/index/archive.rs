//! The archive in memory: the catalog (its segments, in order, and the verified pairs among
//! all their documents) plus the segment tonight's documents are joining.
//!
//! Archive positions run across the segments in catalog order, then through the segment being
//! built. Document frequencies are kept per segment and summed when a digest asks for IDF,
//! so a night never rewrites what earlier nights wrote.

use std::path::{Path, PathBuf};

use bincode::{Decode, Encode};

use super::format::IndexParams;
use super::segment::Segment;
pub use super::segment::{NewDoc, SegmentRef};
use crate::text::Language;
use crate::tfidf::Idf;

/// The catalog's payload, as bincode writes it after the header.
#[derive(Debug, Clone, Default, PartialEq, Eq, Encode, Decode)]
pub struct Catalog {
    /// The segment files, in archive order.
    pub segments: Vec<SegmentRef>,
    /// Verified pairs `(a, b)`, `a < b`, sorted, by archive position.
    pub edges: Vec<(u32, u32)>,
}

/// The archive's contents could not be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ArchiveError {
    /// The catalog contradicts itself.
    #[error("inconsistent catalog: {0}")]
    Inconsistent(String),
    /// A segment file is missing, truncated or corrupt.
    #[error("segment {name}: {what}")]
    Segment {
        /// The segment's file name.
        name: String,
        /// What is wrong.
        what: String,
    },
}

/// The archive: loaded segments, the one being built, and the verified pairs.
#[derive(Debug)]
pub struct Archive {
    /// The parameters its signatures were made with.
    pub params: IndexParams,
    dir: PathBuf,
    segments: Vec<Segment>,
    building: Segment,
    /// Per loaded document: (segment, position in it).
    place: Vec<(u32, u32)>,
    edges: Vec<(u32, u32)>,
}

impl Archive {
    /// An empty archive whose segment files will live in `dir`.
    pub fn new(params: IndexParams, dir: &Path) -> Archive {
        Archive {
            params,
            dir: dir.to_path_buf(),
            segments: Vec::new(),
            building: Segment::building(),
            place: Vec::new(),
            edges: Vec::new(),
        }
    }

    /// An archive of loaded segments (heads already checked) and the catalog's pairs.
    pub fn from_segments(
        params: IndexParams,
        dir: &Path,
        segments: Vec<Segment>,
        edges: Vec<(u32, u32)>,
    ) -> Result<Archive, ArchiveError> {
        let mut place = Vec::new();
        for (k, s) in segments.iter().enumerate() {
            place.extend((0..s.len() as u32).map(|j| (k as u32, j)));
        }
        let n = place.len();
        if edges.iter().any(|&(a, b)| a >= b || b as usize >= n) {
            return Err(ArchiveError::Inconsistent("pair out of range".into()));
        }
        Ok(Archive {
            params,
            dir: dir.to_path_buf(),
            segments,
            building: Segment::building(),
            place,
            edges,
        })
    }

    /// The segments loaded, in order.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// The segment tonight's documents are joining.
    pub fn building(&self) -> &Segment {
        &self.building
    }

    /// The catalog as it stands (segments being built are not in it).
    pub fn catalog(&self) -> Catalog {
        Catalog {
            segments: self.segments.iter().map(|s| s.entry.clone()).collect(),
            edges: self.edges.clone(),
        }
    }

    /// The directory segment files live in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.place.len() + self.building.len()
    }

    /// Whether the archive has no document.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn at(&self, i: u32) -> (&Segment, usize) {
        match self.place.get(i as usize) {
            Some(&(k, j)) => (&self.segments[k as usize], j as usize),
            None => (&self.building, i as usize - self.place.len()),
        }
    }

    /// The id of document `i`.
    pub fn id(&self, i: u32) -> &str {
        let (s, j) = self.at(i);
        s.id(j)
    }

    /// The id of document `i` as stored (no UTF-8 check: for exact comparisons).
    pub fn id_bytes(&self, i: u32) -> &[u8] {
        let (s, j) = self.at(i);
        s.id_bytes(j)
    }

    /// Each segment's band keys (`bands` little-endian 32-bit keys per document) with the
    /// position of its first document, in archive order.
    pub fn band_key_blocks(&self) -> Vec<(u32, &[u8])> {
        let mut first = 0u32;
        self.segments
            .iter()
            .chain(std::iter::once(&self.building))
            .map(|s| {
                let block = (first, s.band_key_bytes());
                first += s.len() as u32;
                block
            })
            .collect()
    }

    /// The date of document `i`.
    pub fn date(&self, i: u32) -> Option<&str> {
        let (s, j) = self.at(i);
        s.date(j)
    }

    /// The title of document `i`.
    pub fn title(&self, i: u32) -> Option<&str> {
        let (s, j) = self.at(i);
        s.title(j)
    }

    /// The source of document `i`.
    pub fn source(&self, i: u32) -> Option<&str> {
        let (s, j) = self.at(i);
        s.source(j)
    }

    /// The language of document `i`.
    pub fn lang(&self, i: u32) -> Language {
        let (s, j) = self.at(i);
        s.lang(j)
    }

    /// The text length of document `i`, in characters.
    pub fn length(&self, i: u32) -> usize {
        let (s, j) = self.at(i);
        s.length(j)
    }

    /// Band `band`'s key for document `i`.
    pub fn band_key(&self, i: u32, band: usize) -> u32 {
        let (s, j) = self.at(i);
        s.band_key(j, band, self.params.bands as usize)
    }

    /// The truncated shingle set of document `i`, read, checked against its checksum, decoded.
    pub fn shingles(&self, i: u32) -> Result<Vec<u64>, ArchiveError> {
        let (s, j) = self.at(i);
        s.shingles(j, &self.dir)
            .map_err(|what| ArchiveError::Segment {
                name: s.entry.name.clone(),
                what,
            })
    }

    /// Verified pairs among archive documents.
    pub fn edges(&self) -> &[(u32, u32)] {
        &self.edges
    }

    /// Document frequencies over every segment: documents counted, `(term key, count)` sorted.
    pub fn frequencies(&self) -> Result<(u64, Vec<(u64, u32)>), ArchiveError> {
        let mut docs = 0;
        let mut all: Vec<(u64, u32)> = Vec::new();
        for s in self.segments.iter().chain(std::iter::once(&self.building)) {
            let (d, counts) = s
                .frequencies(&self.dir)
                .map_err(|what| ArchiveError::Segment {
                    name: s.entry.name.clone(),
                    what,
                })?;
            docs += d;
            all.extend(counts);
        }
        all.sort_unstable_by_key(|&(k, _)| k);
        let merged = all
            .chunk_by(|a, b| a.0 == b.0)
            .map(|run| {
                (
                    run[0].0,
                    run.iter().fold(0u32, |n, r| n.saturating_add(r.1)),
                )
            })
            .collect();
        Ok((docs, merged))
    }

    /// Document frequencies as an [`Idf`].
    pub fn idf(&self) -> Result<Idf, ArchiveError> {
        let (docs, counts) = self.frequencies()?;
        Ok(Idf::from_counts(docs, counts))
    }

    /// Appends a document to the segment being built; returns its position.
    pub fn add(&mut self, d: NewDoc) -> u32 {
        let pos = self.len() as u32;
        self.building.add(d);
        pos
    }

    /// Sets the document frequencies of the documents being added.
    pub fn set_frequencies(&mut self, docs: u64, counts: Vec<(u64, u32)>) {
        self.building.set_frequencies(docs, counts);
    }

    /// Adds verified pairs (by archive position, either order); keeps them sorted and distinct.
    pub fn add_edges(&mut self, edges: impl IntoIterator<Item = (u32, u32)>) {
        self.edges.extend(
            edges
                .into_iter()
                .filter(|(a, b)| a != b)
                .map(|(a, b)| (a.min(b), a.max(b))),
        );
        self.edges.sort_unstable();
        self.edges.dedup();
    }
}
