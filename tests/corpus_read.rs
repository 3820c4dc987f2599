//! Reading real files and directories through `khulasa::corpus::read_inputs`.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::write::GzEncoder;
use khulasa::corpus::{
    CorpusError, Document, Encoding, FieldNames, Origin, ReadOptions, Record, Rejected,
    read_inputs, seed_records,
};
use tempfile::TempDir;

fn read(inputs: &[&Path]) -> Vec<Record> {
    read_with(inputs, &ReadOptions::default())
}

fn read_with(inputs: &[&Path], opts: &ReadOptions) -> Vec<Record> {
    let inputs: Vec<PathBuf> = inputs.iter().map(|p| p.to_path_buf()).collect();
    read_inputs(&inputs, opts).expect("inputs exist")
}

fn write(dir: &Path, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&path, bytes).unwrap();
    path
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

fn doc(record: &Record) -> &Document {
    match record {
        Record::Document(d) => d,
        Record::Rejected(r) => panic!("expected a document, got {r:?}"),
    }
}

fn rejected(record: &Record) -> &Rejected {
    match record {
        Record::Rejected(r) => r,
        Record::Document(d) => panic!("expected a rejection, got {d:?}"),
    }
}

fn ids(records: &[Record]) -> Vec<&str> {
    records.iter().map(Record::id).collect()
}

fn lines(records: &[Record]) -> Vec<Option<u64>> {
    records.iter().map(|r| r.origin().line).collect()
}

#[test]
fn nested_dirs_are_read_in_sorted_byte_order_skipping_hidden_and_unknown() {
    let tmp = TempDir::new().unwrap();
    let root = tmp.path();
    for rel in [
        "b.txt",
        "a/z.txt",
        "a/b/c.txt",
        "A.txt",
        "a.txt",
        "a-b.md",
        ".hidden.txt",
        ".git/x.txt",
        "a/.cache/y.txt",
        "notes.csv",
        "a/archive.tar.gz",
    ] {
        write(root, rel, format!("text of {rel}"));
    }
    let records = read(&[root]);
    // Byte-wise on the relative path: '-' (0x2D) < '.' (0x2E) < '/' (0x2F) < 'A' < 'a'.
    assert_eq!(
        ids(&records),
        ["A.txt", "a-b.md", "a.txt", "a/b/c.txt", "a/z.txt", "b.txt"]
    );
    let d = doc(&records[3]);
    assert_eq!(d.text, "text of a/b/c.txt");
    assert_eq!(
        d.origin,
        Origin {
            file: shown(&root.join("a").join("b").join("c.txt")),
            line: None
        }
    );
}

#[test]
fn fixture_directory_reads_every_format_in_order() {
    let dir = Path::new("tests/fixtures/corpus/mixed");
    let records = read(&[dir]);
    assert_eq!(
        ids(&records),
        [
            "w1",
            "tests/fixtures/corpus/mixed/01-wire.jsonl:3",
            "7",
            "a1",
            "a2",
            "03-note.md",
            "04-plain.txt",
            "sub/05-nested.txt"
        ]
    );
    assert_eq!(
        lines(&records),
        [
            Some(1),
            Some(3),
            Some(4),
            Some(2),
            Some(3),
            None,
            None,
            None
        ]
    );
    let w1 = doc(&records[0]);
    assert_eq!(w1.source.as_deref(), Some("spa"));
    assert_eq!(w1.date.as_deref(), Some("2015-03-01"));
    assert_eq!(doc(&records[1]).title.as_deref(), Some("عنوان"));
    assert_eq!(
        rejected(&records[2]).reason,
        "field `text` is null, expected a string"
    );
    assert_eq!(
        doc(&records[3]).text,
        "first [with] {brackets} and \"quotes\""
    );
    let note = doc(&records[5]);
    assert_eq!(note.title.as_deref(), Some("عنوان المقال"));
    assert_eq!(note.text, "# عنوان المقال\n\nنص المقال.\n");
    assert_eq!(
        note.origin.file,
        shown(&dir.join("03-note.md")),
        "origin is the path as the user gave it"
    );
    assert_eq!(doc(&records[6]).title, None);
    assert_eq!(
        doc(&records[7]).origin.file,
        "tests/fixtures/corpus/mixed/sub/05-nested.txt"
    );
}

