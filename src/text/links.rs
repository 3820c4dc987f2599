//! Web and mail addresses in running text. Job notices and announcements quote them
//! ("www.uod.edu.sa", "https://…/join.php"), and their pieces tokenise as words — `www`,
//! `edu`, `sa`, `php` — that mean nothing to a reader looking for what a story is about.

use std::ops::Range;

/// Generic top-level domains common enough that `name.com` alone reads as an address.
const GENERIC_TLDS: &[&str] = &["com", "net", "org", "edu", "gov", "info", "io"];

/// Whether a whitespace-delimited chunk (trailing punctuation already trimmed) is an address:
/// a URL with a scheme (or a scheme alone), a `www.` host, a mail address, or a dotted ASCII host name of three or
/// more labels (`uod.edu.sa`), or of two ending in a generic domain (`spa.com`).
fn is_address(chunk: &str) -> bool {
    let starts = |prefix: &str| {
        chunk
            .get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    };
    // A scheme alone counts: crawls break "https://" into "https:/ /".
    if chunk.contains("://") || starts("www.") || starts("http:") || starts("https:") {
        return true;
    }
    if let Some((user, host)) = chunk.split_once('@') {
        return !user.is_empty() && is_host(host, 2);
    }
    is_host(chunk, 3)
        || (is_host(chunk, 2)
            && chunk.rsplit('.').next().is_some_and(|tld| {
                GENERIC_TLDS
                    .iter()
                    .any(|generic| generic.eq_ignore_ascii_case(tld))
            }))
}

/// Whether `s` is an ASCII host name (a path may follow the first `/`) of at least `labels`
/// dot-separated labels, the last of two or more letters.
fn is_host(s: &str, labels: usize) -> bool {
    let host = s.split('/').next().unwrap_or("");
    let parts: Vec<&str> = host.split('.').collect();
    parts.len() >= labels
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        && parts
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()))
}

/// The byte ranges of the addresses in `text`, in order.
pub fn address_spans(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if !text.contains(['.', '@']) {
        return out;
    }
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                start = None;
                let chunk = &text[s..i];
                // Every address holds a dot, an `@` or a scheme's colon: other words are passed
                // over before any trimming.
                if !chunk.contains(['.', '@', ':']) {
                    continue;
                }
                // Sentence punctuation and brackets around an address are not part of it.
                let lead = chunk.len()
                    - chunk
                        .trim_start_matches(|c: char| !c.is_alphanumeric())
                        .len();
                let trimmed =
                    chunk[lead..].trim_end_matches(|c: char| !c.is_alphanumeric() && c != '/');
                if is_address(trimmed) {
                    out.push(s + lead..s + lead + trimmed.len());
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        address_spans(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn urls_hosts_and_mail_addresses_are_found_in_arabic_text() {
        assert_eq!(
            found(
                "التقديم عبر الموقع (www.uod.edu.sa). أو https://kku.edu.sa/ar/join.php?id=3، أو jobs@moh.gov.sa"
            ),
            vec![
                "www.uod.edu.sa",
                "https://kku.edu.sa/ar/join.php?id=3",
                "jobs@moh.gov.sa"
            ]
        );
        assert_eq!(
            found("زوروا moh.gov.sa و spa.com اليوم"),
            vec!["moh.gov.sa", "spa.com"]
        );
    }

    #[test]
    fn abbreviations_decimals_and_names_with_a_dot_are_not_addresses() {
        for text in [
            "U.S. officials",
            "e.g. this",
            "بلغ 3.5 مليار",
            "Node.js is",
            "A.B",
            "س.ع.د",
            "a @ b",
            "Mr. Smith",
        ] {
            assert!(found(text).is_empty(), "{text}");
        }
    }
}
