//! Character encodings of input files.
//!
//! Every file is turned into UTF-8 bytes first ([`Encoding::to_utf8`]); UTF-8 validity is then
//! checked per record, so that one bad line in a JSONL file costs that line only. Whole-file
//! formats use [`Encoding::decode`], which does both at once.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

/// The UTF-8 byte-order mark.
pub(crate) const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The hint given with every UTF-8 error: most invalid UTF-8 in this domain is Windows-1256.
const CP1256_HINT: &str = "try --encoding cp1256 if this is a legacy Arabic archive";

/// The encoding input files are decoded from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    #[default]
    Utf8,
    /// Windows-1256, the legacy Arabic code page.
    Cp1256,
}

/// Where the first byte that is not UTF-8 was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidUtf8 {
    /// 1-based line of the bad byte.
    pub line: u64,
    /// 1-based byte offset of the bad byte within that line.
    pub byte: u64,
}

impl fmt::Display for InvalidUtf8 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid UTF-8 at byte {} of line {} ({CP1256_HINT})",
            self.byte, self.line
        )
    }
}

impl std::error::Error for InvalidUtf8 {}

/// The reason given for a JSONL line that is not UTF-8, `byte` being 1-based within the line.
pub(crate) fn invalid_utf8_in_line(byte: u64) -> String {
    format!("invalid UTF-8 at byte {byte} of the line ({CP1256_HINT})")
}

impl Encoding {
    /// Turns a whole file into UTF-8 bytes without checking them: for UTF-8 the byte-order
    /// mark is removed (nothing is copied); for Windows-1256 the file is decoded (a file that
    /// starts with a UTF-8 byte-order mark is read as UTF-8 instead, as encoding_rs does).
    /// Callers check UTF-8 validity record by record.
    pub fn to_utf8(self, bytes: &[u8]) -> Cow<'_, [u8]> {
        match self {
            Encoding::Utf8 => Cow::Borrowed(bytes.strip_prefix(BOM).unwrap_or(bytes)),
            Encoding::Cp1256 => match encoding_rs::WINDOWS_1256.decode(bytes).0 {
                Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
                Cow::Owned(s) => Cow::Owned(s.into_bytes()),
            },
        }
    }

    /// Turns one line (never the start of a file) into UTF-8 bytes without checking them: as
    /// it is for UTF-8, decoded for Windows-1256 (a single-byte code page, so lines decode
    /// independently).
    pub(crate) fn line_to_utf8(self, bytes: &[u8]) -> Cow<'_, [u8]> {
        match self {
            Encoding::Utf8 => Cow::Borrowed(bytes),
            Encoding::Cp1256 => {
                match encoding_rs::WINDOWS_1256
                    .decode_without_bom_handling(bytes)
                    .0
                {
                    Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
                    Cow::Owned(s) => Cow::Owned(s.into_bytes()),
                }
            }
        }
    }

    /// Decodes a whole text (a `.txt`, `.md` or `.html` file) in this encoding: the byte-order
    /// mark is removed, and for UTF-8 the first invalid byte is an error with its line and
    /// offset.
    pub fn decode(self, bytes: &[u8]) -> Result<Cow<'_, str>, InvalidUtf8> {
        match self.to_utf8(bytes) {
            Cow::Borrowed(b) => check_utf8(b, 1, 1).map(Cow::Borrowed),
            Cow::Owned(b) => match String::from_utf8(b) {
                Ok(s) => Ok(Cow::Owned(s)),
                Err(e) => {
                    let bytes = e.as_bytes();
                    let offset = e.utf8_error().valid_up_to();
                    Err(locate_invalid(bytes, offset, 1, 1))
                }
            },
        }
    }

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf8",
            Encoding::Cp1256 => "cp1256",
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Encoding {
    type Err = String;

    /// Accepts `utf8`/`utf-8` and `cp1256`/`windows-1256` (any case).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "utf8" | "utf-8" => Ok(Encoding::Utf8),
            "cp1256" | "windows-1256" | "windows1256" => Ok(Encoding::Cp1256),
            _ => Err(format!("unknown encoding `{s}` (expected utf8 or cp1256)")),
        }
    }
}

/// Checks that `bytes` are UTF-8. `line` and `column` (1-based) say where the slice starts in
/// its file, so that the error can name the line and the byte within that line.
pub(crate) fn check_utf8(bytes: &[u8], line: u64, column: u64) -> Result<&str, InvalidUtf8> {
    // Most input is valid: the SIMD check answers that several times faster than std's, and
    // std's slower one is asked only to find where invalid input goes wrong.
    simdutf8::basic::from_utf8(bytes).or_else(|_| {
        std::str::from_utf8(bytes).map_err(|e| locate_invalid(bytes, e.valid_up_to(), line, column))
    })
}

/// The file line and 1-based byte-in-line of `offset` within a slice that starts at
/// (`line`, `column`).
pub(crate) fn locate_invalid(bytes: &[u8], offset: usize, line: u64, column: u64) -> InvalidUtf8 {
    let before = &bytes[..offset.min(bytes.len())];
    match before.iter().rposition(|&b| b == b'\n') {
        Some(nl) => {
            let newlines = before.iter().filter(|&&b| b == b'\n').count() as u64;
            InvalidUtf8 {
                line: line + newlines,
                byte: (offset - nl) as u64,
            }
        }
        None => InvalidUtf8 {
            line,
            byte: column + offset as u64,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_is_stripped() {
        let bytes = b"\xEF\xBB\xBFabc";
        assert_eq!(Encoding::Utf8.decode(bytes).unwrap(), "abc");
        assert_eq!(&*Encoding::Utf8.to_utf8(bytes), b"abc");
    }

    #[test]
    fn utf8_without_bom_is_borrowed() {
        let text = "مرحبا";
        assert!(matches!(
            Encoding::Utf8.decode(text.as_bytes()),
            Ok(Cow::Borrowed(t)) if t == text
        ));
    }

    #[test]
    fn invalid_utf8_names_line_and_byte() {
        let err = Encoding::Utf8.decode(b"ok\nab\xFFc").unwrap_err();
        assert_eq!(err, InvalidUtf8 { line: 2, byte: 3 });
        let msg = err.to_string();
        assert!(msg.contains("byte 3 of line 2"), "{msg}");
        assert!(msg.contains("--encoding cp1256"), "{msg}");
    }

    #[test]
    fn invalid_utf8_offset_counts_from_slice_column() {
        // A slice that starts at column 10 of line 4.
        let err = check_utf8(b"ab\xC3", 4, 10).unwrap_err();
        assert_eq!(err, InvalidUtf8 { line: 4, byte: 12 });
    }

    #[test]
    fn cp1256_decodes_arabic() {
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1256.encode("سلام عليكم");
        assert!(!unmappable);
        assert!(std::str::from_utf8(&bytes).is_err());
        assert_eq!(Encoding::Cp1256.decode(&bytes).unwrap(), "سلام عليكم");
        assert_eq!(&*Encoding::Cp1256.to_utf8(&bytes), "سلام عليكم".as_bytes());
    }

    #[test]
    fn cp1256_ascii_is_not_copied() {
        assert!(matches!(
            Encoding::Cp1256.to_utf8(b"{\"id\": 1}"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn encoding_names_parse() {
        assert_eq!("UTF-8".parse(), Ok(Encoding::Utf8));
        assert_eq!("cp1256".parse(), Ok(Encoding::Cp1256));
        assert_eq!("windows-1256".parse(), Ok(Encoding::Cp1256));
        assert!("latin1".parse::<Encoding>().is_err());
        assert_eq!(Encoding::Cp1256.to_string(), "cp1256");
    }
}