#[test]
fn inputs_keep_their_order_and_a_file_input_is_named_by_its_file_name() {
    let tmp = TempDir::new().unwrap();
    let z = write(tmp.path(), "z/one.txt", "one");
    let a = write(tmp.path(), "a/two.md", "two");
    let records = read(&[&z, &a, &tmp.path().join("a")]);
    assert_eq!(ids(&records), ["one.txt", "two.md", "two.md"]);
    assert_eq!(records[0].origin().file, shown(&z));
    assert_eq!(records[2].origin().file, shown(&a));
}

#[test]
fn explicit_file_with_unknown_extension_is_rejected() {
    let tmp = TempDir::new().unwrap();
    let csv = write(tmp.path(), "data.csv", "a,b\n");
    let records = read(&[&csv]);
    assert_eq!(records.len(), 1);
    let r = rejected(&records[0]);
    assert_eq!(r.id, "data.csv");
    assert_eq!(
        r.origin,
        Origin {
            file: shown(&csv),
            line: None
        }
    );
    assert_eq!(
        r.reason,
        "unsupported file type (expected .txt, .md, .html, .htm, .json, .jsonl, optionally .gz)"
    );
}

#[test]
fn json_array_elements_start_at_their_opening_brace_line() {
    let tmp = TempDir::new().unwrap();
    let json = "[\n{\"id\": \"x\", \"text\": \"a ] } [ {\"},\n\n  {\"text\": \"b\",\n \"title\": \"t\"}, {\"id\": 3, \"text\": \"c\"}\n]";
    let path = write(tmp.path(), "arr.json", json);
    let records = read(&[&path]);
    let file = shown(&path);
    assert_eq!(
        ids(&records),
        ["x".to_string(), format!("{file}:4"), "3".into()]
    );
    assert_eq!(lines(&records), [Some(2), Some(4), Some(5)]);
    assert_eq!(doc(&records[0]).text, "a ] } [ {");
    assert_eq!(doc(&records[1]).title.as_deref(), Some("t"));
}

#[test]
fn renamed_fields_are_read() {
    let tmp = TempDir::new().unwrap();
    let path = write(
        tmp.path(),
        "r.jsonl",
        "{\"article_id\": \"k1\", \"body\": \"b1\", \"headline\": \"h\", \"outlet\": \"o\", \
         \"published\": \"2020\", \"link\": \"u\", \"text\": \"wrong\"}\n{\"text\": \"only text\"}\n",
    );
    let opts = ReadOptions {
        fields: FieldNames {
            id: "article_id".into(),
            text: "body".into(),
            title: "headline".into(),
            source: "outlet".into(),
            date: "published".into(),
            url: "link".into(),
        },
        ..ReadOptions::default()
    };
    let records = read_with(&[&path], &opts);
    let d = doc(&records[0]);
    assert_eq!(
        (
            d.id.as_str(),
            d.text.as_str(),
            d.title.as_deref(),
            d.source.as_deref(),
            d.date.as_deref(),
            d.url.as_deref()
        ),
        ("k1", "b1", Some("h"), Some("o"), Some("2020"), Some("u"))
    );
    assert_eq!(rejected(&records[1]).reason, "no `body` field");
}

#[test]
fn records_without_ids_are_named_file_and_line() {
    let tmp = TempDir::new().unwrap();
    let path = write(
        tmp.path(),
        "n.jsonl",
        "\n{\"text\": \"a\"}\n{\"id\": \"\", \"text\": \"b\"}\n\n{\"id\": \"c\", \"text\": \"c\"}\n",
    );
    let file = shown(&path);
    assert_eq!(
        ids(&read(&[&path])),
        [format!("{file}:2"), format!("{file}:3"), "c".into()]
    );
}

