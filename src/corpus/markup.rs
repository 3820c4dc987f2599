//! HTML markup: in a JSON record's text and title, and a saved web page (`.html`) as a whole
//! (see [`page`]). CMS and feed exports often hold the article body as HTML
//! (`content.rendered`, an RSS `description`): `<p>` and `<br>` where the page broke its
//! lines, `<a>` and `<strong>` inside sentences, a `<script>` or a `<style>` block. Read as
//! text, the tags become words (`class`, `href`, `div`) and glue the last sentence of a
//! paragraph to the first of the next. They are turned into what a browser shows: a block
//! element is a paragraph break, `<br>` a line break, an inline element nothing, a script,
//! style sheet, comment or the page's head is dropped with its content.
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
    "a", "abbr", "b", "base", "bdi", "bdo", "big", "body", "button", "center", "cite", "code",
    "del", "dfn", "em", "font", "form", "html", "i", "img", "input", "ins", "kbd", "label", "link",
    "mark", "meta", "nobr", "option", "picture", "q", "s", "select", "small", "source", "span",
    "strike", "strong", "sub", "sup", "tbody", "textarea", "thead", "time", "tt", "u", "var",
    "wbr",
];

/// Elements whose content is no text of the page: dropped from the opening tag to the closing
/// one.
const HIDDEN: &[&str] = &[
    "audio", "canvas", "head", "iframe", "noscript", "object", "script", "style", "svg",
    "template", "title", "video",
];

/// `text` as a browser would show it: tags turned into line breaks or nothing (see
/// [`without_markup`]), then character references decoded — only complete ones (ending in
/// `;`), never into NUL or a control character. Borrowed when it has neither.
pub fn as_shown(text: &str) -> Cow<'_, str> {
    match without_markup(text) {
        Cow::Borrowed(t) => html_escape::decode_html_entities(t),
        Cow::Owned(t) => Cow::Owned(html_escape::decode_html_entities(&t).into_owned()),
    }
}

/// A saved web page as a record: its headline — the first `<h1>` that shows any text, else its
/// `<title>` (which sites suffix with their name) — on one line, and its text as shown (see
/// [`as_shown`]) without that `<h1>`, which the record's title now holds: printed again, it
/// would be the summary's first sentence.
pub fn page(html: &str) -> (String, Option<String>) {
    let mut from = 0;
    while let Some(open) = first_tag_from(html, from, |t| !t.closing && t.name == "h1") {
        let (inner, end) = element_content(html, open);
        if let Some(title) = one_line(inner) {
            let text = format!("{} {}", &html[..open.start], &html[end..]);
            return (as_shown(&text).into_owned(), Some(title));
        }
        from = end;
    }
    let title = first_tag_from(html, 0, |t| !t.closing && t.name == "title")
        .and_then(|open| one_line(element_content(html, open).0));
    (as_shown(html).into_owned(), title)
}

/// The content of the element opened by `open` and where the element ends (after its closing
/// tag, or at the end of the text when it is never closed).
fn element_content(html: &str, open: Tag) -> (&str, usize) {
    match first_tag_from(html, open.end, |t| t.closing && t.name == open.name) {
        Some(close) => (&html[open.end..close.start], close.end),
        None => (&html[open.end..], html.len()),
    }
}

/// Markup as shown, on one line; `None` when it shows nothing.
fn one_line(markup: &str) -> Option<String> {
    let line = as_shown(markup)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (!line.is_empty()).then_some(line)
}

/// The first tag at or after byte `from` that `wanted` accepts.
fn first_tag_from(html: &str, from: usize, wanted: impl Fn(&Tag) -> bool) -> Option<Tag> {
    let mut i = from;
    while let Some(tag) = first_tag(html, i) {
        if wanted(&tag) {
            return Some(tag);
        }
        i = tag.start + 1;
    }
    None
}

/// The source of every opening tag of element `name` (as the element lists spell it: "meta",
/// "link", "time") in `html`, in order, for reading their attributes. Comments are passed
/// over whole: a commented-out tag is no tag.
pub(super) fn opening_tags<'a>(
    html: &'a str,
    name: &'static str,
) -> impl Iterator<Item = &'a str> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(tag) = first_tag(html, from) {
            from = if tag.kind == Kind::Comment {
                tag.end
            } else {
                tag.start + 1
            };
            if !tag.closing && tag.name == name {
                return Some(&html[tag.start..tag.end]);
            }
        }
        None
    })
}

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

/// Ends `out` with `breaks` line breaks (white space before them dropped), unless it holds
/// nothing but white space.
fn end_line(out: &mut String, breaks: usize) {
    if out.trim().is_empty() {
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
    /// The element's name, lowercased (empty for a comment).
    name: &'static str,
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
            name: "",
        });
    }
    // A saved page's declarations: `<!DOCTYPE html>`, `<?xml version="1.0"?>`.
    let declaration = rest
        .get(..8)
        .is_some_and(|d| d.eq_ignore_ascii_case("!doctype"))
        || rest.starts_with("?xml");
    if declaration {
        let gt = memchr::memchr(b'>', rest.as_bytes())?;
        return Some(Tag {
            start: lt,
            end: lt + 1 + gt + 1,
            kind: Kind::Comment,
            closing: false,
            name: "",
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
    let (name, kind) = element(&rest[..name_len])?;
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
        name,
    })
}

/// The name (as listed) and kind of the element a tag names, when it is one of HTML's.
fn element(name: &str) -> Option<(&'static str, Kind)> {
    let find = |list: &[&'static str]| list.iter().copied().find(|e| e.eq_ignore_ascii_case(name));
    if name.eq_ignore_ascii_case("br") {
        Some(("br", Kind::Break))
    } else if let Some(e) = find(BLOCK) {
        Some((e, Kind::Block))
    } else if let Some(e) = find(INLINE) {
        Some((e, Kind::Inline))
    } else {
        find(HIDDEN).map(|e| (e, Kind::Hidden(e)))
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
    first_tag_from(text, from, |t| t.closing && t.kind == Kind::Hidden(name))
        .map_or(text.len(), |t| t.end)
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
    fn a_saved_page_is_its_body_titled_by_its_headline_or_else_its_title() {
        let head = "<?xml version=\"1.0\"?><!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\
                    <title> خبر &amp; تعليق\n | صحيفة </title><link rel=stylesheet href=s.css>\
                    <script>var t = '</p>';</script></head>";
        let (text, title) = page(&format!(
            "{head}<body><h1><a href=/><img alt=logo></a></h1><nav>الرئيسية</nav>\
             <h1>خبر <b>و</b>تعليق</h1><p>النص هنا.</p></body></html>"
        ));
        assert_eq!(title.as_deref(), Some("خبر وتعليق"));
        assert_eq!(text, "\nالرئيسية\n\nالنص هنا.\n\n");
        let (text, title) = page(&format!("{head}<body><p>النص هنا.</p></body></html>"));
        assert_eq!(title.as_deref(), Some("خبر & تعليق | صحيفة"));
        assert_eq!(text, "\nالنص هنا.\n\n");
        assert_eq!(page("<p>No title</p>").1, None);
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
