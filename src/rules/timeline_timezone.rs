//! `timeline-timezone`: times without any timezone, or zones mixed without offsets.

use super::{Context, Rule, RuleMeta, meta};
use crate::diagnostic::Severity;
use crate::document::Document;
use crate::timeline::{self, timestamp::Zone, zone_name};

pub struct TimelineTimezone {
    meta: RuleMeta,
}

const DOCS: &str = r##"
A time without a zone is ambiguous as soon as responders, readers or systems sit in more
than one zone: "14:05" in a report read in Berlin and San Francisco is two different
moments, and log lines cannot be matched to it.

The rule fires when a timeline has times of day but no zone anywhere: not on the entries
(`14:05 UTC`, `09:00+01:00`, `2021-06-29T18:30Z`), not in the table header
(`Time (UTC)`), not in the heading (`Timeline (times in BST)`), and not in a statement
such as "All times are UTC" in the timeline, elsewhere in the document or in a
`timezone` front-matter field. It also fires where entries switch between zones that
cannot be converted to each other — abbreviations with several meanings (IST, GST) mixed
with another zone — because their order and durations cannot be computed.

Bad:

    ## Timeline

    - 13:40 — deploy of api v2.3 begins
    - 14:05 — error-rate alert fires

Good:

    ## Timeline

    All times are UTC.

    - 13:40 — deploy of api v2.3 begins
    - 14:05 — error-rate alert fires
"##;

impl TimelineTimezone {
    pub fn new() -> Self {
        TimelineTimezone {
            meta: meta(
                "timeline-timezone",
                Severity::Warning,
                "Timeline times have no timezone, or mix zones that cannot be converted",
                DOCS,
            ),
        }
    }
}

impl Rule for TimelineTimezone {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, doc: &Document, cx: &mut Context) {
        let tl = cx.timeline();
        let mut found = Vec::new();
        // Each timeline's entries with a time of day, in one pass over the entries.
        let mut by_timeline = vec![Vec::new(); tl.timelines.len()];
        for e in &tl.entries {
            if let Some(w) = e.when.as_ref().filter(|w| w.time.is_some() && !w.relative)
                && let Some(list) = by_timeline.get_mut(e.timeline)
            {
                list.push((e, w));
            }
        }
        for (info, timed) in tl.timelines.iter().zip(&by_timeline) {
            let Some((first, _)) = timed.first() else {
                continue;
            };
            if timed.iter().all(|(_, w)| w.zone.is_none()) {
                let span = info
                    .section
                    .map_or(first.time_span.clone(), |s| doc.headings[s].span.clone());
                found.push((
                    span,
                    "The timeline gives times without a timezone".to_string(),
                ));
                continue;
            }
            let mut last: Option<&Zone> = None;
            for (e, w) in timed {
                let Some(z) = &w.zone else { continue };
                if let Some(l) = last
                    && !timeline::convertible(l, z)
                {
                    found.push((
                        e.time_span.clone(),
                        format!(
                            "Times in {} and {} are mixed, and {} has no fixed offset",
                            zone_name(l),
                            zone_name(z),
                            zone_name(if timeline::has_offset(l) { z } else { l }),
                        ),
                    ));
                }
                last = Some(z);
            }
        }
        for (span, message) in found {
            cx.report(&self.meta, span, message).help = Some(
                "State the zone once (“All times are UTC.”) or write it with every time (`14:05 UTC`); for zones such as IST, give the offset (`UTC+05:30`)."
                    .into(),
            );
        }
    }
}
