//! Action items, wherever a document keeps them: rows of an action-item table (under an
//! action-items heading, or anywhere when its header names an action and an owner, due or
//! ticket column), list and task-list items under an action-items heading (sub-items belong
//! to their item; a short label such as "Short term:" only groups), and — when a document
//! has no such list — prose commitments such as "we'll add a manual override".
//!
//! Each item records its owner, due date, ticket, priority and type where the document
//! states them, and whether it is done. A sub-heading or group label of the action items
//! ("Long-term (Q4 2025)", "Short-term ([tracking issue](…))", "Immediate (Completed)")
//! passes its due date, ticket and completion on to the items under it.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::Span;
use crate::document::action_fields::{self, Column, Due};
use crate::document::{Document, SectionKind, action_prose, action_state};

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
    /// The action's own words (the Action cell, the item's first paragraph, the clause).
    pub text_span: Span,
    pub owner: Option<Field>,
    pub owner_is_team: bool,
    /// An explicit owner that means nobody ("TBD", "owner: ?").
    pub owner_placeholder: Option<Span>,
    /// Where the due date is written: in the item, or in the heading it sits under.
    pub due: Option<(Span, Due)>,
    /// A Due cell or `due:` label that holds no date ("TBD", "ASAP").
    pub due_placeholder: Option<Span>,
    pub ticket: Option<Span>,
    /// A Ticket cell that holds no reference ("TBD", "-").
    pub ticket_placeholder: Option<Span>,
    pub priority: Option<Field>,
    /// The Type column: prevent, mitigate, detect, process …
    pub kind: Option<Field>,
    pub done: bool,
    pub section: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Field {
    pub text: String,
    pub span: Span,
}

impl ActionItem {
    fn new(origin: Origin, span: Span, text_span: Span, section: Option<usize>) -> Self {
        ActionItem {
            origin,
            span,
            text_span,
            owner: None,
            owner_is_team: false,
            owner_placeholder: None,
            due: None,
            due_placeholder: None,
            ticket: None,
            ticket_placeholder: None,
            priority: None,
            kind: None,
            done: false,
            section,
        }
    }

    pub fn text<'d>(&self, doc: &'d Document) -> &'d str {
        &doc.text()[self.text_span.clone()]
    }

    /// The action in plain words, for reports: Markdown, URLs and the owner, due date,
    /// ticket and priority removed ("Add an alert on queue depth").
    pub fn action_text(&self, doc: &Document) -> String {
        let base = self.text_span.start;
        let mut bytes = plain_bytes(doc, &self.text_span);
        for s in self.field_spans() {
            bytes[s.start - base..s.end - base].fill(b' ');
        }
        tidy(&String::from_utf8(bytes).unwrap_or_default())
    }

    /// Spans of the item's fields that lie inside its text (owner, due date, ticket,
    /// priority): what is left is the action itself.
    pub fn field_spans(&self) -> Vec<Span> {
        let mut spans: Vec<Span> = [
            self.owner.as_ref().map(|f| f.span.clone()),
            self.owner_placeholder.clone(),
            self.due.as_ref().map(|d| d.0.clone()),
            self.due_placeholder.clone(),
            self.ticket.clone(),
            self.priority.as_ref().map(|f| f.span.clone()),
        ]
        .into_iter()
        .flatten()
        .filter(|s| s.start >= self.text_span.start && s.end <= self.text_span.end)
        .collect();
        spans.sort_by_key(|s| s.start);
        spans
    }
}

/// The prose view of `span` with inline code put back: what a reader sees as text.
fn plain_bytes(doc: &Document, span: &Span) -> Vec<u8> {
    let mut out = doc.prose(span).as_bytes().to_vec();
    let raw = doc.text()[span.clone()].as_bytes();
    let mut in_code = false;
    for (i, &b) in raw.iter().enumerate() {
        if b == b'`' {
            in_code = !in_code;
        } else if in_code && b != b'\n' && b != b'\r' {
            out[i] = b;
        }
    }
    out
}

static EMPTY_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[(\[]\s*(?:(?:owners?|assignee|assigned to|dri|due|by|eta|deadline|ticket)\s*:?\s*)?[)\]]|(?-u:\b)(?:owners?|assignee|assigned to|dri|due|eta|deadline|ticket)\s*:?\s*([,;]|$)")
        .expect("static regex")
});

