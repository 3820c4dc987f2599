//! Splitting a JSON array into its elements with their line numbers.
