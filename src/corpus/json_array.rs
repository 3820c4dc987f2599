//! Splitting a JSON array into its elements with their line numbers.
//!
//! The array is never parsed as one value: [`split_array`] walks the top level, tracking
//! strings, escapes and bracket nesting, and returns the byte range and starting line of each
//! element, so that each element can be parsed on its own (one malformed article costs one
//! record, not the file). Whether an element is valid JSON is left to that parse; the scanner
//! only needs to find where each element ends. When the array itself is broken (not an array,
//! unterminated, missing commas, mismatched brackets) it stops there, keeps the elements found
//! before, and says where and why.

use std::ops::Range;

/// One top-level element of the array.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Element {
    /// Byte range of the element in the input (no surrounding whitespace).
    pub range: Range<usize>,
    /// 1-based line of the element's first byte.
    pub line: u64,
    /// 1-based byte column of the element's first byte within its line.
    pub column: u64,
}

/// Where and why the array structure broke.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StructureError {
    /// 1-based line where it broke.
    pub line: u64,
    /// What was wrong.
    pub reason: String,
}

/// The result of scanning: the complete elements found, in order, and the structural error
/// that stopped the scan, if any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Split {
    /// Elements found before the end (or before the error).
    pub elements: Vec<Element>,
    /// Why the scan stopped early, if it did.
    pub error: Option<StructureError>,
}

/// Splits `bytes` (a whole file, byte-order mark already removed) into the elements of its
/// top-level array. Input that is only whitespace gives no elements and no error.
pub(crate) fn split_array(bytes: &[u8]) -> Split {
    let mut scanner = Scanner {
        bytes,
        pos: 0,
        line: 1,
        line_start: 0,
    };
    let mut split = Split::default();
    if let Err(error) = scanner.array(&mut split.elements) {
        split.error = Some(error);
    }
    split
}

struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// 1-based line of `pos`.
    line: u64,
    /// Offset of the first byte of the current line.
    line_start: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Moves past the current byte, counting lines.
    fn bump(&mut self) {
        if self.bytes.get(self.pos) == Some(&b'\n') {
            self.line += 1;
            self.line_start = self.pos + 1;
        }
        self.pos += 1;
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\r' | b'\n') = self.peek() {
            self.bump();
        }
    }

    fn error(&self, reason: String) -> StructureError {
        StructureError {
            line: self.line,
            reason,
        }
    }

    /// A description of what is at the current position, for error messages.
    fn found(&self) -> String {
        describe_at(self.bytes, self.pos)
    }

    fn array(&mut self, elements: &mut Vec<Element>) -> Result<(), StructureError> {
        self.skip_whitespace();
        match self.peek() {
            None => return Ok(()),
            Some(b'[') => self.bump(),
            Some(_) => {
                let found = match self.peek() {
                    Some(b'{') => "an object".to_string(),
                    Some(b'"') => "a string".to_string(),
                    Some(b'-' | b'0'..=b'9') => "a number".to_string(),
                    Some(b't' | b'f') => "a boolean".to_string(),
                    Some(b'n') => "null".to_string(),
                    _ => self.found(),
                };
                return Err(self.error(format!("expected a JSON array of objects, found {found}")));
            }
        }
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.bump();
            return self.after_array();
        }
        loop {
            self.skip_whitespace();
            // A stray `}` would be an element of no bytes: the scanner stops at it.
            match self.peek() {
                Some(b',' | b']' | b'}') | None => {
                    return Err(
                        self.error(format!("expected an array element, found {}", self.found()))
                    );
                }
                Some(_) => {}
            }
            let start = self.pos;
            let line = self.line;
            let column = (self.pos - self.line_start) as u64 + 1;
            self.element()?;
            elements.push(Element {
                range: start..self.pos,
                line,
                column,
            });
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => {
                    self.bump();
                    self.skip_whitespace();
                    if self.peek() == Some(b']') {
                        return Err(self.error("trailing comma before `]`".to_string()));
                    }
                }
                Some(b']') => {
                    self.bump();
                    return self.after_array();
                }
                None => {
                    return Err(
                        self.error("the array is not closed: the file ends before `]`".to_string())
                    );
                }
                Some(_) => {
                    return Err(self.error(format!(
                        "expected `,` or `]` after an array element, found {}",
                        self.found()
                    )));
                }
            }
        }
    }

    fn after_array(&mut self) -> Result<(), StructureError> {
        self.skip_whitespace();
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(self.error(format!(
                "unexpected {} after the end of the array",
                self.found()
            ))),
        }
    }

    /// Moves past one element starting at the current (non-whitespace) byte.
    fn element(&mut self) -> Result<(), StructureError> {
        match self.peek() {
            Some(b'{' | b'[') => self.nested(),
            Some(b'"') => self.string(),
            _ => {
                // A bare scalar (number, literal, or garbage): up to the next delimiter. Its
                // validity is for the element parser to judge.
                while let Some(b) = self.peek() {
                    if matches!(
                        b,
                        b' ' | b'\t' | b'\r' | b'\n' | b',' | b']' | b'}' | b'[' | b'{' | b'"'
                    ) {
                        break;
                    }
                    self.bump();
                }
                Ok(())
            }
        }
    }

    /// Moves past a string starting at the current `"`.
    fn string(&mut self) -> Result<(), StructureError> {
        let line = self.line;
        self.bump();
        loop {
            match self.peek() {
                None => {
                    return Err(self.error(format!(
                        "the array is not closed: the string starting at line {line} is not \
                         terminated"
                    )));
                }
                Some(b'"') => {
                    self.bump();
                    return Ok(());
                }
                Some(b'\\') => {
                    self.bump();
                    if self.peek().is_some() {
                        self.bump();
                    }
                }
                Some(_) => self.bump(),
            }
        }
    }

    /// Moves past an object or array starting at the current `{` or `[`, tracking nesting.
    fn nested(&mut self) -> Result<(), StructureError> {
        let line = self.line;
        let mut open: Vec<u8> = Vec::new();
        loop {
            match self.peek() {
                None => {
                    return Err(self.error(format!(
                        "the array is not closed: the element starting at line {line} is not \
                         terminated"
                    )));
                }
                Some(b'"') => self.string()?,
                Some(b @ (b'{' | b'[')) => {
                    open.push(if b == b'{' { b'}' } else { b']' });
                    self.bump();
                }
                Some(b @ (b'}' | b']')) => {
                    if open.pop() != Some(b) {
                        return Err(self.error(format!(
                            "mismatched `{}` in the element starting at line {line}",
                            b as char
                        )));
                    }
                    self.bump();
                    if open.is_empty() {
                        return Ok(());
                    }
                }
                Some(_) => self.bump(),
            }
        }
    }
}

