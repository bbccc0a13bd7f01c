//! Timeline entries: where a document says what happened when.

use crate::diagnostic::Span;
use crate::document::{BlockKind, Document, SectionKind};

pub mod timestamp;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryOrigin {
    Row(usize, usize),
    Item(usize),
    Heading(usize),
    Line,
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub origin: EntryOrigin,
    /// The whole row, item, heading or line.
    pub span: Span,
    /// Where the entry's time is written (a time cell, the start of an item).
    pub time_span: Span,
    pub section: Option<usize>,
}

/// The timeline sections: the outermost sections of kind timeline.
pub fn sections(doc: &Document) -> Vec<usize> {
    doc.top_sections(SectionKind::Timeline).collect()
}

fn in_timeline(doc: &Document, section: Option<usize>) -> bool {
    section.is_some_and(|s| doc.sections[s].kind == Some(SectionKind::Timeline))
}

/// Every entry of every timeline section, in source order.
pub fn entries(doc: &Document) -> Vec<Entry> {
    let text = doc.text();
    let mut out = Vec::new();
    for (t, table) in doc.tables.iter().enumerate() {
        if !in_timeline(doc, table.section) && !is_time_table(doc, t) {
            continue;
        }
        let time_col = time_column(&table.header.cells).unwrap_or(0);
        for (r, row) in table.rows.iter().enumerate() {
            let time_span = row
                .cells
                .get(time_col)
                .map_or(row.span.clone(), |c| trimmed(text, &c.span));
            out.push(Entry {
                origin: EntryOrigin::Row(t, r),
                span: row.span.clone(),
                time_span,
                section: table.section,
            });
        }
    }
    for (i, item) in doc.items.iter().enumerate() {
        // Nested items are details of their parent entry.
        let nested = item
            .parent
            .is_some_and(|p| in_timeline(doc, doc.items[p].section));
        if in_timeline(doc, item.section) && !nested {
            out.push(Entry {
                origin: EntryOrigin::Item(i),
                span: item.span.clone(),
                time_span: trimmed(text, &item.content),
                section: item.section,
            });
        }
    }
    // "### 13:06 — hub restarted" headings inside a timeline, and lines of paragraphs
    // directly in it ("09:12 alert fired").
    for (h, heading) in doc.headings.iter().enumerate() {
        let parent = doc.sections[h].parent;
        if !heading.pseudo
            && in_timeline(doc, parent)
            && heading
                .text
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit())
        {
            out.push(Entry {
                origin: EntryOrigin::Heading(h),
                span: heading.span.clone(),
                time_span: heading.span.clone(),
                section: parent,
            });
        }
    }
    for block in &doc.blocks {
        if block.kind != BlockKind::Paragraph
            || block.item.is_some()
            || !in_timeline(doc, block.section)
        {
            continue;
        }
        let mut offset = block.span.start;
        for line in text[block.span.clone()].split_inclusive('\n') {
            let content = line.trim_end();
            let lead = content.len() - content.trim_start().len();
            let body = content.trim_start().trim_start_matches(['*', '_', '[']);
            if body.starts_with(|c: char| c.is_ascii_digit()) {
                let span = offset + lead..offset + content.len();
                out.push(Entry {
                    origin: EntryOrigin::Line,
                    span: span.clone(),
                    time_span: span,
                    section: block.section,
                });
            }
            offset += line.len();
        }
    }
    out.sort_by_key(|e| e.span.start);
    out
}

fn trimmed(text: &str, span: &Span) -> Span {
    crate::document::action_items::trim_span(text, span)
}

/// Index of the header cell that names a time or date column.
pub fn time_column(cells: &[crate::document::Cell]) -> Option<usize> {
    cells.iter().position(|c| {
        let t = c.text.to_lowercase();
        ["time", "date", "when", "timestamp", "utc", "hour"]
            .iter()
            .any(|w| {
                t.split(|ch: char| !ch.is_alphanumeric())
                    .any(|part| part == *w)
            })
    })
}

/// A table outside any timeline section whose first column is a time column and holds
/// times: a timeline without a heading.
fn is_time_table(doc: &Document, t: usize) -> bool {
    let table = &doc.tables[t];
    if table.rows.len() < 2 || time_column(&table.header.cells) != Some(0) {
        return false;
    }
    let in_actions = table
        .section
        .is_some_and(|s| doc.sections[s].kind == Some(SectionKind::ActionItems));
    !in_actions
        && table.rows.iter().all(|r| {
            r.cells.first().is_some_and(|c| {
                c.text
                    .trim_start()
                    .starts_with(|ch: char| ch.is_ascii_digit())
            })
        })
}
