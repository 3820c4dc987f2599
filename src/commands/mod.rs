//! Commands: each wires the stages together for one subcommand.

/// `println!` for results, returning the write error instead of panicking: a reader that
/// closed the pipe early (`| head`) ends the run quietly (see `main`).
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*)?
    }};
}

mod batch;
mod dedup;
mod digest;
mod eval_pairs;
mod eval_rouge;
mod eval_stories;
mod index;
mod progress;
mod scan;
mod staged;
mod staged_digest;
mod summarize;

pub use batch::{StrictRejection, UsageError};

use anyhow::{Context, Result};

use crate::cli::{Cli, Command, EvalCmd, IndexCmd, RunArgs};

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Digest(cmd) => {
            init_threads(&cmd.run)?;
            digest::run(&cmd)
        }
        Command::Summarize(cmd) => summarize::run(&cmd),
        Command::Dedup(cmd) => {
            init_threads(&cmd.run)?;
            dedup::run(&cmd)
        }
        Command::Eval(EvalCmd::Pairs(cmd)) => {
            init_threads(&cmd.run)?;
            eval_pairs::run(&cmd)
        }
        Command::Eval(EvalCmd::Rouge(cmd)) => eval_rouge::run(&cmd),
        Command::Eval(EvalCmd::Stories(cmd)) => {
            init_threads(&cmd.run)?;
            eval_stories::run(&cmd)
        }
        Command::Index(IndexCmd::Build(cmd)) => {
            init_threads(&cmd.run)?;
            index::build(&cmd)
        }
        Command::Index(IndexCmd::Stats(cmd)) => index::stats(&cmd),
        Command::Task(cmd) => staged::task(&cmd),
        Command::Scan(cmd) => {
            init_threads(&cmd.run)?;
            scan::run(&cmd)
        }
    }
}

/// Sizes rayon's global pool from `--threads` (`khulasa task` too, from its plan's flags).
fn init_threads(run: &RunArgs) -> Result<()> {
    if let Some(n) = run.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(n))
            .build_global()
            .context("cannot start the worker threads")?;
    }
    Ok(())
}
