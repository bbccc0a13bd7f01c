//! `missing-timeline`: a post-mortem needs a timeline with entries.

use super::{Context, Rule, RuleMeta, meta};
use crate::diagnostic::Severity;
use crate::document::{Document, SectionKind};
use crate::timeline;

pub struct MissingTimeline {
    meta: RuleMeta,
}

const DOCS: &str = r#"
A post-mortem needs a timeline: what happened, when, and what people knew at each moment.
Without one, reviewers cannot see how long detection and mitigation took, and the account
of people's decisions loses the context that made them reasonable.

The rule fires when no section is recognised as a timeline (Timeline, Chronology, Sequence
of events, Incident timeline, … — see `rules/sections.toml`, extendable in `pmlint.toml`),
or when the timeline section has no entries (no table rows, list items or lines starting
with a time, and no date heading with an account of that day under it).

Bad:

    ## Summary
    The API returned errors for 40 minutes.

Good:

    ## Timeline (UTC)
    | Time  | Event                      |
    |-------|----------------------------|
    | 13:40 | Deploy of api v2.3 begins  |
    | 14:05 | Error-rate alert fires     |
"#;

impl MissingTimeline {
    pub fn new() -> Self {
        MissingTimeline {
            meta: meta(
                "missing-timeline",
                Severity::Error,
                "The post-mortem has no timeline, or its timeline has no entries",
                DOCS,
            ),
        }
    }
}

impl Rule for MissingTimeline {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, doc: &Document, cx: &mut Context) {
        // The analysis the other timeline rules share, not a second one.
        let has_entries = !cx.timeline().entries.is_empty();
        let sections = timeline::sections(doc);
        if has_entries {
            return;
        }
        match sections.first() {
            Some(&s) => {
                let span = doc.headings[s].span.clone();
                cx.report(&self.meta, span, "The timeline section has no entries")
                    .help = Some("Add one entry per event with its time and timezone: a table row (`| 14:05 | Alert fired |`) or a list item (`- 14:05 UTC — alert fired`).".into());
            }
            None if !doc.has_section(SectionKind::Timeline) => {
                let span = doc
                    .headings
                    .first()
                    .filter(|h| h.level == 1)
                    .map_or(0..0, |h| h.span.clone());
                cx.report(&self.meta, span, "No timeline section found")
                    .help = Some("Add a `## Timeline` section with timestamped entries (and the timezone), so reviewers can follow what was known when.".into());
            }
            None => {}
        }
    }
}
