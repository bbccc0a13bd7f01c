//! Action items, wherever a document keeps them: rows of an action-item table (under an
//! action-items heading, or anywhere when its header names an action and an owner column),
//! list and task-list items under an action-items heading, and — when a document has no
//! such section — prose promises such as "we'll add a manual override".

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::Span;
use crate::document::action_fields::{self, Column, Due};
use crate::document::{Document, SectionKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Table index and body row index.
    Row(usize, usize),
    /// List item index.
    Item(usize),
    /// A sentence in prose.
    Prose,
}

#[derive(Debug, Clone)]
pub struct ActionItem {
    pub origin: Origin,
    /// The whole row or item.
    pub span: Span,
    /// The action's own words (the Action cell, the item's first paragraph, the sentence).
    pub text_span: Span,
    pub owner: Option<Field>,
    pub owner_is_team: bool,
    /// An explicit owner that means nobody ("TBD", "owner: ?").
    pub owner_placeholder: Option<Span>,
    pub due: Option<(Span, Due)>,
    pub ticket: Option<Span>,
    pub done: bool,
    pub section: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Field {
    pub text: String,
    pub span: Span,
}

impl ActionItem {
    pub fn text<'d>(&self, doc: &'d Document) -> &'d str {
        &doc.text()[self.text_span.clone()]
    }
}

/// The year the post-mortem was written, to complete due dates such as "Mar 1".
fn year_hint(doc: &Document) -> Option<i16> {
    let field = doc.field("date")?;
    field.value.get(..4)?.parse().ok()
}

pub fn extract(doc: &Document, placeholders: &[String]) -> Vec<ActionItem> {
    let year = year_hint(doc);
    let mut out = Vec::new();
    for (t, table) in doc.tables.iter().enumerate() {
        let columns: Vec<Option<Column>> = table
            .header
            .cells
            .iter()
            .map(|c| action_fields::classify_column(&c.text))
            .collect();
        let in_section = table
            .section
            .is_some_and(|s| doc.sections[s].kind == Some(SectionKind::ActionItems));
        let has = |c: Column| columns.contains(&Some(c));
        let looks_like_actions =
            has(Column::Action) && (has(Column::Owner) || has(Column::Due) || has(Column::Ticket));
        // Outside an action-items section only a table that names an action column and
        // no time column counts (a timeline table also has an "Owner"-like column).
        let counts = in_section || (looks_like_actions && !has_time_column(&table.header.cells));
        if !counts {
            continue;
        }
        let action_col = columns
            .iter()
            .position(|c| *c == Some(Column::Action))
            .or_else(|| columns.iter().position(Option::is_none))
            .unwrap_or(0);
        for (r, row) in table.rows.iter().enumerate() {
            if row.cells.iter().all(|c| c.text.trim().is_empty()) {
                continue;
            }
            let Some(action) = row.cells.get(action_col) else {
                continue;
            };
            let mut item = ActionItem {
                origin: Origin::Row(t, r),
                span: row.span.clone(),
                text_span: trim_span(doc.text(), &action.span),
                owner: None,
                owner_is_team: false,
                owner_placeholder: None,
                due: None,
                ticket: None,
                done: false,
                section: table.section,
            };
            let mut owner_column = false;
            for (cell, column) in row.cells.iter().zip(&columns) {
                let raw = &doc.text()[cell.span.clone()];
                let base = cell.span.start;
                match column {
                    Some(Column::Owner) => {
                        owner_column = true;
                        match action_fields::owner_from_cell(raw, placeholders) {
                            Some(o) => {
                                item.owner = Some(shift(&o.found, base));
                                item.owner_is_team = o.team;
                            }
                            None if !raw.trim().is_empty() => {
                                item.owner_placeholder = Some(trim_span(doc.text(), &cell.span))
                            }
                            None => {}
                        }
                    }
                    Some(Column::Due) => {
                        item.due = action_fields::due_from_cell(raw, year)
                            .map(|(f, d)| (shift_span(&f.span, base), d));
                    }
                    Some(Column::Ticket) => {
                        item.ticket =
                            action_fields::find_ticket(raw).map(|f| shift_span(&f.span, base));
                    }
                    Some(Column::Status) => item.done |= status_done(&cell.text),
                    _ => {}
                }
            }
            // Fields may also be written inside the row's other cells.
            fill_from_text(doc, &mut item, &row.span, placeholders, year, !owner_column);
            out.push(item);
        }
    }
    for (i, li) in doc.items.iter().enumerate() {
        if !in_action_section(doc, li.section) || is_group_label(doc, i) {
            continue;
        }
        // A sub-item belongs to its parent item unless the parent only groups items.
        if let Some(p) = li.parent
            && in_action_section(doc, doc.items[p].section)
            && !is_group_label(doc, p)
        {
            continue;
        }
        let mut item = ActionItem {
            origin: Origin::Item(i),
            span: li.span.clone(),
            text_span: trim_span(doc.text(), &li.content),
            owner: None,
            owner_is_team: false,
            owner_placeholder: None,
            due: None,
            ticket: None,
            done: li.task == Some(true) || struck_through(&doc.text()[li.content.clone()]),
            section: li.section,
        };
        fill_from_text(doc, &mut item, &li.span, placeholders, year, true);
        out.push(item);
    }
    if out.is_empty() && doc.top_sections(SectionKind::ActionItems).next().is_none() {
        out.extend(prose_promises(doc, placeholders, year));
    }
    out.sort_by_key(|i| i.span.start);
    out
}

