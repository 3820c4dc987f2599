//! The index file's header: magic bytes, format version, the parameters that make signatures
//! comparable, the record count, and the payload's length and checksum.
//!
//! Layout (little-endian, [`HEADER_LEN`] bytes, then the payload):
//!
//! | bytes | field |
//! |---|---|
//! | 0..8 | magic `KHULIDX\n` |
//! | 8..12 | format version ([`FORMAT_VERSION`]) |
//! | 12..16 | n-gram size |
//! | 16..20 | MinHash permutations |
//! | 20..24 | LSH bands |
//! | 24..28 | LSH rows |
//! | 28..36 | threshold (IEEE 754 bits) |
//! | 36 | analyzer (0 auto, 1 plain) |
//! | 37 | bits kept of each shingle hash |
//! | 38..54 | hash name, NUL-padded (`xxh3-64`) |
//! | 54..62 | MinHash permutation seed |
//! | 62..70 | record count |
//! | 70..78 | payload length in bytes |
//! | 78..86 | XXH3-64 of the payload |
//! | 86..94 | XXH3-64 of bytes 0..86 |

use xxhash_rust::xxh3::xxh3_64;

use crate::dedup::minhash::PERMUTATION_SEED;
use crate::text::AnalyzerKind;

/// The first bytes of every index file.
pub const MAGIC: [u8; 8] = *b"KHULIDX\n";
/// The version of the layout this build reads and writes. Version 2: band keys come from
/// one-permutation signatures (version 1's k-permutation keys do not compare).
pub const FORMAT_VERSION: u32 = 2;
/// Bytes before the payload.
pub const HEADER_LEN: usize = 94;
/// The hash of terms, shingles and band keys.
pub const HASH_NAME: &str = "xxh3-64";
pub use crate::dedup::sets::SHINGLE_BITS;

/// The parameters two runs must share for their signatures and verified pairs to compare.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexParams {
    /// Words per shingle.
    pub ngram: u32,
    /// MinHash permutations.
    pub perms: u32,
    /// LSH bands.
    pub bands: u32,
    /// LSH rows per band.
    pub rows: u32,
    /// Jaccard threshold the stored pairs were verified at.
    pub threshold: f64,
    /// The analyzer that made the terms.
    pub analyzer: AnalyzerKind,
    /// Bits kept of each shingle hash.
    pub shingle_bits: u8,
    /// The hash function's name.
    pub hash: String,
    /// The MinHash permutation seed.
    pub seed: u64,
}

impl IndexParams {
    /// The differences from `other`, in words (`ngram 5 (file) vs 4 (flags)`), empty when
    /// equal.
    pub fn differences(&self, other: &IndexParams) -> Vec<String> {
        let mut out = Vec::new();
        let mut check = |name: &str, a: String, b: String| {
            if a != b {
                out.push(format!("{name} {a} in the file, {b} asked for"));
            }
        };
        check("--ngram", self.ngram.to_string(), other.ngram.to_string());
        check("--perm", self.perms.to_string(), other.perms.to_string());
        check("--bands", self.bands.to_string(), other.bands.to_string());
        check("--rows", self.rows.to_string(), other.rows.to_string());
        check(
            "--threshold",
            self.threshold.to_string(),
            other.threshold.to_string(),
        );
        check(
            "--analyzer",
            analyzer_name(self.analyzer).into(),
            analyzer_name(other.analyzer).into(),
        );
        check(
            "shingle bits",
            self.shingle_bits.to_string(),
            other.shingle_bits.to_string(),
        );
        check("hash", self.hash.clone(), other.hash.clone());
        check(
            "permutation seed",
            format!("{:#x}", self.seed),
            format!("{:#x}", other.seed),
        );
        out
    }

    /// The command-line flags that reproduce these parameters.
    pub fn flags(&self) -> String {
        format!(
            "--ngram {} --perm {} --bands {} --rows {} --threshold {} --analyzer {}",
            self.ngram,
            self.perms,
            self.bands,
            self.rows,
            self.threshold,
            analyzer_name(self.analyzer)
        )
    }
}

/// The flag value of an analyzer kind.
pub fn analyzer_name(kind: AnalyzerKind) -> &'static str {
    match kind {
        AnalyzerKind::Auto => "auto",
        AnalyzerKind::Plain => "plain",
    }
}

/// The header of one index file.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// The parameters.
    pub params: IndexParams,
    /// Documents in the archive.
    pub records: u64,
    /// Payload bytes after the header.
    pub payload_len: u64,
    /// XXH3-64 of the payload.
    pub checksum: u64,
}

/// Why a header could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum HeaderError {
    /// Shorter than a header.
    #[error("{}, shorter than the {HEADER_LEN}-byte header", byte_count(*.0))]
    Short(usize),
    /// Wrong magic bytes.
    #[error("not a khulasa index (no KHULIDX magic bytes)")]
    Magic,
    /// Another layout version.
    #[error("format version {0}, this build reads version {FORMAT_VERSION}")]
    Version(u32),
    /// The header's own checksum does not match.
    #[error("header checksum mismatch: the header is corrupt")]
    Checksum,
    /// A field out of range.
    #[error("header field out of range: {0}")]
    Field(&'static str),
}

/// "1 byte", "0 bytes", "50 bytes": a truncated index is often one byte long.
fn byte_count(n: usize) -> String {
    if n == 1 {
        "1 byte".to_string()
    } else {
        format!("{n} bytes")
    }
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    let mut x = [0u8; 4];
    x.copy_from_slice(&b[at..at + 4]);
    u32::from_le_bytes(x)
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    let mut x = [0u8; 8];
    x.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(x)
}

