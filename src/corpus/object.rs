//! Turning one JSON object (a JSONL line or a JSON array element) into a record.
//!
//! The object is not built into a `serde_json::Value`: a visitor walks its keys, keeps the
//! values of the configured fields (borrowing strings from the input where it can) and skips
//! everything else, so the only copy of an article body is the one the [`Document`] owns.
//!
//! JSON records are mostly scraped from web pages, and their text and title often keep the
//! page's HTML character references (`&quot;`, `&#8220;`, `&amp;`): those two fields are
//! decoded, so a headline reads as the page showed it and `quot` is no word of the text.
//! Only complete references (ending in `;`) are decoded, never into NUL or a control
//! character; ids, sources, dates and URLs are kept exactly as given. Before that, the two
//! fields lose their HTML tags, as CMS and feed exports hold bodies as HTML (see
//! [`super::markup`]).

use std::borrow::Cow;
use std::fmt;

use serde::Deserializer;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::encoding::{check_utf8, invalid_utf8_in_line, locate_invalid};
use super::markup::as_shown;
use super::{Document, FieldNames, Origin, Record, Rejected};

/// Where a JSON slice starts in its file, which decides how errors name positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Position {
    /// A JSONL line: errors name the column (or byte) within that line.
    Line,
    /// An element of a JSON array starting at this 1-based line and byte column: errors name
    /// the file line and column.
    Element {
        /// 1-based line of the element's first byte.
        line: u64,
        /// 1-based byte column of the element's first byte.
        column: u64,
    },
}

/// Parses one JSON object into a [`Record`]: a [`Document`] when it has a string text field,
/// a [`Rejected`] saying why otherwise. `origin` is where the record starts.
pub(crate) fn parse_record(
    bytes: &[u8],
    origin: Origin,
    position: Position,
    fields: &FieldNames,
) -> Record {
    let (line, column) = match position {
        Position::Line => (1, 1),
        Position::Element { line, column } => (line, column),
    };
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        let spot = locate_invalid(bytes, at, line, column);
        let reason = match position {
            Position::Line => format!(
                "binary data, not text: NUL byte at byte {} of the line",
                spot.byte
            ),
            Position::Element { .. } => format!(
                "binary data, not text: NUL byte at byte {} of line {}",
                spot.byte, spot.line
            ),
        };
        return reject(None, origin, reason);
    }
    let text = match check_utf8(bytes, line, column) {
        Ok(text) => text,
        Err(e) => {
            let reason = match position {
                Position::Line => invalid_utf8_in_line(e.byte),
                Position::Element { .. } => e.to_string(),
            };
            return reject(None, origin, reason);
        }
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let parsed = de
        .deserialize_any(ObjectVisitor { fields })
        .and_then(|v| de.end().map(|()| v));
    match parsed {
        Err(e) => reject(None, origin, json_error(&e, position)),
        Ok(Top::NotObject(kind)) => reject(
            None,
            origin,
            format!("expected a JSON object, found {kind}"),
        ),
        Ok(Top::Object(object)) => object.into_record(origin, fields),
    }
}

/// A rejection, with the record's id when it has one and `file:line` otherwise.
pub(crate) fn reject(id: Option<String>, origin: Origin, reason: String) -> Record {
    let id = id.unwrap_or_else(|| fallback_id(&origin));
    Record::Rejected(Rejected { id, origin, reason })
}

/// The id of a record that has none: where it is (`file:line`, or the file alone for
/// whole-file records).
fn fallback_id(origin: &Origin) -> String {
    origin.to_string()
}

/// serde_json's message with its position rewritten to be relative to the file.
fn json_error(e: &serde_json::Error, position: Position) -> String {
    let message = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = message.strip_suffix(&suffix).unwrap_or(&message);
    match position {
        Position::Line => format!("invalid JSON at column {}: {message}", e.column()),
        Position::Element { line, column } => {
            let at_line = line + e.line().saturating_sub(1) as u64;
            let at_column = if e.line() <= 1 {
                column + e.column().saturating_sub(1) as u64
            } else {
                e.column() as u64
            };
            format!("invalid JSON at line {at_line} column {at_column}: {message}")
        }
    }
}

