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
    /// The nightly job: dedup, then summarise every cluster and article into digest files.
    Digest(DigestCmd),
    /// Find near-duplicate articles: writes clusters.jsonl and manifest.jsonl.
    Dedup(DedupCmd),
    /// Print an extractive summary of one article, or one summary across several.
    Summarize(SummarizeCmd),
    /// Score results against references (exact pair truth, ...).
    #[command(subcommand)]
    Eval(EvalCmd),
    /// Build or inspect the archive index that `--index` runs compare tonight's batch with.
    #[command(subcommand)]
    Index(IndexCmd),
    /// Read and analyse the inputs only: records, rejections, documents and terms per
    /// language (the floor a dedup run's time compares with).
    Scan(ScanCmd),
    /// Run one task of a staged run (what `--executor slurm` submits).
    #[command(hide = true)]
    Task(TaskCmd),
}

/// `khulasa scan`.
#[derive(Debug, Args)]
pub struct ScanCmd {
    /// Input files and directories; none scans the embedded seed corpus.
    #[command(flatten)]
    pub input: InputArgs,
    /// Text analysis, as dedup would run it.
    #[arg(long, value_enum, default_value_t = AnalyzerArg::Auto)]
    pub analyzer: AnalyzerArg,
    /// Threads, verbosity.
    #[command(flatten)]
    pub run: RunArgs,
}

/// `khulasa index ...`.
#[derive(Debug, Subcommand)]
pub enum IndexCmd {
    /// Build a new index from an archive (replacing FILE atomically if it exists).
    Build(Box<IndexBuildCmd>),
    /// Print what an index holds: records, bytes, parameters, dates, sources.
    Stats(IndexStatsCmd),
}

/// `khulasa index build`.
#[derive(Debug, Args)]
pub struct IndexBuildCmd {
    /// The archive's files and directories.
    #[command(flatten)]
    pub input: InputArgs,
    /// Similarity parameters (stored in the index; later runs must use the same).
    #[command(flatten)]
    pub dedup: DedupArgs,
    /// Threads, verbosity.
    #[command(flatten)]
    pub run: RunArgs,
    /// The index file to write.
    #[arg(long, value_name = "FILE")]
    pub index: PathBuf,
}

/// `khulasa index stats`.
#[derive(Debug, Args)]
pub struct IndexStatsCmd {
    /// The index file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

/// Incremental runs against an archive index.
#[derive(Debug, Args, Clone, Default)]
pub struct IndexArgs {
    /// Compare the inputs with the archive in FILE as well as with each other, then add them
    /// to it (written atomically). A missing FILE starts a new archive.
    #[arg(long, value_name = "FILE")]
    pub index: Option<PathBuf>,
    /// With --index: report every cluster of the archive, not only those that gained a record
    /// tonight.
    #[arg(long, requires = "index")]
    pub all: bool,
}

/// Where the stages run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ExecutorArg {
    /// In this process: in memory, or as stages with files in --workdir when given.
    #[default]
    Local,
    /// As Slurm array jobs (sbatch), with files in --workdir on storage every node sees.
    Slurm,
}

/// Running the job as stages with files between them (see README, "Staged runs").
#[derive(Debug, Args, Clone, Default)]
pub struct ExecutorArgs {
    /// Where the stages run.
    #[arg(long, value_enum, default_value_t = ExecutorArg::Local)]
    pub executor: ExecutorArg,
    /// Tasks of each parallel stage (sign, verify, clusters; for digests also units, route
    /// and summarize): the inputs are shared out by file, so give at least this many files.
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..))]
    pub tasks: u16,
    /// Work directory for the stages' files and completion markers (shared storage for
    /// Slurm). A rerun with the same command resumes: finished tasks are skipped.
    #[arg(long, value_name = "DIR")]
    pub workdir: Option<PathBuf>,
    /// Slurm partition to submit to.
    #[arg(long, value_name = "P")]
    pub partition: Option<String>,
    /// One more argument for every sbatch call (repeatable), e.g. --sbatch-arg=--mem=2G.
    #[arg(long, value_name = "ARG", allow_hyphen_values = true)]
    pub sbatch_arg: Vec<String>,
    /// Submit and print the job ids instead of waiting; rerun the command to resume or check.
    #[arg(long)]
    pub detach: bool,
}

/// `khulasa task`: one task of a staged run, as the executors start it.
#[derive(Debug, Args)]
pub struct TaskCmd {
    /// The run's work directory (holding plan.json).
    #[arg(long, value_name = "DIR")]
    pub workdir: PathBuf,
    /// The stage: sign, bucket, verify, components, clusters, write; for digests also groups,
    /// units, stories, route, learn, summarize.
    #[arg(long)]
    pub stage: String,
    /// The task number within the stage.
    #[arg(long)]
    pub task: usize,
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
    /// Also group copies and lone articles that report one event into stories
    /// (stories.jsonl, `story` in the manifest).
    #[arg(long)]
    pub stories: bool,
    /// The archive index.
    #[command(flatten)]
    pub index: IndexArgs,
    /// Staged runs.
    #[command(flatten)]
    pub executor: ExecutorArgs,
}