/// Whitespace collapsed; empty brackets, dangling field labels and separators removed.
fn tidy(text: &str) -> String {
    let words = super::text::single_spaced(text);
    // Most texts have no empty field: a plain search spares the capture iterator.
    let cleared = if EMPTY_FIELD.is_match(&words) {
        EMPTY_FIELD.replace_all(&words, "$1")
    } else {
        std::borrow::Cow::Borrowed(words.as_str())
    };
    let spaced = super::text::single_spaced(&cleared);
    // No space before a comma, semicolon or full stop.
    let mut out = String::with_capacity(spaced.len());
    let mut chars = spaced.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ' ' && matches!(chars.peek(), Some(',' | ';' | '.')) {
            continue;
        }
        out.push(c);
    }
    let sep = |c: char| c.is_whitespace() || ",;:—–-|".contains(c);
    out.trim_matches(sep).to_string()
}

/// What a heading or group label above some items says about all of them.
#[derive(Debug, Clone, Default)]
struct Inherited {
    due: Option<(Span, Due)>,
    ticket: Option<Span>,
    done: bool,
}

/// The year the post-mortem was written, to complete due dates such as "Mar 1": the
/// front-matter `date`, else the first complete date in a heading or in the text before
/// the action items (whose own dates are deadlines, not the incident's date).
fn year_hint(doc: &Document) -> Option<i16> {
    if let Some(y) = doc
        .field("date")
        .and_then(|f| f.value.get(..4)?.parse().ok())
    {
        return Some(y);
    }
    let full_date = |text: &str| match action_fields::due_from_cell(text, None)? {
        (_, Due::Date(d)) => Some(d.year()),
        (_, Due::Quarter { year, .. }) => year,
    };
    let outside_actions = |b: &&crate::document::Block| {
        b.section
            .is_none_or(|s| doc.sections[s].kind != Some(SectionKind::ActionItems))
    };
    doc.headings
        .iter()
        .filter(|h| h.kind != Some(SectionKind::ActionItems))
        .find_map(|h| full_date(&h.text))
        .or_else(|| {
            doc.blocks
                .iter()
                .filter(outside_actions)
                .take(50)
                .find_map(|b| full_date(doc.prose(&b.span)))
        })
}

pub fn extract(doc: &Document, placeholders: &[String]) -> Vec<ActionItem> {
    let year = year_hint(doc);
    let mut out = Vec::new();
    for t in 0..doc.tables.len() {
        table_items(doc, t, placeholders, year, &mut out);
    }
    list_items(doc, placeholders, year, &mut out);
    let sections: Vec<usize> = doc.top_sections(SectionKind::ActionItems).collect();
    if sections.is_empty() {
        // No action-items section: commitments may be anywhere in the prose.
        if out.is_empty() {
            out.extend(prose_promises(doc, None, placeholders, year));
        }
    } else {
        // An action-items section written as sentences ("We'll add …"): one without any
        // item of its own (sections nest, so mark every ancestor of an item's section).
        let mut listed = vec![false; doc.sections.len()];
        for item in &out {
            let mut s = item.section;
            while let Some(i) = s.filter(|&i| !listed[i]) {
                listed[i] = true;
                s = doc.sections[i].parent;
            }
        }
        let unlisted: Vec<usize> = sections.into_iter().filter(|&s| !listed[s]).collect();
        if !unlisted.is_empty() {
            out.extend(prose_promises(doc, Some(&unlisted), placeholders, year));
        }
    }
    out.sort_by_key(|i| i.span.start);
    out
}