fn in_action_section(doc: &Document, section: Option<usize>) -> bool {
    section.is_some_and(|s| doc.sections[s].kind == Some(SectionKind::ActionItems))
}

/// "- Prevent:" / "- **Short term**" with sub-items: a heading in list form, not an item.
fn is_group_label(doc: &Document, i: usize) -> bool {
    let li = &doc.items[i];
    if !li.has_children {
        return false;
    }
    let text = doc.prose(&li.content).trim();
    text.ends_with(':') || text.split_whitespace().count() <= 3
}

fn has_time_column(cells: &[crate::document::Cell]) -> bool {
    cells.iter().any(|c| {
        let t = c.text.to_lowercase();
        t.contains("time") && !t.contains("timeline")
    })
}

/// Owners and due dates are read from the prose view (no code, comments or URLs);
/// tickets from the source with only comments removed, since URLs are tickets.
fn fill_from_text(
    doc: &Document,
    item: &mut ActionItem,
    span: &Span,
    placeholders: &[String],
    year: Option<i16>,
    owner_in_text: bool,
) {
    let base = span.start;
    let text = doc.prose(span);
    if owner_in_text && item.owner.is_none() {
        if let Some(o) = action_fields::find_owner(text, placeholders) {
            item.owner = Some(shift(&o.found, base));
            item.owner_is_team = o.team;
        } else if let Some(p) = action_fields::owner_label_placeholder(text, placeholders) {
            item.owner_placeholder = Some(shift_span(&p.span, base));
        }
    }
    if item.due.is_none() {
        item.due = action_fields::find_due(text, year).map(|(f, d)| (shift_span(&f.span, base), d));
    }
    if item.ticket.is_none() {
        let raw = without_comments(doc, span);
        item.ticket = action_fields::find_ticket(&raw).map(|f| shift_span(&f.span, base));
    }
}

/// The source of `span` with HTML comments blanked (same length).
fn without_comments(doc: &Document, span: &Span) -> String {
    let mut bytes = doc.text().as_bytes()[span.clone()].to_vec();
    for c in &doc.comments {
        let start = c.span.start.max(span.start);
        let end = c.span.end.min(span.end);
        if start < end {
            bytes[start - span.start..end - span.start].fill(b' ');
        }
    }
    String::from_utf8(bytes).unwrap_or_default()
}

static PROMISE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:we(?:'|’)ll|we will|we are going to|we're going to|we plan to|we intend to|we(?:'|’)re planning to)\s+(?:also\s+)?(?:be\s+)?(?:add|build|create|move|make|introduce|implement|improve|set up|change|update|write|deploy|migrate|remove|automate|monitor|alert|document|review|ensure|enforce|split|separate|limit|require|rewrite|replace|fix|stop|start|extend|expand|increase|reduce|investigate|work|roll out|publish|switch|adopt|run|test|upgrade|audit)\w*\b")
        .expect("static regex")
});

/// "we'll add a manual override to our db healthchecks": commitments written as prose, one
/// item per sentence, for documents without an action-items section.
fn prose_promises(doc: &Document, placeholders: &[String], year: Option<i16>) -> Vec<ActionItem> {
    let mut out = Vec::new();
    for block in &doc.blocks {
        let text = doc.prose(&block.span);
        for m in PROMISE.find_iter(text) {
            let start = text[..m.start()]
                .rfind(['.', '!', '?', '\n', ':', ';', ','])
                .map_or(0, |i| i + 1);
            let end = text[m.end()..]
                .find(['.', '!', '?', ';', '\n'])
                .map_or(text.len(), |i| m.end() + i);
            let span = trim_span(
                doc.text(),
                &(block.span.start + start..block.span.start + end),
            );
            if out.last().is_some_and(|l: &ActionItem| l.span == span) {
                continue;
            }
            let mut item = ActionItem {
                origin: Origin::Prose,
                span: span.clone(),
                text_span: span.clone(),
                owner: None,
                owner_is_team: false,
                owner_placeholder: None,
                due: None,
                ticket: None,
                done: false,
                section: block.section,
            };
            fill_from_text(doc, &mut item, &span, placeholders, year, true);
            out.push(item);
        }
    }
    out
}

fn status_done(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    [
        "done",
        "complete",
        "completed",
        "closed",
        "fixed",
        "resolved",
        "shipped",
        "merged",
        "yes",
        "✅",
        "✔",
        "x",
    ]
    .iter()
    .any(|w| t == *w || t.starts_with(&format!("{w} ")))
}

fn struck_through(text: &str) -> bool {
    let t = text.trim();
    t.starts_with("~~") && t.ends_with("~~")
}

fn shift(f: &action_fields::Found, base: usize) -> Field {
    Field {
        text: f.text.clone(),
        span: shift_span(&f.span, base),
    }
}

fn shift_span(s: &Span, base: usize) -> Span {
    base + s.start..base + s.end
}

/// `span` without surrounding whitespace.
pub fn trim_span(text: &str, span: &Span) -> Span {
    let s = &text[span.clone()];
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.end - (s.len() - s.trim_end().len());
    start..end.max(start)
}
