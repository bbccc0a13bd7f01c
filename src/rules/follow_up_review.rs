//! `follow-up-review`: the action items need a follow-up review on the calendar.

use super::action_item_owner::first_line;
use super::{Context, Rule, RuleMeta, meta};
use crate::diagnostic::{Severity, Span};
use crate::document::action_data::DATA;
use crate::document::action_fields;
use crate::document::{Document, SectionKind};

pub struct FollowUpReview {
    meta: RuleMeta,
}

const DOCS: &str = r#"
Action items get done when someone looks at them again. A follow-up review — a date or a
meeting at which the team checks what became of the items — is what turns a list of good
intentions into changes; without one, open items are forgotten once the incident fades.

The rule is satisfied by a line, heading or bold label such as `Follow-up review:
2026-04-15`, "Review meeting", "Next review", "We will review the action items on …", or
by a front-matter key (`review`, `review_date`, `follow_up_review`, …). It does not apply
when there are no open action items. The phrases are in `rules/action_items.toml`.

Bad:

    ## Action items

    - [ ] Add an alert on queue depth — @maria, due 2026-07-01, OPS-88

Good:

    ## Action items

    - [ ] Add an alert on queue depth — @maria, due 2026-07-01, OPS-88

    Follow-up review: 2026-07-08
"#;

impl FollowUpReview {
    pub fn new() -> Self {
        FollowUpReview {
            meta: meta(
                "follow-up-review",
                Severity::Info,
                "No follow-up review is scheduled for the action items",
                DOCS,
            ),
        }
    }
}

const HELP: &str = "Add a line such as `Follow-up review: 2026-04-15` (or the meeting where the items will be checked), so someone looks at them again.";

impl Rule for FollowUpReview {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, doc: &Document, cx: &mut Context) {
        let items = cx.action_items();
        let Some(first_open) = items.iter().find(|i| !i.done) else {
            return;
        };
        let first_open = first_line(doc, &first_open.text_span);
        let in_front_matter = DATA.follow_up_keys.iter().any(|k| {
            doc.field(k)
                .is_some_and(|f| !action_fields::is_placeholder(&f.value, &[]))
        });
        if in_front_matter {
            return;
        }
        let mut unscheduled: Option<Span> = None;
        // ASCII lower-casing keeps every byte offset.
        let lower = doc.prose.to_ascii_lowercase();
        for m in DATA.follow_up.find_iter(&lower) {
            match placeholder_after(doc, m.end()) {
                Some(value) => unscheduled = unscheduled.or(Some(m.start()..value.end)),
                None => return,
            }
        }
        if let Some(span) = unscheduled {
            let text = doc.text()[span.clone()].to_string();
            cx.report(
                &self.meta,
                span,
                format!("“{text}” does not say when the review takes place"),
            )
            .help = Some(HELP.into());
            return;
        }
        let at = doc
            .top_sections(SectionKind::ActionItems)
            .next()
            .map(|s| doc.headings[s].span.clone())
            .unwrap_or(first_open);
        cx.report(
            &self.meta,
            at,
            "No follow-up review is scheduled for the action items",
        )
        .help = Some(HELP.into());
    }
}

/// "Follow-up review: TBD": the value after the phrase on its line, when it is a placeholder.
fn placeholder_after(doc: &Document, end: usize) -> Option<Span> {
    let rest = &doc.prose[end..];
    let line = &rest[..rest.find(['\n', '\r']).unwrap_or(rest.len())];
    let value = line.trim_start().strip_prefix(':')?;
    let trimmed = value.trim();
    if trimmed.is_empty() || !action_fields::is_placeholder(trimmed, &[]) {
        return None;
    }
    let start = end + line.len() - value.trim_start().len();
    Some(start..start + trimmed.len())
}