/// What the top-level JSON value was.
enum Top<'de> {
    Object(Object<'de>),
    NotObject(&'static str),
}

/// The configured fields of one object, as found.
#[derive(Default)]
struct Object<'de> {
    id: Option<Field<'de>>,
    text: Option<Field<'de>>,
    title: Option<Field<'de>>,
    source: Option<Field<'de>>,
    date: Option<Field<'de>>,
    url: Option<Field<'de>>,
}

impl Object<'_> {
    fn into_record(self, origin: Origin, fields: &FieldNames) -> Record {
        // The id: a string, or a number as its decimal text; anything else (or an empty
        // string) counts as no id.
        let id = match self.id {
            Some(Field::Str(s)) if !s.is_empty() => Some(s.into_owned()),
            Some(Field::Number(n)) => Some(n),
            _ => None,
        };
        let name = &fields.text;
        let text = match self.text {
            Some(Field::Str(s)) => decoded(s).into_owned(),
            None => return reject(id, origin, format!("no `{name}` field")),
            Some(other) => {
                let kind = other.kind();
                return reject(
                    id,
                    origin,
                    format!("field `{name}` is {kind}, expected a string"),
                );
            }
        };
        if text.contains('\0') {
            let reason =
                format!("field `{name}` holds a NUL character (\\u0000): binary data, not text");
            return reject(id, origin, reason);
        }
        let id = id.unwrap_or_else(|| fallback_id(&origin));
        Record::Document(Document {
            id,
            text,
            title: optional(self.title.map(Field::decoded)),
            source: optional(self.source),
            date: match self.date {
                Some(Field::Number(n)) => super::date::from_unix_time(&n),
                date => optional(date),
            },
            url: optional(self.url),
            origin,
        })
    }
}

/// `s` as the page showed it (see [`as_shown`]); still borrowed from the input when it has
/// neither tags nor character references.
fn decoded(s: Cow<'_, str>) -> Cow<'_, str> {
    match as_shown(&s) {
        Cow::Borrowed(_) => s,
        Cow::Owned(d) => Cow::Owned(d),
    }
}

/// An optional string field: strings that are not blank; other types are ignored.
fn optional(field: Option<Field<'_>>) -> Option<String> {
    match field {
        Some(Field::Str(s)) if !s.trim().is_empty() => Some(s.into_owned()),
        _ => None,
    }
}

/// The value of one configured field.
#[derive(Clone)]
enum Field<'de> {
    Str(Cow<'de, str>),
    /// A number, as its decimal text.
    Number(String),
    Null,
    Bool,
    Array,
    Object,
}

impl Field<'_> {
    /// A string field with its HTML character references decoded; any other as it is.
    fn decoded(self) -> Self {
        match self {
            Field::Str(s) => Field::Str(decoded(s)),
            other => other,
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            Field::Str(_) => "a string",
            Field::Number(_) => "a number",
            Field::Null => "null",
            Field::Bool => "a boolean",
            Field::Array => "an array",
            Field::Object => "an object",
        }
    }
}

/// Bit flags for the roles a key plays (field names may coincide).
const ID: u8 = 1;
const TEXT: u8 = 2;
const TITLE: u8 = 4;
const SOURCE: u8 = 8;
const DATE: u8 = 16;
const URL: u8 = 32;
/// Every role, as the top-level object is walked.
const ALL: u8 = ID | TEXT | TITLE | SOURCE | DATE | URL;

