//! The document model rules query. Built once per file by `markdown::parse`; every span is a
//! byte range into `SourceFile::text`.

use crate::diagnostic::Span;
use crate::document::sections::SectionKind;
use crate::source::SourceFile;

pub struct Document<'s> {
    pub source: &'s SourceFile,
    /// `source.text` with everything that is not prose blanked to spaces: code blocks, inline
    /// code, HTML, link destinations, bare URLs, front matter and Markdown punctuation. Same
    /// byte length and line breaks as the source, so a match in it is a span in the source.
    pub prose: String,
    pub front_matter: Option<FrontMatter>,
    /// Headings in source order, including pseudo-headings (bold labels or lone lines that
    /// name a section), which get level 7 so that they nest under every real heading.
    pub headings: Vec<Heading>,
    /// One section per heading, same indices as `headings`.
    pub sections: Vec<Section>,
    pub blocks: Vec<Block>,
    pub items: Vec<ListItem>,
    pub tables: Vec<Table>,
    pub code_blocks: Vec<Span>,
    /// HTML comments (block or inline) with their inner text, for suppression comments.
    pub comments: Vec<Comment>,
    /// `**Label**: text` paragraphs; a recognised label counts as its section being present.
    pub labels: Vec<Label>,
}

#[derive(Debug, Clone)]
pub struct FrontMatter {
    pub span: Span,
    pub fields: Vec<Field>,
}

#[derive(Debug, Clone)]
pub struct Field {
    pub key: String,
    pub value: String,
    pub value_span: Span,
}

#[derive(Debug, Clone)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub span: Span,
    pub kind: Option<SectionKind>,
    pub pseudo: bool,
}

#[derive(Debug, Clone)]
pub struct Section {
    /// From the heading's start to the next heading of the same or a higher level.
    pub span: Span,
    /// After the heading itself.
    pub body: Span,
    /// The heading's own kind, or the nearest enclosing section's ("### 2026-03-14" under
    /// "## Timeline" is part of the timeline).
    pub kind: Option<SectionKind>,
    pub parent: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading,
    TableCell,
}

/// A leaf block that holds prose.
#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    pub span: Span,
    /// Innermost section containing the block.
    pub section: Option<usize>,
    /// Innermost list item containing the block.
    pub item: Option<usize>,
    /// Table, row (0 = header) and column of a table cell.
    pub cell: Option<(usize, usize, usize)>,
    pub in_quote: bool,
}

#[derive(Debug, Clone)]
pub struct ListItem {
    pub span: Span,
    /// From the item's first content byte (after the marker and task box) to its end,
    /// without nested lists.
    pub content: Span,
    pub depth: usize,
    pub parent: Option<usize>,
    /// `Some(true)` for `- [x]`, `Some(false)` for `- [ ]`, `None` for a plain item.
    pub task: Option<bool>,
    pub ordered: bool,
    pub section: Option<usize>,
    pub has_children: bool,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub span: Span,
    pub header: Row,
    pub rows: Vec<Row>,
    pub section: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub span: Span,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone)]
pub struct Cell {
    pub span: Span,
    /// The cell's plain text (inline code kept, Markdown punctuation dropped).
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Comment {
    pub span: Span,
    pub inner: String,
}

#[derive(Debug, Clone)]
pub struct Label {
    pub text: String,
    pub span: Span,
    pub kind: Option<SectionKind>,
    pub section: Option<usize>,
}

impl<'s> Document<'s> {
    pub fn text(&self) -> &'s str {
        &self.source.text
    }

    /// Innermost section containing `offset` (headings are in source order and sections nest).
    pub fn section_at(&self, offset: usize) -> Option<usize> {
        let idx = self.headings.partition_point(|h| h.span.start <= offset);
        (0..idx)
            .rev()
            .find(|&i| self.sections[i].span.contains(&offset))
    }

    pub fn kind_at(&self, offset: usize) -> Option<SectionKind> {
        self.section_at(offset).and_then(|s| self.sections[s].kind)
    }

    /// Sections whose effective kind is `kind` and whose parent is not of that kind (the
    /// outermost ones, so a sub-heading inside a timeline is not a second timeline).
    pub fn top_sections(&self, kind: SectionKind) -> impl Iterator<Item = usize> + '_ {
        (0..self.sections.len()).filter(move |&i| {
            self.sections[i].kind == Some(kind)
                && self.sections[i]
                    .parent
                    .is_none_or(|p| self.sections[p].kind != Some(kind))
        })
    }

    pub fn has_section(&self, kind: SectionKind) -> bool {
        self.headings.iter().any(|h| h.kind == Some(kind))
            || self.labels.iter().any(|l| l.kind == Some(kind))
    }

    /// Front-matter value for `key` (case-insensitive).
    pub fn field(&self, key: &str) -> Option<&Field> {
        self.front_matter
            .as_ref()?
            .fields
            .iter()
            .find(|f| f.key.eq_ignore_ascii_case(key))
    }

    /// The prose view of a span.
    pub fn prose(&self, span: &Span) -> &str {
        &self.prose[span.clone()]
    }
}
