//! Standard input saved into the work directory. A pipe can be read once, by one process,
//! while a staged run's tasks each read their share of the inputs, some of them twice (sign,
//! then units and route). So the driver saves it first, and every task reads the saved copy
//! under the name `-`: records, ids and the manifest are those of a one-process run.

use std::fs::File;
use std::io::{self, BufRead, Read, Write};
use std::path::PathBuf;

use xxhash_rust::xxh3::Xxh3;

use super::{StageError, Workdir};
use crate::digest::write_atomically;

/// The saved copy's name, plain or gzip-compressed as it came (told by its first bytes, as a
/// one-process run tells it).
const NAMES: [&str; 2] = ["stdin.jsonl", "stdin.jsonl.gz"];

/// Saves standard input into the work directory and returns the copy's path. A rerun in the
/// same directory (resuming after `--detach` or a stop) must pipe the same bytes again: the
/// copy there is kept when they are equal, and other bytes are an error, not a silent mix of
/// two nights.
pub fn save(work: &Workdir) -> Result<PathBuf, StageError> {
    save_from(work, &mut io::stdin().lock())
}

fn save_from(work: &Workdir, input: &mut impl BufRead) -> Result<PathBuf, StageError> {
    let root = work.root();
    crate::corpus::create_output_dir(root).map_err(|e| StageError::file(root, e))?;
    let peek = input
        .fill_buf()
        .map_err(|e| StageError::file(&PathBuf::from("-"), e))?;
    let name = NAMES[usize::from(crate::corpus::opens_as_gzip(peek))];
    let path = root.join(name);
    let Some(existing) = NAMES.iter().map(|n| root.join(n)).find(|p| p.exists()) else {
        write_atomically(&path, |w| io::copy(input, w).map(|_| ()))
            .map_err(|e| StageError::file(&path, e.source))?;
        return Ok(path);
    };
    let other = || {
        StageError::file(
            &existing,
            "holds the standard input of another run; pipe the same input to resume that run, \
             or use an empty work directory",
        )
    };
    if existing != path {
        return Err(other());
    }
    let piped = digest(input).map_err(|e| StageError::file(&PathBuf::from("-"), e))?;
    let saved = File::open(&existing)
        .and_then(|mut f| digest(&mut f))
        .map_err(|e| StageError::file(&existing, e))?;
    if piped == saved {
        Ok(path)
    } else {
        Err(other())
    }
}

/// The length and XXH3-64 of everything `input` holds.
fn digest(input: &mut impl Read) -> io::Result<(u64, u64)> {
    struct Hashing(Xxh3, u64);
    impl Write for Hashing {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.update(buf);
            self.1 += buf.len() as u64;
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    let mut h = Hashing(Xxh3::new(), 0);
    io::copy(input, &mut h)?;
    Ok((h.1, h.0.digest()))
}

/// The copy [`save`] made, for a task to read; an error when the driver saved none.
pub fn saved(work: &Workdir) -> Result<PathBuf, StageError> {
    NAMES
        .iter()
        .map(|n| work.root().join(n))
        .find(|p| p.exists())
        .ok_or_else(|| {
            StageError::file(
                &work.root().join(NAMES[0]),
                "is missing: the standard input (-) of this run was not saved here; start the \
                 run from its driver, which saves it",
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_input_is_saved_once_and_a_rerun_must_pipe_the_same_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let work = Workdir::new(dir.path());
        let plain = save_from(&work, &mut &b"{\"text\": \"a\"}\n"[..]).unwrap();
        assert!(plain.ends_with("stdin.jsonl"));
        assert_eq!(saved(&work).unwrap(), plain);
        assert_eq!(
            save_from(&work, &mut &b"{\"text\": \"a\"}\n"[..]).unwrap(),
            plain
        );
        let e = save_from(&work, &mut &b"{\"text\": \"b\"}\n"[..]).unwrap_err();
        assert!(e.to_string().contains("another run"), "{e}");
        let e = save_from(&work, &mut &[0x1f, 0x8b, 8, 0][..]).unwrap_err();
        assert!(e.to_string().contains("another run"), "{e}");
        assert_eq!(std::fs::read(&plain).unwrap(), b"{\"text\": \"a\"}\n");
    }

    #[test]
    fn gzip_input_is_saved_under_a_gz_name_and_a_task_without_a_copy_is_told_why() {
        let dir = tempfile::tempdir().unwrap();
        let work = Workdir::new(dir.path());
        assert!(saved(&work).unwrap_err().to_string().contains("driver"));
        let gz = save_from(&work, &mut &[0x1f, 0x8b, 8, 0][..]).unwrap();
        assert!(gz.ends_with("stdin.jsonl.gz"));
    }
}
