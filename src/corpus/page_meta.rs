//! What a saved web page says of itself in its markup: when it was published, its address and
//! its site's name — the date, URL and source a JSON record carries as fields. A wget mirror
//! of news sites has nothing else to date its pages by, and undated pages join stories days
//! apart and cannot give a cluster its earliest member.

use super::date::date_key;
use super::markup::opening_tags;

/// The date, address and site name of a saved page, where its markup gives them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    /// When the page was published, as its markup writes it (only a date [`date_key`] reads).
    pub date: Option<String>,
    /// Its canonical address.
    pub url: Option<String>,
    /// Its site's name, else its address's host.
    pub source: Option<String>,
}

/// The `<meta>` names and properties that give a page's publication date, most telling first:
/// Open Graph's article time, schema.org's, then the names CMSs and Dublin Core use.
const DATE_KEYS: &[&str] = &[
    "article:published_time",
    "datepublished",
    "og:published_time",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "date",
];

/// Reads a page's date, address and site name from its `<meta>`, `<link>` and `<time>` tags
/// and its JSON-LD.
pub fn page_meta(html: &str) -> PageMeta {
    // (key, value) of every <meta> naming itself by property, name or itemprop.
    let metas: Vec<(String, String)> = opening_tags(html, "meta")
        .filter_map(|tag| {
            let attrs = attributes(tag);
            let key = ["property", "name", "itemprop"]
                .iter()
                .find_map(|k| value(&attrs, k))?;
            Some((key.to_ascii_lowercase(), value(&attrs, "content")?))
        })
        .collect();
    let meta = |key: &str| -> Vec<String> {
        metas
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .collect()
    };
    let times = opening_tags(html, "time").filter_map(|tag| {
        let attrs = attributes(tag);
        value(&attrs, "datetime")
    });
    let date = DATE_KEYS
        .iter()
        .flat_map(|k| meta(k))
        .chain(json_ld_string(html, "datePublished"))
        .chain(times)
        .find(|d| date_key(d).is_some());
    let canonical = opening_tags(html, "link").find_map(|tag| {
        let attrs = attributes(tag);
        let rel = value(&attrs, "rel")?;
        rel.split_whitespace()
            .any(|r| r.eq_ignore_ascii_case("canonical"))
            .then(|| value(&attrs, "href"))?
    });
    let url = canonical
        .into_iter()
        .chain(meta("og:url"))
        .find(|u| host(u).is_some());
    let source = meta("og:site_name")
        .into_iter()
        .next()
        .or_else(|| url.as_deref().and_then(host).map(str::to_string));
    PageMeta { date, url, source }
}

/// The host of an absolute `http(s)` address, without a leading `www.`.
fn host(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then_some(host)
}

/// The attributes of a tag's source (`<meta property="og:url" content='…'>`): names
/// lowercased, values with their quotes off and character references decoded, trimmed.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let inner = tag
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/');
    // Past the element's name.
    let mut rest = inner.trim_start_matches(|c: char| c.is_ascii_alphanumeric());
    let mut out = Vec::new();
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        let name_len = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '=' | '/' | '>'))
            .unwrap_or(rest.len());
        if name_len == 0 {
            break;
        }
        let name = rest[..name_len].to_ascii_lowercase();
        rest = rest[name_len..].trim_start();
        let raw = match rest.strip_prefix('=') {
            Some(after) => {
                let after = after.trim_start();
                match after.chars().next() {
                    Some(q @ ('"' | '\'')) => {
                        let body = &after[1..];
                        let end = body.find(q).unwrap_or(body.len());
                        rest = body.get(end + 1..).unwrap_or("");
                        &body[..end]
                    }
                    _ => {
                        let end = after.find(char::is_whitespace).unwrap_or(after.len());
                        rest = &after[end..];
                        &after[..end]
                    }
                }
            }
            None => "",
        };
        let value = html_escape::decode_html_entities(raw).trim().to_string();
        out.push((name, value));
    }
    out
}

/// The value of attribute `name` (lowercase) among `attrs`, when not empty.
fn value(attrs: &[(String, String)], name: &str) -> Option<String> {
    attrs
        .iter()
        .find(|(n, v)| n == name && !v.is_empty())
        .map(|(_, v)| v.clone())
}

/// Every string value of `key` in the page's JSON-LD (`"datePublished": "2015-07-21T…"`),
/// read where it is written rather than by parsing the blocks: sites' JSON-LD is often
/// invalid JSON.
fn json_ld_string<'a>(html: &'a str, key: &str) -> impl Iterator<Item = String> + 'a {
    let quoted = format!("\"{key}\"");
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(at) = html[from..].find(&quoted).map(|p| from + p) {
            from = at + quoted.len();
            let rest = html[from..].trim_start().strip_prefix(':')?.trim_start();
            if let Some(body) = rest.strip_prefix('"') {
                let end = body.find('"')?;
                return Some(body[..end].trim().to_string());
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "<!DOCTYPE html><html><head><meta charset=utf-8>\
        <!-- <meta property=\"article:published_time\" content=\"1999-01-01\"> -->\
        <meta property=\"og:site_name\" content=\"صحيفة سبق\">\
        <meta property='og:url' content='https://sabq.org/x?a=1&amp;b=2'>\
        <META NAME=\"pubdate\" CONTENT=\"2015-07-20\">\
        <meta property=\"article:published_time\" content=\"2015-07-21T02:51:32+03:00\" />\
        <link rel=\"stylesheet\" href=\"s.css\"><link rel=canonical href=\"https://www.sabq.org/story/1\">\
        </head>";

    #[test]
    fn open_graph_and_canonical_tags_give_date_address_and_site() {
        let meta = page_meta(&format!("{HEAD}<body><p>نص</p></body></html>"));
        assert_eq!(meta.date.as_deref(), Some("2015-07-21T02:51:32+03:00"));
        assert_eq!(meta.url.as_deref(), Some("https://www.sabq.org/story/1"));
        assert_eq!(meta.source.as_deref(), Some("صحيفة سبق"));
    }

    #[test]
    fn json_ld_and_time_tags_date_a_page_without_meta_dates() {
        let ld = "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \
                  \"datePublished\" : \"2015-07-22T10:00:00Z\"}</script>";
        let meta = page_meta(&format!(
            "<html><head>{ld}</head><body><time datetime=\"2015-07-25\">x</time></body></html>"
        ));
        assert_eq!(meta.date.as_deref(), Some("2015-07-22T10:00:00Z"));
        let meta =
            page_meta("<p>Posted <time class=x datetime='الأحد 5 شوال 1436هـ'>today</time></p>");
        assert_eq!(meta.date.as_deref(), Some("الأحد 5 شوال 1436هـ"));
    }

    #[test]
    fn unreadable_dates_are_passed_over_and_the_host_names_a_site_without_a_name() {
        let meta = page_meta(
            "<meta name=date content=\"yesterday\"><meta name=\"DC.date\" content=\"2015-07-23\">\
             <meta property=og:url content=\"http://www.okaz.com.sa/article/2\">",
        );
        assert_eq!(meta.date.as_deref(), Some("2015-07-23"));
        assert_eq!(meta.source.as_deref(), Some("okaz.com.sa"));
        assert_eq!(page_meta("<p>No head</p>"), PageMeta::default());
        assert_eq!(
            page_meta("<link rel=canonical href=\"/relative\">").url,
            None
        );
    }
}