/// `khulasa digest`.
#[derive(Debug, Args)]
pub struct DigestCmd {
    /// Input files and directories; none runs on the embedded seed corpus.
    #[command(flatten)]
    pub input: InputArgs,
    /// Similarity parameters.
    #[command(flatten)]
    pub dedup: DedupArgs,
    /// Threads, verbosity.
    #[command(flatten)]
    pub run: RunArgs,
    /// Directory to write digest.md, digest.jsonl, digest.html, clusters.jsonl and
    /// manifest.jsonl into.
    #[arg(long, value_name = "DIR", default_value = "digest")]
    pub out: PathBuf,
    /// Which digest files to write (comma-separated); clusters.jsonl and manifest.jsonl are
    /// always written.
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "all",
        value_name = "FORMAT"
    )]
    pub format: Vec<DigestFormat>,
    /// Sentences per summary.
    #[arg(
        long,
        default_value_t = 3,
        value_name = "K",
        conflicts_with = "summary_words",
        value_parser = parse_budget
    )]
    pub summary_sentences: usize,
    /// Words per summary instead (sentences are added until this many words are reached).
    #[arg(long, value_name = "N", value_parser = parse_budget)]
    pub summary_words: Option<usize>,
    /// Skip the story tier: one entry per copy cluster or article, no stories.jsonl.
    #[arg(long)]
    pub no_stories: bool,
    /// The archive index.
    #[command(flatten)]
    pub index: IndexArgs,
    /// Staged runs.
    #[command(flatten)]
    pub executor: ExecutorArgs,
}

/// Digest files `khulasa digest --format` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DigestFormat {
    /// digest.md, digest.jsonl and digest.html.
    All,
    /// digest.md: the Markdown digest.
    Md,
    /// digest.jsonl: one JSON object per entry.
    Jsonl,
    /// digest.html: one self-contained page to open in a browser.
    Html,
}

impl DigestFormat {
    /// Whether `formats` asks for `self` (directly or through `all`).
    pub fn wanted(self, formats: &[DigestFormat]) -> bool {
        formats.iter().any(|&f| f == self || f == DigestFormat::All)
    }
}

/// `khulasa summarize`.
#[derive(Debug, Args)]
pub struct SummarizeCmd {
    /// The article files (any input format, `-` for JSON Lines on standard input); several
    /// give one summary across them.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// How to read them.
    #[command(flatten)]
    pub read: ReadArgs,
    /// Sentences in the summary (default 3).
    #[arg(long, value_name = "K", conflicts_with = "max_words", value_parser = parse_budget)]
    pub max_sentences: Option<usize>,
    /// Words in the summary instead: sentences are added until this many words are reached.
    #[arg(long, value_name = "N", value_parser = parse_budget)]
    pub max_words: Option<usize>,
    /// Text analysis.
    #[arg(long, value_enum, default_value_t = AnalyzerArg::Auto)]
    pub analyzer: AnalyzerArg,
}

/// `khulasa eval ...`.
#[derive(Debug, Subcommand)]
pub enum EvalCmd {
    /// Compare a `--pairs` file with the exact all-pairs truth over the same inputs and shingles.
    Pairs(EvalPairsCmd),
    /// Score summaries against reference summaries (ROUGE-1/2/L F1, EASC convention).
    Rouge(EvalRougeCmd),
    /// Score the story tier against pairs labelled "same event or not".
    Stories(EvalStoriesCmd),
}

/// `khulasa eval stories`.
#[derive(Debug, Args)]
pub struct EvalStoriesCmd {
    /// The corpus the pairs are drawn from (ids must match).
    #[command(flatten)]
    pub input: InputArgs,
    /// Copy-tier parameters.
    #[command(flatten)]
    pub dedup: DedupArgs,
    /// Threads, verbosity.
    #[command(flatten)]
    pub run: RunArgs,
    /// Labelled pairs: `id_a<TAB>id_b<TAB>label<TAB>similarity`, label 2 = same event.
    #[arg(long, value_name = "FILE")]
    pub pairs: PathBuf,
    /// Size of each similarity band in the whole frame, `LOW:SIZE,...`: a pair weighs its
    /// band's size over the band's labelled pairs (story-dev's README gives them).
    #[arg(long, value_name = "BANDS")]
    pub frame: String,
    /// Write each pair's evidence and decision, tab-separated, to FILE.
    #[arg(long, value_name = "FILE")]
    pub dump: Option<PathBuf>,
}

/// `khulasa eval rouge`.
#[derive(Debug, Args)]
pub struct EvalRougeCmd {
    /// Folder of topic folders, each holding one article (EASC: `Articles/`).
    #[arg(long, value_name = "DIR")]
    pub articles: PathBuf,
    /// Folder of topic folders of the same names holding the reference summaries (EASC:
    /// `MTurk/`). Each summary is cut to the mean word count of its topic's references.
    #[arg(long, value_name = "DIR")]
    pub references: PathBuf,
    /// How to read the articles.
    #[command(flatten)]
    pub read: ReadArgs,
    /// Which summaries to score.
    #[arg(long, value_enum, default_value_t = RougeSystem::Khulasa)]
    pub system: RougeSystem,
    /// Text analysis for the summarizer.
    #[arg(long, value_enum, default_value_t = AnalyzerArg::Auto)]
    pub analyzer: AnalyzerArg,
    /// Print each article's scores on stderr.
    #[arg(long, short)]
    pub verbose: bool,
}

