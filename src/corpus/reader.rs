//! Walking inputs and turning each file's bytes into records.
//!
//! Files are read in parallel and their records collected in order, so the output does not
//! depend on the number of threads. Memory stays bounded by the documents kept, not by the
//! inputs: `.jsonl` (and `.jsonl.gz`) is streamed a batch of lines at a time, a
//! `.txt`/`.md`/`.html` is read only up to `--max-doc-bytes`, and no record over that limit is
//! ever held whole.
//!
//! Decisions worth knowing:
//! - A `.txt`, `.md` or `.html` file is one record whatever it holds: an empty one is a
//!   document with empty text (reported as `empty` later), like one of only whitespace. An
//!   empty `.json` or `.jsonl` holds no record.
//! - A record (a `.jsonl` line, a `.json` array element, a whole `.txt`/`.md`/`.html` after
//!   decompression) over `--max-doc-bytes` is rejected with its size. A `.json` array is read
//!   whole (its elements are split from one buffer): use `.jsonl` for very large archives.
//! - Text with a NUL byte is binary data, not an article: rejected, naming the byte.
//! - A truncated or corrupt `.gz` keeps the records decoded before the break, then adds one
//!   rejection for the file at the line where the stream broke. An unterminated last line is
//!   kept only if it is complete JSON. A `.txt.gz`/`.md.gz` that breaks is rejected whole.
//! - A file named on the command line with an extension we do not read is one rejection; in a
//!   directory such files are skipped silently.
//! - A file that cannot be opened (permissions, dangling link) is one rejection with the
//!   operating system's words. A directory below an input that cannot be listed is one
//!   rejection (the run goes on); an input path that is missing, or an input directory that
//!   cannot be listed, is an error.
//! - The input `-` is standard input, streamed as `.jsonl` is (gzip told by its magic bytes,
//!   as a pipe has no extension). It can be read once: naming it twice is an error.

use std::ffi::OsStr;
use std::io::{self, BufRead, Read};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use flate2::read::MultiGzDecoder;
use rayon::prelude::*;

use super::encoding::locate_invalid;
use super::json_array::split_array;
use super::jsonl::read_jsonl;
use super::markup::page;
use super::object::{Position, parse_record, reject};
use super::page_meta::{PageMeta, page_meta};
use super::walk::{Format, Job, Kind, PassedOver, STDIN, walk};
use super::{CorpusError, Document, Encoding, Origin, Record};

/// The reason given for a file named on the command line that we cannot read.
pub(crate) const UNSUPPORTED: &str =
    "unsupported file type (expected .txt, .md, .html, .htm, .json, .jsonl, optionally .gz)";

/// The default of `--max-doc-bytes`: 10 MiB, far above any article.
pub const DEFAULT_MAX_DOC_BYTES: u64 = 10 << 20;

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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// Field names for JSON formats.
    pub fields: FieldNames,
    /// Character encoding of the input files.
    pub encoding: Encoding,
    /// Largest record accepted, in bytes as stored (after decompression, before decoding).
    pub max_doc_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            fields: FieldNames::default(),
            encoding: Encoding::default(),
            max_doc_bytes: DEFAULT_MAX_DOC_BYTES,
        }
    }
}

/// The reason given for a record over `--max-doc-bytes`.
pub(crate) fn too_big(len: u64, max: u64) -> String {
    format!("record is {len} bytes, over --max-doc-bytes {max}")
}

/// Where records go as they are read: a batch at a time, in input order. Returning
/// [`ControlFlow::Break`] stops the reading.
pub type Sink<'a> = dyn FnMut(Vec<Record>) -> ControlFlow<()> + 'a;

/// Whole files read in parallel per batch handed on.
const FILES_PER_BATCH: usize = 256;

/// Reads every input (files, and directories recursively in sorted order) into records, in
/// input order, then file order, then line order. Record-level problems become
/// [`Record::Rejected`]; only an input that cannot be found or listed is an error.
pub fn read_inputs(inputs: &[PathBuf], opts: &ReadOptions) -> Result<Vec<Record>, CorpusError> {
    let mut records = Vec::new();
    stream_inputs(inputs, opts, &mut |batch| {
        records.extend(batch);
        ControlFlow::Continue(())
    })?;
    Ok(records)
}

