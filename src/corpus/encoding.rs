//! Character encodings of input files.

/// The encoding input files are decoded from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    #[default]
    Utf8,
    /// Windows-1256, the legacy Arabic code page.
    Cp1256,
}
