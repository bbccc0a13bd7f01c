//! `action-item-tracking`: every action item links the ticket that tracks it.

use super::action_item_owner::first_line;
use super::{Context, Rule, RuleMeta, meta};
use crate::diagnostic::{Severity, Span};
use crate::document::Document;

pub struct ActionItemTracking {
    meta: RuleMeta,
}

const DOCS: &str = r#"
A post-mortem is read once and filed; the issue tracker is where work gets planned. An item
that exists only in the document is invisible to the planning that decides whether it
happens, and nobody can check later what became of it. A ticket is not an owner, though:
`action-item-owner` still asks for a person.

References are read from a Ticket / Issue / Bug / Jira / Link column (any URL counts there)
or in the item's text: an issue-tracker or pull-request URL, a key such as `OPS-123`,
`#123`, `org/repo#123` or a reference-style link `[#123][issue-123]`. A sub-heading above
the items may link one tracking issue for all of them. Completed items are checked too:
the ticket is the record that the work was done.

Bad:

    ## Action items

    - [ ] Add an alert on queue depth — @maria, due 2026-07-01

Good:

    ## Action items

    - [ ] Add an alert on queue depth — @maria, due 2026-07-01, OPS-88
"#;

impl ActionItemTracking {
    pub fn new() -> Self {
        ActionItemTracking {
            meta: meta(
                "action-item-tracking",
                Severity::Info,
                "An action item has no ticket or issue reference",
                DOCS,
            ),
        }
    }
}

const HELP: &str = "Link the issue that tracks it — a tracker URL, `OPS-123`, `#123` or `org/repo#123` — so the work is planned where the team plans work.";

impl Rule for ActionItemTracking {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, doc: &Document, cx: &mut Context) {
        let findings: Vec<(Span, String)> = cx
            .action_items()
            .iter()
            .filter(|i| i.ticket.is_none())
            .map(|i| match &i.ticket_placeholder {
                Some(p) => (
                    p.clone(),
                    format!(
                        "Ticket “{}” is not a reference to an issue",
                        doc.text()[p.clone()].trim()
                    ),
                ),
                None => (
                    first_line(doc, &i.text_span),
                    "Action item is not linked to a ticket".to_string(),
                ),
            })
            .collect();
        for (span, message) in findings {
            cx.report(&self.meta, span, message).help = Some(HELP.into());
        }
    }
}