/// The files of the inputs in reading order: what [`InputFiles::stream`] reads, listed once so
/// that a staged run can hand each task a contiguous share.
#[derive(Debug, Clone)]
pub struct InputFiles(Vec<Job>, PassedOver);

impl InputFiles {
    /// Lists the inputs (files, and directories recursively in sorted order).
    pub fn list(inputs: &[PathBuf]) -> Result<InputFiles, CorpusError> {
        let mut jobs = Vec::new();
        let mut passed_over = PassedOver::default();
        for input in inputs {
            jobs.extend(walk(input, &mut passed_over)?);
        }
        // A second read of standard input would find nothing, and say nothing of it.
        if jobs.iter().filter(|j| **j == Job::Stdin).count() > 1 {
            return Err(CorpusError::StdinTwice);
        }
        Ok(InputFiles(jobs, passed_over))
    }

    /// The files the walk of input directories passed over, by type (see [`PassedOver`]).
    pub fn passed_over(&self) -> &PassedOver {
        &self.1
    }

    /// Whether standard input is one of the inputs (it can be read once, by one process).
    pub fn has_stdin(&self) -> bool {
        self.0.contains(&Job::Stdin)
    }

    /// The same inputs with standard input read from `saved`, a copy of it (a staged run's
    /// tasks share one): its records still name their file `-`, so outputs do not change.
    pub fn with_stdin_saved_at(self, saved: &Path) -> InputFiles {
        let format = saved.file_name().and_then(Format::from_name);
        InputFiles(
            self.0
                .into_iter()
                .map(|job| match job {
                    Job::Stdin => Job::File {
                        path: saved.to_path_buf(),
                        id: STDIN.to_string(),
                        display: STDIN.to_string(),
                        format,
                    },
                    job => job,
                })
                .collect(),
            self.1,
        )
    }

    /// Number of files (and unlistable directories, each one rejected record).
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there is nothing to read.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Each entry's size in bytes as stored (0 when it cannot be read; reading says why).
    pub fn sizes(&self) -> Vec<u64> {
        self.0
            .iter()
            .map(|job| match job {
                Job::File { path, .. } => std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
                Job::Stdin | Job::Unlisted { .. } => 0,
            })
            .collect()
    }

    /// Reads entries `range`, handing records to `sink` as [`stream_inputs`] does.
    pub fn stream(&self, range: std::ops::Range<usize>, opts: &ReadOptions, sink: &mut Sink<'_>) {
        stream_jobs(&self.0[range], opts, sink);
    }
}

/// Reads the inputs as [`read_inputs`] does, handing the records to `sink` a batch at a time
/// (a batch of `.jsonl` lines, or of whole files read in parallel), so memory holds one batch
/// however large the inputs are.
pub fn stream_inputs(
    inputs: &[PathBuf],
    opts: &ReadOptions,
    sink: &mut Sink<'_>,
) -> Result<(), CorpusError> {
    let files = InputFiles::list(inputs)?;
    files.stream(0..files.len(), opts, sink);
    Ok(())
}

fn stream_jobs(jobs: &[Job], opts: &ReadOptions, sink: &mut Sink<'_>) {
    let streams = |job: &Job| {
        matches!(job, Job::File { format: Some(f), .. } if f.kind == Kind::Jsonl)
            || *job == Job::Stdin
    };
    let mut rest = jobs;
    while let Some(first) = rest.first() {
        let flow = if streams(first) {
            rest = &rest[1..];
            read_job(first, opts, sink)
        } else {
            let whole = rest
                .iter()
                .take(FILES_PER_BATCH)
                .take_while(|j| !streams(j))
                .count();
            let (group, later) = rest.split_at(whole);
            rest = later;
            let per_job: Vec<Vec<Record>> = group
                .par_iter()
                .map(|job| {
                    let mut records = Vec::new();
                    let _ = read_job(job, opts, &mut |batch| {
                        records.extend(batch);
                        ControlFlow::Continue(())
                    });
                    records
                })
                .collect();
            sink(per_job.into_iter().flatten().collect())
        };
        if flow.is_break() {
            break;
        }
    }
}

