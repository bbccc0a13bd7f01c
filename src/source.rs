//! A loaded document and its line index: the only place that turns byte offsets into
//! line/column (characters for people, UTF-16 for the language server) and back.

use std::ops::Range;
use std::sync::OnceLock;

/// Why a file could not be turned into a [`SourceFile`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    NotUtf8 { offset: usize },
    Utf16,
    Binary,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::NotUtf8 { offset } => {
                write!(f, "not valid UTF-8 (invalid byte at offset {offset})")
            }
            DecodeError::Utf16 => write!(f, "UTF-16 encoded; save it as UTF-8"),
            DecodeError::Binary => write!(f, "binary file (contains NUL bytes)"),
        }
    }
}

/// One document's text with a line index. A UTF-8 BOM is removed (and remembered) so that
/// it never shifts a column; CRLF and lone CR both end a line.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
    pub had_bom: bool,
    line_starts: Vec<usize>,
    /// Character and UTF-16 counts every few KiB, built on first need, so that a column
    /// on a megabyte-long line costs a few KiB of counting, not the whole line.
    checkpoints: OnceLock<Vec<Checkpoint>>,
}

/// Characters and UTF-16 units in `text[..byte]`.
#[derive(Debug, Clone, Copy)]
struct Checkpoint {
    byte: usize,
    chars: usize,
    utf16: usize,
}

/// Columns further than this from their line's start are counted from a checkpoint.
const CHECKPOINT_STRIDE: usize = 1024;

/// A 1-based line and 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let mut text = text.into();
        let had_bom = text.starts_with('\u{feff}');
        if had_bom {
            text.drain(..'\u{feff}'.len_utf8());
        }
        let line_starts = line_starts(&text);
        SourceFile {
            path: path.into(),
            text,
            had_bom,
            line_starts,
            checkpoints: OnceLock::new(),
        }
    }

    /// Decode raw file bytes, refusing encodings we would only misread.
    pub fn from_bytes(path: impl Into<String>, bytes: Vec<u8>) -> Result<Self, DecodeError> {
        if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            return Err(DecodeError::Utf16);
        }
        match String::from_utf8(bytes) {
            Ok(text) => {
                if text.contains('\0') {
                    return Err(DecodeError::Binary);
                }
                Ok(SourceFile::new(path, text))
            }
            Err(e) => Err(DecodeError::NotUtf8 {
                offset: e.utf8_error().valid_up_to(),
            }),
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte offset where 0-based line `line` starts (clamped to the end of the text).
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len())
    }

    /// The byte range of 0-based line `line`, without its terminator.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let start = self.line_start(line);
        let mut end = self.line_start(line + 1);
        let bytes = self.text.as_bytes();
        if end > start && end <= bytes.len() && line + 1 < self.line_starts.len() {
            if bytes[end - 1] == b'\n' {
                end -= 1;
            }
            if end > start && bytes[end - 1] == b'\r' {
                end -= 1;
            }
        }
        start..end.max(start)
    }

    /// 0-based line containing `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Snap an offset down to a character boundary inside the text.
    pub fn floor_char(&self, offset: usize) -> usize {
        let mut o = offset.min(self.text.len());
        while !self.text.is_char_boundary(o) {
            o -= 1;
        }
        o
    }

    /// Snap an offset up to a character boundary inside the text.
    pub fn ceil_char(&self, offset: usize) -> usize {
        let mut o = offset.min(self.text.len());
        while !self.text.is_char_boundary(o) {
            o += 1;
        }
        o
    }

    /// 1-based line and character column of a byte offset.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = self.floor_char(offset);
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let column = if offset - start <= CHECKPOINT_STRIDE {
            self.text[start..offset].chars().count()
        } else {
            self.chars_before(offset, false) - self.chars_before(start, false)
        };
        LineCol {
            line: line + 1,
            column: column + 1,
        }
    }

    /// Characters (or UTF-16 units) before `offset`, a character boundary.
    fn chars_before(&self, offset: usize, utf16: bool) -> usize {
        let checkpoints = self.checkpoints.get_or_init(|| checkpoints(&self.text));
        let k = checkpoints.partition_point(|c| c.byte <= offset) - 1;
        let c = checkpoints[k];
        let rest = &self.text[c.byte..offset];
        if utf16 {
            c.utf16 + rest.chars().map(char::len_utf16).sum::<usize>()
        } else {
            c.chars + rest.chars().count()
        }
    }

    /// Byte offset of a 1-based line and character column (the inverse of `line_col`);
    /// past-the-end positions clamp like `offset_from_utf16`.
    pub fn offset_of_line_col(&self, lc: LineCol) -> usize {
        if lc.line == 0 || lc.line > self.line_starts.len() {
            return self.text.len();
        }
        let range = self.line_range(lc.line - 1);
        self.text[range.clone()]
            .char_indices()
            .nth(lc.column.saturating_sub(1))
            .map_or(range.end, |(i, _)| range.start + i)
    }

    /// 0-based line and UTF-16 code-unit column (the language server's default encoding).
    pub fn utf16_position(&self, offset: usize) -> (u32, u32) {
        let offset = self.floor_char(offset);
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let col: usize = if offset - start <= CHECKPOINT_STRIDE {
            self.text[start..offset].chars().map(char::len_utf16).sum()
        } else {
            self.chars_before(offset, true) - self.chars_before(start, true)
        };
        (line as u32, col as u32)
    }

    /// 0-based line and UTF-8 byte column (for clients that negotiate UTF-8).
    pub fn utf8_position(&self, offset: usize) -> (u32, u32) {
        let offset = self.floor_char(offset);
        let line = self.line_of(offset);
        (line as u32, (offset - self.line_start(line)) as u32)
    }

    /// Byte offset of a 0-based line and UTF-16 column; past-the-end columns clamp to the
    /// line's end, past-the-end lines to the end of the text.
    pub fn offset_from_utf16(&self, line: u32, col: u32) -> usize {
        let line = line as usize;
        if line >= self.line_starts.len() {
            return self.text.len();
        }
        let range = self.line_range(line);
        let mut units = 0usize;
        for (i, ch) in self.text[range.clone()].char_indices() {
            if units >= col as usize {
                return range.start + i;
            }
            units += ch.len_utf16();
        }
        range.end
    }

    /// Byte offset of a 0-based line and UTF-8 byte column, clamped like `offset_from_utf16`.
    pub fn offset_from_utf8(&self, line: u32, col: u32) -> usize {
        let line = line as usize;
        if line >= self.line_starts.len() {
            return self.text.len();
        }
        let range = self.line_range(line);
        self.floor_char((range.start + col as usize).min(range.end))
    }

    /// Byte offset of comrak's 1-based line and 1-based byte column.
    pub fn offset_of_sourcepos(&self, line: usize, column: usize) -> usize {
        if line == 0 {
            return 0;
        }
        let start = self.line_start(line - 1);
        self.floor_char(start + column.saturating_sub(1))
    }
}