fn table_items(
    doc: &Document,
    t: usize,
    placeholders: &[String],
    year: Option<i16>,
    out: &mut Vec<ActionItem>,
) {
    let table = &doc.tables[t];
    let columns: Vec<Option<Column>> = table
        .header
        .cells
        .iter()
        .map(|c| action_fields::classify_column(&c.text))
        .collect();
    let in_section = in_action_section(doc, table.section);
    let has = |c: Column| columns.contains(&Some(c));
    let looks_like_actions =
        has(Column::Action) && (has(Column::Owner) || has(Column::Due) || has(Column::Ticket));
    // Outside an action-items section only a table that names an action column and
    // no time column counts (a timeline table also has an "Owner"-like column).
    if !(in_section || (looks_like_actions && !has_time_column(&table.header.cells))) {
        return;
    }
    let action_col = action_column(table, &columns);
    let inherited = inherited_from_headings(doc, table.span.start, year);
    for (r, row) in table.rows.iter().enumerate() {
        if row.cells.iter().all(|c| c.text.trim().is_empty()) {
            continue;
        }
        let Some(action) = row.cells.get(action_col) else {
            continue;
        };
        let text_span = trim_span(doc.text(), &action.span);
        let mut item = ActionItem::new(
            Origin::Row(t, r),
            row.span.clone(),
            text_span,
            table.section,
        );
        let mut owner_column = false;
        for (cell, column) in row.cells.iter().zip(&columns) {
            let raw = &doc.text()[cell.span.clone()];
            let base = cell.span.start;
            let filled = !cell.text.trim().is_empty();
            let whole = || Some(trim_span(doc.text(), &cell.span)).filter(|s| !s.is_empty());
            match column {
                Some(Column::Owner) => {
                    owner_column = true;
                    match action_fields::owner_from_cell(raw, placeholders) {
                        Some(o) => {
                            item.owner = Some(shift(&o.found, base));
                            item.owner_is_team = o.team;
                        }
                        None if filled => item.owner_placeholder = whole(),
                        None => {}
                    }
                }
                Some(Column::Due) => match action_fields::due_from_cell(raw, year) {
                    Some((f, d)) => item.due = Some((shift_span(&f.span, base), d)),
                    None if filled => item.due_placeholder = whole(),
                    None => {}
                },
                Some(Column::Ticket) => match action_fields::ticket_from_cell(raw) {
                    Some(f) => item.ticket = Some(shift_span(&f.span, base)),
                    None if filled => item.ticket_placeholder = whole(),
                    None => {}
                },
                Some(Column::Priority) if filled => {
                    item.priority = whole().map(|s| field(doc, s));
                }
                Some(Column::Type) if filled => item.kind = whole().map(|s| field(doc, s)),
                Some(Column::Status) => item.done |= action_state::status_done(&cell.text),
                _ => {}
            }
        }
        // Fields may also be written inside the row's other cells.
        let row_text = without_comments(doc, &row.span);
        item.done |= action_state::has_done_tag(&row_text)
            || action_state::struck_through(&doc.text()[item.text_span.clone()]);
        fill_from_text(doc, &mut item, &row.span, placeholders, year, !owner_column);
        apply(&mut item, &inherited);
        out.push(item);
    }
}

/// The Action column, else the unnamed column with the most text (not a "#" column).
fn action_column(table: &crate::document::Table, columns: &[Option<Column>]) -> usize {
    let named: Vec<usize> = (0..columns.len())
        .filter(|&c| columns[c] == Some(Column::Action))
        .collect();
    let text_in = |c: usize| -> usize {
        table
            .rows
            .iter()
            .filter_map(|r| r.cells.get(c))
            .map(|cell| cell.text.len())
            .sum()
    };
    let candidates = if named.is_empty() {
        (0..columns.len())
            .filter(|&c| columns[c].is_none())
            .collect()
    } else {
        named
    };
    candidates
        .into_iter()
        .max_by_key(|&c| (text_in(c), std::cmp::Reverse(c)))
        .unwrap_or(0)
}

fn list_items(
    doc: &Document,
    placeholders: &[String],
    year: Option<i16>,
    out: &mut Vec<ActionItem>,
) {
    let n = doc.items.len();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, li) in doc.items.iter().enumerate() {
        if let Some(p) = li.parent.filter(|&p| p < n) {
            children[p].push(i);
        }
    }
    let group: Vec<bool> = (0..n)
        .map(|i| {
            in_action_section(doc, doc.items[i].section) && is_group_label(doc, i, &children[i])
        })
        .collect();
    // Headings and group labels shared by many items are read once.
    let mut from_headings: HashMap<Option<usize>, Inherited> = HashMap::new();
    let mut from_labels: HashMap<usize, Inherited> = HashMap::new();
    for (i, li) in doc.items.iter().enumerate() {
        if !in_action_section(doc, li.section) || group[i] {
            continue;
        }
        // A sub-item belongs to its parent item unless the parent only groups items.
        if let Some(p) = li.parent
            && in_action_section(doc, doc.items[p].section)
            && !group[p]
        {
            continue;
        }
        let text_span = trim_span(doc.text(), &li.content);
        let mut item = ActionItem::new(Origin::Item(i), li.span.clone(), text_span, li.section);
        let own = &doc.text()[li.content.clone()];
        let field_lines = children[i]
            .iter()
            .map(|&c| &doc.items[c])
            .filter(|c| is_field_line(doc, c));
        item.done = li.task == Some(true)
            || action_state::struck_through(own)
            || action_state::has_done_tag(&without_comments(doc, &li.content))
            || field_lines
                .into_iter()
                .any(|c| action_state::has_done_tag(&without_comments(doc, &c.content)))
            || (li.task.is_none() && action_state::reports_past_work(doc.prose(&li.content)));
        fill_from_text(doc, &mut item, &li.span, placeholders, year, true);
        // Inner group labels win over outer ones, and labels over headings.
        let mut inherited = Inherited::default();
        let mut p = li.parent;
        while let Some(label) = p {
            if group[label] {
                let from_label = from_labels
                    .entry(label)
                    .or_insert_with(|| inherited_from(doc, &doc.items[label].content, year));
                inherited = merge(inherited, from_label.clone());
            }
            p = doc.items[label].parent;
        }
        let headings = from_headings
            .entry(li.section)
            .or_insert_with(|| inherited_from_headings(doc, li.span.start, year));
        inherited = merge(inherited, headings.clone());
        apply(&mut item, &inherited);
        out.push(item);
    }
}

