//! What a document says about its timeline as a whole: the timezone ("All times are UTC",
//! "Timeline (times in BST)", a `timezone` front-matter field) and the day ("All times are
//! UTC on 2026-03-14", front matter `date`, a `**Date:**` label).

use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

use super::timestamp::{self, Zone};
use crate::document::{BlockKind, Document};

static ISO_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)((?:19|20)[0-9][0-9])-[01][0-9]-[0-3][0-9](?-u:\b)").expect("static regex")
});

static SLASH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)((?:19|20)[0-9][0-9])/[01]?[0-9]/[0-3]?[0-9](?-u:\b)")
        .expect("static regex")
});

/// "July 21 2025", "January 14-19, 2026", "21 July 2025", "3rd of May, 2024".
static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    let month = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?";
    let day = r"[0-9]{1,2}(?:st|nd|rd|th)?";
    Regex::new(&format!(
        r"(?-u:\b)(?:{month}\s+{day}(?:\s*[-–]\s*{day})?|{day}\.?\s+(?:of\s+)?{month}),?\s+((?:19|20)[0-9][0-9])(?-u:\b)"
    ))
    .expect("static regex")
});

static UNLESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)unless\s+(?:otherwise|stated|noted)").expect("static regex")
});

/// A date written anywhere in `text` ("… on 2026-03-14.", "… happened on March 14, 2026").
pub fn find_date(text: &str, year: Option<i16>) -> Option<Date> {
    let starts = text.char_indices().filter(|&(i, c)| {
        (c.is_ascii_digit() || c.is_ascii_uppercase())
            && text[..i]
                .chars()
                .next_back()
                .is_none_or(|p| !p.is_alphanumeric())
    });
    for (i, _) in starts {
        if let Some(s) = timestamp::parse_stamp_with_year(&text[i..], year)
            && s.time.is_none()
            && s.relative.is_none()
            && let Some(d) = s.date
        {
            return Some(d);
        }
    }
    None
}

/// The year to read month-name dates without one ("Sep 27 13:06"): the front-matter date's,
/// else the first ISO date's in the document, else the first `2025/07/21` date's, else the
/// first month-name date's with a year ("July 21 2025" in the title).
pub fn year_hint(doc: &Document) -> Option<i16> {
    if let Some(d) = front_matter_date(doc) {
        return Some(d.year());
    }
    let prose = &doc.prose;
    let text = doc.text();
    // The prose view blanks code and front matter; look there first, then in the raw text
    // (timestamps in table cells and headings are prose too, so this rarely differs).
    [&*ISO_YEAR, &*SLASH_YEAR, &*MONTH_YEAR]
        .iter()
        .find_map(|rx| rx.captures(prose).or_else(|| rx.captures(text)))
        .and_then(|c| c.get(1)?.as_str().parse().ok())
}

/// The incident's date from front matter `date:` or a `**Date:** 2026-08-09` label, or a
/// `## Date: 2023-02-06` heading used as a field.
pub fn document_date(doc: &Document, year: Option<i16>) -> Option<Date> {
    if let Some(d) = front_matter_date(doc) {
        return Some(d);
    }
    let text = doc.text();
    let labelled = doc
        .labels
        .iter()
        .filter(|l| l.text.eq_ignore_ascii_case("date"))
        .map(|l| &text[l.span.clone()]);
    let headings = doc
        .headings
        .iter()
        .filter(|h| {
            let t = h.text.trim_start().to_ascii_lowercase();
            t.starts_with("date:") || t.starts_with("date ")
        })
        .map(|h| h.text.as_str());
    labelled
        .chain(headings)
        .find_map(|line| find_date(line, year))
}

fn front_matter_date(doc: &Document) -> Option<Date> {
    let value = &doc.field("date")?.value;
    let value = value.trim().trim_matches(['"', '\'']);
    timestamp::parse_stamp(value)?.date
}

/// A zone stated for the whole document: a `timezone` front-matter field, or a statement
/// in any paragraph ("All times in this report are UTC").
pub fn document_zone(doc: &Document) -> Option<Zone> {
    for key in ["timezone", "time_zone", "time-zone", "tz", "zone"] {
        if let Some(z) = doc
            .field(key)
            .and_then(|f| timestamp::find_zone_statement(&f.value))
        {
            return Some(z);
        }
    }
    let text = doc.text();
    doc.blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Paragraph && !b.in_quote)
        .find_map(|b| timestamp::find_zone_statement(&text[b.span.clone()]))
}

/// What a section says about the times under it: its heading ("Timeline (times in BST)")
/// or a paragraph directly in it ("All times are UTC on 2026-03-14.").
#[derive(Debug, Clone, Default)]
pub struct SectionStatement {
    pub zone: Option<Zone>,
    pub date: Option<Date>,
    /// "Unless otherwise noted, all events happened on 2019-10-21": an entry with another
    /// date does not move the day of the entries after it.
    pub sticky: bool,
}

/// Statements of section `s`, from its heading (unless the heading is an entry) and its
/// own `paragraphs` (block indices) that are not entries (`is_entry` tells by the first
/// line).
pub fn section_statement(
    doc: &Document,
    s: usize,
    with_heading: bool,
    paragraphs: &[usize],
    is_entry: &dyn Fn(&str) -> bool,
    year: Option<i16>,
) -> SectionStatement {
    let text = doc.text();
    let mut out = SectionStatement::default();
    if with_heading {
        out.zone = timestamp::find_zone_statement(&doc.headings[s].text);
    }
    for &b in paragraphs {
        let para = &text[doc.blocks[b].span.clone()];
        if is_entry(para.lines().next().unwrap_or("")) {
            continue;
        }
        if let Some(z) = timestamp::find_zone_statement(para) {
            out.zone.get_or_insert(z);
            // Only a short statement about the times gives the day for all of them.
            if para.len() < 300 && out.date.is_none() {
                out.date = find_date(para, year);
                out.sticky = out.date.is_some() && UNLESS.is_match(para);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn dates_inside_statements() {
        let cases = [
            ("All times are UTC on 2026-03-14.", Some(date(2026, 3, 14))),
            ("All times in UTC, 2026-06-20.", Some(date(2026, 6, 20))),
            (
                "Unless otherwise noted all events happened on March 14, 2026.",
                Some(date(2026, 3, 14)),
            ),
            ("All times are UTC.", None),
            ("At 13:40 on the day", None),
        ];
        for (text, want) in cases {
            assert_eq!(find_date(text, None), want, "{text}");
        }
        assert_eq!(
            find_date("Times are UTC, March 14.", Some(2026)),
            Some(date(2026, 3, 14))
        );
    }
}
