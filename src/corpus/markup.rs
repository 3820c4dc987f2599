//! HTML markup in a JSON record's text and title. CMS and feed exports often hold the article
//! body as HTML (`content.rendered`, an RSS `description`): `<p>` and `<br>` where the page
//! broke its lines, `<a>` and `<strong>` inside sentences, a `<script>` or a `<style>` block.
//! Read as text, the tags become words (`class`, `href`, `div`) and glue the last sentence of
//! a paragraph to the first of the next. They are turned into what a browser shows: a block
//! element or `<br>` is a line break, an inline element is nothing, a script, style sheet or
//! comment is dropped with its content.
//!
//! Only tags of HTML's own elements count (`<p class="lead">`, `</div>`, `<br/>`), so a text
//! that merely holds a `<` ("a < b", "<3", "<<الرياض>>") is kept as it is.

use std::borrow::Cow;

/// Elements that stand as paragraphs of their own (`<br>` is a line break within one).
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// Elements shown inline: the tag goes, the text inside stays where it is.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "del", "dfn", "em", "font", "i", "img",
    "ins", "kbd", "label", "mark", "picture", "q", "s", "small", "source", "span", "strike",
    "strong", "sub", "sup", "tbody", "thead", "time", "tt", "u", "var", "wbr",
];

/// Elements whose content is no text of the page: dropped from the opening tag to the closing
/// one.
const HIDDEN: &[&str] = &[
    "script", "style", "noscript", "iframe", "template", "svg", "object",
];

/// `text` as a browser would show it, its character references left for the caller; borrowed
/// when it holds no tag of an HTML element.
pub fn without_markup(text: &str) -> Cow<'_, str> {
    let Some(first) = first_tag(text, 0) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut next = Some(first);
    while let Some(tag) = next {
        out.push_str(&text[at..tag.start]);
        at = tag.end;
        match tag.kind {
            // A paragraph break is a blank line, as in a plain-text article, so line-based
            // reading (headlines, furniture, unwrapping) sees the page's blocks.
            Kind::Break => end_line(&mut out, 1),
            Kind::Block => end_line(&mut out, 2),
            Kind::Inline => {}
            Kind::Hidden(name) if !tag.closing => {
                at = hidden_end(text, at, name);
            }
            Kind::Hidden(_) | Kind::Comment => {}
        }
        next = first_tag(text, at);
    }
    out.push_str(&text[at..]);
    Cow::Owned(out)
}

/// Ends `out` with `breaks` line breaks (white space before them dropped), unless it is empty.
fn end_line(out: &mut String, breaks: usize) {
    if out.is_empty() {
        return;
    }
    out.truncate(out.trim_end_matches([' ', '\t']).len());
    let have = out.len() - out.trim_end_matches('\n').len();
    for _ in have..breaks {
        out.push('\n');
    }
}

/// What a tag does to the text around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Break,
    Block,
    Inline,
    Hidden(&'static str),
    Comment,
}

/// One tag: its byte range, what it does, and whether it closes its element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Tag {
    start: usize,
    end: usize,
    kind: Kind,
    closing: bool,
}

/// The first tag of an HTML element (or comment) at or after byte `from`.
fn first_tag(text: &str, from: usize) -> Option<Tag> {
    let bytes = text.as_bytes();
    let mut i = from;
    while let Some(lt) = memchr::memchr(b'<', &bytes[i..]).map(|p| i + p) {
        if let Some(tag) = tag_at(text, lt) {
            return Some(tag);
        }
        i = lt + 1;
    }
    None
}

/// The tag starting at the `<` at byte `lt`, if it is one.
fn tag_at(text: &str, lt: usize) -> Option<Tag> {
    let rest = &text[lt + 1..];
    if let Some(body) = rest.strip_prefix("!--") {
        // An unclosed comment runs to the end, as in a browser.
        let end = body.find("-->").map_or(text.len(), |p| lt + 4 + p + 3);
        return Some(Tag {
            start: lt,
            end,
            kind: Kind::Comment,
            closing: false,
        });
    }
    let (closing, rest) = match rest.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let name_len = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let name = rest[..name_len].to_ascii_lowercase();
    let kind = element_kind(&name)?;
    // After the name: the end of the tag, white space before attributes, or a self-close.
    let after = &rest[name_len..];
    if !after.starts_with(['>', '/', ' ', '\t', '\n', '\r']) {
        return None;
    }
    let gt = tag_end(after)?;
    let end = lt + 1 + usize::from(closing) + name_len + gt + 1;
    Some(Tag {
        start: lt,
        end,
        kind,
        closing,
    })
}