impl Header {
    /// The header's bytes.
    pub fn encode(&self) -> [u8; HEADER_LEN] {
        let mut b = [0u8; HEADER_LEN];
        let p = &self.params;
        b[0..8].copy_from_slice(&MAGIC);
        b[8..12].copy_from_slice(&FORMAT_VERSION.to_le_bytes());
        b[12..16].copy_from_slice(&p.ngram.to_le_bytes());
        b[16..20].copy_from_slice(&p.perms.to_le_bytes());
        b[20..24].copy_from_slice(&p.bands.to_le_bytes());
        b[24..28].copy_from_slice(&p.rows.to_le_bytes());
        b[28..36].copy_from_slice(&p.threshold.to_bits().to_le_bytes());
        b[36] = match p.analyzer {
            AnalyzerKind::Auto => 0,
            AnalyzerKind::Plain => 1,
        };
        b[37] = p.shingle_bits;
        let name = p.hash.as_bytes();
        let n = name.len().min(16);
        b[38..38 + n].copy_from_slice(&name[..n]);
        b[54..62].copy_from_slice(&p.seed.to_le_bytes());
        b[62..70].copy_from_slice(&self.records.to_le_bytes());
        b[70..78].copy_from_slice(&self.payload_len.to_le_bytes());
        b[78..86].copy_from_slice(&self.checksum.to_le_bytes());
        let own = xxh3_64(&b[..86]);
        b[86..94].copy_from_slice(&own.to_le_bytes());
        b
    }

    /// Reads a header from the start of `bytes`: magic, version and the header's own checksum
    /// are checked; the payload is not.
    pub fn decode(bytes: &[u8]) -> Result<Header, HeaderError> {
        if bytes.len() < 12 {
            return Err(HeaderError::Short(bytes.len()));
        }
        if bytes[0..8] != MAGIC {
            return Err(HeaderError::Magic);
        }
        let version = u32_at(bytes, 8);
        if version != FORMAT_VERSION {
            return Err(HeaderError::Version(version));
        }
        if bytes.len() < HEADER_LEN {
            return Err(HeaderError::Short(bytes.len()));
        }
        if xxh3_64(&bytes[..86]) != u64_at(bytes, 86) {
            return Err(HeaderError::Checksum);
        }
        let analyzer = match bytes[36] {
            0 => AnalyzerKind::Auto,
            1 => AnalyzerKind::Plain,
            _ => return Err(HeaderError::Field("analyzer")),
        };
        let name = &bytes[38..54];
        let end = name.iter().position(|&c| c == 0).unwrap_or(name.len());
        let hash = std::str::from_utf8(&name[..end])
            .map_err(|_| HeaderError::Field("hash name"))?
            .to_string();
        Ok(Header {
            params: IndexParams {
                ngram: u32_at(bytes, 12),
                perms: u32_at(bytes, 16),
                bands: u32_at(bytes, 20),
                rows: u32_at(bytes, 24),
                threshold: f64::from_bits(u64_at(bytes, 28)),
                analyzer,
                shingle_bits: bytes[37],
                hash,
                seed: u64_at(bytes, 54),
            },
            records: u64_at(bytes, 62),
            payload_len: u64_at(bytes, 70),
            checksum: u64_at(bytes, 78),
        })
    }
}

/// The parameters of this build for a dedup configuration and analyzer.
pub fn params_for(
    config: &crate::dedup::DedupConfig,
    analyzer: AnalyzerKind,
) -> Result<IndexParams, HeaderError> {
    let banding = config.banding();
    let small = |v: usize, what| u32::try_from(v).map_err(|_| HeaderError::Field(what));
    Ok(IndexParams {
        ngram: small(config.ngram, "ngram")?,
        perms: small(config.perms, "perms")?,
        bands: small(banding.bands, "bands")?,
        rows: small(banding.rows, "rows")?,
        threshold: config.threshold,
        analyzer,
        shingle_bits: SHINGLE_BITS,
        hash: HASH_NAME.to_string(),
        seed: PERMUTATION_SEED,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> Header {
        Header {
            params: params_for(&crate::dedup::DedupConfig::default(), AnalyzerKind::Plain).unwrap(),
            records: 31_030,
            payload_len: 123_456,
            checksum: 0xdead_beef,
        }
    }

    #[test]
    fn headers_round_trip() {
        let h = header();
        assert_eq!(Header::decode(&h.encode()).unwrap(), h);
    }

    #[test]
    fn any_flipped_byte_is_refused() {
        let bytes = header().encode();
        for i in 0..HEADER_LEN {
            let mut b = bytes;
            b[i] ^= 0x40;
            assert!(Header::decode(&b).is_err(), "byte {i}");
        }
        assert_eq!(Header::decode(&bytes[..50]), Err(HeaderError::Short(50)));
        assert_eq!(
            HeaderError::Short(1).to_string(),
            format!("1 byte, shorter than the {HEADER_LEN}-byte header")
        );
    }

    #[test]
    fn another_version_is_named() {
        let mut b = header().encode();
        b[8..12].copy_from_slice(&7u32.to_le_bytes());
        assert_eq!(Header::decode(&b), Err(HeaderError::Version(7)));
    }

    #[test]
    fn differences_name_the_flags() {
        let a = header().params;
        let mut b = a.clone();
        b.ngram = 4;
        b.analyzer = AnalyzerKind::Auto;
        let d = a.differences(&b);
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(d[0].contains("--ngram 5 in the file, 4 asked for"));
        assert!(a.differences(&a).is_empty());
    }
}
