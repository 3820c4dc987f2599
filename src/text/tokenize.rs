//! Splitting text into word runs.
