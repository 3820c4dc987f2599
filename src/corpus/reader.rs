//! Walking inputs and turning each file's bytes into records.
//!
//! Each file is read whole into memory (and decompressed, for `.gz`), then split into lines
//! (`.jsonl`) or array elements (`.json`) which are parsed in parallel; files are read in
//! parallel too. Results are collected in order, so the output does not depend on the number
//! of threads.
//!
//! Decisions worth knowing:
//! - A file that is empty (zero bytes after decompression and byte-order-mark removal) yields
//!   no records, whatever its format. A `.txt` of only whitespace is a document (with blank
//!   text, reported as empty later).
//! - A truncated or corrupt `.gz` keeps the records decoded before the break, then adds one
//!   rejection for the file at the line where the stream broke. An unterminated last line is
//!   kept only if it is complete JSON. A `.txt.gz`/`.md.gz` that breaks is rejected whole.
//! - A file named on the command line with an extension we do not read is one rejection; in a
//!   directory such files are skipped silently.
//! - A directory below an input that cannot be listed is one rejection (the run goes on); an
//!   input path that is missing, or an input directory that cannot be listed, is an error.

use std::fs;
use std::io::Read;
use std::path::PathBuf;

use flate2::read::MultiGzDecoder;
use rayon::prelude::*;
use serde::de::IgnoredAny;

use super::json_array::split_array;
use super::object::{Position, parse_record, reject};
use super::walk::{Job, Kind, walk};
use super::{CorpusError, Document, Encoding, Origin, Record};

/// The reason given for a file named on the command line that we cannot read.
pub(crate) const UNSUPPORTED: &str =
    "unsupported file type (expected .txt, .md, .json, .jsonl, optionally .gz)";

/// Names of the fields read from `.json` and `.jsonl` objects (renamed by `--text-field` etc.).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldNames {
    /// Field holding the record id (default `id`).
    pub id: String,
    /// Field holding the article body (default `text`).
    pub text: String,
    /// Field holding the headline (default `title`).
    pub title: String,
    /// Field holding the outlet (default `source`).
    pub source: String,
    /// Field holding the date (default `date`).
    pub date: String,
    /// Field holding the link (default `url`).
    pub url: String,
}

impl Default for FieldNames {
    fn default() -> Self {
        FieldNames {
            id: "id".into(),
            text: "text".into(),
            title: "title".into(),
            source: "source".into(),
            date: "date".into(),
            url: "url".into(),
        }
    }
}

/// How inputs are read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// Field names for JSON formats.
    pub fields: FieldNames,
    /// Character encoding of the input files.
    pub encoding: Encoding,
}

/// Reads every input (files, and directories recursively in sorted order) into records, in
/// input order, then file order, then line order. Record-level problems become
/// [`Record::Rejected`]; only an input that cannot be found or listed is an error.
pub fn read_inputs(inputs: &[PathBuf], opts: &ReadOptions) -> Result<Vec<Record>, CorpusError> {
    let mut jobs = Vec::new();
    for input in inputs {
        jobs.extend(walk(input)?);
    }
    let per_job: Vec<Vec<Record>> = jobs.par_iter().map(|job| read_job(job, opts)).collect();
    let mut records = Vec::with_capacity(per_job.iter().map(Vec::len).sum());
    for batch in per_job {
        records.extend(batch);
    }
    Ok(records)
}

/// Turns one whole `.txt` or `.md` file into a document: decoded, byte-order mark removed,
/// titled by its leading `# ` heading when Markdown. `None` for an empty file. This is the
/// one path from text to [`Document`], shared by the reader and the seed corpus.
pub(crate) fn text_record(
    id: String,
    file: String,
    bytes: &[u8],
    kind: Kind,
    encoding: Encoding,
) -> Option<Record> {
    let origin = Origin { file, line: None };
    let text = match encoding.decode(bytes) {
        Ok(text) => text,
        Err(e) => return Some(reject(Some(id), origin, e.to_string())),
    };
    if text.is_empty() {
        return None;
    }
    let title = match kind {
        Kind::Md => markdown_title(&text),
        _ => None,
    };
    Some(Record::Document(Document {
        id,
        text: text.into_owned(),
        title,
        source: None,
        date: None,
        url: None,
        origin,
    }))
}

