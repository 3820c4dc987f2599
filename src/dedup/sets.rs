//! Shingle sets as verification keeps them: the high 32 bits of each hash, Rice-coded.
//!
//! A document's set is held from signing until clustering, so its size is most of dedup's
//! memory: about 3.2 bytes per shingle coded, against 8 as plain 64-bit hashes. Keeping 32
//! bits changes a Jaccard only when two different shingles of a pair collide, about once in
//! 10⁴ pairs of 300-shingle documents, and then by one shingle. The archive index stores the
//! same coding, so tonight's sets and the archive's compare directly.

use crate::rice;

/// Bits kept of each 64-bit shingle hash (the high ones).
pub const SHINGLE_BITS: u8 = 32;

/// The high [`SHINGLE_BITS`] bits of each hash of a sorted set, sorted and distinct.
pub fn truncate(shingles: &[u64]) -> Vec<u64> {
    let mut out: Vec<u64> = shingles
        .iter()
        .map(|&x| x >> (64 - u32::from(SHINGLE_BITS)))
        .collect();
    out.dedup();
    out
}

/// A shingle set, truncated and Rice-coded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CodedSet(Box<[u8]>);

impl CodedSet {
    /// Codes a sorted, distinct set of 64-bit shingle hashes.
    pub fn of(shingles: &[u64]) -> CodedSet {
        CodedSet::of_with(shingles, &mut Vec::new(), &mut Vec::new())
    }

    /// [`CodedSet::of`] with buffers the caller reuses: one allocation, of the exact size.
    pub fn of_with(shingles: &[u64], trunc: &mut Vec<u64>, out: &mut Vec<u8>) -> CodedSet {
        trunc.clear();
        trunc.extend(
            shingles
                .iter()
                .map(|&x| x >> (64 - u32::from(SHINGLE_BITS))),
        );
        trunc.dedup();
        out.clear();
        rice::encode(trunc, out);
        CodedSet(Box::from(&out[..]))
    }

    /// Wraps bytes coded by [`CodedSet::bytes`] (read back from an archive), checking them.
    pub fn from_bytes(bytes: &[u8]) -> Result<CodedSet, rice::CodeError> {
        CodedSet::decode_bytes(bytes)?;
        Ok(CodedSet(bytes.into()))
    }

    /// Decodes coded bytes straight to the set, checking them as [`CodedSet::from_bytes`]
    /// does — for readers that want the set, not the coded form, so they decode once.
    pub fn decode_bytes(bytes: &[u8]) -> Result<Vec<u64>, rice::CodeError> {
        let (set, used) = rice::decode(bytes)?;
        if used != bytes.len() {
            return Err(rice::CodeError("bytes after the end of a shingle set"));
        }
        Ok(set)
    }

    /// The coded bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.0
    }

    /// Whether the set has no shingle (the document was too short to sign).
    pub fn is_empty(&self) -> bool {
        self.0.first().is_none_or(|&n| n == 0)
    }

    /// The truncated hashes, sorted and distinct.
    pub fn decode(&self) -> Vec<u64> {
        if self.0.is_empty() {
            return Vec::new();
        }
        // Only `of` and `from_bytes` make a CodedSet, and both leave it decodable.
        rice::decode(&self.0)
            .map(|(set, _)| set)
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coded_sets_decode_to_the_truncated_hashes() {
        let set: Vec<u64> = (1..500u64)
            .map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let coded = CodedSet::of(&set);
        assert_eq!(coded.decode(), truncate(&set));
        assert!(
            coded.bytes().len() < 4 * set.len(),
            "{}",
            coded.bytes().len()
        );
        assert_eq!(CodedSet::from_bytes(coded.bytes()).unwrap(), coded);
    }

    #[test]
    fn an_empty_set_is_empty_however_it_was_made() {
        assert!(CodedSet::default().is_empty());
        assert!(CodedSet::of(&[]).is_empty());
        assert!(CodedSet::default().decode().is_empty());
        assert!(!CodedSet::of(&[7]).is_empty());
    }

    #[test]
    fn trailing_bytes_are_refused() {
        let mut bytes = CodedSet::of(&[1, 2, 3]).bytes().to_vec();
        bytes.push(0);
        assert!(CodedSet::from_bytes(&bytes).is_err());
    }
}
