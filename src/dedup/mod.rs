//! Near-duplicate detection: shingles, MinHash signatures, LSH banding, exact verification and
//! clustering.
