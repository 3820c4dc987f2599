//! Snowball stemming with a per-thread cache, so each distinct word is stemmed once.
