//! Reading a byte stream one line at a time without ever holding more than a bounded line.
//!
//! A line longer than the limit is not stored: its bytes are counted and skipped, so a 100 MB
//! single-line file costs its length in a counter, not in memory.

use std::io::{self, BufRead};

/// One line read by [`read_line_limited`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LineRead {
    /// Bytes in the line, without its `\n` (counted even when the line was not stored).
    pub len: u64,
    /// Whether the line ended with `\n` (false for the last line of the stream).
    pub terminated: bool,
    /// Whether the line was appended to the buffer (`len` within the limit).
    pub stored: bool,
}

/// A read error in the middle of a line, with what was known of the line when it happened.
#[derive(Debug)]
pub(crate) struct BrokenLine {
    /// The line as far as it was read.
    pub partial: LineRead,
    /// What the reader said.
    pub error: io::Error,
}

/// Reads the next line of `reader`, appending it (without `\n`) to `buf` when it is at most
/// `max` bytes; a longer line is skipped to its end and `buf` is left as it was. `Ok(None)` at
/// the end of the stream.
pub(crate) fn read_line_limited(
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
    max: u64,
) -> Result<Option<LineRead>, BrokenLine> {
    let start = buf.len();
    let mut line = LineRead {
        len: 0,
        terminated: false,
        stored: true,
    };
    let mut seen_any = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => {
                return Err(BrokenLine {
                    partial: line,
                    error,
                });
            }
        };
        if available.is_empty() {
            return Ok(seen_any.then_some(line));
        }
        seen_any = true;
        let (chunk, done) = match find_newline(available) {
            Some(i) => (&available[..i], true),
            None => (available, false),
        };
        line.len += chunk.len() as u64;
        if line.stored && line.len <= max {
            buf.extend_from_slice(chunk);
        } else if line.stored {
            line.stored = false;
            buf.truncate(start);
        }
        let used = chunk.len() + usize::from(done);
        reader.consume(used);
        if done {
            line.terminated = true;
            return Ok(Some(line));
        }
    }
}

/// The position of the first `\n`, eight bytes at a time (articles make long lines).
pub(crate) fn find_newline(hay: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    const NEWLINES: u64 = u64::from_ne_bytes([b'\n'; 8]);
    let mut chunks = hay.chunks_exact(8);
    let mut skipped = 0;
    for chunk in chunks.by_ref() {
        let Ok(word) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let x = u64::from_ne_bytes(word) ^ NEWLINES;
        // Non-zero exactly when some byte of `x` is zero, i.e. some byte was '\n'.
        if x.wrapping_sub(ONES) & !x & HIGHS != 0 {
            break;
        }
        skipped += 8;
    }
    hay[skipped..]
        .iter()
        .position(|&b| b == b'\n')
        .map(|i| skipped + i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufReader, Read};

    #[test]
    fn find_newline_matches_a_plain_search() {
        let mut text = "x".repeat(40).into_bytes();
        for pos in 0..text.len() {
            let mut t = text.clone();
            t[pos] = b'\n';
            assert_eq!(find_newline(&t), Some(pos));
        }
        assert_eq!(find_newline(&text), None);
        assert_eq!(find_newline(b""), None);
        // Bytes that differ from '\n' by one bit, and high bytes, are not newlines.
        text.extend_from_slice(&[0x0B, 0x8A, 0x09, 0x00, 0xFF, 0x0A]);
        assert_eq!(find_newline(&text), Some(45));
    }

    /// All lines of `data` read through a tiny buffer, as (stored bytes, line).
    fn all_lines(data: &[u8], max: u64) -> Vec<(Vec<u8>, LineRead)> {
        let mut reader = BufReader::with_capacity(3, data);
        let mut out = Vec::new();
        loop {
            let mut buf = Vec::new();
            match read_line_limited(&mut reader, &mut buf, max) {
                Ok(Some(line)) => out.push((buf, line)),
                Ok(None) => return out,
                Err(e) => panic!("{:?}", e.error),
            }
        }
    }

    #[test]
    fn lines_are_split_across_buffer_refills() {
        let lines = all_lines(b"abcdef\n\nxy", 100);
        let got: Vec<_> = lines
            .iter()
            .map(|(b, l)| (&b[..], l.len, l.terminated))
            .collect();
        assert_eq!(
            got,
            [(&b"abcdef"[..], 6, true), (b"", 0, true), (b"xy", 2, false)]
        );
        assert!(all_lines(b"", 100).is_empty());
    }

    #[test]
    fn long_lines_are_counted_not_stored() {
        let lines = all_lines(b"0123456789\nok\n", 4);
        assert_eq!(lines[0].0, b"");
        assert_eq!(
            lines[0].1,
            LineRead {
                len: 10,
                terminated: true,
                stored: false
            }
        );
        assert_eq!(lines[1].0, b"ok");
        assert!(lines[1].1.stored);
    }

    /// A reader that fails after `good` bytes.
    struct Failing<'a> {
        data: &'a [u8],
        good: usize,
    }

    impl Read for Failing<'_> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            if self.good == 0 {
                return Err(io::Error::other("boom"));
            }
            let n = out.len().min(self.good).min(self.data.len());
            out[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            self.good -= n;
            Ok(n)
        }
    }

    #[test]
    fn a_read_error_reports_the_partial_line() {
        let mut reader = BufReader::with_capacity(
            2,
            Failing {
                data: b"ab\ncde",
                good: 5,
            },
        );
        let mut buf = Vec::new();
        assert!(matches!(
            read_line_limited(&mut reader, &mut buf, 10),
            Ok(Some(_))
        ));
        buf.clear();
        let broken = read_line_limited(&mut reader, &mut buf, 10).unwrap_err();
        assert_eq!(buf, b"cd");
        assert_eq!(broken.partial.len, 2);
        assert!(!broken.partial.terminated);
    }
}
