//! Where a timeline's entries are: table rows, list items, headings and paragraph lines in
//! the timeline sections (and tables of times with no heading above them), together with
//! the date labels and sub-headings between them.
//!
//! A heading that starts with a time ("### 13:44") is an entry, and everything under it
//! is its description: detail bullets and prose paragraphs there are never entries.

use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

use super::timestamp::{self, Stamp};
use super::{Entry, EntryOrigin};
use crate::diagnostic::Span;
use crate::document::{BlockKind, Cell, Document, SectionKind};

/// What the walk through one timeline finds.
#[derive(Debug)]
pub(super) enum Mark {
    Entry(Box<Entry>),
    /// A date heading, line or row ("### 2026-03-14", "**March 14**"): later times are on it.
    Date(Date),
    /// "Day 2": the n-th day of the incident.
    Day(i32),
    /// A sub-heading that is neither a time nor a date: entries after it form a new run.
    Break,
}

/// One timeline: a top-level timeline section, or a table of times without a heading.
#[derive(Debug)]
pub(super) struct Region {
    /// The timeline section, if any.
    pub section: Option<usize>,
    pub span: Span,
    /// In source order.
    pub marks: Vec<(usize, Mark)>,
    /// Date headings and date lines, which become date-only entries when prose, not
    /// entries, follows them.
    labels: Vec<Label>,
}

/// A date heading or date line ("### 2018-01-11", "**March 14**").
#[derive(Debug)]
struct Label {
    origin: EntryOrigin,
    /// The label's line.
    span: Span,
    section: Option<usize>,
    date: Date,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Role {
    /// The timeline section's own heading, or a heading outside any timeline.
    None,
    Entry,
    Date(Date),
    Day(i32),
    Other,
}

static DAY_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s#*_]*day\s+([0-9]{1,2})\b[\s*_:.)]*(?:\(.*\))?[\s*_:]*$")
        .expect("static regex")
});

/// "Day 2", "**Day 3:**" → the day number.
fn day_label(line: &str) -> Option<i32> {
    DAY_LABEL
        .captures(line.trim())?
        .get(1)?
        .as_str()
        .parse()
        .ok()
}

/// A stamp that makes its line an entry: a time, a relative time, or a date followed by
/// what happened ("2021-08-17: report received"). A bare date is a label.
pub(super) fn entry_stamp(line: &str, year: Option<i16>) -> Option<Stamp> {
    let s = timestamp::parse_stamp_with_year(line, year)?;
    let has_text = !timestamp::entry_text(line, &s).trim().is_empty();
    (s.time.is_some() || s.relative.is_some() || (s.date.is_some() && has_text)).then_some(s)
}

/// The first line of `span` without its line break, as a span.
fn first_line(text: &str, span: &Span) -> Span {
    let s = &text[span.clone()];
    let end = s.find(['\n', '\r']).unwrap_or(s.len());
    span.start..span.start + s[..end].trim_end().len()
}

fn trimmed(text: &str, span: &Span) -> Span {
    crate::document::action_items::trim_span(text, span)
}

/// The stamp proper inside `line` (which starts at `base`), without the markers before it.
fn stamp_span(line: &str, base: usize, s: &Stamp) -> Span {
    let start = timestamp::stamp_start(line);
    let end = s.len.min(line.len());
    let core = line[start..end].trim_end_matches(|c: char| c.is_whitespace() || c == '*');
    base + start..base + start + core.len()
}

/// After the stamp to the end of `span` (the entry's description).
fn rest_span(text: &str, span: &Span, s: &Stamp) -> Span {
    let line = &text[span.clone()];
    let rest = timestamp::entry_text(line, s);
    (span.end - rest.len())..span.end
}

