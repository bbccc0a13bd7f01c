//! The action-items part of `pmlint stats`: each document's items with owner, due date,
//! ticket and state, and across documents the open/done counts, items without owners and
//! items past their due date.

use jiff::civil::Date;
use serde::ser::{Serialize, SerializeStruct, Serializer};
use serde_json::{Value, json};

use crate::document::Document;
use crate::document::action_items::{ActionItem, Origin};
use crate::document::text::single_spaced;

/// One action item as the report shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based line and character column of the action's text.
    pub line: usize,
    pub column: usize,
    /// The action's words on one line (whitespace collapsed).
    pub text: String,
    /// "table", "list" or "prose".
    pub origin: &'static str,
    pub owner: Option<String>,
    /// The owner names a group, not a person.
    pub owner_is_team: bool,
    /// The due date as written, and the day it falls due ("Q2 2026" → 2026-06-30).
    pub due: Option<String>,
    pub due_date: Option<Date>,
    pub ticket: Option<String>,
    pub priority: Option<String>,
    /// The Type column: prevent, mitigate, detect, process …
    pub kind: Option<String>,
    pub done: bool,
    pub past_due: bool,
}

/// The action items of one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Actions {
    pub items: Vec<Row>,
}

impl Actions {
    pub fn open(&self) -> usize {
        self.items.iter().filter(|i| !i.done).count()
    }

    pub fn done(&self) -> usize {
        self.items.iter().filter(|i| i.done).count()
    }

    /// Open items without a named owner (a placeholder such as "TBD" is no owner).
    pub fn without_owner(&self) -> usize {
        self.items
            .iter()
            .filter(|i| !i.done && i.owner.is_none())
            .count()
    }

    pub fn past_due(&self) -> usize {
        self.items.iter().filter(|i| i.past_due).count()
    }
}

// The JSON objects print their keys in alphabetical order: the order the format had when
// they were built as `serde_json::Value` maps, which sort their keys (the format is stable).

impl Serialize for Actions {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut o = s.serialize_struct("Actions", 6)?;
        o.serialize_field("count", &self.items.len())?;
        o.serialize_field("done", &self.done())?;
        o.serialize_field("items", &self.items)?;
        o.serialize_field("open", &self.open())?;
        o.serialize_field("past_due", &self.past_due())?;
        o.serialize_field("without_owner", &self.without_owner())?;
        o.end()
    }
}

impl Serialize for Row {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut o = s.serialize_struct("Row", 13)?;
        o.serialize_field("column", &self.column)?;
        o.serialize_field("due", &self.due)?;
        o.serialize_field("due_date", &self.due_date.map(super::Shown))?;
        o.serialize_field("line", &self.line)?;
        o.serialize_field("origin", self.origin)?;
        o.serialize_field("owner", &self.owner)?;
        o.serialize_field("owner_is_team", &self.owner_is_team)?;
        o.serialize_field("past_due", &self.past_due)?;
        o.serialize_field("priority", &self.priority)?;
        o.serialize_field("state", if self.done { "done" } else { "open" })?;
        o.serialize_field("text", &self.text)?;
        o.serialize_field("ticket", &self.ticket)?;
        o.serialize_field("type", &self.kind)?;
        o.end()
    }
}

/// The report rows for a document's extracted items; `today` decides what is past due.
pub fn actions(doc: &Document, items: &[ActionItem], today: Date) -> Actions {
    let text = doc.text();
    let rows = items
        .iter()
        .map(|i| {
            let at = doc.source.line_col(i.text_span.start);
            let due_date = i.due.as_ref().and_then(|(_, d)| d.last_day());
            Row {
                line: at.line,
                column: at.column,
                text: i.action_text(doc),
                origin: match i.origin {
                    Origin::Row(..) => "table",
                    Origin::Item(_) => "list",
                    Origin::Prose => "prose",
                },
                owner: i.owner.as_ref().map(|o| single_spaced(&o.text)),
                owner_is_team: i.owner.is_some() && i.owner_is_team,
                due: i.due.as_ref().map(|(s, _)| single_spaced(&text[s.clone()])),
                due_date,
                ticket: i.ticket.as_ref().map(|s| single_spaced(&text[s.clone()])),
                priority: i.priority.as_ref().map(|p| single_spaced(&p.text)),
                kind: i.kind.as_ref().map(|k| single_spaced(&k.text)),
                done: i.done,
                past_due: !i.done && due_date.is_some_and(|d| d < today),
            }
        })
        .collect();
    Actions { items: rows }
}

/// Totals across documents for `pmlint stats --format json`.
pub fn summary_json(docs: &[&Actions]) -> Value {
    let sum = |f: fn(&Actions) -> usize| docs.iter().map(|a| f(a)).sum::<usize>();
    json!({
        "documents_with_items": docs.iter().filter(|a| !a.items.is_empty()).count(),
        "items": sum(|a| a.items.len()),
        "open": sum(Actions::open),
        "done": sum(Actions::done),
        "without_owner": sum(Actions::without_owner),
        "past_due": sum(Actions::past_due),
    })
}

const TEXT_WIDTH: usize = 60;

fn clip(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_string();
    }
    let mut out: String = s.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// One document's items as a table.
