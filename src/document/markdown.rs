//! The only file that touches comrak: parse once and build the [`Document`] model.

use comrak::arena_tree::NodeEdge;
use comrak::nodes::{AstNode, ListType, NodeValue, Sourcepos};
use comrak::{Arena, Options, parse_document};

use crate::diagnostic::Span;
use crate::document::front_matter;
use crate::document::model::*;
use crate::document::sections::{SectionCatalog, SectionKind};
use crate::source::SourceFile;
use crate::timeline::timestamp;

/// Pseudo-headings (bold labels, lone lines naming a section) nest under every real heading.
pub const PSEUDO_LEVEL: u8 = 7;

fn options() -> Options<'static> {
    let mut o = Options::default();
    o.extension.table = true;
    o.extension.tasklist = true;
    o.extension.strikethrough = true;
    o.extension.autolink = true;
    o.extension.footnotes = true;
    o
}

pub fn parse<'s>(source: &'s SourceFile, catalog: &SectionCatalog) -> Document<'s> {
    let text = source.text.as_str();
    let front_matter = front_matter::detect(text);
    // comrak sees the front matter as blank lines, so every offset stays the same.
    let blanked;
    let input = match &front_matter {
        Some(fm) => {
            blanked = blank(text, &fm.span);
            blanked.as_str()
        }
        None => text,
    };
    let arena = Arena::new();
    let root = parse_document(&arena, input, &options());
    let prose = text
        .bytes()
        .map(|b| if b == b'\n' || b == b'\r' { b } else { b' ' })
        .collect();
    let mut b = Builder {
        source,
        catalog,
        prose,
        headings: Vec::new(),
        blocks: Vec::new(),
        items: Vec::new(),
        tables: Vec::new(),
        code_blocks: Vec::new(),
        comments: Vec::new(),
        labels: Vec::new(),
    };
    let mut ctx = Ctx::default();
    for edge in root.traverse() {
        match edge {
            NodeEdge::Start(node) => b.enter(node, &mut ctx),
            NodeEdge::End(node) => b.leave(node, &mut ctx),
        }
    }
    b.finish(front_matter)
}

/// Replace every character of `span` except line breaks with spaces, byte for byte.
fn blank(text: &str, span: &Span) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for b in &mut bytes[span.clone()] {
        if *b != b'\n' && *b != b'\r' {
            *b = b' ';
        }
    }
    String::from_utf8(bytes).unwrap_or_default()
}

struct Builder<'s, 'c> {
    source: &'s SourceFile,
    catalog: &'c SectionCatalog,
    prose: Vec<u8>,
    headings: Vec<Heading>,
    blocks: Vec<Block>,
    items: Vec<ListItem>,
    tables: Vec<Table>,
    code_blocks: Vec<Span>,
    comments: Vec<Comment>,
    labels: Vec<Label>,
}

/// Where the walk is: the enclosing items, table and quotes.
#[derive(Default)]
struct Ctx {
    items: Vec<usize>,
    table: Option<usize>,
    row: usize,
    col: usize,
    quotes: usize,
    /// Inside an image or an autolink: its text is a URL or alt text, not prose.
    hidden: usize,
}