pub(super) struct Extractor<'a, 'd> {
    doc: &'a Document<'d>,
    year: Option<i16>,
    tops: Vec<usize>,
    /// Per section, the timeline (index into `tops`) it belongs to. Day headings at the
    /// level of the timeline heading after it ("## Timeline", "## May 12", "## May 13")
    /// belong to that timeline.
    region: Vec<Option<usize>>,
    pub roles: Vec<Role>,
    /// Per section, its own paragraphs outside lists and quotes (block indices), so that
    /// nothing scans every block once per section.
    pub paragraphs: Vec<Vec<usize>>,
    /// Paragraphs in timelines outside quotes (in lists too), in source order: they never
    /// overlap, so a window of text finds its own by binary search.
    prose: Vec<Span>,
}

impl<'a, 'd> Extractor<'a, 'd> {
    pub fn new(doc: &'a Document<'d>, year: Option<i16>) -> Self {
        // A top timeline section whose own heading is no timeline heading is a day heading
        // that continues the timeline before it (see `build_sections`).
        let mut tops = Vec::new();
        let mut region = vec![None; doc.sections.len()];
        for t in doc.top_sections(SectionKind::Timeline) {
            region[t] = match tops.len().checked_sub(1) {
                Some(r) if doc.headings[t].kind != Some(SectionKind::Timeline) => Some(r),
                _ => {
                    tops.push(t);
                    Some(tops.len() - 1)
                }
            };
        }
        // Parents come before their sub-sections.
        for s in 0..doc.sections.len() {
            if region[s].is_none() && doc.sections[s].kind == Some(SectionKind::Timeline) {
                region[s] = doc.sections[s].parent.and_then(|p| region[p]);
            }
        }
        let mut paragraphs = vec![Vec::new(); doc.sections.len()];
        let mut prose = Vec::new();
        for (b, block) in doc.blocks.iter().enumerate() {
            if block.kind == BlockKind::Paragraph
                && !block.in_quote
                && block
                    .section
                    .is_some_and(|s| doc.sections[s].kind == Some(SectionKind::Timeline))
            {
                prose.push(block.span.clone());
            }
            if block.kind == BlockKind::Paragraph
                && block.item.is_none()
                && !block.in_quote
                && let Some(list) = block.section.and_then(|s| paragraphs.get_mut(s))
            {
                list.push(b);
            }
        }
        let mut x = Extractor {
            doc,
            year,
            tops,
            region,
            roles: vec![Role::None; doc.headings.len()],
            paragraphs,
            prose,
        };
        let text = doc.text();
        for h in 0..doc.headings.len() {
            let heading = &doc.headings[h];
            let Some(r) = x.region_of(Some(h)) else {
                continue;
            };
            if heading.pseudo || x.tops[r] == h {
                continue;
            }
            let line = &text[first_line(text, &heading.span)];
            x.roles[h] = if let Some(d) = timestamp::parse_date_label(line, year) {
                Role::Date(d)
            } else if let Some(n) = day_label(line) {
                Role::Day(n)
            } else if entry_stamp(line, year).is_some() {
                Role::Entry
            } else {
                Role::Other
            };
        }
        x
    }

    /// The timeline (index into the top timeline sections) a section belongs to.
    pub fn region_of(&self, section: Option<usize>) -> Option<usize> {
        self.region.get(section?).copied().flatten()
    }

    /// Inside a heading entry's description.
    pub fn under_entry(&self, section: Option<usize>) -> bool {
        let mut s = section;
        while let Some(i) = s {
            if self.roles[i] == Role::Entry {
                return true;
            }
            s = self.doc.sections[i].parent;
        }
        false
    }