pub fn render_document(path: &str, a: &Actions) -> String {
    if a.items.is_empty() {
        return format!("{path}: no action items\n");
    }
    let mut out = format!(
        "{path}: {} action items, {} open, {} done, {} open without an owner, {} past due\n",
        a.items.len(),
        a.open(),
        a.done(),
        a.without_owner(),
        a.past_due()
    );
    let mut rows = vec![
        ["line", "state", "owner", "due", "ticket", "action"]
            .map(String::from)
            .to_vec(),
    ];
    for i in &a.items {
        let state = match (i.done, i.past_due) {
            (true, _) => "done",
            (false, true) => "PAST DUE",
            (false, false) => "open",
        };
        let owner = match &i.owner {
            Some(o) if i.owner_is_team => format!("{} (team)", clip(o, 20)),
            Some(o) => clip(o, 24),
            None => "-".into(),
        };
        rows.push(vec![
            i.line.to_string(),
            state.into(),
            owner,
            i.due.as_deref().map_or("-".into(), |d| clip(d, 20)),
            i.ticket.as_deref().map_or("-".into(), |t| clip(t, 28)),
            clip(&i.text, TEXT_WIDTH),
        ]);
    }
    out.push_str(&table(&rows, "  "));
    out
}

/// All documents: counts per document, totals, and every item past its due date.
pub fn render_table(docs: &[(&str, &Actions)]) -> String {
    let mut rows = vec![
        ["document", "items", "open", "done", "no owner", "past due"]
            .map(String::from)
            .to_vec(),
    ];
    let mut totals = [0usize; 5];
    for (path, a) in docs {
        let n = [
            a.items.len(),
            a.open(),
            a.done(),
            a.without_owner(),
            a.past_due(),
        ];
        for (t, v) in totals.iter_mut().zip(n) {
            *t += v;
        }
        let mut row = vec![path.to_string()];
        row.extend(n.iter().map(usize::to_string));
        rows.push(row);
    }
    let mut total = vec!["total".to_string()];
    total.extend(totals.iter().map(usize::to_string));
    rows.push(total);
    let mut out = String::from(
        "Action items: open and done items, open items without an owner, open items past their due date\n",
    );
    out.push_str(&table(&rows, ""));
    let late: Vec<Vec<String>> = docs
        .iter()
        .flat_map(|(path, a)| {
            a.items.iter().filter(|i| i.past_due).map(move |i| {
                vec![
                    format!("{path}:{}", i.line),
                    i.due_date.map_or(String::new(), |d| format!("due {d}")),
                    clip(&i.text, TEXT_WIDTH),
                ]
            })
        })
        .collect();
    if !late.is_empty() {
        out.push_str("Past due:\n");
        out.push_str(&table(&late, "  "));
    }
    out
}

/// Left-aligned text, right-aligned numbers, two spaces between columns.
fn table(rows: &[Vec<String>], indent: &str) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let width: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for r in rows {
        let mut line = indent.to_string();
        for (c, cell) in r.iter().enumerate() {
            let pad = width[c].saturating_sub(cell.chars().count());
            if c > 0 && cell.parse::<usize>().is_ok() {
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&" ".repeat(pad));
            }
            line.push_str("  ");
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{SectionCatalog, action_items, markdown};
    use crate::source::SourceFile;

    fn actions_of(text: &str, today: Date) -> Actions {
        let src = SourceFile::new("pm.md", text);
        let doc = markdown::parse(&src, SectionCatalog::builtin());
        let items = action_items::extract(&doc, &[]);
        actions(&doc, &items, today)
    }

    const PM: &str = "# Outage\n\n## Action items\n\n\
        - [ ] Add an alert on queue depth — @maria, due 2026-07-01, OPS-88\n\
        - [x] Restart the stuck consumer — @tomasz\n\
        - [ ] Document the rate-limit process, Q3 2026\n\n\
        | Action | Owner | Due | Ticket |\n|---|---|---|---|\n\
        | Cap retries in the client | SRE team | 2026-06-01 | https://x.io/browse/OPS-9 |\n";

    #[test]
    fn rows_carry_owner_due_ticket_and_state() {
        let a = actions_of(PM, jiff::civil::date(2026, 6, 15));
        assert_eq!(a.items.len(), 4);
        let first = &a.items[0];
        assert_eq!((first.line, first.column), (5, 7));
        assert_eq!(first.owner.as_deref(), Some("@maria"));
        assert_eq!(first.due.as_deref(), Some("2026-07-01"));
        assert_eq!(first.ticket.as_deref(), Some("OPS-88"));
        assert!(!first.done && !first.past_due);
        assert!(a.items[1].done);
        assert_eq!(a.items[2].due_date, Some(jiff::civil::date(2026, 9, 30)));
        let row = &a.items[3];
        assert_eq!(row.origin, "table");
        assert!(row.owner_is_team && row.past_due);
        assert_eq!(
            (a.open(), a.done(), a.without_owner(), a.past_due()),
            (3, 1, 1, 1)
        );
    }

    #[test]
    fn human_and_json_reports() {
        let a = actions_of(PM, jiff::civil::date(2026, 6, 15));
        let doc = render_document("pm.md", &a);
        assert!(doc.starts_with(
            "pm.md: 4 action items, 3 open, 1 done, 1 open without an owner, 1 past due\n"
        ));
        assert!(doc.contains("PAST DUE  SRE team (team)"), "{doc}");
        let all = render_table(&[("pm.md", &a)]);
        assert!(
            all.contains("Past due:\n  pm.md:11  due 2026-06-01  Cap retries in the client"),
            "{all}"
        );
        let v = summary_json(&[&a]);
        assert_eq!(v["without_owner"], 1);
        let v = serde_json::to_value(&a).unwrap();
        assert_eq!(v["items"][1]["state"], "done");
        assert_eq!(v["items"][1]["type"], Value::Null);
        assert_eq!(v["items"][3]["due_date"], "2026-06-01");
    }
}
