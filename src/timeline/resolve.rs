//! Turn each entry's stamp into a point in time: the day carried from a date label, the
//! previous entry, a statement or the front matter; the zone from the entry, the table
//! header, a section statement or the document; relative times anchored to the first
//! entry; and the roll-over past midnight from late evening to early morning.

use std::collections::HashMap;

use jiff::civil::{Date, DateTime, date};

use super::extract::{self, Extractor, Mark, Region, Role};
use super::statements::{self, SectionStatement};
use super::timestamp::{Stamp, Zone};
use super::{Entry, EntryOrigin, Timeline, TimelineInfo, When, compare};
use crate::document::Document;

/// The day used for order when a document gives no date at all.
const PLACEHOLDER: Date = date(2000, 1, 1);

/// A backwards step from this hour or later …
const LATE_EVENING: i8 = 18;
/// … to before this hour is the next day, not disorder.
const EARLY_MORNING: i8 = 10;

pub(super) fn analyse(doc: &Document) -> Timeline {
    let known_year = statements::year_hint(doc);
    // With no year anywhere, month-name dates ("Jan 16, 5:44 AM") are read in the
    // placeholder's year: their day still orders the entries, but they are not dated.
    let year = known_year.or(Some(PLACEHOLDER.year()));
    let x = Extractor::new(doc, year);
    let regions = x.regions();
    let doc_date = statements::document_date(doc, year);
    let doc_zone = statements::document_zone(doc);
    let mut r = Resolver {
        doc,
        x: &x,
        year,
        year_known: known_year.is_some(),
        doc_zone,
        cache: HashMap::new(),
    };
    let mut out = Timeline {
        timelines: Vec::new(),
        entries: Vec::new(),
    };
    let mut run = 0;
    for (i, region) in regions.into_iter().enumerate() {
        let info = r.region(i, region, doc_date, &mut run, &mut out.entries);
        out.timelines.push(info);
    }
    out
}

struct Resolver<'a, 'd> {
    doc: &'a Document<'d>,
    x: &'a Extractor<'a, 'd>,
    year: Option<i16>,
    year_known: bool,
    doc_zone: Option<Zone>,
    cache: HashMap<usize, SectionStatement>,
}

/// Where the walk through one timeline is.
struct Walk {
    day: Date,
    dated: bool,
    /// False when the document names no year (dates are in the placeholder's year).
    year_known: bool,
    day_one: Option<Date>,
    prev: Option<When>,
    carried: Option<Zone>,
    anchor: Option<When>,
    /// Entries with their own date leave the stated day alone.
    sticky: bool,
}

impl Resolver<'_, '_> {
    fn statement(&mut self, s: usize) -> &SectionStatement {
        let (doc, x, year) = (self.doc, self.x, self.year);
        self.cache.entry(s).or_insert_with(|| {
            let with_heading = x.roles[s] != Role::Entry;
            let is_entry = |line: &str| extract::entry_stamp(line, year).is_some();
            let paragraphs = x.paragraphs.get(s).map_or(&[][..], Vec::as_slice);
            statements::section_statement(doc, s, with_heading, paragraphs, &is_entry, year)
        })
    }

    /// The innermost statement for `section` (heading entries say nothing about others).
    fn stated(&mut self, section: Option<usize>) -> (Option<Zone>, Option<Date>, bool) {
        let (mut zone, mut day, mut sticky) = (None, None, false);
        let mut s = section;
        while let Some(i) = s {
            if self.x.region_of(Some(i)).is_none() {
                break;
            }
            if self.x.roles[i] != Role::Entry {
                let st = self.statement(i).clone();
                zone = zone.or(st.zone);
                if day.is_none() {
                    day = st.date;
                    sticky = st.sticky;
                }
            }
            s = self.doc.sections[i].parent;
        }
        (zone, day, sticky)
    }

