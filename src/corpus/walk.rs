//! Turning the input paths into the ordered list of files to read.
//!
//! Directories are walked recursively. Files are ordered by their path relative to the input
//! directory, compared byte-wise with `/` separators (the order of `find | LC_ALL=C sort`).
//! Hidden entries (names starting with `.`) are skipped, files and directories alike, and so
//! are files with an unknown extension and special files (pipes, sockets, devices), and so is
//! a directory below an input that holds [`OUTPUT_TAG`]: khulasa's own output, which a cron
//! job often writes beside its archive (`--out news/digests/DAY`). Symbolic
//! links are followed; each real directory is walked at most once per input (tracked by
//! canonical path), so link loops end, and a directory reached twice through links is read
//! once, under the first path in sorted order.

use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::fs;
use std::path::{Path, PathBuf};

use ahash::AHashSet;

use super::CorpusError;

/// The file that marks a directory as khulasa's output (digest files, a staged run's work
/// directory): the next night's walk of a directory above it does not read yesterday's
/// `digest.md` as an article and its `manifest.jsonl` as a thousand rejected records. Hidden,
/// so it is never read itself; named explicitly as an input, a tagged directory is read.
pub const OUTPUT_TAG: &str = ".khulasa-output";

/// Creates `dir` (and its parents) if need be, tagged as khulasa's output: every directory
/// khulasa writes is made through here.
pub fn create_output_dir(dir: &Path) -> std::io::Result<()> {
    fs::create_dir_all(dir)?;
    let tag = dir.join(OUTPUT_TAG);
    if tag.exists() {
        return Ok(());
    }
    fs::write(
        tag,
        "This directory holds files khulasa wrote. khulasa does not read it as input when it \
         walks a directory above it.\n",
    )
}

/// Whether bytes open as a gzip stream does: how input without a name (a pipe, or its saved
/// copy) is told compressed.
pub fn opens_as_gzip(first: &[u8]) -> bool {
    first.starts_with(&[0x1f, 0x8b])
}

/// The container format of a file, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `.txt`: one plain-text article.
    Txt,
    /// `.md`: one Markdown article, titled by its leading `# ` heading.
    Md,
    /// `.json`: an array of objects.
    Json,
    /// `.jsonl`: one object per line.
    Jsonl,
    /// `.html`, `.htm`: one saved web page, read as a browser shows it and titled by its
    /// `<title>`.
    Html,
}

/// How a file is read: its kind and whether it is gzip-compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Format {
    pub kind: Kind,
    pub gzip: bool,
}

impl Format {
    /// The format named by a file name's extension (case-insensitive), if it is one we read.
    pub fn from_name(name: &OsStr) -> Option<Format> {
        let name = name.to_string_lossy().to_ascii_lowercase();
        let (stem, gzip) = match name.strip_suffix(".gz") {
            Some(stem) => (stem, true),
            None => (name.as_str(), false),
        };
        let (_, extension) = stem.rsplit_once('.')?;
        let kind = match extension {
            "txt" => Kind::Txt,
            "md" => Kind::Md,
            "json" => Kind::Json,
            "jsonl" => Kind::Jsonl,
            "html" | "htm" => Kind::Html,
            _ => return None,
        };
        Some(Format { kind, gzip })
    }
}

/// Files a directory walk passed over because khulasa does not read their type, counted by
/// extension: said on stderr, so a folder of `.csv` or `.xml` files is not read as an empty
/// night without a word, and a mirror's images and style sheets are one line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PassedOver(BTreeMap<String, usize>);

impl PassedOver {
    fn add(&mut self, name: &OsStr) {
        let name = name.to_string_lossy().to_ascii_lowercase();
        let extension = match name.rsplit_once('.') {
            Some((_, ext)) if !ext.is_empty() => format!(".{ext}"),
            _ => "no extension".to_string(),
        };
        *self.0.entry(extension).or_insert(0) += 1;
    }