/// The element kind of a tag name, when it is one of HTML's.
fn element_kind(name: &str) -> Option<Kind> {
    if name == "br" {
        Some(Kind::Break)
    } else if BLOCK.contains(&name) {
        Some(Kind::Block)
    } else if INLINE.contains(&name) {
        Some(Kind::Inline)
    } else {
        HIDDEN
            .iter()
            .find(|&&h| h == name)
            .map(|&h| Kind::Hidden(h))
    }
}

/// Where the `>` closing a tag's attributes is in `after` (quoted values may hold one), if
/// before the next `<` or the end of the text.
fn tag_end(after: &str) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (i, b) in after.bytes().enumerate() {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return Some(i),
            (None, b'<') => return None,
            _ => {}
        }
    }
    None
}

/// Where the content of a hidden element opened before byte `from` ends: after its closing
/// tag, or at the end of the text when it is never closed.
fn hidden_end(text: &str, from: usize, name: &'static str) -> usize {
    let mut i = from;
    while let Some(tag) = first_tag(text, i) {
        if tag.closing && tag.kind == Kind::Hidden(name) {
            return tag.end;
        }
        i = tag.start + 1;
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_breaks_become_lines_and_inline_tags_vanish() {
        let html = "<p class=\"lead\">وصل <strong>الوزير</strong> إلى <a href=\"/x?a=1&b=2\">الرياض</a>.</p><p>وعقد اجتماعا.<br/>ثم غادر.</p>";
        assert_eq!(
            without_markup(html),
            "وصل الوزير إلى الرياض.\n\nوعقد اجتماعا.\nثم غادر.\n\n"
        );
    }

    #[test]
    fn scripts_styles_and_comments_are_dropped_with_their_content() {
        let html = "Rates rose.<script type=\"text/javascript\">var a = '<p>';</script> \
                    <style>p { color: red }</style><!-- ad slot -->Markets calm.<SCRIPT>x</SCRIPT>";
        assert_eq!(without_markup(html), "Rates rose. Markets calm.");
    }

    #[test]
    fn a_quoted_attribute_may_hold_a_greater_than_sign() {
        assert_eq!(
            without_markup("<img alt=\"a > b\" src='x.jpg'>Caption<br>Text"),
            "Caption\nText"
        );
    }

    #[test]
    fn text_with_angle_brackets_but_no_tags_is_kept_as_it_is() {
        for text in [
            "إذا كان a < b و b > c",
            "I <3 Riyadh",
            "<<الرياض>> تكتب",
            "<paragraph> is not a tag, nor is <p",
            "قال: <هذا نص> انتهى",
        ] {
            assert!(matches!(without_markup(text), Cow::Borrowed(_)), "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_read_without_panic_and_text_without_a_tag_is_kept(
            chars in proptest::collection::vec(
                proptest::sample::select(vec![
                    '<', '>', '/', '!', '-', '"', '\'', ' ', '=', 'p', 'b', 'r', 's', 'c', 'i', 't',
                    'y', 'l', 'e', 'ك', '؟', '\n',
                ]),
                0..60,
            ),
        ) {
            let text: String = chars.into_iter().collect();
            let out = without_markup(&text);
            if !text.contains('<') {
                proptest::prop_assert!(matches!(out, Cow::Borrowed(_)));
            }
            proptest::prop_assert!(out.len() <= text.len() + text.matches('>').count() * 2);
        }
    }

    #[test]
    fn an_unclosed_script_or_comment_hides_the_rest_as_a_browser_does() {
        assert_eq!(without_markup("Text.<script>var x = 1;"), "Text.");
        assert_eq!(without_markup("Text.<!-- never closed <p>x"), "Text.");
    }
}
