//! Writing the run's files: manifest, clusters, pairs and the digest (Markdown, JSONL, HTML),
//! each atomically.

mod atomic;
pub mod bidi;
mod clusters;
mod entry;
mod html;
mod manifest;
mod markdown;
mod pairs;
mod stories;

pub use atomic::{WriteError, write_atomically};
pub use clusters::write_clusters;
pub use entry::{DigestEntry, DigestHeader, EntryMember, EntrySentence};
pub use html::{HtmlLimits, render_html, write_html};
pub use manifest::{ManifestEntry, RecordStatus, Tally, manifest_entries, write_manifest};
pub use markdown::{render_markdown, write_digest_jsonl, write_markdown};
pub use pairs::write_pairs;
pub use stories::{StoryLine, write_stories};

/// Rounds a similarity to four decimals for output, so files stay readable and stable.
pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}
