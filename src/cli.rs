//! Every command-line flag, documented once.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// khulasa (خلاصة, "the gist"): near-duplicate detection and extractive digests for news
/// archives.
#[derive(Debug, Parser)]
#[command(name = "khulasa", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Find near-duplicate articles: writes clusters.jsonl and manifest.jsonl.
    Dedup(DedupCmd),
    /// Score results against references (exact pair truth, ...).
    #[command(subcommand)]
    Eval(EvalCmd),
}

/// `khulasa dedup`.
#[derive(Debug, Args)]
pub struct DedupCmd {
    /// Input files and directories; none runs on the embedded seed corpus.
    #[command(flatten)]
    pub input: InputArgs,
    /// Similarity parameters.
    #[command(flatten)]
    pub dedup: DedupArgs,
    /// Threads, verbosity.
    #[command(flatten)]
    pub run: RunArgs,
    /// Directory to write clusters.jsonl and manifest.jsonl into (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Also write every verified pair as `id_a<TAB>id_b<TAB>jaccard` (id_a < id_b) to FILE.
    #[arg(long, value_name = "FILE")]
    pub pairs: Option<PathBuf>,
}

/// `khulasa eval ...`.
#[derive(Debug, Subcommand)]
pub enum EvalCmd {
    /// Compare a `--pairs` file with the exact all-pairs truth over the same inputs and shingles.
    Pairs(EvalPairsCmd),
}

/// `khulasa eval pairs`.
#[derive(Debug, Args)]
pub struct EvalPairsCmd {
    /// The inputs the pairs were computed on.
    #[command(flatten)]
    pub input: InputArgs,
    /// The parameters they were computed with (threshold, n-gram size, analyzer).
    #[command(flatten)]
    pub dedup: DedupArgs,
    /// Threads, verbosity.
    #[command(flatten)]
    pub run: RunArgs,
    /// The pairs file to score (as written by `dedup --pairs`).
    #[arg(long, value_name = "FILE")]
    pub pairs: PathBuf,
    /// Also write the exact truth, in the same format, to FILE.
    #[arg(long, value_name = "FILE")]
    pub truth_out: Option<PathBuf>,
}

/// Which inputs to read, and how.
#[derive(Debug, Args, Clone)]
pub struct InputArgs {
    /// Files or directories (read recursively, in sorted order): .txt, .md, .json, .jsonl,
    /// each optionally .gz. None: the embedded seed corpus.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Character encoding of the inputs.
    #[arg(long, value_enum, default_value_t = EncodingArg::Utf8)]
    pub encoding: EncodingArg,
    /// JSON field holding the record id (records without one get `file:line`).
    #[arg(long, default_value = "id", value_name = "NAME")]
    pub id_field: String,
    /// JSON field holding the article text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    pub text_field: String,
    /// JSON field holding the headline.
    #[arg(long, default_value = "title", value_name = "NAME")]
    pub title_field: String,
    /// JSON field holding the outlet.
    #[arg(long, default_value = "source", value_name = "NAME")]
    pub source_field: String,
    /// JSON field holding the date (ISO dates order representatives correctly).
    #[arg(long, default_value = "date", value_name = "NAME")]
    pub date_field: String,
    /// JSON field holding the link.
    #[arg(long, default_value = "url", value_name = "NAME")]
    pub url_field: String,
    /// Stop with exit code 3 at the first rejected record instead of reporting and going on.
    #[arg(long)]
    pub strict: bool,
}

/// Input encodings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EncodingArg {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// Windows-1256 (legacy Arabic archives).
    Cp1256,
}

/// Analyzer choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AnalyzerArg {
    /// Per-document language: normalisation, stop words, Snowball stems.
    Auto,
    /// Lowercase alphanumeric runs only (for comparisons with other tools).
    Plain,
}

/// What makes two articles near-duplicates.
#[derive(Debug, Args, Clone)]
pub struct DedupArgs {
    /// Jaccard similarity of shingle sets at or above which two articles are duplicates.
    #[arg(long, default_value_t = 0.7, value_parser = parse_threshold)]
    pub threshold: f64,
    /// Words per shingle.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub ngram: u16,
    /// MinHash permutations.
    #[arg(long = "perm", default_value_t = 128, value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub perms: u16,
    /// LSH bands (with --rows); by default chosen from the threshold (see -v).
    #[arg(long, requires = "rows", value_parser = clap::value_parser!(u16).range(1..))]
    pub bands: Option<u16>,
    /// LSH rows per band (with --bands); bands × rows must not exceed --perm.
    #[arg(long, requires = "bands", value_parser = clap::value_parser!(u16).range(1..))]
    pub rows: Option<u16>,
    /// Text analysis.
    #[arg(long, value_enum, default_value_t = AnalyzerArg::Auto)]
    pub analyzer: AnalyzerArg,
}

/// How the run behaves.
#[derive(Debug, Args, Clone)]
pub struct RunArgs {
    /// Worker threads (default: all cores). Outputs are identical for any value.
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// No progress bar and no summary line (errors still go to stderr).
    #[arg(long, short)]
    pub quiet: bool,
    /// Explain choices (LSH banding and its error areas) on stderr.
    #[arg(long, short)]
    pub verbose: bool,
}

fn parse_threshold(s: &str) -> Result<f64, String> {
    let t: f64 = s.parse().map_err(|_| format!("`{s}` is not a number"))?;
    if t > 0.0 && t <= 1.0 {
        Ok(t)
    } else {
        Err(format!("{t} is outside (0, 1]"))
    }
}