impl<'s> Builder<'s, '_> {
    fn span(&self, pos: Sourcepos) -> Span {
        let start = self
            .source
            .offset_of_sourcepos(pos.start.line, pos.start.column);
        let end = self.source.ceil_char(
            self.source
                .offset_of_sourcepos(pos.end.line, pos.end.column)
                + 1,
        );
        start..end.max(start)
    }

    fn enter<'a>(&mut self, node: &'a AstNode<'a>, ctx: &mut Ctx) {
        let data = node.data();
        let span = self.span(data.sourcepos);
        match &data.value {
            NodeValue::Heading(h) => {
                let text = plain_text(node);
                let kind = self.catalog.classify(&text);
                self.headings.push(Heading {
                    level: h.level,
                    text,
                    span: span.clone(),
                    kind,
                    pseudo: false,
                });
                self.push_block(BlockKind::Heading, span, ctx);
            }
            NodeValue::Paragraph => {
                drop(data);
                self.paragraph_label(node, &span);
                self.push_block(BlockKind::Paragraph, span, ctx);
            }
            NodeValue::Item(list) => {
                let ordered = list.list_type == ListType::Ordered;
                drop(data);
                self.push_item(node, span, None, ordered, ctx);
            }
            NodeValue::TaskItem(task) => {
                let checked = task.symbol.is_some();
                let ordered = node.parent().is_some_and(|p| {
                    matches!(&p.data().value, NodeValue::List(l) if l.list_type == ListType::Ordered)
                });
                drop(data);
                self.push_item(node, span, Some(checked), ordered, ctx);
            }
            NodeValue::Table(_) => {
                ctx.table = Some(self.tables.len());
                ctx.row = 0;
                self.tables.push(Table {
                    span: span.clone(),
                    header: Row {
                        span: span.start..span.start,
                        cells: Vec::new(),
                    },
                    rows: Vec::new(),
                    section: None,
                });
            }
            NodeValue::TableRow(header) => {
                ctx.col = 0;
                if let Some(t) = ctx.table.and_then(|t| self.tables.get_mut(t)) {
                    let row = Row {
                        span,
                        cells: Vec::new(),
                    };
                    if *header {
                        t.header = row;
                    } else {
                        t.rows.push(row);
                    }
                }
            }
            NodeValue::TableCell => {
                drop(data);
                let text = plain_text(node);
                if let Some(t) = ctx.table {
                    let table = &mut self.tables[t];
                    let row = if ctx.row == 0 {
                        &mut table.header
                    } else {
                        let last = table.rows.len().saturating_sub(1);
                        &mut table.rows[last]
                    };
                    row.cells.push(Cell {
                        span: span.clone(),
                        text,
                    });
                }
                self.push_block(BlockKind::TableCell, span, ctx);
            }
            NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_) | NodeValue::Alert(_) => {
                ctx.quotes += 1
            }
            NodeValue::CodeBlock(_) => self.code_blocks.push(span),
            NodeValue::HtmlBlock(_) | NodeValue::HtmlInline(_) => self.push_comment(span),
            NodeValue::Image(_) => ctx.hidden += 1,
            NodeValue::Link(_) => {
                drop(data);
                if is_autolink(node) {
                    ctx.hidden += 1;
                }
            }
            NodeValue::Text(_) if ctx.hidden == 0 => {
                self.prose[span.clone()].copy_from_slice(&self.source.text.as_bytes()[span]);
            }
            _ => {}
        }
    }

    fn leave<'a>(&mut self, node: &'a AstNode<'a>, ctx: &mut Ctx) {
        match &node.data().value {
            NodeValue::Item(_) | NodeValue::TaskItem(_) => {
                ctx.items.pop();
            }
            NodeValue::Table(_) => ctx.table = None,
            NodeValue::TableRow(_) => ctx.row += 1,
            NodeValue::TableCell => ctx.col += 1,
            NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_) | NodeValue::Alert(_) => {
                ctx.quotes = ctx.quotes.saturating_sub(1)
            }
            NodeValue::Image(_) => ctx.hidden = ctx.hidden.saturating_sub(1),
            NodeValue::Link(_) if is_autolink(node) => ctx.hidden = ctx.hidden.saturating_sub(1),
            _ => {}
        }
    }

    fn push_block(&mut self, kind: BlockKind, span: Span, ctx: &Ctx) {
        let cell = match (kind, ctx.table) {
            (BlockKind::TableCell, Some(t)) => Some((t, ctx.row, ctx.col)),
            _ => None,
        };
        self.blocks.push(Block {
            kind,
            span,
            section: None,
            item: ctx.items.last().copied(),
            cell,
            in_quote: ctx.quotes > 0,
        });
    }

    fn push_item<'a>(
        &mut self,
        node: &'a AstNode<'a>,
        span: Span,
        task: Option<bool>,
        ordered: bool,
        ctx: &mut Ctx,
    ) {
        let mut content: Option<Span> = None;
        let mut has_children = false;
        for child in node.children() {
            if matches!(child.data().value, NodeValue::List(_)) {
                has_children = true;
                continue;
            }
            let s = self.span(child.data().sourcepos);
            content = Some(match content {
                None => s,
                Some(c) => c.start..s.end.max(c.end),
            });
        }
        let idx = self.items.len();
        self.items.push(ListItem {
            content: content.unwrap_or(span.end..span.end),
            span,
            depth: ctx.items.len(),
            parent: ctx.items.last().copied(),
            task,
            ordered,
            section: None,
            has_children,
        });
        if let Some(&p) = ctx.items.last() {
            self.items[p].has_children = true;
        }
        ctx.items.push(idx);
    }

    /// Record every `<!-- … -->` in an HTML node's source, each with its own span: one
    /// HTML block can hold several comments (`<!-- a --> <!-- b -->`), and suppression
    /// comments need their exact place.
    fn push_comment(&mut self, span: Span) {
        let text = &self.source.text[span.clone()];
        let mut from = 0;
        while let Some(open) = text[from..].find("<!--") {
            let body = from + open + 4;
            let (inner_end, end) = match text[body..].find("-->") {
                Some(close) => (body + close, body + close + 3),
                None => (text.len(), text.len()),
            };
            self.comments.push(Comment {
                span: span.start + from + open..span.start + end,
                inner: text[body..inner_end].trim().to_string(),
            });
            from = end;
        }
    }

    /// A paragraph that is only a bold label or a short line naming a section becomes a
    /// pseudo-heading; `**Label**: text` becomes a [`Label`].
    fn paragraph_label<'a>(&mut self, node: &'a AstNode<'a>, span: &Span) {
        let Some(first) = node.first_child() else {
            return;
        };
        let first_line_end = node
            .children()
            .find(|c| matches!(c.data().value, NodeValue::SoftBreak | NodeValue::LineBreak));
        let line_span = match first_line_end {
            Some(br) => span.start..self.span(br.data().sourcepos).start,
            None => span.clone(),
        };
        let strong_led = matches!(first.data().value, NodeValue::Strong);
        let (label, rest) = if strong_led {
            let label = plain_text(first);
            let rest: String = first
                .following_siblings()
                .skip(1)
                .take_while(|c| {
                    !matches!(c.data().value, NodeValue::SoftBreak | NodeValue::LineBreak)
                })
                .map(plain_text_of)
                .collect();
            (label, rest)
        } else {
            let line: String = node
                .children()
                .take_while(|c| {
                    !matches!(c.data().value, NodeValue::SoftBreak | NodeValue::LineBreak)
                })
                .map(plain_text_of)
                .collect();
            (line, String::new())
        };
        let rest = rest.trim();
        let words = label.split_whitespace().count();
        let standalone = if strong_led {
            rest.is_empty() || rest == ":"
        } else {
            words <= 6 && (label.trim_end().ends_with(':') || first_line_end.is_none())
        };
        // Classified only where it matters: most paragraphs are neither.
        if standalone && words <= 8 {
            if let Some(kind) = self.catalog.classify(&label) {
                self.headings.push(Heading {
                    level: PSEUDO_LEVEL,
                    text: label.trim().to_string(),
                    span: line_span,
                    kind: Some(kind),
                    pseudo: true,
                });
            }
        } else if strong_led && (label.trim_end().ends_with(':') || rest.starts_with(':')) {
            let kind = self.catalog.classify(&label);
            self.labels.push(Label {
                text: label.trim().trim_end_matches(':').to_string(),
                span: line_span,
                kind,
                section: None,
            });
        }
    }

    fn finish(self, front_matter: Option<FrontMatter>) -> Document<'s> {
        let sections = build_sections(&self.headings, self.source.text.len());
        let mut doc = Document {
            source: self.source,
            prose: bytes_to_string(self.prose),
            front_matter,
            headings: self.headings,
            sections,
            blocks: self.blocks,
            items: self.items,
            tables: self.tables,
            code_blocks: self.code_blocks,
            comments: self.comments,
            labels: self.labels,
        };
        let at = |doc: &Document, o: usize| doc.section_at(o);
        for i in 0..doc.blocks.len() {
            doc.blocks[i].section = at(&doc, doc.blocks[i].span.start);
        }
        for i in 0..doc.items.len() {
            doc.items[i].section = at(&doc, doc.items[i].span.start);
        }
        for i in 0..doc.tables.len() {
            doc.tables[i].section = at(&doc, doc.tables[i].span.start);
        }
        for i in 0..doc.labels.len() {
            doc.labels[i].section = at(&doc, doc.labels[i].span.start);
        }
        doc
    }
}

