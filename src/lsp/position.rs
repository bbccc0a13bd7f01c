//! LSP positions ↔ byte offsets, in the negotiated encoding. All counting is done by
//! `SourceFile` (src/source.rs); this file only picks the encoding and accounts for a BOM
//! that the client kept in its buffer (SourceFile drops it, the client counts it).

use lsp_types::{Position, PositionEncodingKind, Range};

use crate::diagnostic::Span;
use crate::source::SourceFile;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf16,
    Utf8,
}

impl Encoding {
    /// UTF-8 when the client offers it (no conversion work), else the mandatory UTF-16.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Self {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf8 => PositionEncodingKind::UTF8,
        }
    }

    fn bom_width(self) -> u32 {
        match self {
            Encoding::Utf16 => '\u{feff}'.len_utf16() as u32,
            Encoding::Utf8 => '\u{feff}'.len_utf8() as u32,
        }
    }

    /// The client's position of byte `offset` in `src.text`.
    pub fn position(self, src: &SourceFile, offset: usize) -> Position {
        let (line, mut character) = match self {
            Encoding::Utf16 => src.utf16_position(offset),
            Encoding::Utf8 => src.utf8_position(offset),
        };
        if src.had_bom && line == 0 {
            character += self.bom_width();
        }
        Position { line, character }
    }

    /// The byte offset in `src.text` of a client position; out-of-range positions clamp.
    pub fn offset(self, src: &SourceFile, pos: Position) -> usize {
        let mut character = pos.character;
        if src.had_bom && pos.line == 0 {
            character = character.saturating_sub(self.bom_width());
        }
        match self {
            Encoding::Utf16 => src.offset_from_utf16(pos.line, character),
            Encoding::Utf8 => src.offset_from_utf8(pos.line, character),
        }
    }

    pub fn range(self, src: &SourceFile, span: &Span) -> Range {
        Range {
            start: self.position(src, span.start),
            end: self.position(src, span.end),
        }
    }

    /// The byte span of a client range, ordered and clamped to the text.
    pub fn span(self, src: &SourceFile, range: Range) -> Span {
        let a = self.offset(src, range.start);
        let b = self.offset(src, range.end);
        a.min(b)..a.max(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn emoji_and_cjk_count_per_encoding() {
        let s = SourceFile::new("t.md", "a😀漢x\n");
        let x = s.text.find('x').unwrap();
        assert_eq!(Encoding::Utf16.position(&s, x), pos(0, 4));
        assert_eq!(Encoding::Utf8.position(&s, x), pos(0, 8));
        assert_eq!(Encoding::Utf16.offset(&s, pos(0, 4)), x);
        assert_eq!(Encoding::Utf8.offset(&s, pos(0, 8)), x);
    }

    #[test]
    fn a_kept_bom_shifts_only_the_first_line() {
        let s = SourceFile::new("t.md", "\u{feff}ab\ncd");
        assert_eq!(Encoding::Utf16.position(&s, 1), pos(0, 2));
        assert_eq!(Encoding::Utf16.offset(&s, pos(0, 2)), 1);
        assert_eq!(Encoding::Utf16.offset(&s, pos(0, 0)), 0);
        assert_eq!(Encoding::Utf16.position(&s, 4), pos(1, 1));
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let s = SourceFile::new("t.md", "ab\ncd");
        assert_eq!(Encoding::Utf16.offset(&s, pos(0, 99)), 2);
        assert_eq!(Encoding::Utf16.offset(&s, pos(99, 0)), 5);
        assert_eq!(
            Encoding::Utf16.span(&s, Range::new(pos(1, 1), pos(0, 1))),
            1..4
        );
    }
}