    pub fn regions(&self) -> Vec<Region> {
        let doc = self.doc;
        let mut regions: Vec<Region> = self
            .tops
            .iter()
            .map(|&t| Region {
                section: Some(t),
                span: doc.sections[t].span.clone(),
                marks: Vec::new(),
                labels: Vec::new(),
            })
            .collect();
        for (s, r) in self.region.iter().enumerate() {
            if let Some(r) = *r {
                let end = &mut regions[r].span.end;
                *end = (*end).max(doc.sections[s].span.end);
            }
        }
        self.headings(&mut regions);
        for t in 0..doc.tables.len() {
            let table = &doc.tables[t];
            match self.region_of(table.section) {
                Some(r) if !self.under_entry(table.section) => {
                    if let Some(marks) = self.table(t, false) {
                        regions[r].marks.extend(marks);
                    }
                }
                None => {
                    if let Some(marks) = self.table(t, true) {
                        regions.push(Region {
                            section: None,
                            span: table.span.clone(),
                            marks,
                            labels: Vec::new(),
                        });
                    }
                }
                _ => {}
            }
        }
        // Lines before items: whether a timeline has any time decides which lists count.
        self.lines(&mut regions);
        self.items(&mut regions);
        for r in &mut regions {
            r.marks.sort_by_key(|(at, _)| *at);
            self.dated_prose(r);
        }
        regions.sort_by_key(|r| r.span.start);
        regions
    }

    fn headings(&self, regions: &mut [Region]) {
        let doc = self.doc;
        let text = doc.text();
        for (h, heading) in doc.headings.iter().enumerate() {
            let Some(r) = self.region_of(Some(h)) else {
                continue;
            };
            let at = heading.span.start;
            let mark = match self.roles[h] {
                Role::None => continue,
                Role::Date(d) => {
                    regions[r].labels.push(Label {
                        origin: EntryOrigin::Heading(h),
                        span: first_line(text, &heading.span),
                        section: Some(h),
                        date: d,
                    });
                    Mark::Date(d)
                }
                Role::Day(n) => Mark::Day(n),
                Role::Other => Mark::Break,
                Role::Entry => {
                    let line_span = first_line(text, &heading.span);
                    let line = &text[line_span.clone()];
                    let Some(stamp) = entry_stamp(line, self.year) else {
                        continue;
                    };
                    let mut parts = vec![rest_span(text, &line_span, &stamp)];
                    // The first paragraph under the heading says what happened.
                    if let Some(&p) = self.paragraphs[h].first() {
                        parts.push(doc.blocks[p].span.clone());
                    }
                    Mark::Entry(Box::new(Entry::new(
                        EntryOrigin::Heading(h),
                        heading.span.clone(),
                        stamp_span(line, line_span.start, &stamp),
                        Some(h),
                        Some(stamp),
                        parts,
                    )))
                }
            };
            regions[r].marks.push((at, mark));
        }
    }

