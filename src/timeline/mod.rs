//! Timelines: where a document says what happened when. [`analyse`] finds the entries
//! (table rows with a time column, list items and paragraph lines that begin with a time,
//! headings that are a time) and resolves each to a point in time; the timeline rules and
//! `pmlint stats` read the result.

use std::cmp::Ordering;

use jiff::civil::{Date, Time};

use crate::diagnostic::Span;
use crate::document::{Document, SectionKind};

mod extract;
pub mod milestones;
mod phrases;
mod resolve;
pub mod statements;
pub mod timestamp;

use timestamp::{Stamp, Zone};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryOrigin {
    /// Table and row index (rows counted without the header).
    Row(usize, usize),
    Item(usize),
    Heading(usize),
    Line,
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub origin: EntryOrigin,
    /// The whole row, item, heading or line.
    pub span: Span,
    /// Where the entry's time is written (the stamp, or for an entry without one, the
    /// time cell or first line where it belongs).
    pub time_span: Span,
    pub section: Option<usize>,
    /// None for an entry with no recognisable time.
    pub stamp: Option<Stamp>,
    /// What happened: the text after the time, the other cells of a row, or the first
    /// paragraph under a heading entry.
    pub text: Vec<Span>,
    /// Zone named in the time column's header ("Time (UTC)").
    pub header_zone: Option<Zone>,
    /// Index into [`Timeline::timelines`].
    pub timeline: usize,
    /// Entries with the same run are checked for order together: a table, or the entries
    /// between two sub-headings that are neither times nor dates.
    pub run: usize,
    /// The point in time, when the stamp could be resolved.
    pub when: Option<When>,
}

impl Entry {
    pub(crate) fn new(
        origin: EntryOrigin,
        span: Span,
        time_span: Span,
        section: Option<usize>,
        stamp: Option<Stamp>,
        text: Vec<Span>,
    ) -> Self {
        Entry {
            origin,
            span,
            time_span,
            section,
            stamp,
            text,
            header_zone: None,
            timeline: 0,
            run: 0,
            when: None,
        }
    }
}

/// A resolved point in time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct When {
    pub date: Date,
    /// None for a date-only entry.
    pub time: Option<Time>,
    /// The entry's own zone or the one stated for it.
    pub zone: Option<Zone>,
    /// False when the document gives no date, or no year (a placeholder day or year keeps
    /// the order).
    pub dated: bool,
    /// From a relative time ("T+5m") anchored to the first entry.
    pub relative: bool,
    /// Moved to the next day: the clock went from late evening to early morning.
    pub rolled: bool,
}

/// One timeline of a document: a timeline section, or a table of times with no heading.
#[derive(Debug, Clone)]
pub struct TimelineInfo {
    pub section: Option<usize>,
    pub span: Span,
    /// A zone stated for the whole timeline (heading, statement, table header, document).
    pub stated_zone: Option<Zone>,
}

#[derive(Debug, Clone, Default)]
pub struct Timeline {
    pub timelines: Vec<TimelineInfo>,
    /// Every entry of every timeline, in source order within each timeline.
    pub entries: Vec<Entry>,
}

/// Find and resolve every timeline entry of `doc`.
pub fn analyse(doc: &Document) -> Timeline {
    resolve::analyse(doc)
}

/// The timeline sections: the outermost sections of kind timeline.
pub fn sections(doc: &Document) -> Vec<usize> {
    doc.top_sections(SectionKind::Timeline).collect()
}

/// A zone as people write it: "UTC", "UTC+01:00", "CET", "US/Pacific".
pub fn zone_name(z: &Zone) -> String {
    match z {
        Zone::Utc => "UTC".into(),
        Zone::Offset(s) => {
            let sign = if *s < 0 { '-' } else { '+' };
            let m = s.abs() / 60;
            format!("UTC{sign}{:02}:{:02}", m / 60, m % 60)
        }
        Zone::Named(n) => n.clone(),
    }
}

/// Whether two zones can be compared: equal, or both with a known offset or IANA name.
pub fn convertible(a: &Zone, b: &Zone) -> bool {
    a == b || (has_offset(a) && has_offset(b))
}

/// A zone that maps to an instant: a fixed offset, an unambiguous abbreviation, or an
/// IANA name ("US/Pacific"; the generic PT/ET/CT/MT count as their IANA zones).
pub fn has_offset(z: &Zone) -> bool {
    timestamp::zone_offset(z).is_some()
        || matches!(z, Zone::Named(n) if n.contains('/') || matches!(n.as_str(), "PT" | "ET" | "CT" | "MT"))
}

/// Order of two points: by instant when their zones differ (None if they cannot be
/// converted), else by civil date and time; a date-only point equals any time that day.
pub fn compare(a: &When, b: &When) -> Option<Ordering> {
    match (a.time, b.time) {
        (Some(ta), Some(tb)) => match (&a.zone, &b.zone) {
            (Some(za), Some(zb)) if za != zb => {
                let x = timestamp::to_timestamp(a.date, ta, Some(za), None)?;
                let y = timestamp::to_timestamp(b.date, tb, Some(zb), None)?;
                Some(x.cmp(&y))
            }
            _ => Some((a.date, ta).cmp(&(b.date, tb))),
        },
        _ => Some(a.date.cmp(&b.date)),
    }
}

/// Minutes from `a` to `b` (negative when `b` is earlier), when both have a time.
pub fn minutes_between(a: &When, b: &When) -> Option<i64> {
    let (ta, tb) = (a.time?, b.time?);
    let secs = match (&a.zone, &b.zone) {
        (Some(za), Some(zb)) if za != zb => {
            let x = timestamp::to_timestamp(a.date, ta, Some(za), None)?;
            let y = timestamp::to_timestamp(b.date, tb, Some(zb), None)?;
            x.duration_until(y).as_secs()
        }
        _ => a
            .date
            .to_datetime(ta)
            .duration_until(b.date.to_datetime(tb))
            .as_secs(),
    };
    Some((secs as f64 / 60.0).round() as i64)
}

/// Index of the header cell that names a time or date column.
pub fn time_column(cells: &[crate::document::Cell]) -> Option<usize> {
    let (time, date) = extract::columns(cells);
    time.or(date)
}

#[cfg(test)]
mod tests;