impl FieldNames {
    /// The roles and their field names.
    fn roles(&self) -> [(u8, &str); 6] {
        [
            (ID, &self.id),
            (TEXT, &self.text),
            (TITLE, &self.title),
            (SOURCE, &self.source),
            (DATE, &self.date),
            (URL, &self.url),
        ]
    }
}

impl<'de> Object<'de> {
    /// Sets `value` as the field of every role in `roles`.
    fn fill(&mut self, roles: u8, value: &Field<'de>) {
        let slots = [
            (ID, &mut self.id),
            (TEXT, &mut self.text),
            (TITLE, &mut self.title),
            (SOURCE, &mut self.source),
            (DATE, &mut self.date),
            (URL, &mut self.url),
        ];
        // A repeated key keeps its last value, as serde_json's `Value` does.
        for (role, slot) in slots {
            if roles & role != 0 {
                *slot = Some(value.clone());
            }
        }
    }
}

/// Walks one object's keys for the fields of `roles`, whose names all begin with `prefix`
/// bytes already matched (0 at the top; `source.` inside `"source": {...}`): a key that is
/// the rest of a name fills that role, a key that begins the rest (`name` of `source.name`,
/// as NewsAPI, Elasticsearch and mongoexport nest fields) is walked into, anything else is
/// skipped unread.
fn walk_object<'de, A: MapAccess<'de>>(
    map: &mut A,
    fields: &FieldNames,
    roles: u8,
    prefix: usize,
    object: &mut Object<'de>,
) -> Result<(), A::Error> {
    while let Some(key) = map.next_key_seed(KeySeed {
        fields,
        roles,
        prefix,
    })? {
        if key.whole == 0 && key.within == 0 {
            map.next_value::<IgnoredAny>()?;
            continue;
        }
        let within = (key.within != 0).then(|| Within {
            fields,
            roles: key.within,
            prefix: prefix + key.len + 1,
            object: &mut *object,
        });
        let value: Field<'de> = map.next_value_seed(FieldSeed { within })?;
        object.fill(key.whole, &value);
    }
    Ok(())
}

struct ObjectVisitor<'f> {
    fields: &'f FieldNames,
}

impl<'de> Visitor<'de> for ObjectVisitor<'_> {
    type Value = Top<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut object = Object::default();
        walk_object(&mut map, self.fields, ALL, 0, &mut object)?;
        Ok(Top::Object(object))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Top::NotObject("an array"))
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(Top::NotObject("a string"))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Top::NotObject("a number"))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Top::NotObject("a number"))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Top::NotObject("a number"))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Top::NotObject("a boolean"))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Top::NotObject("null"))
    }
}

/// Reads a key and says, without allocating, which of `roles` it names whole (the rest of
/// the name after `prefix` bytes) and which it begins (the rest starts with the key and a
/// dot). A literal key `source.name` names `--source-field source.name` whole.
struct KeySeed<'f> {
    fields: &'f FieldNames,
    roles: u8,
    prefix: usize,
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = KeyRoles;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<KeyRoles, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for KeySeed<'_> {
    type Value = KeyRoles;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<KeyRoles, E> {
        let (mut whole, mut within) = (0, 0);
        for (role, name) in self.fields.roles() {
            if self.roles & role == 0 {
                continue;
            }
            let rest = name.get(self.prefix..).unwrap_or_default();
            if rest == key {
                whole |= role;
            } else if rest.strip_prefix(key).is_some_and(|r| r.starts_with('.')) {
                within |= role;
            }
        }
        Ok(KeyRoles {
            whole,
            within,
            len: key.len(),
        })
    }
}

/// What [`KeySeed`] found of one key.
struct KeyRoles {
    /// The roles the key names whole.
    whole: u8,
    /// The roles whose names go on inside the key's value.
    within: u8,
    /// The key's length in bytes (the matched prefix grows by it and a dot).
    len: usize,
}

/// Reads a field value, borrowing strings that need no unescaping; an object value whose key
/// begins field names is walked into for them (`within`).
struct FieldSeed<'f, 'o, 'de> {
    within: Option<Within<'f, 'o, 'de>>,
}

