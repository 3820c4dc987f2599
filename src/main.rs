//! The `khulasa` binary: parse flags, run a command, map errors to exit codes.

use std::process::ExitCode;

use clap::Parser;
use khulasa::cli::Cli;
use khulasa::commands::{self, StrictRejection, UsageError};

/// mimalloc instead of the system allocator: a million coded sets stay live while records
/// come and go, and glibc's malloc slowed as that heap grew (its share of a 1M-article run
/// was 9%, against 5% at 100k); with mimalloc 1M articles take 10.2× the time of 100k, not
/// 11.6×, at the same peak memory.
///
/// Built without transparent huge pages (`no_thp`): mimalloc otherwise asks the kernel for
/// 2 MB pages, each zeroed — and, on a machine whose memory another job has just used,
/// compacted — on first touch. Summarising EASC's 77 articles right after another process
/// took 24–64 ms with them and 10–15 ms without; a 1M-article dedup took the same time
/// either way (≈ 20 s) with 2% less peak memory.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // The reader of stdout went away (`khulasa eval pairs … | head`): nothing to report.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
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

/// Whether `err` comes from writing to a closed pipe.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
