//! The readers: any bytes, as any input format (gzip included), must give records, never a
//! panic; every record names the file, and line numbers only grow.
#![no_main]

use std::io::Write;

use flate2::{Compression, write::GzEncoder};
use khulasa::corpus::{Encoding, ReadOptions, Record, parse_bytes};
use libfuzzer_sys::fuzz_target;

/// File names by format; the first byte of the input picks one.
const NAMES: [&str; 8] = [
    "a.txt",
    "a.md",
    "a.json",
    "a.jsonl",
    "a.txt.gz",
    "a.md.gz",
    "a.json.gz",
    "a.jsonl.gz",
];

fuzz_target!(|data: &[u8]| {
    let [format, flags, cut, rest @ ..] = data else {
        return;
    };
    let name = NAMES[usize::from(*format) % NAMES.len()];
    let opts = ReadOptions {
        encoding: if flags & 1 == 0 {
            Encoding::Utf8
        } else {
            Encoding::Cp1256
        },
        // Small limits half the time, so that oversized records are exercised too.
        max_doc_bytes: if flags & 2 == 0 {
            1 << 20
        } else {
            u64::from(flags >> 2) + 1
        },
        ..ReadOptions::default()
    };
    let bytes = if name.ends_with(".gz") {
        // Compress the input, then cut the stream short when `cut` says so (255 keeps it).
        let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
        enc.write_all(rest).expect("writing to a Vec");
        let mut gz = enc.finish().expect("writing to a Vec");
        if *cut != 255 {
            gz.truncate(gz.len() * usize::from(*cut) / 255);
        }
        gz
    } else {
        rest.to_vec()
    };
    let records = parse_bytes(name, &bytes, &opts);
    if name.starts_with("a.txt") || name.starts_with("a.md") {
        assert_eq!(records.len(), 1, "a text file is one record");
    }
    let mut last = 0;
    for record in &records {
        assert_eq!(record.origin().file, name);
        if let Record::Document(d) = record {
            // Stored bytes are limited; one Windows-1256 byte decodes to at most three.
            assert!(
                d.text.len() as u64 <= 3 * opts.max_doc_bytes,
                "limit enforced"
            );
            assert!(!d.text.contains('\0'));
        }
        if name.starts_with("a.jsonl") {
            let line = record.origin().line.expect("JSONL records have lines");
            assert!(line > last, "lines grow");
            last = line;
        }
    }
});