/// The fields to look for inside an object value, and where to put them.
struct Within<'f, 'o, 'de> {
    fields: &'f FieldNames,
    roles: u8,
    prefix: usize,
    object: &'o mut Object<'de>,
}

impl<'de> DeserializeSeed<'de> for FieldSeed<'_, '_, 'de> {
    type Value = Field<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Field<'de>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for FieldSeed<'_, '_, 'de> {
    type Value = Field<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Field<'de>, E> {
        Ok(Field::Str(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Field<'de>, E> {
        Ok(Field::Str(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Field<'de>, E> {
        Ok(Field::Str(Cow::Owned(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Field<'de>, E> {
        Ok(Field::Number(v.to_string()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Field<'de>, E> {
        Ok(Field::Number(v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Field<'de>, E> {
        Ok(Field::Number(v.to_string()))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Field<'de>, E> {
        Ok(Field::Bool)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Field<'de>, E> {
        Ok(Field::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Field<'de>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Field::Array)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Field<'de>, A::Error> {
        match self.within {
            Some(w) => walk_object(&mut map, w.fields, w.roles, w.prefix, w.object)?,
            None => while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {},
        }
        Ok(Field::Object)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin(line: u64) -> Origin {
        Origin {
            file: "in/a.jsonl".into(),
            line: Some(line),
        }
    }

    fn parse(json: &str) -> Record {
        parse_record(
            json.as_bytes(),
            origin(7),
            Position::Line,
            &FieldNames::default(),
        )
    }

    fn doc(record: Record) -> Document {
        match record {
            Record::Document(d) => d,
            Record::Rejected(r) => panic!("rejected: {r:?}"),
        }
    }

    fn rejected(record: Record) -> Rejected {
        match record {
            Record::Rejected(r) => r,
            Record::Document(d) => panic!("accepted: {d:?}"),
        }
    }

    #[test]
    fn all_fields_are_extracted() {
        let d = doc(parse(
            r#"{"id": "a1", "text": "نص\nالمقال", "title": "عنوان", "source": "spa",
                "date": "2015-01-01", "url": "http://x", "extra": {"deep": [1, 2]}}"#,
        ));
        assert_eq!(d.id, "a1");
        assert_eq!(d.text, "نص\nالمقال");
        assert_eq!(d.title.as_deref(), Some("عنوان"));
        assert_eq!(d.source.as_deref(), Some("spa"));
        assert_eq!(d.date.as_deref(), Some("2015-01-01"));
        assert_eq!(d.url.as_deref(), Some("http://x"));
        assert_eq!(d.origin, origin(7));
    }

    #[test]
    fn numeric_id_becomes_decimal_text() {
        assert_eq!(doc(parse(r#"{"id": 42, "text": "x"}"#)).id, "42");
        assert_eq!(doc(parse(r#"{"id": -3, "text": "x"}"#)).id, "-3");
    }

    #[test]
    fn missing_or_unusable_id_falls_back_to_file_and_line() {
        for json in [
            r#"{"text": "x"}"#,
            r#"{"id": null, "text": "x"}"#,
            r#"{"id": "", "text": "x"}"#,
            r#"{"id": [1], "text": "x"}"#,
        ] {
            assert_eq!(doc(parse(json)).id, "in/a.jsonl:7", "{json}");
        }
    }

    #[test]
    fn html_character_references_in_text_and_title_are_decoded_and_nothing_else() {
        let d = doc(parse(
            r#"{"id": "a&amp;b", "text": "قال &quot;نعم&quot; &amp; مضى &#0; &#8", "title": "تعليقات &#8220;مهينة&#x201D;", "source": "x&amp;y", "url": "https://e.com/?a=1&amp;b=2"}"#,
        ));
        assert_eq!(d.text, "قال \"نعم\" & مضى &#0; &#8");
        assert_eq!(d.title.as_deref(), Some("تعليقات “مهينة”"));
        assert_eq!(d.id, "a&amp;b");
        assert_eq!(d.source.as_deref(), Some("x&amp;y"));
        assert_eq!(d.url.as_deref(), Some("https://e.com/?a=1&amp;b=2"));
        // A title of a no-break space only is blank.
        assert_eq!(
            doc(parse(r#"{"text": "x", "title": "&nbsp;"}"#)).title,
            None
        );
    }

    #[test]
    fn html_markup_in_text_and_title_is_read_as_the_page_showed_it() {
        let d = doc(parse(
            r#"{"id": "<b>1</b>", "text": "<p>Rates rose &amp; held.</p><script>var a;</script><p>Markets <em>calm</em>.</p>", "title": "<b>ECB</b> &lt;p&gt; lifts", "url": "https://e.com/<p>"}"#,
        ));
        assert_eq!(d.text, "Rates rose & held.\n\nMarkets calm.\n\n");
        // A reference to a tag is text: it is decoded after the tags are gone.
        assert_eq!(d.title.as_deref(), Some("ECB <p> lifts"));
        assert_eq!(d.id, "<b>1</b>");
        assert_eq!(d.url.as_deref(), Some("https://e.com/<p>"));
    }

    #[test]
    fn a_date_given_as_a_number_is_read_as_unix_time() {
        let d = doc(parse(r#"{"text": "x", "date": 1437447092}"#));
        assert_eq!(d.date.as_deref(), Some("2015-07-21T02:51:32Z"));
        let d = doc(parse(r#"{"text": "x", "date": 1437447092000}"#));
        assert_eq!(d.date.as_deref(), Some("2015-07-21T02:51:32Z"));
        let d = doc(parse(r#"{"text": "x", "date": -1}"#));
        assert_eq!(d.date, None);
    }

    #[test]
    fn optional_fields_of_other_types_or_blank_are_none() {
        let d = doc(parse(
            r#"{"text": "", "title": "", "source": 5, "date": null, "url": "  "}"#,
        ));
        assert_eq!(d.text, "");
        assert_eq!((d.title, d.source, d.date, d.url), (None, None, None, None));
    }

    #[test]
    fn text_of_wrong_type_or_missing_is_rejected_with_the_field_name() {
        let cases = [
            (
                r#"{"id": 1, "text": null}"#,
                "field `text` is null, expected a string",
            ),
            (
                r#"{"id": 1, "text": 12}"#,
                "field `text` is a number, expected a string",
            ),
            (
                r#"{"id": 1, "text": ["a"]}"#,
                "field `text` is an array, expected a string",
            ),
            (
                r#"{"id": 1, "text": {}}"#,
                "field `text` is an object, expected a string",
            ),
            (
                r#"{"id": 1, "text": true}"#,
                "field `text` is a boolean, expected a string",
            ),
            (r#"{"id": 1, "body": "x"}"#, "no `text` field"),
        ];
        for (json, reason) in cases {
            let r = rejected(parse(json));
            assert_eq!(r.reason, reason, "{json}");
            assert_eq!(r.id, "1", "the id is kept when there is one");
        }
        assert_eq!(rejected(parse(r#"{"text": null}"#)).id, "in/a.jsonl:7");
    }

    #[test]
    fn renamed_fields_are_used() {
        let fields = FieldNames {
            id: "doc_id".into(),
            text: "body".into(),
            title: "headline".into(),
            ..FieldNames::default()
        };
        let json =
            r#"{"doc_id": "k", "body": "b", "headline": "h", "text": "not this", "id": "no"}"#;
        let d = doc(parse_record(
            json.as_bytes(),
            origin(1),
            Position::Line,
            &fields,
        ));
        assert_eq!((d.id.as_str(), d.text.as_str()), ("k", "b"));
        assert_eq!(d.title.as_deref(), Some("h"));

        let r = rejected(parse_record(
            br#"{"text": "x"}"#,
            origin(1),
            Position::Line,
            &fields,
        ));
        assert_eq!(r.reason, "no `body` field");
    }

    #[test]
    fn dotted_field_names_reach_into_nested_objects() {
        let at = |fields: &FieldNames, json: &str| {
            parse_record(json.as_bytes(), origin(1), Position::Line, fields)
        };
        // NewsAPI: the outlet is an object.
        let newsapi = FieldNames {
            text: "content".into(),
            source: "source.name".into(),
            date: "publishedAt".into(),
            ..FieldNames::default()
        };
        let d = doc(at(
            &newsapi,
            r#"{"source": {"id": null, "name": "BBC News"}, "title": "T &amp; U", "content": "c", "publishedAt": "2015-07-21T02:51:32Z"}"#,
        ));
        assert_eq!(d.source.as_deref(), Some("BBC News"));
        assert_eq!(d.title.as_deref(), Some("T & U"));
        // mongoexport: extended JSON wraps ids and dates; two roles share one object.
        let mongo = FieldNames {
            id: "_id.$oid".into(),
            date: "meta.date.$date".into(),
            source: "meta.site".into(),
            ..FieldNames::default()
        };
        let d = doc(at(
            &mongo,
            r#"{"_id": {"$oid": "5f1a"}, "meta": {"skip": {"x": 1}, "date": {"$date": 1437447092000}, "site": "okaz"}, "text": "t"}"#,
        ));
        assert_eq!(d.id, "5f1a");
        assert_eq!(d.date.as_deref(), Some("2015-07-21T02:51:32Z"));
        assert_eq!(d.source.as_deref(), Some("okaz"));
        // Elasticsearch: the body under `_source`; a missing one is named by its whole path.
        let es = FieldNames {
            id: "_id".into(),
            text: "_source.body".into(),
            ..FieldNames::default()
        };
        assert_eq!(
            doc(at(&es, r#"{"_id": 7, "_source": {"body": "b"}}"#)).text,
            "b"
        );
        for json in [
            r#"{"_id": 7, "_source": {"text": "b"}}"#,
            r#"{"_id": 7, "_source": "b"}"#,
            r#"{"_id": 7, "_source": {"body": {"body": "b"}}}"#,
        ] {
            let r = rejected(at(&es, json));
            assert!(r.reason.contains("`_source.body`"), "{json}: {}", r.reason);
            assert_eq!(r.id, "7");
        }
        // A key that holds the dots itself is the field too, and one role may be the object
        // while another is inside it.
        let d = doc(at(&es, r#"{"_source.body": "flat"}"#));
        assert_eq!(d.text, "flat");
        let both = FieldNames {
            text: "a.b".into(),
            title: "a".into(),
            ..FieldNames::default()
        };
        let d = doc(at(&both, r#"{"a": {"b": "x"}}"#));
        assert_eq!((d.text.as_str(), d.title), ("x", None));
        let d = doc(at(&both, r#"{"a": "t", "a.b": "x"}"#));
        assert_eq!((d.text.as_str(), d.title.as_deref()), ("x", Some("t")));
    }

    #[test]
    fn one_key_may_fill_two_roles() {
        let fields = FieldNames {
            title: "text".into(),
            ..FieldNames::default()
        };
        let d = doc(parse_record(
            br#"{"text": "same"}"#,
            origin(1),
            Position::Line,
            &fields,
        ));
        assert_eq!(
            (d.text.as_str(), d.title.as_deref()),
            ("same", Some("same"))
        );
    }

    #[test]
    fn repeated_key_keeps_the_last_value() {
        assert_eq!(doc(parse(r#"{"text": "a", "text": "b"}"#)).text, "b");
    }

    #[test]
    fn non_objects_are_rejected_by_kind() {
        let cases = [
            ("[1, 2]", "an array"),
            ("3", "a number"),
            ("-3.5", "a number"),
            ("\"s\"", "a string"),
            ("true", "a boolean"),
            ("null", "null"),
        ];
        for (json, kind) in cases {
            let r = rejected(parse(json));
            assert_eq!(r.reason, format!("expected a JSON object, found {kind}"));
            assert_eq!(r.id, "in/a.jsonl:7");
        }
    }

    #[test]
    fn invalid_json_names_the_column() {
        let r = rejected(parse(r#"{"id": 1, "text": "x""#));
        assert!(
            r.reason.starts_with("invalid JSON at column "),
            "{}",
            r.reason
        );
        assert!(r.reason.contains("EOF while parsing"), "{}", r.reason);
        assert!(!r.reason.contains("at line 1"), "{}", r.reason);
        assert!(
            rejected(parse(r#"{"a": 1} x"#))
                .reason
                .contains("trailing characters")
        );
    }

    #[test]
    fn invalid_json_in_an_element_names_file_line_and_column() {
        let position = Position::Element {
            line: 10,
            column: 3,
        };
        let r = rejected(parse_record(
            b"{\"a\": tru}",
            origin(10),
            position,
            &FieldNames::default(),
        ));
        assert_eq!(
            r.reason,
            "invalid JSON at line 10 column 12: expected ident"
        );
        let r = rejected(parse_record(
            b"{\"a\": 1,\n \"b\": ?}",
            origin(10),
            position,
            &FieldNames::default(),
        ));
        assert!(
            r.reason.starts_with("invalid JSON at line 11 column 7: "),
            "{}",
            r.reason
        );
    }

    #[test]
    fn invalid_utf8_is_rejected_with_its_byte() {
        let r = rejected(parse_record(
            b"{\"text\": \"\xC3\x28\"}",
            origin(3),
            Position::Line,
            &FieldNames::default(),
        ));
        assert_eq!(
            r.reason,
            "invalid UTF-8 at byte 11 of the line (try --encoding cp1256 if this is a legacy \
             Arabic archive)"
        );
        assert_eq!(r.id, "in/a.jsonl:3");
    }

    #[test]
    fn nul_bytes_and_escaped_nuls_are_binary_data() {
        let r = rejected(parse_record(
            b"{\"text\": \"a\0b\"}",
            origin(3),
            Position::Line,
            &FieldNames::default(),
        ));
        assert_eq!(
            r.reason,
            "binary data, not text: NUL byte at byte 12 of the line"
        );
        let r = rejected(parse(r#"{"id": "n", "text": "a\u0000b"}"#));
        assert_eq!(
            r.reason,
            "field `text` holds a NUL character (\\u0000): binary data, not text"
        );
        assert_eq!(r.id, "n");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let r = rejected(parse(&format!("{{\"x\": {deep}}}")));
        assert_eq!(r.reason, "no `text` field");
        let r = rejected(parse(&format!("{{\"text\": {deep}}}")));
        assert_eq!(r.reason, "field `text` is an array, expected a string");
        let r = rejected(parse(&deep));
        assert_eq!(r.reason, "expected a JSON object, found an array");
        // Walking into objects for a dotted name goes no deeper than the name.
        let fields = FieldNames {
            text: "a.a.a".into(),
            ..FieldNames::default()
        };
        let objects = format!("{}1{}", "{\"a\": ".repeat(100_000), "}".repeat(100_000));
        let r = rejected(parse_record(
            objects.as_bytes(),
            origin(1),
            Position::Line,
            &fields,
        ));
        assert_eq!(r.reason, "field `a.a.a` is an object, expected a string");
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_give_a_record_without_panic(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..200)
        ) {
            let record = parse_record(&bytes, origin(2), Position::Line, &FieldNames::default());
            proptest::prop_assert_eq!(record.origin(), &origin(2));
        }
    }
}