/// The text of a Markdown file's first non-empty line when it is a level-1 `# ` heading
/// (without an optional closing `#` sequence).
fn markdown_title(text: &str) -> Option<String> {
    let first = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    let heading = first.strip_prefix("# ")?.trim();
    let unclosed = heading.trim_end_matches('#');
    let heading =
        if unclosed.len() < heading.len() && (unclosed.is_empty() || unclosed.ends_with(' ')) {
            unclosed.trim_end()
        } else {
            heading
        };
    (!heading.is_empty()).then(|| heading.to_owned())
}

fn read_job(job: &Job, opts: &ReadOptions) -> Vec<Record> {
    let (path, id, display, format) = match job {
        Job::Unlisted {
            id,
            display,
            reason,
        } => {
            let origin = Origin {
                file: display.clone(),
                line: None,
            };
            return vec![reject(Some(id.clone()), origin, reason.clone())];
        }
        Job::File {
            path,
            id,
            display,
            format,
        } => (path, id, display, format),
    };
    let file_origin = || Origin {
        file: display.clone(),
        line: None,
    };
    let Some(format) = *format else {
        return vec![reject(Some(id.clone()), file_origin(), UNSUPPORTED.into())];
    };
    // Whole-file formats are named by their relative path; others by the file as shown.
    let file_id = match format.kind {
        Kind::Txt | Kind::Md => Some(id.clone()),
        Kind::Json | Kind::Jsonl => None,
    };
    let raw = match fs::read(path) {
        Ok(raw) => raw,
        Err(e) => {
            return vec![reject(
                file_id,
                file_origin(),
                format!("cannot read file: {e}"),
            )];
        }
    };
    if raw.is_empty() {
        // Zero bytes, even for `.gz` (which would otherwise be a gzip error): no records.
        return Vec::new();
    }
    let (bytes, gzip_error) = if format.gzip {
        gunzip(&raw)
    } else {
        (raw, None)
    };

    match format.kind {
        Kind::Txt | Kind::Md => match gzip_error {
            Some(reason) => {
                let origin = Origin {
                    file: display.clone(),
                    line: Some(count_newlines(&bytes) + 1),
                };
                vec![reject(file_id, origin, reason)]
            }
            None => text_record(
                id.clone(),
                display.clone(),
                &bytes,
                format.kind,
                opts.encoding,
            )
            .into_iter()
            .collect(),
        },
        Kind::Jsonl => {
            let data = opts.encoding.to_utf8(&bytes);
            read_jsonl(&data, display, opts, gzip_error)
        }
        Kind::Json => {
            let data = opts.encoding.to_utf8(&bytes);
            read_json_array(&data, display, opts, gzip_error)
        }
    }
}

/// Decompresses a whole gzip file (all members). On failure, returns what was decoded before
/// it, and the reason.
fn gunzip(raw: &[u8]) -> (Vec<u8>, Option<String>) {
    let mut out = Vec::with_capacity(raw.len().saturating_mul(4).min(1 << 28));
    match MultiGzDecoder::new(raw).read_to_end(&mut out) {
        Ok(_) => (out, None),
        Err(e) => (
            out,
            Some(format!("gzip stream is truncated or corrupt: {e}")),
        ),
    }
}

fn read_jsonl(
    data: &[u8],
    display: &str,
    opts: &ReadOptions,
    gzip_error: Option<String>,
) -> Vec<Record> {
    let mut lines = split_lines(data);
    let mut broken_at = None;
    if gzip_error.is_some() {
        // The stream broke on the line after the last newline. If that line has content, it
        // was cut short unless it happens to be complete JSON.
        let mut line = count_newlines(data) + 1;
        if let Some(&(last, bytes)) = lines.last()
            && last == line
        {
            if serde_json::from_slice::<IgnoredAny>(bytes).is_ok() {
                line += 1;
            } else {
                lines.pop();
            }
        }
        broken_at = Some(line);
    }
    let origin = |line| Origin {
        file: display.to_owned(),
        line: Some(line),
    };
    let mut records: Vec<Record> = lines
        .par_iter()
        .map(|&(line, bytes)| parse_record(bytes, origin(line), Position::Line, &opts.fields))
        .collect();
    if let (Some(reason), Some(line)) = (gzip_error, broken_at) {
        records.push(reject(None, origin(line), reason));
    }
    records
}

