//! The `khulasa` binary: parse flags, run a command, map errors to exit codes.

use std::process::ExitCode;

use clap::Parser;
use khulasa::cli::Cli;
use khulasa::commands::{self, StrictRejection, UsageError};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("khulasa: error: {err:#}");
            // clap exits with 2 by itself for flags it rejects.
            if err.downcast_ref::<StrictRejection>().is_some() {
                ExitCode::from(3)
            } else if err.downcast_ref::<UsageError>().is_some() {
                ExitCode::from(2)
            } else {
                ExitCode::from(1)
            }
        }
    }
}
