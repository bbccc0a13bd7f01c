//! `timeline-order`: an entry earlier than the one before it.

use super::{Context, Rule, RuleMeta, meta};
use crate::diagnostic::Severity;
use crate::document::Document;
use crate::timeline::{self, Entry, When};

pub struct TimelineOrder {
    meta: RuleMeta,
}

const DOCS: &str = r#"
Reviewers read a timeline top to bottom to follow what people knew at each moment. An entry
that goes back in time breaks that reading, usually hides a typo in a time or a date, and
makes time to detect or to mitigate wrong.

Entries are compared within one run: a table, or the entries between two sub-headings.
Equal times are fine. A time without a date takes its day from a date heading or label
(`### 2026-03-14`, `**March 14**`), the previous entry, a statement ("All times are UTC on
2026-03-14") or the front matter `date`; a date in the entry itself (`Jan 16, 5:44 AM`)
counts even when no year is written anywhere. A step back from late evening (18:00 or later) to
early morning (before 10:00) is read as the next day, as is any later date written in the
entry; other steps back are reported on the entry that goes back, at its time. Times in
different zones are compared as instants.

Bad:

    | Time (UTC) | Event                   |
    |------------|-------------------------|
    | 14:05      | Latency alert fires     |
    | 13:58      | Rollback completes      |

Good:

    | Time (UTC) | Event                   |
    |------------|-------------------------|
    | 13:58      | Rollback completes      |
    | 14:05      | Latency alert fires     |
"#;

impl TimelineOrder {
    pub fn new() -> Self {
        TimelineOrder {
            meta: meta(
                "timeline-order",
                Severity::Warning,
                "A timeline entry is earlier than the entry before it",
                DOCS,
            ),
        }
    }
}

/// How a point reads in a message: "13:58", with its date when the two dates differ, or
/// "2026-03-14" for a date-only entry.
fn show(w: &When, other: &When) -> String {
    let time = w.time.map(|t| t.strftime("%H:%M").to_string());
    match time {
        Some(t) if w.dated && w.date != other.date => format!("{} {t}", w.date),
        Some(t) => t,
        None => w.date.to_string(),
    }
}

impl Rule for TimelineOrder {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, _doc: &Document, cx: &mut Context) {
        let mut found = Vec::new();
        let mut prev: Option<&Entry> = None;
        for e in &cx.timeline().entries {
            let Some(w) = &e.when else { continue };
            let earlier = prev.filter(|p| p.run == e.run).and_then(|p| {
                let pw = p.when.as_ref()?;
                (timeline::compare(w, pw) == Some(std::cmp::Ordering::Less)).then_some(pw)
            });
            if let Some(pw) = earlier {
                found.push((e.time_span.clone(), show(w, pw), show(pw, w)));
            }
            prev = Some(e);
        }
        for (span, this, before) in found {
            cx.report(
                &self.meta,
                span,
                format!("This entry ({this}) is earlier than the entry before it ({before})"),
            )
            .help = Some(
                "Put the entries in the order things happened. If this one is on the next day, write its date (`2026-03-15 00:10`) or add a date heading before it."
                    .into(),
            );
        }
    }
}