/// Parses the contents of one file named `name` (its extension gives the format, `.gz`
/// included) exactly as [`read_inputs`] would read that file, without touching the
/// filesystem: the entry point for fuzzing and for callers that hold bytes already.
pub fn parse_bytes(name: &str, bytes: &[u8], opts: &ReadOptions) -> Vec<Record> {
    let file = Named {
        id: name,
        display: name,
    };
    match Format::from_name(OsStr::new(name)) {
        Some(format) => {
            let mut records = Vec::new();
            let _ = read_stream(
                bytes,
                Some(bytes.len() as u64),
                &file,
                format,
                opts,
                &mut |batch| {
                    records.extend(batch);
                    ControlFlow::Continue(())
                },
            );
            records
        }
        None => vec![reject(
            Some(name.to_owned()),
            file.origin(None),
            UNSUPPORTED.into(),
        )],
    }
}

/// How a file is named in records.
struct Named<'a> {
    /// Id of a whole-file record (the path relative to the input root).
    id: &'a str,
    /// The path as the user sees it.
    display: &'a str,
}

impl Named<'_> {
    fn origin(&self, line: Option<u64>) -> Origin {
        Origin {
            file: self.display.to_owned(),
            line,
        }
    }

    /// The id of a rejection for the whole file: its relative path for `.txt`/`.md`/`.html` (the
    /// record's id), `file:line` otherwise.
    fn reject_id(&self, kind: Kind) -> Option<String> {
        match kind {
            Kind::Txt | Kind::Md | Kind::Html => Some(self.id.to_owned()),
            Kind::Json | Kind::Jsonl => None,
        }
    }
}

/// Turns one whole `.txt`, `.md` or `.html` file into a record: decoded, byte-order mark
/// removed, titled by its leading `# ` heading when Markdown, read as a browser shows it and
/// titled by its headline when a web page (see [`page`]); rejected when it holds a NUL byte or is not valid
/// in its encoding. This is the one path from text to [`Document`], shared by the
/// reader and the seed corpus.
pub(crate) fn text_record(
    id: String,
    file: String,
    bytes: &[u8],
    kind: Kind,
    encoding: Encoding,
) -> Record {
    let origin = |line| Origin {
        file: file.clone(),
        line,
    };
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        let spot = locate_invalid(bytes, at, 1, 1);
        let reason = format!(
            "binary data, not text: NUL byte at byte {} of line {}",
            spot.byte, spot.line
        );
        return reject(Some(id), origin(Some(spot.line)), reason);
    }
    let text = match encoding.decode(bytes) {
        Ok(text) => text,
        Err(e) => return reject(Some(id), origin(Some(e.line)), e.to_string()),
    };
    // A saved page dates and places itself in its markup; other files say nothing of it.
    let meta = match kind {
        Kind::Html => page_meta(&text),
        _ => PageMeta::default(),
    };
    let (text, title) = match kind {
        Kind::Md => {
            let title = markdown_title(&text);
            (text.into_owned(), title)
        }
        Kind::Html => page(&text),
        _ => (text.into_owned(), None),
    };
    Record::Document(Document {
        id,
        text,
        title,
        source: meta.source,
        date: meta.date,
        url: meta.url,
        origin: origin(None),
    })
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

fn read_job(job: &Job, opts: &ReadOptions, sink: &mut Sink<'_>) -> ControlFlow<()> {
    let (path, file, format) = match job {
        Job::Unlisted {
            id,
            display,
            reason,
        } => {
            let origin = Origin {
                file: display.clone(),
                line: None,
            };
            return sink(vec![reject(Some(id.clone()), origin, reason.clone())]);
        }
        Job::Stdin => return read_stdin(opts, sink),
        Job::File {
            path,
            id,
            display,
            format,
        } => (path, Named { id, display }, format),
    };
    let Some(format) = *format else {
        return sink(vec![reject(
            Some(file.id.to_owned()),
            file.origin(None),
            UNSUPPORTED.into(),
        )]);
    };
    let opened = std::fs::File::open(path).and_then(|f| f.metadata().map(|m| (f, m.len())));
    match opened {
        Ok((handle, len)) => read_stream(handle, Some(len), &file, format, opts, sink),
        Err(e) => sink(vec![reject(
            file.reject_id(format.kind),
            file.origin(None),
            format!("cannot read file: {e}"),
        )]),
    }
}

