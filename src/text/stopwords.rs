//! Stop-word lists per language.