fn in_action_section(doc: &Document, section: Option<usize>) -> bool {
    section.is_some_and(|s| doc.sections[s].kind == Some(SectionKind::ActionItems))
}

/// Words that start a field line under an item ("owner: @ana", "Due: 2026-04-01").
const FIELD_WORDS: [&str; 13] = [
    "owner", "owners", "assignee", "assigned", "dri", "due", "deadline", "eta", "ticket", "issue",
    "status", "priority", "jira",
];

fn is_field_line(doc: &Document, item: &crate::document::ListItem) -> bool {
    let first = doc
        .prose(&item.content)
        .split(|ch: char| !ch.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase();
    FIELD_WORDS.contains(&first.as_str())
}

/// "- Prevent:" / "- **Short term**" / "- Monitoring" with sub-items: a heading in list
/// form, not an item. An item whose sub-items are only its fields ("owner: @ana") or that
/// starts with a verb ("Add canary stage") is an item.
fn is_group_label(doc: &Document, i: usize, children: &[usize]) -> bool {
    let li = &doc.items[i];
    if !li.has_children {
        return false;
    }
    let children: Vec<&crate::document::ListItem> =
        children.iter().map(|&c| &doc.items[c]).collect();
    if !children.is_empty() && children.iter().all(|c| is_field_line(doc, c)) {
        return false;
    }
    let text = doc.prose(&li.content).trim();
    if text.ends_with(':') {
        return true;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let has_verb = words.iter().any(|w| {
        crate::document::action_data::DATA
            .is_verb(w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
    });
    let all_tasks = !children.is_empty() && children.iter().all(|c| c.task.is_some());
    words.len() <= 3 && (!has_verb || words.len() == 1 || all_tasks)
}

/// Due date, ticket and completion stated by the headings between the action-items
/// heading and `offset` (the action-items heading included), innermost first.
fn inherited_from_headings(doc: &Document, offset: usize, year: Option<i16>) -> Inherited {
    let mut acc = Inherited::default();
    let mut s = doc.section_at(offset);
    while let Some(i) = s {
        if doc.sections[i].kind != Some(SectionKind::ActionItems) {
            break;
        }
        acc = merge(acc, inherited_from(doc, &doc.headings[i].span, year));
        s = doc.sections[i].parent;
    }
    acc
}

fn inherited_from(doc: &Document, span: &Span, year: Option<i16>) -> Inherited {
    let raw = without_comments(doc, span);
    let prose = doc.prose(span);
    let first_line = raw.lines().next().unwrap_or("");
    Inherited {
        due: action_fields::find_due(prose, year)
            .map(|(f, d)| (shift_span(&f.span, span.start), d)),
        ticket: action_fields::find_ticket(first_line).map(|f| shift_span(&f.span, span.start)),
        done: action_state::heading_done(prose),
    }
}

/// Inner values win over outer ones.
fn merge(inner: Inherited, outer: Inherited) -> Inherited {
    Inherited {
        due: inner.due.or(outer.due),
        ticket: inner.ticket.or(outer.ticket),
        done: inner.done || outer.done,
    }
}

fn apply(item: &mut ActionItem, inherited: &Inherited) {
    if item.due.is_none() && item.due_placeholder.is_none() {
        item.due = inherited.due.clone();
    }
    if item.ticket.is_none() && item.ticket_placeholder.is_none() {
        item.ticket = inherited.ticket.clone();
    }
    item.done |= inherited.done;
}

fn has_time_column(cells: &[crate::document::Cell]) -> bool {
    cells.iter().any(|c| {
        let t = c.text.to_lowercase();
        t.contains("time") && !t.contains("timeline")
    })
}

/// Owners, due dates and priorities are read from the prose view (no code, comments or
/// URLs); tickets from the source with only comments removed, since URLs are tickets.
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
    if owner_in_text && item.owner.is_none() && item.owner_placeholder.is_none() {
        if let Some(o) = action_fields::find_owner(text, placeholders) {
            item.owner = Some(shift(&o.found, base));
            item.owner_is_team = o.team;
        } else if let Some(p) = action_fields::owner_label_placeholder(text, placeholders) {
            item.owner_placeholder = Some(shift_span(&p.span, base));
        }
    }
    if item.due.is_none() && item.due_placeholder.is_none() {
        item.due = action_fields::find_due(text, year).map(|(f, d)| (shift_span(&f.span, base), d));
        if item.due.is_none() {
            item.due_placeholder =
                action_fields::due_label_placeholder(text).map(|f| shift_span(&f.span, base));
        }
    }
    if item.ticket.is_none() && item.ticket_placeholder.is_none() {
        let raw = without_comments(doc, span);
        item.ticket = action_fields::find_ticket(&raw).map(|f| shift_span(&f.span, base));
    }
    if item.priority.is_none() {
        let own = doc.prose(&item.text_span);
        item.priority = action_fields::find_priority(own).map(|f| shift(&f, item.text_span.start));
    }
}

/// The source of `span` with HTML comments blanked (same length).
fn without_comments(doc: &Document, span: &Span) -> String {
    let mut bytes = doc.text().as_bytes()[span.clone()].to_vec();
    // Comments are in source order: skip those that end before the span.
    let first = doc.comments.partition_point(|c| c.span.end <= span.start);
    for c in doc.comments[first..]
        .iter()
        .take_while(|c| c.span.start < span.end)
    {
        let start = c.span.start.max(span.start);
        let end = c.span.end.min(span.end);
        if start < end {
            bytes[start - span.start..end - span.start].fill(b' ');
        }
    }
    String::from_utf8(bytes).unwrap_or_default()
}

/// Commitments written as sentences, in the given top-level `sections` (sorted) or, with
/// None, anywhere in the document.
fn prose_promises(
    doc: &Document,
    sections: Option<&[usize]>,
    placeholders: &[String],
    year: Option<i16>,
) -> Vec<ActionItem> {
    let mut out = Vec::new();
    // The top-level action-items section a section belongs to, if any.
    let top = |mut s: Option<usize>| {
        while let Some(i) = s {
            if doc.sections[i].kind == Some(SectionKind::ActionItems)
                && doc.sections[i]
                    .parent
                    .is_none_or(|p| doc.sections[p].kind != Some(SectionKind::ActionItems))
            {
                return Some(i);
            }
            s = doc.sections[i].parent;
        }
        None
    };
    let blocks = doc.blocks.iter().filter(|b| {
        b.kind == crate::document::BlockKind::Paragraph
            && sections.is_none_or(|wanted| {
                top(b.section).is_some_and(|t| wanted.binary_search(&t).is_ok())
            })
    });
    for block in blocks {
        let text = doc.prose(&block.span);
        let base = block.span.start;
        for p in action_prose::promises(text) {
            let clause = shift_span(&p.clause, base);
            let sentence = shift_span(&p.sentence, base);
            let mut item = ActionItem::new(Origin::Prose, sentence.clone(), clause, block.section);
            fill_from_text(doc, &mut item, &sentence, placeholders, year, true);
            out.push(item);
        }
    }
    out
}

fn field(doc: &Document, span: Span) -> Field {
    Field {
        text: doc.text()[span.clone()].to_string(),
        span,
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{SectionCatalog, markdown};
    use crate::source::SourceFile;

    fn texts(md: &str) -> Vec<String> {
        let src = SourceFile::new("pm.md", md);
        let doc = markdown::parse(&src, SectionCatalog::builtin());
        extract(&doc, &[])
            .iter()
            .map(|i| i.action_text(&doc))
            .collect()
    }

    #[test]
    fn action_text_leaves_out_the_fields() {
        let md = "## Action items\n\n\
            - [ ] Add an alert on `queue_depth` — @maria, due 2026-07-01, OPS-88\n\
            - [ ] Document the process (owner: Chris F)\n\
            - [ ] **HIGH** Automate the [smoke tests](https://x.io/docs); owner: @li\n";
        assert_eq!(
            texts(md),
            [
                "Add an alert on queue_depth",
                "Document the process",
                "Automate the smoke tests",
            ]
        );
    }
}
