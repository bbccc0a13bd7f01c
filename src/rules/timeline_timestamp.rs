//! `timeline-timestamp`: a timeline entry with no recognisable time.

use super::{Context, Rule, RuleMeta, meta};
use crate::diagnostic::Severity;
use crate::document::Document;

pub struct TimelineTimestamp {
    meta: RuleMeta,
}

const DOCS: &str = r##"
An entry without a time cannot be placed: reviewers cannot tell how long detection or
mitigation took, and the order of decisions is lost.

An entry is a row of a timeline table, a top-level item of a list in the timeline that
has times, a heading that is a time, or a paragraph line that begins with one. Detail
bullets nested under an entry, text under a heading entry and prose paragraphs are not
entries. Times are recognised as `14:05`, `14:05:30`, `2:05 PM`, `0730 -`, `15.25 -`,
`1545` alone in a column headed `Time`,
`2026-03-14 14:05`, `2026-03-14T14:05Z`, `Sep 27 2017 13:06`, `19. April, 11:00`, ranges
(`09:00 - 11:00`), approximations (`~10:45`) and relative times (`T+5m`, `+00:05`); a date
alone (`2021-08-17: report received`) is accepted for multi-day timelines.

Bad:

    ## Timeline

    - 13:40 UTC — deploy of api v2.3 begins
    - Error-rate alert fires
    - 14:31 UTC — rollback completes

Good:

    ## Timeline

    - 13:40 UTC — deploy of api v2.3 begins
    - 14:05 UTC — error-rate alert fires
    - 14:31 UTC — rollback completes
"##;

impl TimelineTimestamp {
    pub fn new() -> Self {
        TimelineTimestamp {
            meta: meta(
                "timeline-timestamp",
                Severity::Info,
                "A timeline entry has no recognisable time",
                DOCS,
            ),
        }
    }
}

impl Rule for TimelineTimestamp {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, doc: &Document, cx: &mut Context) {
        let text = doc.text();
        let found: Vec<_> = cx
            .timeline()
            .entries
            .iter()
            .filter(|e| e.stamp.is_none())
            .map(|e| {
                let written = text[e.time_span.clone()].trim();
                // A cell or line that starts like a time but is not one ("20202-01-17 12:00").
                let message = if written.starts_with(|c: char| c.is_ascii_digit())
                    && written.chars().count() <= 24
                {
                    format!(
                        "Timeline entry has no recognisable time: “{written}” is not a date or time"
                    )
                } else {
                    "Timeline entry has no recognisable time".to_string()
                };
                (e.time_span.clone(), message)
            })
            .collect();
        for (span, message) in found {
            cx.report(&self.meta, span, message).help = Some(
                "Start the entry with its time, e.g. `14:05 UTC`, `2026-03-14 14:05` or `2:05 PM`; check for typos such as a five-digit year."
                    .into(),
            );
        }
    }
}
