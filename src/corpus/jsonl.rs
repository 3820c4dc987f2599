//! Reading `.jsonl` from a byte stream, a bounded batch of lines at a time.
//!
//! Lines are read into one buffer until it holds about [`BATCH_BYTES`], then parsed in
//! parallel and dropped, so memory holds one batch plus the documents kept, whatever the size
//! of the file (or of its decompressed stream). A line over `--max-doc-bytes` is counted and
//! skipped without being stored. A read error (a truncated `.gz`) ends the file: the records
//! before it are kept, an unterminated last line only if it is complete JSON, and one
//! rejection names the line where the stream broke.

use std::io::{self, BufReader, Read};
use std::ops::{ControlFlow, Range};

use rayon::prelude::*;
use serde::de::IgnoredAny;

use super::encoding::BOM;
use super::lines::read_line_limited;
use super::object::{Position, parse_record, reject};
use super::reader::{Sink, too_big};
use super::{Encoding, Origin, ReadOptions, Record};

/// Bytes of lines gathered before a batch is parsed.
const BATCH_BYTES: usize = 8 << 20;

/// Lines gathered before a batch is parsed, whatever their size.
const BATCH_LINES: usize = 8192;

/// One line of a batch: its 1-based number and either its bytes in the batch buffer or the
/// record it already became.
enum Item {
    Line(u64, Range<usize>),
    Done(Record),
}

/// Reads every record of a JSONL stream, handing them to `sink` a batch at a time. `display` names the file; `describe` turns a read
/// error into the rejection reason.
pub(crate) fn read_jsonl(
    source: impl Read,
    display: &str,
    opts: &ReadOptions,
    describe: impl Fn(&io::Error) -> String,
    sink: &mut Sink<'_>,
) -> ControlFlow<()> {
    let mut reader = BufReader::with_capacity(1 << 16, source);
    let origin = |line| Origin {
        file: display.to_owned(),
        line: Some(line),
    };
    let mut encoding = opts.encoding;
    let mut buf = Vec::new();
    let mut items = Vec::new();
    let mut number = 0;
    loop {
        number += 1;
        let start = buf.len();
        let line = read_line_limited(&mut reader, &mut buf, opts.max_doc_bytes);
        if number == 1 && buf[start..].starts_with(BOM) {
            // A byte-order mark says UTF-8, whatever --encoding says.
            buf.drain(start..start + BOM.len());
            encoding = Encoding::Utf8;
        }
        let blank = buf[start..].iter().all(u8::is_ascii_whitespace);
        match line {
            Ok(None) => break,
            Ok(Some(line)) if !line.stored => {
                let reason = too_big(line.len, opts.max_doc_bytes);
                items.push(Item::Done(reject(None, origin(number), reason)));
            }
            Ok(Some(_)) if blank => buf.truncate(start),
            Ok(Some(_)) => items.push(Item::Line(number, start..buf.len())),
            Err(broken) => {
                // The stream broke on this line. If it has content, it was cut short unless
                // it happens to be complete JSON.
                let mut at = number;
                let complete = broken.partial.stored
                    && !blank
                    && serde_json::from_slice::<IgnoredAny>(&encoding.line_to_utf8(&buf[start..]))
                        .is_ok();
                if complete {
                    items.push(Item::Line(number, start..buf.len()));
                    at += 1;
                }
                let reason = describe(&broken.error);
                items.push(Item::Done(reject(None, origin(at), reason)));
                break;
            }
        }
        if buf.len() >= BATCH_BYTES || items.len() >= BATCH_LINES {
            sink(parse_batch(&buf, &mut items, display, opts, encoding))?;
            buf.clear();
            if buf.capacity() > 2 * BATCH_BYTES {
                // A huge line grew the buffer: give the memory back.
                buf = Vec::new();
            }
        }
    }
    sink(parse_batch(&buf, &mut items, display, opts, encoding))
}

/// Parses the lines of one batch in parallel, in order, emptying `items`.
fn parse_batch(
    buf: &[u8],
    items: &mut Vec<Item>,
    display: &str,
    opts: &ReadOptions,
    encoding: Encoding,
) -> Vec<Record> {
    std::mem::take(items)
        .into_par_iter()
        .map(|item| match item {
            Item::Done(record) => record,
            Item::Line(number, range) => {
                let bytes = buf.get(range).unwrap_or_default();
                let origin = Origin {
                    file: display.to_owned(),
                    line: Some(number),
                };
                let utf8 = encoding.line_to_utf8(bytes);
                parse_record(&utf8, origin, Position::Line, &opts.fields)
            }
        })
        .collect()
}