#[test]
fn byte_order_marks_are_stripped() {
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), "a.txt", b"\xEF\xBB\xBFbom text");
    write(
        tmp.path(),
        "b.jsonl",
        b"\xEF\xBB\xBF{\"id\": \"j\", \"text\": \"t\"}\n",
    );
    write(
        tmp.path(),
        "c.json",
        b"\xEF\xBB\xBF[{\"id\": \"k\", \"text\": \"t\"}]",
    );
    write(tmp.path(), "d.md", b"\xEF\xBB\xBF# Title\nbody");
    let records = read(&[tmp.path()]);
    assert_eq!(ids(&records), ["a.txt", "j", "k", "d.md"]);
    assert_eq!(doc(&records[0]).text, "bom text");
    assert_eq!(doc(&records[3]).title.as_deref(), Some("Title"));
}

#[test]
fn cp1256_files_are_decoded_when_asked_and_rejected_as_utf8_otherwise() {
    let tmp = TempDir::new().unwrap();
    let encode = |s: &str| encoding_rs::WINDOWS_1256.encode(s).0.into_owned();
    write(tmp.path(), "a.txt", encode("وكالة الأنباء"));
    write(
        tmp.path(),
        "b.jsonl",
        encode("{\"id\": \"1\", \"text\": \"الخبر الأول\", \"title\": \"عنوان\"}\n"),
    );
    let cp1256 = ReadOptions {
        encoding: Encoding::Cp1256,
        ..ReadOptions::default()
    };
    let records = read_with(&[tmp.path()], &cp1256);
    assert_eq!(doc(&records[0]).text, "وكالة الأنباء");
    assert_eq!(doc(&records[1]).text, "الخبر الأول");
    assert_eq!(doc(&records[1]).title.as_deref(), Some("عنوان"));

    let records = read(&[tmp.path()]);
    let txt = rejected(&records[0]);
    assert_eq!(txt.id, "a.txt");
    assert!(
        txt.reason.starts_with("invalid UTF-8 at byte 1 of line 1"),
        "{}",
        txt.reason
    );
    assert!(txt.reason.contains("--encoding cp1256"));
    let line = rejected(&records[1]);
    assert_eq!(line.origin.line, Some(1));
    assert!(
        line.reason
            .starts_with("invalid UTF-8 at byte 22 of the line"),
        "{}",
        line.reason
    );
}

#[test]
fn malformed_jsonl_keeps_good_records_and_rejects_each_bad_one_at_its_line() {
    let tmp = TempDir::new().unwrap();
    let mut bytes = Vec::new();
    bytes.extend_from_slice(b"{\"id\": \"ok1\", \"text\": \"first\"}\n"); // 1
    bytes.extend_from_slice(b"{\"id\": \"bad\", \"text\": \n"); // 2: not JSON
    bytes.extend_from_slice(b"[1, 2, 3]\n"); // 3: not an object
    bytes.extend_from_slice(b"\n"); // 4: blank, skipped
    bytes.extend_from_slice(b"{\"id\": \"nul\", \"text\": null}\n"); // 5
    bytes.extend_from_slice(b"{\"id\": \"num\", \"text\": 42}\n"); // 6
    bytes.extend_from_slice(b"{\"id\": \"enc\", \"text\": \"caf\xE9\"}\n"); // 7: not UTF-8
    bytes.extend_from_slice(b"{\"id\": \"ok2\", \"text\": \"\"}\r\n"); // 8: empty text is fine
    bytes.extend_from_slice(b"{\"id\": \"miss\"}"); // 9: no newline at the end
    let path = write(tmp.path(), "bad.jsonl", &bytes);
    let file = shown(&path);
    let records = read(&[&path]);

    assert_eq!(
        ids(&records),
        [
            "ok1".to_string(),
            format!("{file}:2"),
            format!("{file}:3"),
            "nul".into(),
            "num".into(),
            format!("{file}:7"),
            "ok2".into(),
            "miss".into()
        ]
    );
    assert_eq!(
        lines(&records),
        [2, 3, 5, 6, 7, 8, 9]
            .iter()
            .fold(vec![Some(1)], |mut v, &l| {
                v.push(Some(l));
                v
            })
    );
    assert_eq!(doc(&records[0]).text, "first");
    let reasons: Vec<&str> = records
        .iter()
        .filter_map(|r| match r {
            Record::Rejected(r) => Some(r.reason.as_str()),
            Record::Document(_) => None,
        })
        .collect();
    assert_eq!(reasons.len(), 6);
    assert!(
        reasons[0].starts_with("invalid JSON at column "),
        "{}",
        reasons[0]
    );
    assert!(reasons[0].contains("EOF while parsing"), "{}", reasons[0]);
    assert_eq!(reasons[1], "expected a JSON object, found an array");
    assert_eq!(reasons[2], "field `text` is null, expected a string");
    assert_eq!(reasons[3], "field `text` is a number, expected a string");
    assert_eq!(
        reasons[4],
        "invalid UTF-8 at byte 27 of the line (try --encoding cp1256 if this is a legacy \
         Arabic archive)"
    );
    assert_eq!(reasons[5], "no `text` field");
    assert_eq!(doc(&records[6]).text, "");
}