    fn region(
        &mut self,
        index: usize,
        region: Region,
        doc_date: Option<Date>,
        run: &mut usize,
        out: &mut Vec<Entry>,
    ) -> TimelineInfo {
        let (section_zone, section_date, sticky) = self.stated(region.section);
        let base = section_date.or(doc_date);
        let mut w = Walk {
            day: base.unwrap_or(PLACEHOLDER),
            dated: base.is_some() && self.year_known,
            year_known: self.year_known,
            day_one: base,
            prev: None,
            carried: None,
            anchor: None,
            sticky,
        };
        let mut info = TimelineInfo {
            section: region.section,
            span: region.span.clone(),
            stated_zone: section_zone.clone().or_else(|| self.doc_zone.clone()),
        };
        let mut broke = true;
        let mut container: Option<Option<usize>> = None;
        for (_, mark) in region.marks {
            match mark {
                Mark::Date(d) => {
                    w.day = d;
                    w.dated = w.year_known;
                    w.day_one.get_or_insert(d);
                }
                Mark::Day(n) => {
                    let first = w.day_one.unwrap_or(PLACEHOLDER);
                    w.day = first
                        .checked_add(jiff::Span::new().days(i64::from(n.max(1) - 1)))
                        .unwrap_or(first);
                    w.dated = w.day_one.is_some() && w.year_known;
                }
                Mark::Break => broke = true,
                Mark::Entry(entry) => {
                    let mut e = *entry;
                    let table = match e.origin {
                        EntryOrigin::Row(t, _) => Some(t),
                        _ => None,
                    };
                    if broke || container != Some(table) {
                        *run += 1;
                    }
                    broke = false;
                    container = Some(table);
                    e.run = *run;
                    e.timeline = index;
                    let section = match e.origin {
                        EntryOrigin::Heading(h) => self.doc.sections[h].parent,
                        _ => e.section,
                    };
                    let (stated_zone, _, _) = self.stated(section);
                    if e.header_zone.is_some() && info.stated_zone.is_none() {
                        info.stated_zone = e.header_zone.clone();
                    }
                    if stated_zone.is_some() && info.stated_zone.is_none() {
                        info.stated_zone = stated_zone.clone();
                    }
                    // Day headings after the timeline ("## May 13" after "## Timeline") are
                    // sections of their own: the timeline's statement covers them too.
                    let default_zone = e
                        .header_zone
                        .clone()
                        .or(stated_zone)
                        .or_else(|| section_zone.clone())
                        .or_else(|| self.doc_zone.clone());
                    if let Some(stamp) = &e.stamp {
                        e.when = when_of(stamp, default_zone, &mut w);
                    }
                    out.push(e);
                }
            }
        }
        info
    }
}

/// Resolve one stamp and advance the walk.
fn when_of(stamp: &Stamp, default_zone: Option<Zone>, w: &mut Walk) -> Option<When> {
    let zone = stamp
        .zone
        .clone()
        .or(default_zone)
        .or_else(|| w.carried.clone());
    if stamp.zone.is_some() {
        w.carried = stamp.zone.clone();
    }
    let when = if let Some(offset) = stamp.relative {
        let (base, zone, dated) = match &w.anchor {
            Some(a) => (
                a.date.to_datetime(a.time.unwrap_or_default()),
                a.zone.clone(),
                a.dated,
            ),
            None => (
                w.day.to_datetime(jiff::civil::Time::midnight()),
                zone,
                false,
            ),
        };
        let at: DateTime = base.checked_add(offset).ok()?;
        When {
            date: at.date(),
            time: Some(at.time()),
            zone,
            dated,
            relative: true,
            rolled: false,
        }
    } else {
        match (stamp.date, stamp.time) {
            (Some(d), time) => {
                if !w.sticky {
                    w.day = d;
                    w.dated = w.year_known;
                }
                When {
                    date: d,
                    time,
                    zone,
                    dated: w.year_known,
                    relative: false,
                    rolled: false,
                }
            }
            (None, Some(t)) => {
                let mut when = When {
                    date: w.day,
                    time: Some(t),
                    zone,
                    dated: w.dated,
                    relative: false,
                    rolled: false,
                };
                if let Some(p) = &w.prev
                    && let Some(pt) = p.time
                    && compare(&when, p) == Some(std::cmp::Ordering::Less)
                    && pt.hour() >= LATE_EVENING
                    && t.hour() < EARLY_MORNING
                    && let Ok(next) = w.day.tomorrow()
                {
                    when.date = next;
                    when.rolled = true;
                    w.day = next;
                }
                when
            }
            (None, None) => return None,
        }
    };
    if when.time.is_some() {
        if !when.relative && w.anchor.is_none() {
            w.anchor = Some(when.clone());
        }
        w.prev = Some(when.clone());
    }
    Some(when)
}