/// Systems `eval rouge` can score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RougeSystem {
    /// khulasa's summarizer.
    Khulasa,
    /// The article's first sentences (the lead baseline).
    Lead,
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
    /// Truth from known duplicate groups instead of all pairs: FILE holds one JSON array of
    /// ids per line (`scripts/gen-corpus` writes groups.jsonl); the truth is every pair inside
    /// a group whose exact Jaccard meets the threshold, and recall is scored against it. Only
    /// the group members' shingles are kept; `.jsonl` inputs are streamed.
    #[arg(long, value_name = "FILE")]
    pub groups: Option<PathBuf>,
}

/// Which inputs to read, and how.
#[derive(Debug, Args, Clone)]
pub struct InputArgs {
    /// Files or directories (read recursively, in sorted order): .txt, .md, .html, .htm, .json,
    /// .jsonl, each optionally .gz; `-` is standard input, as JSON Lines (gzip-compressed or
    /// not).
    /// None: the embedded seed corpus.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// How to read them.
    #[command(flatten)]
    pub read: ReadArgs,
}

/// How input files are read.
#[derive(Debug, Args, Clone)]
pub struct ReadArgs {
    /// Character encoding of the inputs.
    #[arg(long, value_enum, default_value_t = EncodingArg::Utf8)]
    pub encoding: EncodingArg,
    /// JSON field holding the record id (records without one get `file:line`).
    #[arg(long, default_value = "id", value_name = "NAME")]
    pub id_field: String,
    /// JSON field holding the article text; a dotted name reaches inside objects
    /// (`_source.body`, `source.name`, `_id.$oid`), as for every field flag.
    #[arg(long, default_value = "text", value_name = "NAME")]
    pub text_field: String,
    /// JSON field holding the headline.
    #[arg(long, default_value = "title", value_name = "NAME")]
    pub title_field: String,
    /// JSON field holding the outlet.
    #[arg(long, default_value = "source", value_name = "NAME")]
    pub source_field: String,
    /// JSON field holding the date (the earliest becomes the representative; see the README for the forms read).
    #[arg(long, default_value = "date", value_name = "NAME")]
    pub date_field: String,
    /// JSON field holding the link.
    #[arg(long, default_value = "url", value_name = "NAME")]
    pub url_field: String,
    /// Stop with exit code 3 at the first rejected record instead of reporting and going on.
    #[arg(long)]
    pub strict: bool,
    /// Reject any record (a JSONL line, a JSON element, a whole .txt/.md/.html) larger than this
    /// many bytes, without holding it in memory. Accepts K, M, G suffixes (powers of 1024).
    #[arg(long, default_value = "10M", value_name = "BYTES", value_parser = parse_bytes)]
    pub max_doc_bytes: u64,
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

/// A summary budget: a whole number of sentences or words, at least one (a budget of zero
/// would print an empty "Summary:" under every entry and exit as if all were well).
fn parse_budget(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(0) => Err("a summary needs at least 1".into()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("`{s}` is not a whole number")),
    }
}

fn parse_threshold(s: &str) -> Result<f64, String> {
    let t: f64 = s.parse().map_err(|_| format!("`{s}` is not a number"))?;
    if t > 0.0 && t <= 1.0 {
        Ok(t)
    } else {
        Err(format!("{t} is outside (0, 1]"))
    }
}

/// A byte count: a number with an optional K, M or G suffix (powers of 1024).
fn parse_bytes(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (digits, shift) = match t.char_indices().last() {
        Some((i, 'k' | 'K')) => (&t[..i], 10),
        Some((i, 'm' | 'M')) => (&t[..i], 20),
        Some((i, 'g' | 'G')) => (&t[..i], 30),
        _ => (t, 0),
    };
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("`{s}` is not a byte count (e.g. 500000, 512K, 10M)"))?;
    let bytes = n
        .checked_mul(1 << shift)
        .ok_or_else(|| format!("`{s}` is too large"))?;
    if bytes == 0 {
        return Err("must be at least 1 byte".into());
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_counts_take_binary_suffixes() {
        assert_eq!(parse_bytes("500"), Ok(500));
        assert_eq!(parse_bytes("512k"), Ok(512 << 10));
        assert_eq!(parse_bytes("10M"), Ok(10 << 20));
        assert_eq!(parse_bytes("2G"), Ok(2 << 30));
        for bad in ["", "M", "-1", "1.5M", "0", "99999999999999999999G", "é"] {
            assert!(parse_bytes(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_summary_budget_of_zero_or_not_a_whole_number_is_refused() {
        assert_eq!(parse_budget("3"), Ok(3));
        assert_eq!(parse_budget(" 120 "), Ok(120));
        for bad in ["0", "-1", "2.5", "", "ثلاثة"] {
            assert!(parse_budget(bad).is_err(), "{bad}");
        }
    }
}
