//! Pieces for writing an output one report at a time, byte for byte as if the whole run
//! had been rendered at once: JSON arrays written element by element in the layout of
//! `serde_json::to_string_pretty`, placeholders that mark where such an array goes in a
//! document rendered at the end, and a spool for what must wait until then.

use std::io::{self, Seek, Write};

use serde::Serialize;
use serde_json::Value;
use serde_json::ser::Formatter;

/// A JSON array written one element at a time at its place in a pretty-printed document:
/// `[` and the first element, `,` and each further one, then [`JsonArray::close`].
#[derive(Debug)]
pub struct JsonArray {
    /// The indentation of the array's elements, in spaces (one level deeper than the line
    /// the array opens on).
    inner: usize,
    len: usize,
    /// Each element is serialised here, then written to the output in one piece.
    buf: Vec<u8>,
}

impl JsonArray {
    /// An array whose opening line is indented by `depth` levels (0 for a top-level array).
    pub fn new(depth: usize) -> JsonArray {
        JsonArray {
            inner: INDENT * (depth + 1),
            len: 0,
            buf: Vec::new(),
        }
    }

    pub fn push<T: Serialize + ?Sized>(
        &mut self,
        out: &mut dyn Write,
        value: &T,
    ) -> io::Result<()> {
        self.buf.clear();
        if self.len == 0 {
            self.buf.push(b'[');
        }
        line_break(&mut self.buf, self.len > 0, self.inner)?;
        write_nested(&mut self.buf, value, self.inner)?;
        out.write_all(&self.buf)?;
        self.len += 1;
        Ok(())
    }

    /// The closing `]` (the whole `[]` when nothing was pushed).
    pub fn close(&self, out: &mut dyn Write) -> io::Result<()> {
        if self.len == 0 {
            out.write_all(b"[]")
        } else {
            line_break(out, false, self.inner - INDENT)?;
            out.write_all(b"]")
        }
    }
}

/// One level of `serde_json::to_string_pretty`'s indentation, in spaces.
const INDENT: usize = 2;

/// A comma, a line break and spaces: the start of each line, sliced from here to be written
/// in one piece (a write per level of indentation cost more than the rest of a key).
const BREAK: [u8; 66] = {
    let mut b = [b' '; 66];
    b[0] = b',';
    b[1] = b'\n';
    b
};

/// A line break (after a comma when `comma`) and `width` spaces.
fn line_break<W: ?Sized + Write>(w: &mut W, comma: bool, width: usize) -> io::Result<()> {
    let from = usize::from(!comma);
    match BREAK.get(from..2 + width) {
        Some(bytes) => w.write_all(bytes),
        None => {
            w.write_all(&BREAK[from..2])?;
            (0..width).try_for_each(|_| w.write_all(b" "))
        }
    }
}

/// `value` pretty-printed with every line after the first indented by `indent` spaces, as
/// it appears nested in a pretty-printed document; serialised straight into `out`, without
/// a `serde_json::Value` or a string of its own on the way.
fn write_nested<T: Serialize + ?Sized>(
    out: &mut Vec<u8>,
    value: &T,
    indent: usize,
) -> io::Result<()> {
    let formatter = NestedPretty {
        base: indent,
        level: 0,
        has_value: false,
    };
    let mut serializer = serde_json::Serializer::with_formatter(out, formatter);
    value.serialize(&mut serializer).map_err(io::Error::other)
}

/// `serde_json::ser::PrettyFormatter` (two spaces a level) with every line after the
/// first also indented by `base` spaces.
struct NestedPretty {
    base: usize,
    level: usize,
    has_value: bool,
}

impl NestedPretty {
    fn width(&self) -> usize {
        self.base + INDENT * self.level
    }

    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            line_break(w, false, self.width())?;
        }
        w.write_all(bracket)
    }
}