    /// A table's rows as entries, or None when it is not a table of times. `alone`: the
    /// table is outside any timeline section, so it must be unmistakably a timeline.
    fn table(&self, t: usize, alone: bool) -> Option<Vec<(usize, Mark)>> {
        let doc = self.doc;
        let text = doc.text();
        let table = &doc.tables[t];
        let cell_text = |c: &Cell| &text[trimmed(text, &c.span)];
        let (time_col, date_col) = columns(&table.header.cells);
        // In a column headed "Time", "1545" is a time; elsewhere it may be a year or a count.
        let clock_col = time_col.filter(|&c| names_time_of_day(&table.header.cells[c]));
        let stamp_of = |raw: &str, col: usize| {
            if Some(col) == clock_col {
                timestamp::parse_time_cell(raw, self.year)
            } else {
                timestamp::parse_stamp_with_year(raw, self.year)
            }
        };
        let first_stamped = |r: &crate::document::Row| {
            r.cells
                .first()
                .and_then(|c| stamp_of(cell_text(c), 0))
                .is_some()
        };
        if alone {
            let in_actions = table
                .section
                .is_some_and(|s| doc.sections[s].kind == Some(SectionKind::ActionItems));
            if in_actions
                || table.rows.len() < 2
                || time_col.or(date_col) != Some(0)
                || !table.rows.iter().all(first_stamped)
            {
                return None;
            }
        }
        let time_col = match time_col.or(date_col) {
            Some(c) => c,
            None if table.rows.iter().any(first_stamped) => 0,
            None => return None,
        };
        let date_col = date_col.filter(|&d| d != time_col);
        let zone = table
            .header
            .cells
            .get(time_col)
            .and_then(|c| timestamp::find_zone_statement(&c.text));
        let mut marks = vec![(table.span.start, Mark::Break)];
        for (r, row) in table.rows.iter().enumerate() {
            let Some(cell) = row.cells.get(time_col) else {
                continue;
            };
            let cell_span = trimmed(text, &cell.span);
            let raw = &text[cell_span.clone()];
            let others_empty = row
                .cells
                .iter()
                .enumerate()
                .all(|(i, c)| i == time_col || c.text.trim().is_empty());
            if others_empty && let Some(d) = timestamp::parse_date_label(raw, self.year) {
                marks.push((row.span.start, Mark::Date(d)));
                continue;
            }
            let mut stamp = stamp_of(raw, time_col);
            if let (Some(s), Some(dc)) = (stamp.as_mut(), date_col)
                && s.date.is_none()
                && let Some(c) = row.cells.get(dc)
            {
                s.date = super::statements::find_date(cell_text(c), self.year);
            }
            let time_span = match &stamp {
                Some(s) => stamp_span(raw, cell_span.start, s),
                None => cell_span.clone(),
            };
            let parts = row
                .cells
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != time_col && Some(i) != date_col)
                .map(|(_, c)| c.span.clone())
                .collect();
            let mut entry = Entry::new(
                EntryOrigin::Row(t, r),
                row.span.clone(),
                time_span,
                table.section,
                stamp,
                parts,
            );
            entry.header_zone = zone.clone();
            marks.push((row.span.start, Mark::Entry(Box::new(entry))));
        }
        Some(marks)
    }

    /// Top-level list items of a timeline. A bare date item with nested items is a date
    /// label for them. Items of a list where no item has a time are notes, not entries,
    /// unless the timeline has no time anywhere.
    fn items(&self, regions: &mut [Region]) {
        let doc = self.doc;
        let text = doc.text();
        // (region, list id, entry)
        let mut found: Vec<(usize, usize, Entry)> = Vec::new();
        let mut list_id = 0;
        let mut prev_end: Option<(Option<usize>, usize)> = None;
        for (i, item) in doc.items.iter().enumerate() {
            let Some(r) = self.region_of(item.section) else {
                continue;
            };
            if self.under_entry(item.section) {
                continue;
            }
            let parent_in_timeline = item
                .parent
                .is_some_and(|p| self.region_of(doc.items[p].section).is_some());
            let under_date = item.parent.is_some_and(|p| {
                let pi = &doc.items[p];
                pi.parent
                    .is_none_or(|g| self.region_of(doc.items[g].section).is_none())
                    && self.date_item(p).is_some()
            });
            if parent_in_timeline && !under_date {
                continue;
            }
            if item.has_children
                && let Some(d) = self.date_item(i)
            {
                regions[r].marks.push((item.span.start, Mark::Date(d)));
                continue;
            }
            // Siblings separated only by blank space belong to one list.
            let contiguous = prev_end.is_some_and(|(parent, end)| {
                parent == item.parent
                    && end <= item.span.start
                    && text[end..item.span.start].trim().is_empty()
            });
            if !contiguous {
                list_id += 1;
            }
            prev_end = Some((item.parent, item.span.end));
            let line_span = first_line(text, &item.content);
            let line = &text[line_span.clone()];
            let stamp = entry_stamp(line, self.year);
            let (time_span, rest) = match &stamp {
                Some(s) => (
                    stamp_span(line, line_span.start, s),
                    rest_span(text, &(line_span.start..item.content.end), s),
                ),
                None => (trimmed(text, &line_span), item.content.clone()),
            };
            let entry = Entry::new(
                EntryOrigin::Item(i),
                item.span.clone(),
                time_span,
                item.section,
                stamp,
                vec![rest],
            );
            found.push((r, list_id, entry));
        }
        let stamped_lists: std::collections::HashSet<usize> = found
            .iter()
            .filter(|(_, _, e)| e.stamp.is_some())
            .map(|(_, l, _)| *l)
            .collect();
        let stamped_regions: Vec<bool> = regions.iter().map(|r| self.has_stamped(r)).collect();
        for (r, list, entry) in found {
            if stamped_lists.contains(&list) || !stamped_regions[r] {
                regions[r]
                    .marks
                    .push((entry.span.start, Mark::Entry(Box::new(entry))));
            }
        }
    }

    /// A date label followed by prose and no entry up to the next date is a date-only
    /// entry ("### 2018-01-11" and a paragraph of what happened that day); the prose up to
    /// the next mark is its description.
    fn dated_prose(&self, region: &mut Region) {
        let doc = self.doc;
        let text = doc.text();
        let mut labels = std::mem::take(&mut region.labels);
        labels.sort_by_key(|l| l.span.start);
        let mut i = 0;
        for label in labels {
            // Marks are sorted too: one pass over both.
            while region
                .marks
                .get(i)
                .is_some_and(|(at, _)| *at < label.span.start)
            {
                i += 1;
            }
            if !matches!(region.marks.get(i), Some((at, Mark::Date(d))) if *at == label.span.start && *d == label.date)
            {
                continue;
            }
            let later = &region.marks[i + 1..];
            // The label's day lasts until the next date: a label, or an entry with its own.
            let owns_entries = later
                .iter()
                .filter_map(|(_, m)| match m {
                    Mark::Date(_) | Mark::Day(_) => Some(false),
                    Mark::Entry(e) => Some(e.stamp.as_ref().is_none_or(|s| s.date.is_none())),
                    Mark::Break => None,
                })
                .next()
                .unwrap_or(false);
            if owns_entries {
                continue;
            }
            let until = later.first().map_or(region.span.end, |(at, _)| *at);
            let window = label.span.end..until;
            let first = self.prose.partition_point(|p| p.end <= window.start);
            let prose: Vec<Span> = self.prose[first..]
                .iter()
                .take_while(|p| p.start < window.end)
                .map(|p| p.start.max(window.start)..p.end.min(window.end))
                .filter(|s| s.start < s.end && !text[s.clone()].trim().is_empty())
                .collect();
            if prose.is_empty() {
                continue;
            }
            let line = &text[label.span.clone()];
            let start = timestamp::stamp_start(line);
            let written = line[start..].trim_end_matches(['*', '_', ':', ' ']);
            let time_span = label.span.start + start..label.span.start + start + written.len();
            let stamp = Stamp {
                date: Some(label.date),
                time: None,
                zone: None,
                relative: None,
                approximate: false,
                len: line.len(),
            };
            let entry = Entry::new(
                label.origin,
                label.span.clone(),
                time_span,
                label.section,
                Some(stamp),
                prose,
            );
            region.marks[i].1 = Mark::Entry(Box::new(entry));
        }
    }

    fn has_stamped(&self, region: &Region) -> bool {
        region
            .marks
            .iter()
            .any(|(_, m)| matches!(m, Mark::Entry(e) if e.stamp.is_some()))
    }

    fn date_item(&self, i: usize) -> Option<Date> {
        let text = self.doc.text();
        let line = &text[first_line(text, &self.doc.items[i].content)];
        timestamp::parse_date_label(line, self.year)
    }

    fn is_line_block(&self, b: &crate::document::Block) -> bool {
        b.kind == BlockKind::Paragraph
            && b.item.is_none()
            && !b.in_quote
            && self.region_of(b.section).is_some()
            && !self.under_entry(b.section)
    }

    /// Paragraph blocks that hold entry lines or labels.
    pub fn line_blocks(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.doc.blocks.len()).filter(|&b| self.is_line_block(&self.doc.blocks[b]))
    }

    /// Lines of paragraphs directly in a timeline: "09:12 alert fired" is an entry (lines
    /// after it without a time continue its description); "March 14" is a date label.
    fn lines(&self, regions: &mut [Region]) {
        let doc = self.doc;
        let text = doc.text();
        for b in self.line_blocks().collect::<Vec<_>>() {
            let block = &doc.blocks[b];
            let Some(r) = self.region_of(block.section) else {
                continue;
            };
            let mut offset = block.span.start;
            let mut open: Option<Entry> = None;
            for raw in text[block.span.clone()].split_inclusive('\n') {
                let line = raw.trim_end();
                let lead = line.len() - line.trim_start().len();
                let span = offset + lead..offset + line.len();
                offset += raw.len();
                let content = &text[span.clone()];
                let mark = if let Some(d) = timestamp::parse_date_label(content, self.year) {
                    regions[r].labels.push(Label {
                        origin: EntryOrigin::Line,
                        span: span.clone(),
                        section: block.section,
                        date: d,
                    });
                    Some(Mark::Date(d))
                } else if let Some(n) = day_label(content) {
                    Some(Mark::Day(n))
                } else if let Some(s) = entry_stamp(content, self.year) {
                    let e = Entry::new(
                        EntryOrigin::Line,
                        span.clone(),
                        stamp_span(content, span.start, &s),
                        block.section,
                        Some(s.clone()),
                        vec![rest_span(text, &span, &s)],
                    );
                    if let Some(prev) = open.replace(e) {
                        regions[r]
                            .marks
                            .push((prev.span.start, Mark::Entry(Box::new(prev))));
                    }
                    None
                } else {
                    if let Some(e) = open.as_mut() {
                        e.span.end = span.end;
                        e.text.push(span.clone());
                    }
                    None
                };
                if let Some(m) = mark {
                    if let Some(prev) = open.take() {
                        regions[r]
                            .marks
                            .push((prev.span.start, Mark::Entry(Box::new(prev))));
                    }
                    regions[r].marks.push((span.start, m));
                }
            }
            if let Some(prev) = open {
                regions[r]
                    .marks
                    .push((prev.span.start, Mark::Entry(Box::new(prev))));
            }
        }
    }
}

