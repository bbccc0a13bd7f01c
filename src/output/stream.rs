//! Pieces for writing an output one report at a time, byte for byte as if the whole run
//! had been rendered at once: JSON arrays written element by element in the layout of
//! `serde_json::to_string_pretty`, placeholders that mark where such an array goes in a
//! document rendered at the end, and a spool for what must wait until then.

use std::io::{self, Seek, Write};

use serde::Serialize;
use serde_json::Value;

/// A JSON array written one element at a time at its place in a pretty-printed document:
/// `[` and the first element, `,` and each further one, then [`JsonArray::close`].
#[derive(Debug)]
pub struct JsonArray {
    /// The indentation of the line the array opens on.
    indent: String,
    len: usize,
}

impl JsonArray {
    /// An array whose opening line is indented by `depth` levels (0 for a top-level array).
    pub fn new(depth: usize) -> JsonArray {
        JsonArray {
            indent: "  ".repeat(depth),
            len: 0,
        }
    }

    pub fn push<T: Serialize + ?Sized>(
        &mut self,
        out: &mut dyn Write,
        value: &T,
    ) -> io::Result<()> {
        out.write_all(if self.len == 0 { b"[\n" } else { b",\n" })?;
        let inner = format!("{}  ", self.indent);
        out.write_all(inner.as_bytes())?;
        write_nested(out, value, &inner)?;
        self.len += 1;
        Ok(())
    }

    /// The closing `]` (the whole `[]` when nothing was pushed).
    pub fn close(&self, out: &mut dyn Write) -> io::Result<()> {
        if self.len == 0 {
            out.write_all(b"[]")
        } else {
            write!(out, "\n{}]", self.indent)
        }
    }
}

/// `value` pretty-printed with every line after the first indented by `indent`: JSON text
/// has no line break inside a string, so this is exactly how it appears nested.
fn write_nested<T: Serialize + ?Sized>(
    out: &mut dyn Write,
    value: &T,
    indent: &str,
) -> io::Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
            out.write_all(indent.as_bytes())?;
        }
        out.write_all(line.as_bytes())?;
    }
    Ok(())
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