/// Sections from headings in source order: each runs to the next heading of the same or a
/// higher level; its kind is its own or its parent's.
fn build_sections(headings: &[Heading], len: usize) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::with_capacity(headings.len());
    // Open headings, outermost first: a stack keeps this linear.
    let mut open: Vec<usize> = Vec::new();
    for (i, h) in headings.iter().enumerate() {
        let mut sibling = None;
        while let Some(&top) = open.last() {
            if headings[top].level >= h.level {
                sections[top].span.end = h.span.start;
                if headings[top].level == h.level {
                    sibling = Some(top);
                }
                open.pop();
            } else {
                break;
            }
        }
        let parent = open.last().copied();
        // "## Timeline" followed by "## May 12", "## May 13" at the same level: the day
        // headings continue the timeline.
        let continues_timeline = || {
            sibling.is_some_and(|s| sections[s].kind == Some(SectionKind::Timeline))
                && timestamp::parse_date_label(&h.text, Some(2000)).is_some()
        };
        let kind = h
            .kind
            .or_else(|| parent.and_then(|p| sections[p].kind))
            .or_else(|| continues_timeline().then_some(SectionKind::Timeline));
        sections.push(Section {
            span: h.span.start..len,
            body: h.span.end.min(len)..len,
            kind,
            parent,
        });
        open.push(i);
    }
    for s in &mut sections {
        s.body.end = s.span.end.max(s.body.start);
    }
    sections
}

