//! The plan of a staged run, written once into the work directory: the job and command it
//! runs, how many tasks each stage has, and which input files each sign task reads.

use serde::{Deserialize, Serialize};

use super::{Stage, StageError, Workdir};

/// What a staged run computes, which decides its stages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Job {
    /// `khulasa dedup`: clusters and manifest.
    #[default]
    Dedup,
    /// `khulasa digest`: summaries of every group, with the story tier or without.
    Digest {
        /// Whether the story tier runs.
        stories: bool,
    },
}

impl Job {
    /// The job's stages, in running order.
    pub fn stages(self) -> &'static [Stage] {
        use Stage::*;
        match self {
            Job::Dedup => &[Sign, Bucket, Verify, Components, Clusters, Write],
            Job::Digest { stories: false } => &[
                Sign, Bucket, Verify, Components, Clusters, Groups, Route, Learn, Summarize, Write,
            ],
            Job::Digest { stories: true } => &[
                Sign, Bucket, Verify, Components, Clusters, Groups, Units, Stories, Route, Learn,
                Summarize, Write,
            ],
        }
    }

    /// The stage of a digest run that deals entry plans to summarize tasks, and so decides
    /// where route sends each document: stories when the story tier runs, else groups.
    pub fn planner(self) -> Stage {
        match self {
            Job::Digest { stories: true } => Stage::Stories,
            _ => Stage::Groups,
        }
    }
}

/// A staged run's plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// What the run computes (plans written before digests could be staged are dedup's).
    #[serde(default)]
    pub job: Job,
    /// The command line the run answers (without executor flags): every task parses it again
    /// for its parameters, so no task can disagree with another about them.
    pub argv: Vec<String>,
    /// Tasks of the sign, verify and clusters stages (N).
    pub tasks: usize,
    /// Groups the bands are dealt into; the bucket stage's N tasks each take one group and a
    /// hash partition of its keys.
    pub band_groups: usize,
    /// Input files (by position in the listing) each sign task reads.
    pub shards: Vec<(usize, usize)>,
}

impl Plan {
    /// A plan of `tasks` shards over files of `sizes` bytes, contiguous in reading order and
    /// as even in bytes as whole files allow; `bands` groups for the bucket stage.
    pub fn new(argv: Vec<String>, sizes: &[u64], tasks: usize, bands: usize) -> Plan {
        let tasks = tasks.max(1);
        let total: u128 = sizes.iter().map(|&s| u128::from(s)).sum::<u128>().max(1);
        // A file goes to the shard its middle byte falls in: equal files spread one per shard,
        // and a shard's bytes stay within a file of its share.
        let mut shards = vec![(0usize, 0usize); tasks];
        let mut before = 0u128;
        let mut shard_of = Vec::with_capacity(sizes.len());
        for &size in sizes {
            let middle = 2 * before + u128::from(size);
            shard_of.push(((middle * tasks as u128) / (2 * total)).min(tasks as u128 - 1) as usize);
            before += u128::from(size);
        }
        let mut next = 0;
        for (k, shard) in shards.iter_mut().enumerate() {
            let start = next;
            while next < sizes.len() && shard_of[next] <= k {
                next += 1;
            }
            *shard = (start, next);
        }
        Plan {
            job: Job::Dedup,
            argv,
            tasks,
            band_groups: tasks.min(bands).max(1),
            shards,
        }
    }

    /// The same plan for `job`.
    pub fn for_job(self, job: Job) -> Plan {
        Plan { job, ..self }
    }