#[test]
fn gzip_files_of_every_format_are_read() {
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), "a.txt.gz", gzip("نص مضغوط".as_bytes()));
    write(tmp.path(), "b.md.gz", gzip(b"# Zipped\nbody"));
    write(
        tmp.path(),
        "c.json.gz",
        gzip(b"[{\"id\": \"j1\", \"text\": \"x\"}, {\"id\": \"j2\", \"text\": \"y\"}]"),
    );
    // Two gzip members, as `cat a.gz b.gz` makes.
    let mut members = gzip(b"{\"id\": \"l1\", \"text\": \"x\"}\n");
    members.extend(gzip(b"{\"id\": \"l2\", \"text\": \"y\"}\n"));
    write(tmp.path(), "d.jsonl.gz", members);
    let records = read(&[tmp.path()]);
    assert_eq!(
        ids(&records),
        ["a.txt.gz", "b.md.gz", "j1", "j2", "l1", "l2"]
    );
    assert_eq!(doc(&records[0]).text, "نص مضغوط");
    assert_eq!(doc(&records[1]).title.as_deref(), Some("Zipped"));
    assert_eq!(lines(&records)[5], Some(2));
}

fn many_lines(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "{{\"id\": \"r{i}\", \"text\": \"article number {i} {}\"}}\n",
                i * 7919
            )
        })
        .collect()
}

#[test]
fn truncated_jsonl_gz_keeps_records_before_the_break() {
    let tmp = TempDir::new().unwrap();
    let n = 5000;
    let full = gzip(many_lines(n).as_bytes());
    let path = write(tmp.path(), "cut.jsonl.gz", &full[..full.len() / 2]);
    let records = read(&[&path]);

    let (last, kept) = records.split_last().unwrap();
    assert!(!kept.is_empty() && kept.len() < n, "kept {}", kept.len());
    for (i, record) in kept.iter().enumerate() {
        assert_eq!(doc(record).id, format!("r{i}"));
        assert_eq!(record.origin().line, Some(i as u64 + 1));
    }
    let broken = rejected(last);
    assert_eq!(broken.origin.line, Some(kept.len() as u64 + 1));
    assert_eq!(broken.id, format!("{}:{}", shown(&path), kept.len() + 1));
    assert!(
        broken
            .reason
            .starts_with("gzip stream is truncated or corrupt: "),
        "{}",
        broken.reason
    );
}

