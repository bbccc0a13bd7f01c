//! `timeline-milestones`: the timeline records no detection, mitigation or resolution.

use super::{Context, Rule, RuleMeta, meta};
use crate::diagnostic::Severity;
use crate::document::Document;
use crate::timeline::milestones::{self, Milestone};

pub struct TimelineMilestones {
    meta: RuleMeta,
}

const DOCS: &str = r##"
The moments a review measures are when the problem was detected, when its impact was
mitigated and when it was resolved. A timeline that records none of them cannot answer
the first questions of a review — how long did it take us to notice, and to stop the
damage? — and no time to detect, mitigate or resolve can be computed (`pmlint stats`).

The rule fires when no timeline entry marks any of the three (a table of times with no
timeline heading above it may be a schedule, and is not expected to). Entries are recognised by
the words in `rules/milestones.toml`, in any of their forms: detection (alert, paged,
noticed, report, realised, identified, …), mitigation (mitigated, rolled back, revert,
downgraded, failover, workaround, …) and resolution (resolved, recovered, restored,
solved, fixed, back to normal, working again, …). Plans, purposes and attempts
("decision to roll back", "to restore", "rollback attempted"), work still in progress
("recovering") and negations ("not resolved", "can't be fixed") do not count.
`pmlint stats` shows which milestones each timeline has.

Bad:

    ## Timeline

    | Time (UTC) | Event                         |
    |------------|-------------------------------|
    | 13:40      | Deploy of api v2.3 begins     |
    | 14:20      | Config change merged          |

Good:

    ## Timeline

    | Time (UTC) | Event                                      |
    |------------|--------------------------------------------|
    | 13:40      | Deploy of api v2.3 begins; impact starts   |
    | 14:05      | Error-rate alert fires, on-call paged      |
    | 14:31      | Deploy rolled back; mitigated              |
    | 14:52      | Error rate back to normal; resolved        |
"##;

impl TimelineMilestones {
    pub fn new() -> Self {
        TimelineMilestones {
            meta: meta(
                "timeline-milestones",
                Severity::Warning,
                "The timeline has no entry for detection, mitigation or resolution",
                DOCS,
            ),
        }
    }
}

const RESPONSE: [Milestone; 3] = [
    Milestone::Detection,
    Milestone::Mitigation,
    Milestone::Resolution,
];

impl Rule for TimelineMilestones {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, doc: &Document, cx: &mut Context) {
        let tl = cx.timeline();
        // A table of times without a heading may be a schedule rather than a timeline:
        // only a timeline section is expected to record the response.
        let Some(section) = tl
            .entries
            .iter()
            .find_map(|e| tl.timelines[e.timeline].section)
        else {
            return;
        };
        let marked = tl.entries.iter().any(|e| {
            let text = milestones::description(doc, e);
            RESPONSE.iter().any(|&m| milestones::names(m, &text))
        });
        if marked {
            return;
        }
        cx.report(
            &self.meta,
            doc.headings[section].span.clone(),
            "The timeline has no entry for detection, mitigation or resolution",
        )
        .help = Some(
            "Add the moments the review measures: when the problem was detected (“alert fired”, “paged”), mitigated (“rolled back”, “mitigated”) and resolved (“resolved”, “back to normal”)."
                .into(),
        );
    }
}