fn checkpoints(text: &str) -> Vec<Checkpoint> {
    let mut out = vec![Checkpoint {
        byte: 0,
        chars: 0,
        utf16: 0,
    }];
    let (mut chars, mut utf16) = (0, 0);
    let mut next = CHECKPOINT_STRIDE;
    for (i, ch) in text.char_indices() {
        if i >= next {
            out.push(Checkpoint {
                byte: i,
                chars,
                utf16,
            });
            next = i + CHECKPOINT_STRIDE;
        }
        chars += 1;
        utf16 += ch.len_utf16();
    }
    out
}

/// Where each line starts: after "\n", and after a lone "\r" (old Mac line ends). `memchr`
/// jumps between line ends instead of testing every byte.
fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = Vec::with_capacity(bytes.len() / 40 + 1);
    starts.push(0);
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
            starts.push(i + 1);
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let s = SourceFile::new("t.md", "héllo 😀 x\nsecond");
        let x = s.text.find('x').unwrap();
        assert_eq!(s.line_col(x), LineCol { line: 1, column: 9 });
        assert_eq!(s.utf16_position(x), (0, 9));
        assert_eq!(s.offset_from_utf16(0, 9), x);
        assert_eq!(s.offset_of_line_col(s.line_col(x)), x);
        assert_eq!(
            s.offset_of_line_col(LineCol {
                line: 1,
                column: 99
            }),
            x + 1
        );
        assert_eq!(s.line_col(s.text.find("second").unwrap()).line, 2);
    }

    #[test]
    fn bom_and_crlf_do_not_shift_positions() {
        let s = SourceFile::new("t.md", "\u{feff}ab\r\ncd\ref");
        assert!(s.had_bom);
        assert_eq!(s.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(
            s.line_col(s.text.find('c').unwrap()),
            LineCol { line: 2, column: 1 }
        );
        assert_eq!(
            s.line_col(s.text.find('f').unwrap()),
            LineCol { line: 3, column: 2 }
        );
        assert_eq!(&s.text[s.line_range(0)], "ab");
        assert_eq!(&s.text[s.line_range(1)], "cd");
        assert_eq!(&s.text[s.line_range(2)], "ef");
    }

    #[test]
    fn columns_on_long_lines_match_counting_from_the_line_start() {
        let line = "aé😀字 ".repeat(1000);
        let s = SourceFile::new("t.md", format!("x\n{line}\n{line}"));
        let offsets = (0..s.text.len()).step_by(7).chain([s.text.len()]);
        for offset in offsets.filter(|&o| s.text.is_char_boundary(o)) {
            let start = s.line_start(s.line_of(offset));
            let before = &s.text[start..offset];
            assert_eq!(s.line_col(offset).column, before.chars().count() + 1);
            let units: usize = before.chars().map(char::len_utf16).sum();
            assert_eq!(s.utf16_position(offset).1 as usize, units);
        }
    }

    #[test]
    fn rejects_bad_encodings() {
        assert_eq!(
            SourceFile::from_bytes("x", vec![b'a', 0xff]).unwrap_err(),
            DecodeError::NotUtf8 { offset: 1 }
        );
        assert_eq!(
            SourceFile::from_bytes("x", vec![0xff, 0xfe, b'a', 0]).unwrap_err(),
            DecodeError::Utf16
        );
        assert_eq!(
            SourceFile::from_bytes("x", b"a\0b".to_vec()).unwrap_err(),
            DecodeError::Binary
        );
    }
}