fn read_json_array(
    data: &[u8],
    display: &str,
    opts: &ReadOptions,
    gzip_error: Option<String>,
) -> Vec<Record> {
    let split = split_array(data);
    let origin = |line| Origin {
        file: display.to_owned(),
        line: Some(line),
    };
    let mut records: Vec<Record> = split
        .elements
        .par_iter()
        .map(|e| {
            let bytes = data.get(e.range.clone()).unwrap_or_default();
            let position = Position::Element {
                line: e.line,
                column: e.column,
            };
            parse_record(bytes, origin(e.line), position, &opts.fields)
        })
        .collect();
    // A broken gzip stream explains whatever structural error the cut caused.
    if let Some(reason) = gzip_error {
        let line = count_newlines(data) + 1;
        records.push(reject(None, origin(line), reason));
    } else if let Some(error) = split.error {
        records.push(reject(None, origin(error.line), error.reason));
    }
    records
}

/// The non-blank lines of `data` with their 1-based line numbers.
fn split_lines(data: &[u8]) -> Vec<(u64, &[u8])> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut number = 1;
    while start < data.len() {
        let end = find_newline(&data[start..]).map_or(data.len(), |i| start + i);
        let line = &data[start..end];
        if !line.iter().all(u8::is_ascii_whitespace) {
            lines.push((number, line));
        }
        number += 1;
        start = end + 1;
    }
    lines
}

/// The position of the first `\n`, eight bytes at a time (articles make long lines).
fn find_newline(hay: &[u8]) -> Option<usize> {
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

fn count_newlines(data: &[u8]) -> u64 {
    data.iter().filter(|&&b| b == b'\n').count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn split_lines_skips_blank_lines_and_numbers_from_one() {
        let lines = split_lines(b"a\n\n  \r\nb\r\nc");
        assert_eq!(lines, [(1, &b"a"[..]), (4, &b"b\r"[..]), (5, &b"c"[..])]);
        assert!(split_lines(b"").is_empty());
        assert!(split_lines(b"\n\n").is_empty());
    }

    #[test]
    fn markdown_title_is_the_leading_level_one_heading() {
        assert_eq!(
            markdown_title("\n\n# Title here\nbody"),
            Some("Title here".into())
        );
        assert_eq!(markdown_title("# Closed #\n"), Some("Closed".into()));
        assert_eq!(markdown_title("# C# tips\n"), Some("C# tips".into()));
        assert_eq!(
            markdown_title("# عنوان الخبر\r\nنص"),
            Some("عنوان الخبر".into())
        );
        assert_eq!(markdown_title("intro\n# Title"), None);
        assert_eq!(markdown_title("## Section\n"), None);
        assert_eq!(markdown_title("#NoSpace\n"), None);
        assert_eq!(markdown_title("# \n"), None);
    }

    #[test]
    fn text_record_keeps_whole_text_and_titles_markdown() {
        let md = "# Headline\n\nBody.\n";
        let Some(Record::Document(d)) = text_record(
            "a.md".into(),
            "in/a.md".into(),
            md.as_bytes(),
            Kind::Md,
            Encoding::Utf8,
        ) else {
            panic!("expected a document");
        };
        assert_eq!(d.text, md);
        assert_eq!(d.title.as_deref(), Some("Headline"));
        assert_eq!(d.origin.line, None);

        let Some(Record::Document(d)) = text_record(
            "a.txt".into(),
            "a.txt".into(),
            md.as_bytes(),
            Kind::Txt,
            Encoding::Utf8,
        ) else {
            panic!("expected a document");
        };
        assert_eq!(d.title, None);
    }

    #[test]
    fn empty_text_file_yields_nothing() {
        for bytes in [&b""[..], b"\xEF\xBB\xBF"] {
            assert_eq!(
                text_record("e".into(), "e".into(), bytes, Kind::Txt, Encoding::Utf8),
                None
            );
        }
    }

    #[test]
    fn gunzip_reports_truncation_and_keeps_what_it_decoded() {
        use flate2::{Compression, write::GzEncoder};
        use std::io::Write;
        let text: String = (0..2000).map(|i| format!("line {i}\n")).collect();
        let mut enc = GzEncoder::new(Vec::new(), Compression::default());
        enc.write_all(text.as_bytes()).unwrap();
        let gz = enc.finish().unwrap();

        assert_eq!(gunzip(&gz), (text.clone().into_bytes(), None));
        let (partial, error) = gunzip(&gz[..gz.len() / 2]);
        assert!(
            error
                .unwrap()
                .starts_with("gzip stream is truncated or corrupt: ")
        );
        assert!(text.as_bytes().starts_with(&partial));
        let (nothing, error) = gunzip(b"not gzip at all");
        assert!(nothing.is_empty());
        assert!(error.is_some());
    }
}