    /// Whether no file was passed over.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::fmt::Display for PassedOver {
    /// "3 files passed over, of types khulasa does not read: .jpg 2, .css 1", the five commonest
    /// types named.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let total: usize = self.0.values().sum();
        let mut kinds: Vec<(&String, &usize)> = self.0.iter().collect();
        kinds.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let named: Vec<String> = kinds
            .iter()
            .take(5)
            .map(|(ext, n)| format!("{ext} {n}"))
            .collect();
        let more = if kinds.len() > 5 { ", …" } else { "" };
        let files = if total == 1 { "file" } else { "files" };
        write!(
            f,
            "{total} {files} passed over, of types khulasa does not read: {}{more}",
            named.join(", ")
        )
    }
}

/// One thing to turn into records, in output order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Job {
    /// A file to read.
    File {
        /// Path to open.
        path: PathBuf,
        /// Path relative to the input directory (`/`-separated), or the file name for a file
        /// input: the id of a `.txt`, `.md` or `.html` document.
        id: String,
        /// The path as the user sees it (the input joined with the relative path).
        display: String,
        /// `None` for a file named on the command line whose extension we do not read.
        format: Option<Format>,
    },
    /// Standard input (the input `-`): JSON Lines, gzip-compressed or not.
    Stdin,
    /// A directory below an input that could not be listed.
    Unlisted {
        /// Relative path of the directory.
        id: String,
        /// The directory as the user sees it.
        display: String,
        /// What the operating system said.
        reason: String,
    },
}

/// The input that names standard input, as Unix tools take it (a file named `-` is `./-`).
pub const STDIN: &str = "-";

/// Lists the files of one input path in reading order. A path that does not exist, or a
/// directory input that cannot be listed, is an error.
pub(crate) fn walk(input: &Path, passed_over: &mut PassedOver) -> Result<Vec<Job>, CorpusError> {
    if input.as_os_str() == STDIN {
        return Ok(vec![Job::Stdin]);
    }
    let input_error = |source| CorpusError::Input {
        path: input.to_path_buf(),
        source,
    };
    let meta = fs::metadata(input).map_err(input_error)?;
    if !meta.is_dir() {
        let name = input.file_name().unwrap_or(input.as_os_str());
        return Ok(vec![Job::File {
            path: input.to_path_buf(),
            id: name.to_string_lossy().into_owned(),
            display: input.display().to_string(),
            format: Format::from_name(name),
        }]);
    }

    let mut visited = AHashSet::new();
    visited.insert(fs::canonicalize(input).map_err(input_error)?);
    let top = fs::read_dir(input).map_err(input_error)?;

    // (sort key, job): the key is the relative path's bytes joined with '/'.
    let mut found: Vec<(Vec<u8>, Job)> = Vec::new();
    // Directories still to list, as relative path components and the path to open. They are
    // opened only when their turn comes, so a wide tree does not hold many handles open.
    let mut pending: Vec<(Vec<OsString>, PathBuf)> = Vec::new();
    let mut next = Some((Vec::new(), top));
    while let Some((dir, listing)) = next.take() {
        for entry in listing {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    found.push(unlisted(input, &dir, &e));
                    break;
                }
            };
            let name = entry.file_name();
            if name.as_encoded_bytes().starts_with(b".") {
                continue;
            }
            let mut rel = dir.clone();
            rel.push(name);
            let path = entry.path();
            // Follows symbolic links. A broken link is read (and rejected) only if its name
            // says it is a file we would read; sockets, pipes and devices are skipped.
            let meta = fs::metadata(&path);
            if meta.as_ref().is_ok_and(|m| !m.is_dir() && !m.is_file()) {
                continue;
            }
            if meta.is_ok_and(|m| m.is_dir()) {
                if path.join(OUTPUT_TAG).exists() {
                    continue;
                }
                match fs::canonicalize(&path) {
                    Ok(real) => {
                        if !visited.insert(real) {
                            continue;
                        }
                    }
                    Err(e) => {
                        found.push(unlisted(input, &rel, &e));
                        continue;
                    }
                }
                pending.push((rel, path));
            } else if let Some(format) = rel.last().and_then(|n| Format::from_name(n)) {
                found.push((
                    sort_key(&rel),
                    Job::File {
                        path,
                        id: rel_id(&rel),
                        display: display(input, &rel),
                        format: Some(format),
                    },
                ));
            } else if let Some(name) = rel.last() {
                passed_over.add(name);
            }
        }
        while let Some((rel, path)) = pending.pop() {
            match fs::read_dir(&path) {
                Ok(listing) => {
                    next = Some((rel, listing));
                    break;
                }
                Err(e) => found.push(unlisted(input, &rel, &e)),
            }
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(found.into_iter().map(|(_, job)| job).collect())
}