/// Reads standard input as JSON Lines, gzip-compressed when it opens with gzip's magic bytes
/// (`zcat` is not needed); its records name their file `-`.
fn read_stdin(opts: &ReadOptions, sink: &mut Sink<'_>) -> ControlFlow<()> {
    let file = Named {
        id: STDIN,
        display: STDIN,
    };
    let mut input = io::stdin().lock();
    // An error here is met again by the read itself, which rejects at the line it stopped.
    let gzip = input.fill_buf().is_ok_and(super::walk::opens_as_gzip);
    let format = Format {
        kind: Kind::Jsonl,
        gzip,
    };
    read_stream(input, None, &file, format, opts, sink)
}

/// Reads one file's records from `raw`, its bytes as stored (`raw_len` of them, when known).
fn read_stream(
    raw: impl Read,
    raw_len: Option<u64>,
    file: &Named<'_>,
    format: Format,
    opts: &ReadOptions,
    sink: &mut Sink<'_>,
) -> ControlFlow<()> {
    if format.gzip {
        // Zero bytes is an empty file, not a broken gzip stream.
        if raw_len == Some(0) {
            return read_decoded(
                io::empty(),
                Some(0),
                file,
                format.kind,
                opts,
                &file_error,
                sink,
            );
        }
        let reason = |e: &io::Error| format!("gzip stream is truncated or corrupt: {e}");
        read_decoded(
            MultiGzDecoder::new(raw),
            None,
            file,
            format.kind,
            opts,
            &reason,
            sink,
        )
    } else {
        read_decoded(raw, raw_len, file, format.kind, opts, &file_error, sink)
    }
}

fn file_error(e: &io::Error) -> String {
    format!("cannot read file: {e}")
}

/// Reads records of `kind` from a decompressed stream of `len` bytes (when known).
fn read_decoded(
    mut data: impl Read,
    len: Option<u64>,
    file: &Named<'_>,
    kind: Kind,
    opts: &ReadOptions,
    describe: &dyn Fn(&io::Error) -> String,
    sink: &mut Sink<'_>,
) -> ControlFlow<()> {
    match kind {
        Kind::Jsonl => read_jsonl(data, file.display, opts, describe, sink),
        Kind::Txt | Kind::Md | Kind::Html => {
            sink(read_text_file(data, len, file, kind, opts, describe))
        }
        Kind::Json => {
            let mut bytes = Vec::new();
            let error = data.read_to_end(&mut bytes).err().map(|e| describe(&e));
            let text = opts.encoding.to_utf8(&bytes);
            sink(read_json_array(&text, file.display, opts, error))
        }
    }
}

/// Reads one whole `.txt`/`.md`/`.html` record, up to `--max-doc-bytes`.
fn read_text_file(
    mut data: impl Read,
    len: Option<u64>,
    file: &Named<'_>,
    kind: Kind,
    opts: &ReadOptions,
    describe: &dyn Fn(&io::Error) -> String,
) -> Vec<Record> {
    let max = opts.max_doc_bytes;
    let reject_whole = |line, reason| vec![reject(file.reject_id(kind), file.origin(line), reason)];
    if let Some(len) = len.filter(|&len| len > max) {
        return reject_whole(None, too_big(len, max));
    }
    let mut bytes = Vec::new();
    let read = data
        .by_ref()
        .take(max.saturating_add(1))
        .read_to_end(&mut bytes);
    if let Err(e) = read {
        let line = count_newlines(&bytes) + 1;
        return reject_whole(Some(line), describe(&e));
    }
    if bytes.len() as u64 > max {
        // Count the rest without keeping it.
        let rest = io::copy(&mut data, &mut io::sink()).unwrap_or(0);
        return reject_whole(None, too_big(bytes.len() as u64 + rest, max));
    }
    vec![text_record(
        file.id.to_owned(),
        file.display.to_owned(),
        &bytes,
        kind,
        opts.encoding,
    )]
}

fn read_json_array(
    data: &[u8],
    display: &str,
    opts: &ReadOptions,
    read_error: Option<String>,
) -> Vec<Record> {
    let split = split_array(data);
    let origin = |line| Origin {
        file: display.to_owned(),
        line: Some(line),
    };
    let max = opts.max_doc_bytes;
    let mut records: Vec<Record> = split
        .elements
        .par_iter()
        .map(|e| {
            let len = e.range.len() as u64;
            if len > max {
                return reject(None, origin(e.line), too_big(len, max));
            }
            let bytes = data.get(e.range.clone()).unwrap_or_default();
            let position = Position::Element {
                line: e.line,
                column: e.column,
            };
            parse_record(bytes, origin(e.line), position, &opts.fields)
        })
        .collect();
    // A broken stream explains whatever structural error the cut caused.
    if let Some(reason) = read_error {
        let line = count_newlines(data) + 1;
        records.push(reject(None, origin(line), reason));
    } else if let Some(error) = split.error {
        records.push(reject(None, origin(error.line), error.reason));
    }
    records
}