/// The time column and the date column of a table header ("Time (UTC)", "Date and Time in
/// CET", "When"; "Date"). One column may be both.
pub fn columns(cells: &[Cell]) -> (Option<usize>, Option<usize>) {
    let words = |c: &Cell| -> Vec<String> {
        c.text
            .to_lowercase()
            .split(|ch: char| !ch.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let has = |c: &Cell, list: &[&str]| words(c).iter().any(|w| list.contains(&w.as_str()));
    const TIME: [&str; 6] = ["time", "when", "timestamp", "utc", "hour", "clock"];
    const DATE: [&str; 3] = ["date", "day", "datetime"];
    let time = cells.iter().position(|c| has(c, &TIME));
    let date = cells.iter().position(|c| has(c, &DATE) && !has(c, &TIME));
    (time, date)
}

/// A header that names a time of day and no date: "Time", "Time (UTC)", "Hour", "CET" —
/// not "When" or "Date and time", whose cells may hold a year.
fn names_time_of_day(cell: &Cell) -> bool {
    let text = cell.text.to_lowercase();
    let words: Vec<&str> = text
        .split(|ch: char| !ch.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let clock = ["time", "timestamp", "hour", "clock"];
    let dated = ["date", "day", "datetime", "when"];
    (words.iter().any(|w| clock.contains(w))
        || timestamp::find_zone_statement(&cell.text).is_some())
        && !words.iter().any(|w| dated.contains(w))
}