fn unlisted(input: &Path, rel: &[OsString], e: &std::io::Error) -> (Vec<u8>, Job) {
    (
        sort_key(rel),
        Job::Unlisted {
            id: rel_id(rel),
            display: display(input, rel),
            reason: format!("cannot list directory: {e}"),
        },
    )
}

fn sort_key(rel: &[OsString]) -> Vec<u8> {
    let mut key = Vec::new();
    for (i, part) in rel.iter().enumerate() {
        if i > 0 {
            key.push(b'/');
        }
        key.extend_from_slice(part.as_encoded_bytes());
    }
    key
}

fn rel_id(rel: &[OsString]) -> String {
    let parts: Vec<_> = rel.iter().map(|p| p.to_string_lossy()).collect();
    parts.join("/")
}

fn display(input: &Path, rel: &[OsString]) -> String {
    let mut path = input.to_path_buf();
    path.extend(rel);
    path.display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format(name: &str) -> Option<Format> {
        Format::from_name(OsStr::new(name))
    }

    #[test]
    fn formats_come_from_extensions() {
        let plain = |kind| Some(Format { kind, gzip: false });
        let gz = |kind| Some(Format { kind, gzip: true });
        assert_eq!(format("a.txt"), plain(Kind::Txt));
        assert_eq!(format("a.b.MD"), plain(Kind::Md));
        assert_eq!(format("x.json"), plain(Kind::Json));
        assert_eq!(format("x.jsonl"), plain(Kind::Jsonl));
        assert_eq!(format("x.jsonl.gz"), gz(Kind::Jsonl));
        assert_eq!(format("x.TXT.GZ"), gz(Kind::Txt));
        assert_eq!(format("page.html"), plain(Kind::Html));
        assert_eq!(format("page.HTM.gz"), gz(Kind::Html));
        for name in ["x.csv", "x.gz", "txt", "x.tar.gz", "jsonl.gz", "x.json~"] {
            assert_eq!(format(name), None, "{name}");
        }
    }

    #[test]
    fn files_of_other_types_are_passed_over_and_counted_by_type_hidden_ones_not() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("img");
        fs::create_dir_all(&sub).unwrap();
        for name in [
            "a.txt",
            "b.csv",
            "img/x.JPG",
            "img/y.jpg",
            "README",
            ".hidden.csv",
        ] {
            fs::write(dir.path().join(name), "x").unwrap();
        }
        let mut passed = PassedOver::default();
        let jobs = walk(dir.path(), &mut passed).unwrap();
        assert_eq!(jobs.len(), 1);
        assert_eq!(
            passed.to_string(),
            "4 files passed over, of types khulasa does not read: .jpg 2, .csv 1, no extension 1"
        );
        // A file named as an input is read or rejected, never passed over.
        let mut none = PassedOver::default();
        walk(&dir.path().join("b.csv"), &mut none).unwrap();
        assert!(none.is_empty());
    }

    #[test]
    fn sort_key_uses_slash_between_components() {
        let rel = [OsString::from("a"), OsString::from("b.txt")];
        assert_eq!(sort_key(&rel), b"a/b.txt");
        assert_eq!(rel_id(&rel), "a/b.txt");
        assert_eq!(display(Path::new("in"), &rel), "in/a/b.txt");
    }
}