impl Formatter for NestedPretty {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        line_break(w, !first, self.width())
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        line_break(w, !first, self.width())
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// A placeholder value for the array streamed under `key`; see [`split_at_slot`].
pub fn slot(key: &str) -> Value {
    Value::String(format!("\u{0}pmlint-slot:{key}"))
}

/// Split a pretty-printed document at the [`slot`] under `key`: the text before the
/// array, the depth of the line it opens on, and the text after it. The key, the colon
/// and the placeholder's own quotes are searched together: user text inside a string
/// has its quotes escaped, so it cannot match.
pub fn split_at_slot<'a>(text: &'a str, key: &str) -> Option<(&'a str, usize, &'a str)> {
    let placeholder = serde_json::to_string(&slot(key)).ok()?;
    let needle = format!("\"{key}\": {placeholder}");
    let at = text.find(&needle)?;
    let value_at = at + needle.len() - placeholder.len();
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let depth = (at - line_start) / 2;
    Some((
        &text[..value_at],
        depth,
        &text[value_at + placeholder.len()..],
    ))
}

/// Text kept aside until the end of a run, in an anonymous temporary file (so that it
/// costs disk, not memory), or in memory when no temporary file can be made.
#[derive(Debug, Default)]
pub struct Spool {
    inner: Inner,
}

#[derive(Debug, Default)]
enum Inner {
    /// Nothing written yet: no file made.
    #[default]
    Empty,
    File(io::BufWriter<std::fs::File>),
    Memory(Vec<u8>),
}

impl Spool {
    pub fn new() -> Spool {
        Spool::default()
    }

    /// Write everything spooled to `out`, and empty the spool.
    pub fn drain_into(&mut self, out: &mut dyn Write) -> io::Result<()> {
        match std::mem::take(&mut self.inner) {
            Inner::Empty => Ok(()),
            Inner::Memory(bytes) => out.write_all(&bytes),
            Inner::File(w) => {
                let mut file = w.into_inner().map_err(|e| e.into_error())?;
                file.rewind()?;
                io::copy(&mut file, out).map(|_| ())
            }
        }
    }
}

impl Write for Spool {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if let Inner::Empty = self.inner {
            self.inner = match tempfile::tempfile() {
                Ok(f) => Inner::File(io::BufWriter::with_capacity(1 << 16, f)),
                Err(_) => Inner::Memory(Vec::new()),
            };
        }
        match &mut self.inner {
            Inner::Empty => Ok(0),
            Inner::File(w) => w.write(buf),
            Inner::Memory(v) => v.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.inner {
            Inner::File(w) => w.flush(),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// An array streamed into a placeholder's place reads exactly as serde_json lays out
    /// the whole document.
    #[test]
    fn streamed_arrays_match_the_pretty_printer() {
        for items in [
            vec![],
            vec![json!(1)],
            vec![json!({"a": [1, {}], "b": []}), json!("x\ny")],
            vec![
                json!([[], [{}], {"k": {"z": null, "y": [[1]]}}]),
                json!(null),
            ],
            // Deeper than the spaces a line break is written from in one piece.
            vec![(0..40).fold(json!({"x": 1}), |v, _| json!([v]))],
        ] {
            let whole = json!({ "z": 0, "a": { "list": items.clone(), "k": "\"list\": " } });
            let want = serde_json::to_string_pretty(&whole).unwrap();
            let template = json!({ "z": 0, "a": { "list": slot("list"), "k": "\"list\": " } });
            let template = serde_json::to_string_pretty(&template).unwrap();
            let (before, depth, after) = split_at_slot(&template, "list").unwrap();
            assert_eq!(depth, 2);
            let mut spool = Spool::new();
            let mut array = JsonArray::new(depth);
            for item in &items {
                array.push(&mut spool, item).unwrap();
            }
            let mut got = before.as_bytes().to_vec();
            spool.drain_into(&mut got).unwrap();
            array.close(&mut got).unwrap();
            got.extend_from_slice(after.as_bytes());
            assert_eq!(String::from_utf8(got).unwrap(), want);
        }
    }
}
