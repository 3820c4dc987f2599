//! Normalisers, one per script.