#[test]
fn truncated_json_gz_and_txt_gz_are_reported() {
    let tmp = TempDir::new().unwrap();
    let array = format!(
        "[\n{}]",
        (0..3000)
            .map(|i| format!("{{\"id\": \"e{i}\", \"text\": \"element {i} {}\"}}", i * 31))
            .collect::<Vec<_>>()
            .join(",\n")
    );
    let full = gzip(array.as_bytes());
    write(tmp.path(), "a.json.gz", &full[..full.len() / 2]);
    let text = many_lines(3000);
    let full = gzip(text.as_bytes());
    write(tmp.path(), "b.txt.gz", &full[..full.len() / 2]);
    let records = read(&[tmp.path()]);

    let docs = records
        .iter()
        .take_while(|r| matches!(r, Record::Document(_)))
        .count();
    assert!(docs > 0 && docs < 3000);
    assert_eq!(records.len(), docs + 2, "one rejection per broken file");
    let json_break = rejected(&records[docs]);
    assert!(
        json_break
            .reason
            .starts_with("gzip stream is truncated or corrupt")
    );
    assert!(
        json_break.origin.line.unwrap() > docs as u64,
        "not before the last element kept"
    );
    let txt_break = rejected(&records[docs + 1]);
    assert_eq!(txt_break.id, "b.txt.gz");
    assert!(
        txt_break
            .reason
            .starts_with("gzip stream is truncated or corrupt")
    );
}

#[test]
fn broken_json_arrays_keep_the_elements_before_the_break() {
    let tmp = TempDir::new().unwrap();
    // A malformed element costs itself only.
    let bad_element = write(
        tmp.path(),
        "a.json",
        "[\n{\"id\": \"1\", \"text\": \"x\"},\n{\"id\": \"2\", \"text\": tru},\n42,\n{\"id\": \"4\", \"text\": \"y\"}\n]\n",
    );
    let records = read(&[&bad_element]);
    assert_eq!(lines(&records), [Some(2), Some(3), Some(4), Some(5)]);
    assert_eq!(doc(&records[0]).id, "1");
    let r = rejected(&records[1]);
    assert!(
        r.reason.starts_with("invalid JSON at line 3 column "),
        "{}",
        r.reason
    );
    assert_eq!(
        rejected(&records[2]).reason,
        "expected a JSON object, found a number"
    );
    assert_eq!(doc(&records[3]).id, "4");

    // An unterminated array keeps what came before and says where it broke.
    let unterminated = write(
        tmp.path(),
        "b.json",
        "[{\"id\": \"1\", \"text\": \"x\"},\n{\"id\": \"2\", \"text\": \"never closed}\n",
    );
    let records = read(&[&unterminated]);
    assert_eq!(records.len(), 2);
    assert_eq!(doc(&records[0]).id, "1");
    let r = rejected(&records[1]);
    assert_eq!(r.origin.line, Some(3));
    assert!(r.reason.contains("not closed"), "{}", r.reason);
    assert!(r.reason.contains("line 2"), "{}", r.reason);

    // A single object is not an array.
    let object = write(tmp.path(), "c.json", "{\"id\": \"1\", \"text\": \"x\"}\n");
    let records = read(&[&object]);
    assert_eq!(records.len(), 1);
    let r = rejected(&records[0]);
    assert_eq!(
        r.reason,
        "expected a JSON array of objects, found an object"
    );
    assert_eq!(r.origin.line, Some(1));
    assert_eq!(r.id, format!("{}:1", shown(&object)));
}

#[test]
fn empty_text_files_are_empty_documents_and_empty_json_files_hold_no_record() {
    let tmp = TempDir::new().unwrap();
    for name in ["a.txt", "b.md", "c.json", "d.jsonl", "e.jsonl.gz"] {
        write(tmp.path(), name, "");
    }
    write(tmp.path(), "f.jsonl", "\n\n  \n");
    write(tmp.path(), "g.json", "[]");
    write(tmp.path(), "h.txt.gz", gzip(b""));
    write(tmp.path(), "i.txt", b"\xEF\xBB\xBF");
    // A .txt or .md file is one article, even when empty: it is listed (as empty, later).
    let records = read(&[tmp.path()]);
    assert_eq!(ids(&records), ["a.txt", "b.md", "h.txt.gz", "i.txt"]);
    assert!(records.iter().all(|r| doc(r).text.is_empty()));
}

