//! Evaluation measures, so every quality figure the project quotes can be rerun.

pub mod rouge;
