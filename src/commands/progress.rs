//! Progress bars on stderr, only when it is a terminal and the run is not `--quiet`.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

/// A bar of `len` steps labelled `what`, hidden for cron and pipes.
pub fn bar(len: usize, what: &'static str, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::new(len as u64);
    if let Ok(style) =
        ProgressStyle::with_template("{msg:>9} [{bar:40}] {pos}/{len} ({per_sec}, {eta})")
    {
        pb.set_style(style.progress_chars("=> "));
    }
    pb.set_message(what);
    pb
}

/// A running count labelled `what`, for streams of unknown length; hidden like [`bar`].
pub fn counter(what: &'static str, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::new_spinner();
    if let Ok(style) = ProgressStyle::with_template("{msg:>9} {pos} records ({per_sec})") {
        pb.set_style(style);
    }
    pb.set_message(what);
    pb
}

/// Stage timings on stderr under `-v`, so a slow night can be explained.
pub struct StageClock {
    verbose: bool,
    last: std::time::Instant,
}

impl StageClock {
    /// A clock that prints only when `verbose`.
    pub fn new(verbose: bool) -> Self {
        StageClock {
            verbose,
            last: std::time::Instant::now(),
        }
    }

    /// Reports the time since the previous mark as the time of `stage`.
    pub fn mark(&mut self, stage: &str) {
        if self.verbose {
            eprintln!("time: {stage} {:.2} s", self.last.elapsed().as_secs_f64());
        }
        self.last = std::time::Instant::now();
    }
}
