//! `action-item-due-date`: an open action item needs a due date.

use super::action_item_owner::first_line;
use super::{Context, Rule, RuleMeta, meta};
use crate::diagnostic::{Severity, Span};
use crate::document::Document;

pub struct ActionItemDueDate {
    meta: RuleMeta,
}

const DOCS: &str = r#"
An item without a date drifts: it is always less urgent than this week's work, and the
follow-up review cannot tell whether it is late. A date also makes the size of the item
visible — if nobody can name one, the item is probably too big or too vague.

Due dates are read from a Due / Deadline / ETA / Target / By column, or in the item's
text: `due 2026-04-01`, `by 2026-03-01`, `due Mar 1` (the year comes from the document's
date), `March 1, 2026`, `Q3 2026` or `by end of Q2`. A sub-heading or group label above the
items may carry the date for all of them ("Long-term (Q4 2026)"). "TBD", "ASAP" and
"soon" are not dates. Completed items (`- [x]`, Status "Done", `[done]`) are not checked.

Bad:

    ## Action items

    - [ ] Add an alert on queue depth — @maria, OPS-88

Good:

    ## Action items

    - [ ] Add an alert on queue depth — @maria, due 2026-07-01, OPS-88
"#;

impl ActionItemDueDate {
    pub fn new() -> Self {
        ActionItemDueDate {
            meta: meta(
                "action-item-due-date",
                Severity::Warning,
                "An open action item has no due date",
                DOCS,
            ),
        }
    }
}

const HELP: &str = "Give it a date — a Due column, `due 2026-04-01`, `by Mar 1` or a quarter such as `Q3 2026` — so the follow-up review can tell whether it is late.";

impl Rule for ActionItemDueDate {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, doc: &Document, cx: &mut Context) {
        let findings: Vec<(Span, String)> = cx
            .action_items()
            .iter()
            .filter(|i| !i.done && i.due.is_none())
            .map(|i| match &i.due_placeholder {
                Some(p) => (
                    p.clone(),
                    format!("Due date “{}” is not a date", doc.text()[p.clone()].trim()),
                ),
                None => (
                    first_line(doc, &i.text_span),
                    "Open action item has no due date".to_string(),
                ),
            })
            .collect();
        for (span, message) in findings {
            cx.report(&self.meta, span, message).help = Some(HELP.into());
        }
    }
}