/// The prose buffer holds whole characters and ASCII spaces; should a span ever split a
/// character, blank the stray bytes rather than lose the buffer's length.
fn bytes_to_string(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let mut bytes = e.into_bytes();
            let mut i = 0;
            while i < bytes.len() {
                match std::str::from_utf8(&bytes[i..]) {
                    Ok(_) => break,
                    Err(err) => {
                        let bad_at = i + err.valid_up_to();
                        let bad_len = err.error_len().unwrap_or(bytes.len() - bad_at);
                        for b in &mut bytes[bad_at..bad_at + bad_len] {
                            *b = b' ';
                        }
                        i = bad_at + bad_len;
                    }
                }
            }
            String::from_utf8(bytes).unwrap_or_default()
        }
    }
}

/// `<https://x>` or a bare URL: the link text is the destination itself.
fn is_autolink<'a>(node: &'a AstNode<'a>) -> bool {
    let NodeValue::Link(link) = &node.data().value else {
        return false;
    };
    let text = plain_text(node);
    let url = link.url.as_str();
    text == url
        || url.strip_prefix("mailto:") == Some(text.as_str())
        || url.strip_prefix("http://") == Some(text.as_str())
        || url.ends_with(text.as_str()) && text.contains('.') && !text.contains(' ')
}

fn plain_text_of<'a>(node: &'a AstNode<'a>) -> String {
    plain_text(node)
}

/// The text of a node's inlines: literals of text and code, breaks as spaces.
pub fn plain_text<'a>(node: &'a AstNode<'a>) -> String {
    let mut out = String::new();
    for n in node.descendants() {
        match &n.data().value {
            NodeValue::Text(t) => out.push_str(t),
            NodeValue::Code(c) => out.push_str(&c.literal),
            NodeValue::SoftBreak | NodeValue::LineBreak => out.push(' '),
            _ => {}
        }
    }
    out
}
