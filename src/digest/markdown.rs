//! `digest.md`: the digest a person reads.

use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

use super::bidi::{list_comma, one_line};
use super::{DigestEntry, DigestHeader, WriteError, write_atomically};

/// Renders the digest as Markdown.
pub fn render_markdown(header: &DigestHeader, entries: &[DigestEntry]) -> String {
    let t = &header.tally;
    let mut s = String::new();
    let _ = writeln!(s, "# khulasa digest\n");
    let _ = writeln!(
        s,
        "{} records read: {} kept, {} duplicates, {} empty, {} too short, {} rejected; {} clusters, {} stories.",
        t.read,
        t.kept,
        t.duplicates,
        t.empty,
        t.too_short,
        t.rejected,
        header.clusters,
        header.stories
    );
    if let Some((from, to)) = &header.span {
        let _ = writeln!(s, "Dates: {from} to {to}.");
    }
    if !header.sources.is_empty() {
        let list: Vec<String> = header
            .sources
            .iter()
            .map(|(n, c)| format!("{n} ({c})"))
            .collect();
        let _ = writeln!(s, "Sources: {}.", list.join(", "));
    }
    for e in entries {
        let _ = writeln!(s, "\n## {}. {}\n", e.entry, one_line(&e.title));
        let plural = if e.size == 1 { "article" } else { "articles" };
        let _ = writeln!(s, "*{} {plural}*", e.size);
        if let Some(why) = &e.why {
            let _ = writeln!(s, "\nOne story because: {}\n", one_line(why));
        }
        for m in &e.members {
            let mut line = match &m.copy_of {
                Some(_) => format!("  - copy `{}`", m.id),
                None => format!("- `{}`", m.id),
            };
            if let Some(src) = &m.source {
                let _ = write!(line, " · {}", one_line(src));
            }
            if let Some(d) = &m.date {
                let _ = write!(line, " · {}", one_line(d));
            }
            if m.copy_of.is_some() {
                let _ = write!(line, " · Jaccard {:.2}", m.jaccard);
            }
            let _ = writeln!(s, "{line}");
        }
        let _ = writeln!(s, "\nSummary:\n");
        for sent in &e.summary {
            let _ = writeln!(
                s,
                "- {} [`{}` #{}]",
                list_item_text(&sent.shown_text()),
                sent.id,
                sent.sentence
            );
        }
        if !e.keywords.is_empty() {
            let _ = writeln!(
                s,
                "\nKeywords: {}",
                e.keywords.join(list_comma(&e.keywords))
            );
        }
    }
    s
}

/// [`one_line`] for the text of a list item, with a leading block marker escaped: a sentence
/// opening with "* ", "- ", "# ", "> " or "1. " would otherwise render as a nested list, a
/// heading or a quote inside its bullet.
fn list_item_text(text: &str) -> String {
    let line = one_line(text);
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let marker = if digits > 0 {
        line[digits..].starts_with(['.', ')']).then_some(digits)
    } else {
        line.starts_with(['*', '-', '+', '#', '>']).then_some(0)
    };
    match marker {
        Some(at) => format!("{}\\{}", &line[..at], &line[at..]),
        None => line,
    }
}

/// Writes `digest.md` atomically.
pub fn write_markdown(
    path: &Path,
    header: &DigestHeader,
    entries: &[DigestEntry],
) -> Result<(), WriteError> {
    let text = render_markdown(header, entries);
    write_atomically(path, |w| w.write_all(text.as_bytes()))
}

/// Writes `digest.jsonl` atomically: one entry per line.
pub fn write_digest_jsonl(path: &Path, entries: &[DigestEntry]) -> Result<(), WriteError> {
    write_atomically(path, |w| {
        for e in entries {
            serde_json::to_writer(&mut *w, e)?;
            w.write_all(b"\n")?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_items_stay_one_plain_item() {
        assert_eq!(list_item_text("* واشنطن\n* تفرض"), "\\* واشنطن * تفرض");
        assert_eq!(list_item_text("- إطلاق المشروع."), "\\- إطلاق المشروع.");
        assert_eq!(list_item_text("# title"), "\\# title");
        assert_eq!(list_item_text("> quote"), "\\> quote");
        assert_eq!(list_item_text("2. «فيسبوك»"), "2\\. «فيسبوك»");
        assert_eq!(list_item_text("1913 - فرنسا تقترح"), "1913 - فرنسا تقترح");
        assert_eq!(list_item_text("• بند"), "• بند");
        assert_eq!(list_item_text("قال الوزير"), "قال الوزير");
    }

    #[test]
    fn control_characters_and_bidi_overrides_are_not_shown() {
        assert_eq!(
            list_item_text("\u{1a}\u{1a} الحديث \u{202e}مستمر\u{202c}."),
            "الحديث مستمر."
        );
    }
}
