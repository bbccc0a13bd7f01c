//! `missing-action-items`: the check that fails a pull request.

use super::{Context, Rule, RuleMeta, meta};
use crate::diagnostic::Severity;
use crate::document::{Document, SectionKind};

pub struct MissingActionItems {
    meta: RuleMeta,
}

const DOCS: &str = r#"
A post-mortem ends in concrete, owned, tracked action items: that is how the organisation
changes after an incident. This rule fires when no action-items section is found (Action
items, Follow-ups, Corrective actions, Remediation, Next steps, … — see
`rules/sections.toml`), no action-item table exists elsewhere, and the text makes no
commitments; or when the section exists but lists nothing.

Some teams agree that a debrief need not produce items. Set `allow-no-action-items = true`
in `pmlint.toml`; then a section that says so explicitly ("No action items: …") passes.

Bad:

    ## Lessons learned
    Deploys on Fridays are risky.

Good:

    ## Action items
    | Action                                  | Owner | Due        | Ticket  |
    |-----------------------------------------|-------|------------|---------|
    | Add a canary stage to the deploy        | @ana  | 2026-04-01 | OPS-142 |
"#;

impl MissingActionItems {
    pub fn new() -> Self {
        MissingActionItems {
            meta: meta(
                "missing-action-items",
                Severity::Error,
                "The post-mortem has no action items",
                DOCS,
            ),
        }
    }
}

impl Rule for MissingActionItems {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, doc: &Document, cx: &mut Context) {
        if !cx.action_items().is_empty() {
            return;
        }
        let section = doc.top_sections(SectionKind::ActionItems).next();
        if let Some(s) = section {
            let body = doc.prose(&doc.sections[s].body).to_lowercase();
            if cx.settings.allow_no_action_items
                && (body.contains("no action items")
                    || body.contains("no follow-ups")
                    || body.contains("none"))
            {
                return;
            }
            let span = doc.headings[s].span.clone();
            cx.report(&self.meta, span, "The action-items section lists no items")
                .help = Some("List each follow-up as a table row or list item with an owner, a due date and a ticket.".into());
        } else {
            let span = doc
                .headings
                .first()
                .filter(|h| h.level == 1)
                .map_or(0..0, |h| h.span.clone());
            cx.report(&self.meta, span, "No action items found")
                .help = Some("Add an `## Action items` section: concrete changes to the system, each with an owner, a due date and a ticket.".into());
        }
    }
}