    /// The run's stages, in running order.
    pub fn stages(&self) -> &'static [Stage] {
        self.job.stages()
    }

    /// Number of tasks of `stage`.
    pub fn tasks_of(&self, stage: Stage) -> usize {
        match stage {
            Stage::Sign
            | Stage::Bucket
            | Stage::Verify
            | Stage::Clusters
            | Stage::Units
            | Stage::Route
            | Stage::Summarize => self.tasks,
            Stage::Components | Stage::Groups | Stage::Stories | Stage::Learn | Stage::Write => 1,
        }
    }

    /// Writes the plan as `plan.json`; a work directory holding a different plan is refused
    /// (its files answer another question).
    pub fn save(&self, work: &Workdir) -> Result<(), StageError> {
        let path = work.root().join("plan.json");
        if let Some(old) = Plan::load(work).ok().filter(|old| old != self) {
            return Err(StageError::file(
                &path,
                format!(
                    "holds the plan of another run ({} tasks, command {:?}), not this one's ({} \
                     tasks, command {:?}); use an empty work directory",
                    old.tasks, old.argv, self.tasks, self.argv
                ),
            ));
        }
        let leftovers = Stage::ALL
            .iter()
            .any(|s| work.root().join(s.name()).exists());
        if !path.exists() && leftovers {
            return Err(StageError::file(
                &path,
                "is missing but stage files are there (from an unknown run); use an empty work \
                 directory",
            ));
        }
        crate::corpus::create_output_dir(work.root()).map_err(|e| StageError::file(&path, e))?;
        let json = serde_json::to_vec_pretty(self).map_err(|e| StageError::file(&path, e))?;
        crate::digest::write_atomically(&path, |w| std::io::Write::write_all(w, &json))
            .map_err(|e| StageError::file(&path, e.source))
    }

    /// Reads `plan.json` back.
    pub fn load(work: &Workdir) -> Result<Plan, StageError> {
        let path = work.root().join("plan.json");
        let bytes = std::fs::read(&path).map_err(|e| StageError::file(&path, e))?;
        serde_json::from_slice(&bytes).map_err(|e| StageError::file(&path, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_are_contiguous_even_and_exactly_n() {
        let p = Plan::new(vec![], &[10, 10, 10, 10, 10, 10, 10, 10], 4, 20);
        assert_eq!(p.shards, vec![(0, 2), (2, 4), (4, 6), (6, 8)]);
        let one_big = Plan::new(vec![], &[100, 1, 1], 3, 20);
        assert_eq!(one_big.shards.len(), 3);
        assert_eq!(one_big.shards[0].0, 0);
        assert!(one_big.shards.windows(2).all(|w| w[0].1 == w[1].0));
        assert_eq!(one_big.shards.last().unwrap().1, 3);
        // Nearly equal files: one per shard, none left empty.
        let sizes: Vec<u64> = (0..40)
            .map(|i| 350_000_000 + (i * 7_919 % 1_000) as u64)
            .collect();
        let even = Plan::new(vec![], &sizes, 40, 20);
        assert!(
            even.shards.iter().all(|&(a, b)| b == a + 1),
            "{:?}",
            even.shards
        );
        let few = Plan::new(vec![], &[5], 4, 20);
        assert_eq!(few.shards.len(), 4);
        assert_eq!(few.shards.iter().map(|&(a, b)| b - a).sum::<usize>(), 1);
        assert_eq!(Plan::new(vec![], &[], 2, 20).shards, vec![(0, 0), (0, 0)]);
    }

    #[test]
    fn each_job_has_its_stages_and_old_plans_are_dedup_plans() {
        let names = |job: Job| job.stages().iter().map(|s| s.name()).collect::<Vec<_>>();
        assert_eq!(
            names(Job::Dedup),
            [
                "sign",
                "bucket",
                "verify",
                "components",
                "clusters",
                "write"
            ]
        );
        let digest = names(Job::Digest { stories: false });
        assert_eq!(
            digest[5..],
            ["groups", "route", "learn", "summarize", "write"]
        );
        let stories = names(Job::Digest { stories: true });
        assert_eq!(stories[5..8], ["groups", "units", "stories"]);
        for job in [
            Job::Dedup,
            Job::Digest { stories: false },
            Job::Digest { stories: true },
        ] {
            let stages = job.stages();
            assert!(stages.windows(2).all(|w| {
                let at = |s| Stage::ALL.iter().position(|&x| x == s);
                at(w[0]) < at(w[1])
            }));
            assert_eq!(stages.last(), Some(&Stage::Write));
            assert!(stages.contains(&job.planner()) || job == Job::Dedup);
        }
        let plan = Plan::new(vec!["dedup".into()], &[1], 2, 20);
        let mut json: serde_json::Value = serde_json::to_value(&plan).unwrap();
        json.as_object_mut().unwrap().remove("job");
        let old: Plan = serde_json::from_value(json).unwrap();
        assert_eq!(old.job, Job::Dedup);
        let digest = plan.for_job(Job::Digest { stories: true });
        assert_eq!(digest.tasks_of(Stage::Summarize), 2);
        assert_eq!(digest.tasks_of(Stage::Stories), 1);
    }

    #[test]
    fn a_work_directory_of_another_run_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let work = Workdir::new(dir.path());
        let plan = Plan::new(vec!["dedup".into(), "a".into()], &[1, 2], 2, 20);
        plan.save(&work).unwrap();
        plan.save(&work).unwrap(); // the same run resumes
        let other = Plan::new(vec!["dedup".into(), "b".into()], &[1, 2], 2, 20);
        assert!(other.save(&work).is_err());
        // Stage files without a plan: from a run nobody can name.
        std::fs::remove_file(dir.path().join("plan.json")).unwrap();
        work.mark_done(Stage::Sign, 0).unwrap();
        assert!(plan.save(&work).is_err());
    }
}