fn count_newlines(data: &[u8]) -> u64 {
    data.iter().filter(|&&b| b == b'\n').count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(record: &Record) -> &Document {
        match record {
            Record::Document(d) => d,
            Record::Rejected(r) => panic!("rejected: {r:?}"),
        }
    }

    fn reason(record: &Record) -> &str {
        match record {
            Record::Rejected(r) => &r.reason,
            Record::Document(d) => panic!("kept: {d:?}"),
        }
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        use flate2::{Compression, write::GzEncoder};
        use std::io::Write;
        let mut enc = GzEncoder::new(Vec::new(), Compression::default());
        enc.write_all(bytes).unwrap();
        enc.finish().unwrap()
    }

    fn limited(max: u64) -> ReadOptions {
        ReadOptions {
            max_doc_bytes: max,
            ..ReadOptions::default()
        }
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
        let record = text_record(
            "a.md".into(),
            "in/a.md".into(),
            md.as_bytes(),
            Kind::Md,
            Encoding::Utf8,
        );
        let d = doc(&record);
        assert_eq!(d.text, md);
        assert_eq!(d.title.as_deref(), Some("Headline"));
        assert_eq!(d.origin.line, None);

        let record = text_record(
            "a.txt".into(),
            "a.txt".into(),
            md.as_bytes(),
            Kind::Txt,
            Encoding::Utf8,
        );
        assert_eq!(doc(&record).title, None);
    }

    #[test]
    fn an_empty_text_file_is_an_empty_document() {
        for bytes in [&b""[..], b"\xEF\xBB\xBF"] {
            let record = text_record("e".into(), "e".into(), bytes, Kind::Txt, Encoding::Utf8);
            assert_eq!(doc(&record).text, "");
        }
        for name in ["e.txt", "e.md", "e.txt.gz"] {
            assert_eq!(doc(&parse_bytes(name, b"", &limited(10))[0]).text, "");
        }
        for name in ["e.json", "e.jsonl", "e.jsonl.gz", "e.json.gz"] {
            assert_eq!(parse_bytes(name, b"", &limited(10)), []);
        }
    }

    #[test]
    fn nul_bytes_make_a_text_binary() {
        let record = parse_bytes("b.txt", b"line one\nab\0cd", &ReadOptions::default());
        assert_eq!(
            reason(&record[0]),
            "binary data, not text: NUL byte at byte 3 of line 2"
        );
        assert_eq!(record[0].origin().line, Some(2));
        assert_eq!(record[0].id(), "b.txt");
    }

    #[test]
    fn truncated_gzip_keeps_what_it_decoded_and_says_where_it_broke() {
        let text: String = (0..2000)
            .map(|i| format!("{{\"text\": \"line {i}\"}}\n"))
            .collect();
        let gz = gzip(text.as_bytes());
        let whole = parse_bytes("a.jsonl.gz", &gz, &ReadOptions::default());
        assert_eq!(whole.len(), 2000);
        let cut = parse_bytes("a.jsonl.gz", &gz[..gz.len() / 2], &ReadOptions::default());
        let (last, kept) = cut.split_last().unwrap();
        assert!(!kept.is_empty() && kept.len() < 2000);
        assert!(
            reason(last).starts_with("gzip stream is truncated or corrupt: "),
            "{}",
            reason(last)
        );
        assert_eq!(last.origin().line, Some(kept.len() as u64 + 1));
        let junk = parse_bytes("b.txt.gz", b"not gzip at all", &ReadOptions::default());
        assert!(reason(&junk[0]).starts_with("gzip stream is truncated or corrupt: "));
    }

    #[test]
    fn records_over_the_limit_are_rejected_with_their_size() {
        let opts = limited(20);
        let over = "x".repeat(30);
        let expected = "record is 30 bytes, over --max-doc-bytes 20";
        for name in ["a.txt", "a.md", "a.txt.gz"] {
            let bytes = if name.ends_with(".gz") {
                gzip(over.as_bytes())
            } else {
                over.clone().into_bytes()
            };
            let records = parse_bytes(name, &bytes, &opts);
            assert_eq!(reason(&records[0]), expected, "{name}");
            assert_eq!(records[0].id(), name);
        }
        let line = format!("{{\"text\": \"{}\"}}", "y".repeat(40));
        let jsonl = format!("{{\"text\": \"ok\"}}\n{line}\n{{\"text\": \"ok\"}}\n");
        let records = parse_bytes("a.jsonl", jsonl.as_bytes(), &opts);
        assert_eq!(doc(&records[0]).text, "ok");
        assert_eq!(
            reason(&records[1]),
            "record is 52 bytes, over --max-doc-bytes 20"
        );
        assert_eq!(records[1].origin().line, Some(2));
        assert_eq!(doc(&records[2]).text, "ok");
        let json = format!("[{{\"text\": \"ok\"}},\n{line}]");
        let records = parse_bytes("a.json", json.as_bytes(), &opts);
        assert_eq!(doc(&records[0]).text, "ok");
        assert_eq!(
            reason(&records[1]),
            "record is 52 bytes, over --max-doc-bytes 20"
        );
        assert_eq!(records[1].origin().line, Some(2));
    }

    #[test]
    fn jsonl_batches_keep_line_numbers_and_order() {
        let n = 20_000;
        let text: String = (0..n)
            .map(|i| format!("{{\"id\": \"r{i}\", \"text\": \"t\"}}\n\n"))
            .collect();
        let records = parse_bytes("a.jsonl", text.as_bytes(), &ReadOptions::default());
        assert_eq!(records.len(), n);
        for (i, r) in records.iter().enumerate() {
            assert_eq!(r.id(), format!("r{i}"));
            assert_eq!(r.origin().line, Some(2 * i as u64 + 1));
        }
    }

    #[test]
    fn a_byte_order_mark_means_utf8_even_under_cp1256() {
        let opts = ReadOptions {
            encoding: Encoding::Cp1256,
            ..ReadOptions::default()
        };
        let bytes = "\u{FEFF}{\"text\": \"سلام\"}\n".as_bytes();
        assert_eq!(doc(&parse_bytes("a.jsonl", bytes, &opts)[0]).text, "سلام");
    }

    proptest::proptest! {
        /// The `readers` fuzz target's invariants, on every `cargo test`.
        #[test]
        fn any_bytes_in_any_format_give_records_without_panic(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300),
            format in 0usize..7,
            max in 1u64..64,
            cut in 0usize..300,
        ) {
            let names = ["a.txt", "a.md", "a.json", "a.jsonl", "a.txt.gz", "a.json.gz", "a.jsonl.gz"];
            let name = names[format];
            let data = if name.ends_with(".gz") {
                let gz = gzip(&bytes);
                gz[..cut.min(gz.len())].to_vec()
            } else {
                bytes
            };
            let records = parse_bytes(name, &data, &limited(max));
            if name.starts_with("a.txt") || name.starts_with("a.md") {
                proptest::prop_assert_eq!(records.len(), 1);
            }
            let mut last = 0;
            for r in &records {
                proptest::prop_assert_eq!(&r.origin().file, name);
                if name.starts_with("a.jsonl") {
                    let line = r.origin().line.unwrap_or(0);
                    proptest::prop_assert!(line > last);
                    last = line;
                }
            }
        }
    }

    /// Fuzz regression (`readers` target, a wrong invariant there): the limit counts bytes
    /// as stored, and one Windows-1256 byte may decode to three (0xFE is U+200F).
    #[test]
    fn the_limit_counts_stored_bytes_not_decoded_ones() {
        let opts = ReadOptions {
            encoding: Encoding::Cp1256,
            ..limited(1)
        };
        let records = parse_bytes("a.txt", b"\xFE", &opts);
        assert_eq!(doc(&records[0]).text, "\u{200F}");
    }

    #[test]
    fn unknown_names_are_unsupported() {
        let records = parse_bytes("a.csv", b"x", &ReadOptions::default());
        assert_eq!(reason(&records[0]), UNSUPPORTED);
    }
}