#[test]
fn a_missing_input_is_an_error_naming_the_path() {
    let tmp = TempDir::new().unwrap();
    let missing = tmp.path().join("nope");
    let err = read_inputs(
        &[tmp.path().to_path_buf(), missing.clone()],
        &ReadOptions::default(),
    )
    .unwrap_err();
    let CorpusError::Input { path, .. } = &err else {
        panic!("not an input error: {err}");
    };
    assert_eq!(path, &missing);
    assert!(err.to_string().contains("nope"), "{err}");
}

#[cfg(unix)]
#[test]
fn unreadable_files_are_rejected_with_the_os_message() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let tmp = TempDir::new().unwrap();
    symlink(
        tmp.path().join("gone.jsonl"),
        tmp.path().join("dangling.jsonl"),
    )
    .unwrap();
    let locked = write(tmp.path(), "locked.txt", "secret");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let records = read(&[tmp.path()]);

    let dangling = rejected(&records[0]);
    assert_eq!(dangling.id, shown(&tmp.path().join("dangling.jsonl")));
    assert_eq!(dangling.origin.line, None);
    assert!(
        dangling.reason.starts_with("cannot read file: "),
        "{}",
        dangling.reason
    );
    assert!(
        dangling.reason.contains("No such file"),
        "{}",
        dangling.reason
    );
    // Running as root, the locked file is readable after all.
    if fs::read(&locked).is_err() {
        let r = rejected(&records[1]);
        assert_eq!(r.id, "locked.txt");
        assert!(r.reason.contains("ermission denied"), "{}", r.reason);
    }
}

#[cfg(unix)]
#[test]
fn symlinked_directory_loops_end() {
    use std::os::unix::fs::symlink;
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), "d/a.txt", "a");
    symlink(tmp.path().join("d"), tmp.path().join("d/loop")).unwrap();
    symlink(tmp.path().join("d"), tmp.path().join("alias")).unwrap();
    let records = read(&[tmp.path()]);
    // `alias` sorts first and is walked; `d` is the same directory and is not walked again.
    assert_eq!(ids(&records), ["alias/a.txt"]);
}

#[cfg(unix)]
#[test]
fn named_pipes_in_directories_are_skipped_not_read() {
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), "a.txt", "a");
    let made = std::process::Command::new("mkfifo")
        .arg(tmp.path().join("pipe.jsonl"))
        .status()
        .is_ok_and(|s| s.success());
    if made {
        assert_eq!(ids(&read(&[tmp.path()])), ["a.txt"]);
    }
}

#[test]
fn output_is_the_same_whatever_the_thread_count() {
    let tmp = TempDir::new().unwrap();
    for f in 0..6 {
        write(tmp.path(), &format!("f{f}.jsonl"), many_lines(500 + f * 10));
    }
    let run = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| read(&[tmp.path()]))
    };
    let one = run(1);
    assert_eq!(one.len(), (0..6).map(|f| 500 + f * 10).sum::<usize>());
    assert_eq!(one, run(4));
}

#[test]
fn seed_records_are_the_five_seed_files() {
    let seeds = seed_records();
    assert_eq!(
        ids(&seeds),
        [
            "000_115f144be502b13d.txt",
            "001_3af3ba166fef2441.txt",
            "002_7e43b818517bb974.txt",
            "003_519ad53a011d0ed8.txt",
            "004_1d7f084c0602acb7.txt"
        ]
    );
    for record in &seeds {
        let d = doc(record);
        assert!(!d.text.trim().is_empty());
        assert_eq!(d.origin.file, format!("corpora/seeds/{}", d.id));
    }
    // Exactly what reading the directory gives.
    assert_eq!(seeds, read(&[Path::new("corpora/seeds")]));
}