/// Describes the input at `pos`: "the end of the file", a quoted character, or a byte value.
fn describe_at(bytes: &[u8], pos: usize) -> String {
    let Some(rest) = bytes.get(pos..).filter(|r| !r.is_empty()) else {
        return "the end of the file".to_string();
    };
    let head = &rest[..rest.len().min(4)];
    let valid = match std::str::from_utf8(head) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or(""),
    };
    match valid.chars().next() {
        Some(c) if !c.is_control() => format!("`{c}`"),
        _ => format!("byte 0x{:02X}", rest[0]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(input: &'a str, split: &Split) -> Vec<&'a str> {
        split
            .elements
            .iter()
            .map(|e| &input[e.range.clone()])
            .collect()
    }

    #[test]
    fn splits_objects_with_lines_and_columns() {
        let input = "[\n  {\"id\": 1},\n  {\"id\": 2,\n   \"text\": \"x\"}\n]\n";
        let split = split_array(input.as_bytes());
        assert_eq!(split.error, None);
        assert_eq!(
            texts(input, &split),
            ["{\"id\": 1}", "{\"id\": 2,\n   \"text\": \"x\"}"]
        );
        let lines: Vec<_> = split.elements.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(lines, [(2, 3), (3, 3)]);
    }

    #[test]
    fn brackets_and_escaped_quotes_inside_strings_do_not_count() {
        let input = r#"[{"t": "a ] b } c [ {"}, {"t": "say \"]\" and \\"}, {"t": "\\\"}"}]"#;
        let split = split_array(input.as_bytes());
        assert_eq!(split.error, None);
        assert_eq!(
            texts(input, &split),
            [
                r#"{"t": "a ] b } c [ {"}"#,
                r#"{"t": "say \"]\" and \\"}"#,
                r#"{"t": "\\\"}"}"#
            ]
        );
    }

    #[test]
    fn newlines_inside_strings_count_as_lines() {
        let input = "[{\"t\": \"a\nb\nc\"},\n{\"t\": 2}]";
        let split = split_array(input.as_bytes());
        assert_eq!(split.error, None);
        assert_eq!(split.elements[1].line, 4);
    }

    #[test]
    fn nested_arrays_and_scalars_are_elements() {
        let input = "[[1, [2]], 3.5e2, \"s\", true, null, {\"a\": {\"b\": [{}]}}]";
        let split = split_array(input.as_bytes());
        assert_eq!(split.error, None);
        assert_eq!(
            texts(input, &split),
            [
                "[1, [2]]",
                "3.5e2",
                "\"s\"",
                "true",
                "null",
                "{\"a\": {\"b\": [{}]}}"
            ]
        );
    }

    #[test]
    fn empty_input_and_empty_array_have_no_elements() {
        for input in ["", "  \n ", "[]", " [ \n ] \n"] {
            assert_eq!(split_array(input.as_bytes()), Split::default(), "{input:?}");
        }
    }

    #[test]
    fn a_single_object_is_not_an_array() {
        let split = split_array(b"\n{\"id\": 1}");
        assert!(split.elements.is_empty());
        let error = split.error.unwrap();
        assert_eq!(error.line, 2);
        assert_eq!(
            error.reason,
            "expected a JSON array of objects, found an object"
        );
    }

    #[test]
    fn unterminated_array_keeps_elements_before() {
        let split = split_array(b"[\n{\"id\": 1},\n{\"id\": 2}\n");
        assert_eq!(split.elements.len(), 2);
        let error = split.error.unwrap();
        assert_eq!(error.line, 4);
        assert!(error.reason.contains("not closed"), "{}", error.reason);
    }

    #[test]
    fn unterminated_element_names_its_start_line() {
        let split = split_array(b"[{\"id\": 1},\n{\"id\": 2, \"t\": \"abc");
        assert_eq!(split.elements.len(), 1);
        let error = split.error.unwrap();
        assert_eq!(error.line, 2);
        assert!(error.reason.contains("line 2"), "{}", error.reason);
    }

    #[test]
    fn missing_comma_stops_the_scan_where_it_broke() {
        let split = split_array(b"[{\"id\": 1}\n{\"id\": 2}]");
        assert_eq!(split.elements.len(), 1);
        let error = split.error.unwrap();
        assert_eq!(error.line, 2);
        assert_eq!(
            error.reason,
            "expected `,` or `]` after an array element, found `{`"
        );
    }

    #[test]
    fn mismatched_brackets_are_structure_errors() {
        let split = split_array(b"[{\"a\": 1},\n{\"a\": [1}, {\"b\": 2}]");
        assert_eq!(split.elements.len(), 1);
        let error = split.error.unwrap();
        assert_eq!(error.line, 2);
        assert!(error.reason.contains("mismatched `}`"), "{}", error.reason);
    }

    #[test]
    fn trailing_comma_and_trailing_content_are_reported() {
        let split = split_array(b"[1, 2,\n]");
        assert_eq!(split.elements.len(), 2);
        assert_eq!(split.error.unwrap().line, 2);

        let split = split_array(b"[1]\n\nx");
        assert_eq!(split.elements.len(), 1);
        let error = split.error.unwrap();
        assert_eq!(error.line, 3);
        assert_eq!(error.reason, "unexpected `x` after the end of the array");
    }

    #[test]
    fn elements_that_are_not_json_are_still_split() {
        // `{"a": tru}` is not JSON, but where it ends is clear: the parser judges it later.
        let input = "[{\"a\": tru}, {\"a\": 1}]";
        let split = split_array(input.as_bytes());
        assert_eq!(split.error, None);
        assert_eq!(texts(input, &split), ["{\"a\": tru}", "{\"a\": 1}"]);
    }

    #[test]
    fn non_utf8_bytes_are_described_by_value() {
        let split = split_array(b"\xFF[]");
        assert_eq!(
            split.error.unwrap().reason,
            "expected a JSON array of objects, found byte 0xFF"
        );
        assert_eq!(describe_at("[سلام".as_bytes(), 1), "`س`");
        assert_eq!(describe_at(b"[", 1), "the end of the file");
    }

    #[test]
    fn a_stray_closing_brace_is_an_error_not_an_empty_element() {
        for input in [&b"[}"[..], b"[{\"a\":1},}]"] {
            let split = split_array(input);
            assert!(split.elements.iter().all(|e| !e.range.is_empty()));
            assert_eq!(
                split.error.unwrap().reason,
                "expected an array element, found `}`"
            );
        }
    }

    #[test]
    fn empty_slot_is_an_error() {
        let split = split_array(b"[1,,2]");
        assert_eq!(split.elements.len(), 1);
        assert_eq!(
            split.error.unwrap().reason,
            "expected an array element, found `,`"
        );
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn any_bytes_split_without_panic_into_ordered_in_bounds_ranges(
                bytes in proptest::collection::vec(any::<u8>(), 0..300)
            ) {
                let split = split_array(&bytes);
                let mut end = 0;
                for e in &split.elements {
                    prop_assert!(end <= e.range.start && e.range.start < e.range.end);
                    prop_assert!(e.range.end <= bytes.len());
                    end = e.range.end;
                }
            }

            #[test]
            fn serialized_arrays_split_into_their_elements(
                texts in proptest::collection::vec("[\\[\\]{}\"\\\\\\n a-z\\u{600}-\\u{6ff}]{0,12}", 0..8),
                pretty in any::<bool>(),
            ) {
                let values: Vec<serde_json::Value> = texts
                    .iter()
                    .enumerate()
                    .map(|(i, t)| serde_json::json!({"id": i, "text": t, "tags": [t, {"k": t}]}))
                    .collect();
                let json = if pretty {
                    serde_json::to_string_pretty(&values).unwrap()
                } else {
                    serde_json::to_string(&values).unwrap()
                };
                let split = split_array(json.as_bytes());
                prop_assert_eq!(split.error, None);
                prop_assert_eq!(split.elements.len(), values.len());
                for (e, value) in split.elements.iter().zip(&values) {
                    let parsed: serde_json::Value =
                        serde_json::from_str(&json[e.range.clone()]).unwrap();
                    prop_assert_eq!(&parsed, value);
                    let line = 1 + json[..e.range.start].matches('\n').count() as u64;
                    prop_assert_eq!(e.line, line);
                }
            }
        }
    }
}
