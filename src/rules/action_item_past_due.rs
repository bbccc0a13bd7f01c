//! `action-item-past-due`: an open action item whose due date has passed (off by default).

use super::action_item_owner::first_line;
use super::{Context, Rule, RuleMeta, meta};
use crate::diagnostic::{Severity, Span};
use crate::document::Document;

pub struct ActionItemPastDue {
    meta: RuleMeta,
}

const DOCS: &str = r#"
A post-mortem is also a record of what was promised. An item still open after its date is
either done and not marked, or late and in need of a new date and a reason — both worth a
look at the follow-up review. Off by default, because the result depends on the day the
linter runs: turn it on in `pmlint.toml` (`action-item-past-due = "warning"`) for a
periodic job over old post-mortems, and pin the date with `pmlint check --today
2026-05-01` (or `today = "2026-05-01"` in `pmlint.toml`) for reproducible runs.

A quarter is due on its last day ("Q2 2026" passes on 2026-07-01); a quarter without a
year is never reported. Completed items (`- [x]`, Status "Done", `[done]`) are not checked.

Bad:

    ## Action items

    - [ ] Add an alert on queue depth — @maria, due 2020-07-01, OPS-88

Good:

    ## Action items

    - [x] Add an alert on queue depth — @maria, due 2020-07-01, OPS-88
"#;

impl ActionItemPastDue {
    pub fn new() -> Self {
        let mut meta = meta(
            "action-item-past-due",
            Severity::Warning,
            "An open action item is past its due date",
            DOCS,
        );
        meta.default_enabled = false;
        ActionItemPastDue { meta }
    }
}

impl Rule for ActionItemPastDue {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, doc: &Document, cx: &mut Context) {
        let today = cx
            .settings
            .today
            .unwrap_or_else(|| jiff::ZonedDateTime::now().date());
        let findings: Vec<(Span, String)> = cx
            .action_items()
            .iter()
            .filter(|i| !i.done)
            .filter_map(|i| {
                let (span, due) = i.due.as_ref()?;
                let last = due.last_day()?;
                if last >= today {
                    return None;
                }
                // A date in a heading above several items is reported on each item.
                let at = if i.span.start <= span.start && span.end <= i.span.end {
                    span.clone()
                } else {
                    first_line(doc, &i.text_span)
                };
                let written = doc.text()[span.clone()].trim();
                Some((
                    at,
                    format!("Action item is still open after its due date “{written}” ({last}; today is {today})"),
                ))
            })
            .collect();
        for (span, message) in findings {
            cx.report(&self.meta, span, message).help = Some(
                "Mark it done if it is (`- [x]`, Status “Done”), or agree a new date and note why it moved."
                    .into(),
            );
        }
    }
}
