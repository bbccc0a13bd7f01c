//! `action-item-owner`: every open action item needs a named owner.

use super::{Context, Rule, RuleMeta, meta};
use crate::diagnostic::Severity;
use crate::document::Document;

pub struct ActionItemOwner {
    meta: RuleMeta,
}

const DOCS: &str = r#"
An action item without an owner is a wish: nobody is accountable for it, and it is the
first thing to be forgotten when the incident fades. Owners are read from an Owner /
Assignee / DRI / Who column, an @handle, `owner: name`, a trailing `(Name)` or `— Name`.
Placeholders — TBD, ?, N/A, -, none, unassigned — count as no owner (extend the list with
`owner-placeholders` in `pmlint.toml`). Completed items (`- [x]`, Status "Done") are not
checked.

Bad:

    ## Action items

    - [ ] Add an alert on queue depth

Good:

    ## Action items

    - [ ] Add an alert on queue depth — @maria, due 2026-07-01, OPS-88
"#;

impl ActionItemOwner {
    pub fn new() -> Self {
        ActionItemOwner {
            meta: meta(
                "action-item-owner",
                Severity::Error,
                "An action item has no owner",
                DOCS,
            ),
        }
    }
}

impl Rule for ActionItemOwner {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, doc: &Document, cx: &mut Context) {
        let items: Vec<_> = cx
            .action_items()
            .iter()
            .filter(|i| !i.done && i.owner.is_none())
            .map(|i| (i.owner_placeholder.clone(), first_line(doc, &i.text_span)))
            .collect();
        for (placeholder, text_span) in items {
            match placeholder {
                Some(span) => {
                    let value = doc.text()[span.clone()].trim().to_string();
                    cx.report(
                        &self.meta,
                        span,
                        format!("Owner “{value}” is a placeholder, not an owner"),
                    )
                    .help = Some(
                        "Name one person (or @handle) who will drive this item to done.".into(),
                    );
                }
                None => {
                    cx.report(&self.meta, text_span, "Action item has no owner")
                        .help = Some(
                        "Add an owner: an Owner column, `owner: @handle`, or a trailing `— Name`."
                            .into(),
                    );
                }
            }
        }
    }
}

/// The first line of a span: findings on a multi-line item point at its first line.
pub fn first_line(doc: &Document, span: &crate::diagnostic::Span) -> crate::diagnostic::Span {
    let text = &doc.text()[span.clone()];
    let end = text.find(['\n', '\r']).unwrap_or(text.len());
    span.start..span.start + text[..end].trim_end().len()
}
