//! The work directory: where each stage's files and completion markers live, and how they
//! are written (atomically, then marked) and read back (checked).

use std::io::Write;
use std::path::{Path, PathBuf};

use bincode::{Decode, Encode};
use xxhash_rust::xxh3::xxh3_64;

use super::Stage;
use crate::digest::write_atomically;

/// What can go wrong between stages.
#[derive(Debug, thiserror::Error)]
pub enum StageError {
    /// A file could not be read or written.
    #[error("{path}: {message}")]
    File {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// A task ran before the stage it reads had finished.
    #[error(
        "{stage} task {task} has not finished (no marker in {dir}); run the earlier stage first"
    )]
    Missing {
        /// The stage whose output is missing.
        stage: &'static str,
        /// Its task.
        task: usize,
        /// The work directory.
        dir: PathBuf,
    },
    /// The inputs could not be read.
    #[error(transparent)]
    Input(#[from] anyhow::Error),
    /// The inputs read again are not those the sign stage read.
    #[error(
        "the inputs changed since they were signed: {0}; start again in an empty work directory"
    )]
    Changed(String),
    /// Stage files disagree with each other (damaged, or from different runs).
    #[error("{0}")]
    Inconsistent(String),
}

impl StageError {
    /// A [`StageError::File`]: what reading, writing or checking `path` found.
    pub fn file(path: &Path, message: impl std::fmt::Display) -> StageError {
        StageError::File {
            path: path.to_path_buf(),
            message: message.to_string(),
        }
    }
}

/// The bincode settings of every stage file.
const CONFIG: bincode::config::Configuration = bincode::config::standard();

/// A work directory.
#[derive(Debug, Clone)]
pub struct Workdir {
    root: PathBuf,
}

impl Workdir {
    /// The work directory at `root` (created when first written).
    pub fn new(root: &Path) -> Workdir {
        Workdir {
            root: root.to_path_buf(),
        }
    }

    /// Its path.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The file `name` of `stage`'s task `task`.
    pub fn file(&self, stage: Stage, task: usize, name: &str) -> PathBuf {
        self.root
            .join(stage.name())
            .join(format!("{task:05}.{name}"))
    }

    fn marker(&self, stage: Stage, task: usize) -> PathBuf {
        self.file(stage, task, "done")
    }

    /// Whether `stage`'s task `task` has finished.
    pub fn is_done(&self, stage: Stage, task: usize) -> bool {
        self.marker(stage, task).exists()
    }

    /// Marks `stage`'s task `task` finished: written last, after all its files.
    pub fn mark_done(&self, stage: Stage, task: usize) -> Result<(), StageError> {
        self.write_bytes(&self.marker(stage, task), b"done\n")
    }

    /// Fails unless every task of `stage` (of `tasks`) has finished.
    pub fn require(&self, stage: Stage, tasks: usize) -> Result<(), StageError> {
        match (0..tasks).find(|&t| !self.is_done(stage, t)) {
            Some(task) => Err(StageError::Missing {
                stage: stage.name(),
                task,
                dir: self.root.clone(),
            }),
            None => Ok(()),
        }
    }

    /// Writes `value` to `stage`'s file `name` of task `task`, atomically, checksummed.
    pub fn save<T: Encode>(
        &self,
        stage: Stage,
        task: usize,
        name: &str,
        value: &T,
    ) -> Result<(), StageError> {
        let path = self.file(stage, task, name);
        let mut bytes =
            bincode::encode_to_vec(value, CONFIG).map_err(|e| StageError::file(&path, e))?;
        let sum = xxh3_64(&bytes);
        bytes.extend_from_slice(&sum.to_le_bytes());
        self.write_bytes(&path, &bytes)
    }

    /// Writes raw `bytes` to `stage`'s file `name` of task `task`, atomically (for files read
    /// piecemeal, which carry their own checks).
    pub fn save_bytes(
        &self,
        stage: Stage,
        task: usize,
        name: &str,
        bytes: &[u8],
    ) -> Result<(), StageError> {
        self.write_bytes(&self.file(stage, task, name), bytes)
    }

    /// Reads back what [`Workdir::save`] wrote, checking its checksum.
    pub fn load<T: Decode<()>>(
        &self,
        stage: Stage,
        task: usize,
        name: &str,
    ) -> Result<T, StageError> {
        let path = self.file(stage, task, name);
        let bytes = std::fs::read(&path).map_err(|e| StageError::file(&path, e))?;
        let (body, sum) = bytes
            .split_at_checked(bytes.len().saturating_sub(8))
            .filter(|(_, s)| s.len() == 8)
            .ok_or_else(|| StageError::file(&path, "shorter than its checksum"))?;
        let mut want = [0u8; 8];
        want.copy_from_slice(sum);
        if xxh3_64(body) != u64::from_le_bytes(want) {
            return Err(StageError::file(
                &path,
                "checksum mismatch: damaged or cut short",
            ));
        }
        let (value, _) =
            bincode::decode_from_slice(body, CONFIG).map_err(|e| StageError::file(&path, e))?;
        Ok(value)
    }

    fn write_bytes(&self, path: &Path, bytes: &[u8]) -> Result<(), StageError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| StageError::file(path, e))?;
        }
        write_atomically(path, |w| {
            w.write_all(bytes)?;
            Ok(())
        })
        .map_err(|e| StageError::file(path, e.source))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_values_load_back_and_damage_is_caught() {
        let dir = tempfile::tempdir().unwrap();
        let w = Workdir::new(dir.path());
        w.save(Stage::Sign, 3, "x", &vec![1u32, 2, 3]).unwrap();
        assert_eq!(w.load::<Vec<u32>>(Stage::Sign, 3, "x").unwrap(), [1, 2, 3]);
        let path = w.file(Stage::Sign, 3, "x");
        let mut bytes = std::fs::read(&path).unwrap();
        bytes[0] ^= 1;
        std::fs::write(&path, bytes).unwrap();
        assert!(w.load::<Vec<u32>>(Stage::Sign, 3, "x").is_err());
    }

    #[test]
    fn a_stage_is_required_until_every_task_is_marked() {
        let dir = tempfile::tempdir().unwrap();
        let w = Workdir::new(dir.path());
        w.mark_done(Stage::Bucket, 0).unwrap();
        assert!(w.require(Stage::Bucket, 2).is_err());
        w.mark_done(Stage::Bucket, 1).unwrap();
        assert!(w.require(Stage::Bucket, 2).is_ok());
        assert!(w.is_done(Stage::Bucket, 1) && !w.is_done(Stage::Sign, 0));
    }
}
