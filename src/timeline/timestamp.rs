//! Recognises a timestamp at the start of a timeline entry ("16:58 UTC", "Sep 27 2017 13:06",
//! "0730 -", "T+5m", …), plus date labels, zone statements and zone offsets.
//!
//! Bias: a false timestamp is worse than a missed one. Ambiguous numeric forms (`0730`,
//! `15.25`) therefore need a separator, zone or "hrs" after them, and a four-digit number that
//! could be a year (1900–2099) is only a time when a zone or "hrs" follows it.

use std::str::FromStr;
use std::sync::LazyLock;

use jiff::civil::{Date, Time};
use jiff::tz::{Offset, TimeZone};
use jiff::{SignedDuration, Timestamp};
use regex::{Captures, Regex};

use crate::document::text::captures as cap;

/// A parsed time of day and/or date found at the start of an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// None when the text has no date, or has a month-name date without a year and no hint.
    pub date: Option<Date>,
    /// None for date-only entries and relative stamps.
    pub time: Option<Time>,
    /// Zone written with this stamp, if any.
    pub zone: Option<Zone>,
    /// For "T+5m", "+00:05", "T+1h30m".
    pub relative: Option<SignedDuration>,
    /// "~10:45", "10:45~", "around 10:45", "approx."
    pub approximate: bool,
    /// Bytes of `text` consumed, counted from the start of `text` (so it includes skipped
    /// markers like `**`; see [`stamp_start`] for where the stamp proper begins).
    pub len: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Zone {
    Utc,
    /// Seconds east of UTC.
    Offset(i32),
    /// An abbreviation or IANA name as written, e.g. "CET", "US/Pacific", "PDT".
    Named(String),
}

// Zone tokens. Abbreviations are case-sensitive so words like "est" or "ct" never match;
// IANA names are limited to real areas so "CI/CD" is not a zone.
const ZONE: &str = r"(?:(?i:UTC|GMT)(?:[+-][0-9]{1,2}(?::?[0-9]{2})?)?|BST|IST|CEST|CET|EEST|EET|WEST|WET|MSK|EST|EDT|CST|CDT|MST|MDT|PST|PDT|AKST|AKDT|HST|JST|KST|AEST|AEDT|ACST|ACDT|AWST|NZST|NZDT|SGT|HKT|GST|PT|ET|CT|MT|(?:America|Europe|Asia|Africa|Australia|Pacific|Atlantic|Indian|Antarctica|US|Canada|Etc|Brazil|Mexico|Chile)/[A-Za-z_]+(?:/[A-Za-z_]+)?)";
const MONTH: &str = r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)(?-u:\b)\.?";
const WEEKDAY: &str =
    r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?";
const DAY: &str = r"(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?(?-u:\b)";
const YEAR: &str = r"(?P<y>(?:19|20|21)[0-9][0-9])(?-u:\b)";

/// Declares lazily compiled regexes (each compiled once, on first use).
macro_rules! regexes {
    ($($name:ident = $pat:expr;)*) => {
        $(static $name: LazyLock<Regex> = LazyLock::new(|| Regex::new(&$pat).expect("static regex"));)*
    };
}

regexes! {
    // Markers skipped before a stamp: whitespace, heading/bullet/table markers, emphasis, link
    // brackets, "At", and approximation words (which set `approximate`).
    PREFIX = r"^(?:\s+|#{1,6}\s|[-+]\s|\|\s*|\*{1,2}|_{1,2}|\[|~|(?i:at|approx\.?|approximately|around|about|roughly|circa|ca\.)\s+)*";
    ISO_DATE = r"^(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})";
    SLASH_DATE = r"^(?P<y>[0-9]{4})/(?P<m>[0-9]{1,2})/(?P<d>[0-9]{1,2})";
    MD_DATE = format!(r"^{WEEKDAY}{MONTH}\s+{DAY}(?:,?\s+{YEAR})?");
    DM_DATE = format!(r"^{WEEKDAY}{DAY}\.?\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR})?");
    DATE_TIME_SEP = r"^(?:T|,?\s+(?:at\s+|@\s*)?|,\s*)";
    COLON = r"^(?P<h>[0-9]{1,2}):(?P<m>[0-9]{2})(?::(?P<s>[0-9]{2})(?:[.,][0-9]{1,9})?)?";
    BARE_AMPM = r"^(?P<h>[0-9]{1,2})\s?(?P<ap>[aApP])\.?[mM]\.?";
    HHMM = r"^(?P<h>[0-9]{2})(?P<m>[0-9]{2})";
    DOT = r"^(?P<h>[0-9]{1,2})\.(?P<m>[0-9]{2})";
    AMPM = r"^\s?(?P<ap>[aApP])\.?[mM]\.?";
    ATTACHED_OFFSET = r"^(?P<sign>[+-])(?P<h>[0-9]{2}):?(?P<m>[0-9]{2})";
    SPACED_ZONE = format!(r"^\s*(?:\(\s*(?P<z>{ZONE})\s*\)|(?P<z2>{ZONE})(?-u:\b))");
    HRS = r"^(?:h|\s?hrs?|\s?hours)(?-u:\b)";
    APPROX_SUFFIX = r"^(?:~|ish(?-u:\b)|\s*\(approx(?:\.|imately)?\)|\s+approx(?:imately(?-u:\b)|\.|(?-u:\b)))";
    RANGE_SEP = r"^(?:\s*[-–—]\s*|\s+(?:to|until|till)\s+)";
    ONWARDS = r"^\s+onwards?(?-u:\b)";
    REL_T = r"^T\s?(?P<sign>[+-])\s?(?:(?P<h>[0-9]{1,3}):(?P<m>[0-9]{2})(?::(?P<s>[0-9]{2}))?|(?P<units>(?:[0-9]{1,5}(?:d|h|min|m|s))+)|(?P<zero>0))";
    REL_PLUS = r"^(?P<sign>\+)(?P<h>[0-9]{1,3}):(?P<m>[0-9]{2})(?::(?P<s>[0-9]{2}))?";
    UNIT = r"([0-9]{1,5})(d|h|min|m|s)";
    UTC_OFFSET = r"^(?i:(?P<base>UTC|GMT))(?:(?P<sign>[+-])(?P<h>[0-9]{1,2})(?::?(?P<m>[0-9]{2}))?)?$";
    LABEL_TAIL = r"^\s*,?\s*\(?(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?\)?\s*$";
    ZONE_STATEMENT = format!(r"(?i:(?-u:\b)time(?:s|stamps?|line)?(?:\s*zones?)?(?:\s+(?:are|is|were|shown|given|listed|reported|displayed))?(?:\s+(?:in|as))?)\s*[(:]?\s*(?P<z>{ZONE})(?:(?-u:\b)|_)");
    WHOLE_ZONE = format!(r"^[\s*_(\[]*(?P<z>{ZONE})[\s*_)\].:]*$");
    HHMM_CELL = r"^[\s*_]*(?P<h>[01][0-9]|2[0-3])(?P<m>[0-5][0-9])[\s*_]*$";
}

/// Parse a timestamp at the start of `text`. Leading whitespace, heading/bullet/pipe markers,
/// `**`/`*`/`_`, `[`, "At" and "~"/"approx."/"around" are skipped; `len` counts from the start
/// of `text`. Month-name dates without a year give `date: None` (use
/// [`parse_stamp_with_year`] with the year from context to get the date).
pub fn parse_stamp(text: &str) -> Option<Stamp> {
    parse_stamp_with_year(text, None)
}

/// Like [`parse_stamp`], but month-name dates without a year ("Sep 27 13:06") use `year_hint`.
pub fn parse_stamp_with_year(text: &str, year_hint: Option<i16>) -> Option<Stamp> {
    let start = stamp_start(text);
    // Most stamps have no marker before them, so nothing to lowercase or search.
    let approx_prefix = start > 0 && {
        let prefix = text[..start].to_ascii_lowercase();
        ["~", "approx", "around", "about", "roughly", "circa", "ca."]
            .iter()
            .any(|w| prefix.contains(w))
    };
    let s = &text[start..];
    let mut p = parse_relative(s).or_else(|| parse_point(s, year_hint))?;
    let mut len = p.len;
    // Ranges ("09:00 - 11:00"): keep the start, consume the whole range.
    if p.relative.is_none()
        && let Some(sep) = RANGE_SEP.find(&s[len..])
    {
        let at = len + sep.end();
        match parse_point(&s[at..], year_hint) {
            Some(end)
                if end.time.is_some() == p.time.is_some() && (p.time.is_some() || end.dated) =>
            {
                len = at + end.len;
                p.zone = p.zone.or(end.zone);
                p.approx |= end.approx;
            }
            // "1000 - 2000 users": a numeric range that is not a time range; distrust the start too.
            _ if p.strict && s[at..].starts_with(|c: char| c.is_ascii_digit()) => return None,
            _ => {}
        }
    }
    eat(&ONWARDS, s, &mut len);
    Some(Stamp {
        date: p.date,
        time: p.time,
        zone: p.zone,
        relative: p.relative,
        approximate: approx_prefix || p.approx,
        len: start + len,
    })
}

/// A cell of a table column whose header names a time of day ("Time", "Time (UTC)"):
/// besides what [`parse_stamp_with_year`] accepts, a cell that is only `HHMM` ("1545",
/// "2359", "2015") is a time, since in such a column it is neither a year nor a count.
pub fn parse_time_cell(text: &str, year_hint: Option<i16>) -> Option<Stamp> {
    if let Some(s) = parse_stamp_with_year(text, year_hint) {
        return Some(s);
    }
    let c = cap(&HHMM_CELL, text)?;
    let time = Time::new(num(&c, "h")?, num(&c, "m")?, 0, 0).ok()?;
    Some(Stamp {
        date: None,
        time: Some(time),
        zone: None,
        relative: None,
        approximate: false,
        len: c.name("m")?.end(),
    })
}

/// Byte offset where a stamp would begin in `text`, after the markers `parse_stamp` skips.
pub fn stamp_start(text: &str) -> usize {
    // Most stamps start right away with their digits: no marker to skip.
    if text.starts_with(|c: char| c.is_ascii_digit()) {
        return 0;
    }
    PREFIX.find(text).map_or(0, |m| m.end())
}

/// The entry text after a stamp: skips closing emphasis/brackets and a separator
/// (`-`, `–`, `—`, `:`, `|`, `,`), e.g. "**16:58 UTC** - Writer…" → "Writer…".
pub fn entry_text<'a>(text: &'a str, stamp: &Stamp) -> &'a str {
    let rest = text.get(stamp.len..).unwrap_or("");
    let rest = rest.trim_start_matches(['*', '_', ']']);
    rest.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '–' | '—' | ':' | '|' | ',')
    })
}

/// Recognise a date-only heading/label that resets the day in a timeline ("2026-03-14",
/// "March 14, 2026", "Monday, 14 March", "19. April", "**2021-06-29**"). A missing year is
/// taken from `year_hint`; without one the result is None. "Day 1" is None.
pub fn parse_date_label(text: &str, year_hint: Option<i16>) -> Option<Date> {
    let t = text.trim_start_matches(|c: char| c == '#' || c.is_whitespace());
    let t = t.trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | ':'));
    let t = t.trim_end_matches('.');
    let (date, n) = parse_date(t, year_hint)?;
    let rest = &t[n..];
    // Only a date (optionally with its weekday after it): a heading with more text is not a label.
    if rest.trim().is_empty() || LABEL_TAIL.is_match(rest) {
        date
    } else {
        None
    }
}

/// Find a timezone statement in free text: "All times are UTC", "Times are in CET",
/// "(times in BST)", "Time (UTC)", "Date and Time in CET", or a bare zone such as "UTC+1".
pub fn find_zone_statement(text: &str) -> Option<Zone> {
    // Most blocks state no zone. A statement needs the word "time" (in any case: its
    // letters fold to ASCII only), found by jumping between m's; then a plain search (no
    // capture slots to allocate) before capturing.
    let statement = if mentions_time(text) {
        cap(&ZONE_STATEMENT, text)
    } else {
        None
    };
    let c = statement.or_else(|| cap(&WHOLE_ZONE, text))?;
    zone_from_token(c.name("z")?.as_str())
}

/// `text` holds "time" in any letter case.
fn mentions_time(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr2_iter(b'm', b'M', b)
        .any(|i| i >= 2 && i + 1 < b.len() && b[i - 2..i + 2].eq_ignore_ascii_case(b"time"))
}

/// Fixed offset in seconds for a zone, where unambiguous. IST and GST (several meanings),
/// the generic US names (PT/ET/CT/MT: depend on DST) and IANA names give None.
pub fn zone_offset(zone: &Zone) -> Option<i32> {
    let name = match zone {
        Zone::Utc => return Some(0),
        Zone::Offset(s) => return Some(*s),
        Zone::Named(n) => n,
    };
    if let Some(Zone::Offset(s)) = zone_from_token(name) {
        return Some(s);
    }
    let minutes = match name.to_ascii_uppercase().as_str() {
        "UTC" | "GMT" | "Z" | "UT" | "WET" => 0,
        "BST" | "CET" | "WEST" => 60,
        "CEST" | "EET" => 120,
        "EEST" | "MSK" => 180,
        "EDT" => -240,
        "EST" | "CDT" => -300,
        "CST" | "MDT" => -360,
        "MST" | "PDT" => -420,
        "PST" | "AKDT" => -480,
        "AKST" => -540,
        "HST" => -600,
        "SGT" | "HKT" | "AWST" => 480,
        "JST" | "KST" => 540,
        "ACST" => 570,
        "AEST" => 600,
        "ACDT" => 630,
        "AEDT" => 660,
        "NZST" => 720,
        "NZDT" => 780,
        _ => return None,
    };
    Some(minutes * 60)
}

/// Build an absolute instant from a date, a time and a zone (`zone`, else `default_zone`).
/// IANA names (and PT/ET/CT/MT) use jiff's tz database when present; otherwise the fixed
/// offset from [`zone_offset`] is used. None when there is no usable zone.
pub fn to_timestamp(
    date: Date,
    time: Time,
    zone: Option<&Zone>,
    default_zone: Option<&Zone>,
) -> Option<Timestamp> {
    let zone = zone.or(default_zone)?;
    let dt = date.to_datetime(time);
    if let Zone::Named(name) = zone {
        let iana = match name.as_str() {
            "PT" => "America/Los_Angeles",
            "ET" => "America/New_York",
            "CT" => "America/Chicago",
            "MT" => "America/Denver",
            n => n,
        };
        if iana.contains('/')
            && let Some(ts) = TimeZone::get(iana)
                .ok()
                .and_then(|tz| tz.to_timestamp(dt).ok())
        {
            return Some(ts);
        }
    }
    Offset::from_seconds(zone_offset(zone)?)
        .ok()?
        .to_timestamp(dt)
        .ok()
}

fn num<T: FromStr>(c: &Captures, name: &str) -> Option<T> {
    c.name(name)?.as_str().parse().ok()
}

/// Advances `n` past a match of `rx` at `s[n..]`; true if there was one.
fn eat(rx: &Regex, s: &str, n: &mut usize) -> bool {
    rx.find(&s[*n..]).map(|m| *n += m.end()).is_some()
}

fn starts_digit(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_digit())
}

fn zone_from_token(token: &str) -> Option<Zone> {
    let Some(c) = cap(&UTC_OFFSET, token) else {
        return Some(Zone::Named(token.to_string()));
    };
    let Some(sign) = c.name("sign") else {
        return Some(match c.name("base")?.as_str() {
            b if b.eq_ignore_ascii_case("UTC") => Zone::Utc,
            _ => Zone::Named("GMT".into()),
        });
    };
    offset_seconds(sign.as_str(), num(&c, "h")?, num(&c, "m").unwrap_or(0)).map(Zone::Offset)
}

fn offset_seconds(sign: &str, hours: i32, minutes: i32) -> Option<i32> {
    if hours > 14 || minutes > 59 {
        return None;
    }
    let secs = hours * 3600 + minutes * 60;
    Some(if sign == "-" { -secs } else { secs })
}

/// "T+5m", "T-1h30m", "T+0", "T+00:05", "+00:05".
fn parse_relative(s: &str) -> Option<Point> {
    // Cheap first-byte checks before the regexes: most entry texts are neither.
    if !s.starts_with(['T', '+']) {
        return None;
    }
    let c = cap(&REL_T, s).or_else(|| cap(&REL_PLUS, s))?;
    let end = c.get(0)?.end();
    if s[end..].starts_with(|ch: char| ch.is_alphanumeric() || ch == ':') {
        return None;
    }
    let mut secs: i64 = 0;
    if let Some(units) = c.name("units") {
        for u in UNIT.captures_iter(units.as_str()) {
            let n: i64 = u.get(1)?.as_str().parse().ok()?;
            let scale = match u.get(2)?.as_str() {
                "d" => 86_400,
                "h" => 3_600,
                "m" | "min" => 60,
                _ => 1,
            };
            secs += n * scale; // at most 5 digits per unit: cannot overflow
        }
    } else if c.name("zero").is_none() {
        let (m, sec): (i64, i64) = (num(&c, "m")?, num(&c, "s").unwrap_or(0));
        if m > 59 || sec > 59 {
            return None;
        }
        secs = num::<i64>(&c, "h")? * 3600 + m * 60 + sec;
    }
    if c.name("sign")?.as_str() == "-" {
        secs = -secs;
    }
    let relative = Some(SignedDuration::from_secs(secs));
    Some(Point {
        relative,
        len: end,
        ..Point::default()
    })
}

/// A date at the start of `s`: ISO, `YYYY/MM/DD`, or with a month name. The date is None
/// when the text has no year and there is no hint (the day is still checked for validity).
fn parse_date(s: &str, year_hint: Option<i16>) -> Option<(Option<Date>, usize)> {
    // Every date form starts with a digit or a weekday/month name.
    if !s.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return None;
    }
    // Numeric dates start with a four-digit year; named ones with a capitalised weekday or
    // month (the patterns are case-sensitive). Checking that first spares most prose words
    // and times two regex searches each.
    let bytes = s.as_bytes();
    let year_first = bytes.len() >= 4 && bytes[..4].iter().all(u8::is_ascii_digit);
    let named_first = matches!(
        bytes[0],
        b'M' | b'T' | b'W' | b'F' | b'S' | b'J' | b'A' | b'O' | b'N' | b'D'
    );
    if !year_first && !named_first && !bytes[0].is_ascii_digit() {
        return None;
    }
    for rx in [&*ISO_DATE, &*SLASH_DATE]
        .into_iter()
        .filter(|_| year_first)
    {
        if let Some(c) = cap(rx, s) {
            let end = c.get(0)?.end();
            if starts_digit(&s[end..]) {
                return None;
            }
            let date = Date::new(num(&c, "y")?, num(&c, "m")?, num(&c, "d")?).ok()?;
            return Some((Some(date), end));
        }
    }
    let c = (if named_first { cap(&MD_DATE, s) } else { None }).or_else(|| cap(&DM_DATE, s))?;
    let month = month_number(c.name("mon")?.as_str())?;
    let day: i8 = num(&c, "d")?;
    let date = match num::<i16>(&c, "y").or(year_hint) {
        Some(year) => Some(Date::new(year, month, day).ok()?),
        None => {
            Date::new(2000, month, day).ok()?; // leap year: accepts Feb 29
            None
        }
    };
    Some((date, c.get(0)?.end()))
}

fn month_number(name: &str) -> Option<i8> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let pos = MONTHS.iter().position(|m| name.starts_with(m))?;
    i8::try_from(pos + 1).ok()
}

#[derive(Default)]
struct Point {
    date: Option<Date>,
    dated: bool,
    time: Option<Time>,
    zone: Option<Zone>,
    approx: bool,
    strict: bool,
    relative: Option<SignedDuration>,
    len: usize,
}

/// One point in time: a date, a time, or a date followed by a time.
fn parse_point(s: &str, year_hint: Option<i16>) -> Option<Point> {
    let Some((date, end)) = parse_date(s, year_hint) else {
        return parse_time(s, false);
    };
    let date_only = Point {
        date,
        dated: true,
        len: end,
        ..Point::default()
    };
    let Some(sep) = DATE_TIME_SEP.find(&s[end..]) else {
        return Some(date_only);
    };
    let at = end + sep.end();
    match parse_time(&s[at..], sep.as_str() == "T") {
        Some(t) => Some(Point {
            date,
            dated: true,
            len: at + t.len,
            ..t
        }),
        None => Some(date_only),
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Colon,
    Bare,
    Hhmm,
    Dot,
}

/// A time of day with its am/pm, zone and approximation suffixes. `iso` allows a negative
/// attached offset ("T18:30-05:00"); elsewhere "09:00-11:00" is a range.
fn parse_time(s: &str, iso: bool) -> Option<Point> {
    // Every time form starts with its hour.
    if !starts_digit(s) {
        return None;
    }
    let (c, kind) = [
        (&*COLON, Kind::Colon),
        (&*BARE_AMPM, Kind::Bare),
        (&*HHMM, Kind::Hhmm),
        (&*DOT, Kind::Dot),
    ]
    .into_iter()
    .find_map(|(rx, k)| cap(rx, s).map(|c| (c, k)))?;
    let mut hour: i8 = num(&c, "h")?;
    let minute: i8 = num(&c, "m").unwrap_or(0);
    let second: i8 = num(&c, "s").unwrap_or(0);
    let mut n = c.get(0)?.end();
    let rest = &s[n..];
    // "3.2.1", "10:45:1", "12345": digits continue, so this is some other number.
    let mut chars = rest.chars();
    let (c0, c1) = (chars.next(), chars.next());
    if c0.is_some_and(|ch| ch.is_ascii_digit())
        || (matches!(c0, Some(':' | '.' | ',')) && c1.is_some_and(|ch| ch.is_ascii_digit()))
    {
        return None;
    }
    let leading_zero = s.starts_with('0');
    let as_number = i32::from(hour) * 100 + i32::from(minute);
    let mut ampm = c.name("ap").map(|m| m.as_str());
    if ampm.is_none()
        && kind != Kind::Hhmm
        && let Some(a) = cap(&AMPM, rest)
        && let Some(m) = a
            .get(0)
            .filter(|m| !rest[m.end()..].starts_with(char::is_alphanumeric))
    {
        ampm = a.name("ap").map(|m| m.as_str());
        n += m.end();
    }
    if let Some(ap) = ampm {
        if !(1..=12).contains(&hour) {
            return None;
        }
        hour = hour % 12 + if ap.eq_ignore_ascii_case("p") { 12 } else { 0 };
    } else if kind == Kind::Dot && c.name("h")?.len() == 1 {
        return None; // "7.30" needs am/pm to be a time
    }
    let time = Time::new(hour, minute, second, 0).ok()?;

    let bare_end = n;
    let mut approx = eat(&APPROX_SUFFIX, s, &mut n);
    let mut zone = None;
    let rest = &s[n..];
    let after_z = rest.strip_prefix('Z');
    if kind != Kind::Dot && after_z.is_some_and(|a| !a.starts_with(char::is_alphanumeric)) {
        zone = Some(Zone::Utc);
        n += 1;
    } else if let Some(o) = cap(&ATTACHED_OFFSET, rest).filter(|o| {
        let sign = o.name("sign").map_or("", |m| m.as_str());
        kind == Kind::Colon
            && (sign == "+" || iso)
            && !starts_digit(&rest[o.get(0).map_or(0, |m| m.end())..])
    }) {
        zone = offset_seconds(o.name("sign")?.as_str(), num(&o, "h")?, num(&o, "m")?)
            .map(Zone::Offset);
        n += o.get(0)?.end();
    } else if let Some(z) = cap(&SPACED_ZONE, rest) {
        zone = zone_from_token(z.name("z").or_else(|| z.name("z2"))?.as_str());
        n += z.get(0)?.end();
    }
    let hrs = eat(&HRS, s, &mut n);
    approx |= eat(&APPROX_SUFFIX, s, &mut n);
    // "18:30abc": letters glued to the time that no suffix explained.
    if n == bare_end && s[n..].starts_with(char::is_alphanumeric) {
        return None;
    }
    let strict = matches!(kind, Kind::Hhmm | Kind::Dot) && ampm.is_none();
    if strict && zone.is_none() && !hrs {
        let year_like = kind == Kind::Hhmm && (1900..=2099).contains(&as_number);
        let loose = (kind == Kind::Hhmm).then_some(leading_zero);
        if year_like || !strict_separator(&s[n..], loose) {
            return None;
        }
    }
    Some(Point {
        time: Some(time),
        zone,
        approx,
        strict,
        len: n,
        ..Point::default()
    })
}

/// What must follow `0730` / `15.25` for it to count as a time: a separator (`-`, `–`, `—`,
/// `:`, `|`). For HHMM (`loose` is Some(leading zero)) also a capitalised word; with a leading
/// zero ("0730") any word or the end of the text, since counts don't start with 0.
fn strict_separator(rest: &str, loose: Option<bool>) -> bool {
    let r = rest.trim_start_matches(['*', '_', ']']);
    let t = r.trim_start();
    if let Some(after) = t.strip_prefix(':') {
        return !starts_digit(after);
    }
    if t.starts_with(['-', '–', '—', '|']) {
        return !r.strip_prefix('-').is_some_and(starts_digit); // "2021-06", "0730-0800"
    }
    let Some(leading_zero) = loose else {
        return false;
    };
    match t.chars().next() {
        None => leading_zero,
        Some(w) if r.starts_with(char::is_whitespace) && w.is_uppercase() => true,
        Some(w) if r.starts_with(char::is_whitespace) && w.is_lowercase() => leading_zero,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::{date, time};

    #[test]
    fn time_is_found_in_any_case_and_position() {
        for yes in ["time", "TIME", "All Times are UTC", "timeline", "x tImE"] {
            assert!(mentions_time(yes), "{yes}");
        }
        for no in ["", "m", "tim", "ime", "tim e", "Mime", "moment"] {
            assert!(!mentions_time(no), "{no}");
        }
    }

    fn zone_str(z: Option<&Zone>) -> String {
        match z {
            None => "-".into(),
            Some(Zone::Utc) => "Utc".into(),
            Some(Zone::Offset(o)) => format!("{o:+}"),
            Some(Zone::Named(n)) => n.clone(),
        }
    }

    /// "date time zone len", then " ~" when approximate and " T<secs>" when relative.
    fn show(s: &Stamp) -> String {
        let or_dash = |o: Option<String>| o.unwrap_or_else(|| "-".into());
        let (d, t) = (s.date.map(|d| d.to_string()), s.time.map(|t| t.to_string()));
        let approx = if s.approximate { " ~" } else { "" };
        let rel = s.relative.map(|r| format!(" T{}", r.as_secs()));
        let (d, t, z) = (or_dash(d), or_dash(t), zone_str(s.zone.as_ref()));
        format!("{d} {t} {z} {}{approx}{}", s.len, rel.unwrap_or_default())
    }

    /// Each non-empty line is `input => expected` (as rendered by `show`) or `input => None`.
    fn run(table: &str, year: Option<i16>) {
        for line in table.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let (input, want) = line.split_once(" => ").expect("table line");
            let got = parse_stamp_with_year(input, year).map_or("None".into(), |s| show(&s));
            assert_eq!(got, want, "{input:?}");
        }
    }

    const STAMPS: &str = "
        2021-06-29T18:30:00Z => 2021-06-29 18:30:00 Utc 20
        2021-06-29T18:30+02:00 => 2021-06-29 18:30:00 +7200 22
        2021-06-29T18:30-05:00 x => 2021-06-29 18:30:00 -18000 22
        2021-06-29 18:30 => 2021-06-29 18:30:00 - 16
        2021-06-29 18:30 UTC => 2021-06-29 18:30:00 Utc 20
        2021-06-29 18:30: done => 2021-06-29 18:30:00 - 16
        2019-09-05 09:15:42 => 2019-09-05 09:15:42 - 19
        2025-09-29T16:54:16.154136Z => 2025-09-29 16:54:16 Utc 27
        2018-01-18 4:19 => 2018-01-18 04:19:00 - 15
        2017-09-27 => 2017-09-27 - - 10
        2021-08-27: At 12:50 => 2021-08-27 - - 10
        2019/12/03 --:-- => 2019-12-03 - - 10
        18:30 => - 18:30:00 - 5
        18:30:12 => - 18:30:12 - 8
        9:05 => - 09:05:00 - 4
        18:30 UTC => - 18:30:00 Utc 9
        18:30 (UTC) => - 18:30:00 Utc 11
        18:30Z => - 18:30:00 Utc 6
        16:58 UTC+1 => - 16:58:00 +3600 11
        16:58 GMT+2 => - 16:58:00 +7200 11
        13:06 US/Pacific => - 13:06:00 US/Pacific 16
        11:00 CET => - 11:00:00 CET 9
        09:00+01:00 => - 09:00:00 +3600 11
        01:38: alerts fired => - 01:38:00 - 5
        10:00 API deployed => - 10:00:00 - 5
        0730 - paged => - 07:30:00 - 4
        0730: paged => - 07:30:00 - 4
        0730 – paged => - 07:30:00 - 4
        0730|paged => - 07:30:00 - 4
        0730 Paged => - 07:30:00 - 4
        0730 paged => - 07:30:00 - 4
        0730 => - 07:30:00 - 4
        0730Z => - 07:30:00 Utc 5
        1230 Alert fired => - 12:30:00 - 4
        1930 hrs => - 19:30:00 - 8
        2015 UTC - x => - 20:15:00 Utc 8
        15.25 - restarted => - 15:25:00 - 5
        **15.25**: restarted => - 15:25:00 - 7
        7.30pm => - 19:30:00 - 6
        7:01am => - 07:01:00 - 6
        7:01 am => - 07:01:00 - 7
        5:00 PM => - 17:00:00 - 7
        5:00 PM PST => - 17:00:00 PST 11
        5pm => - 17:00:00 - 3
        12:30 a.m. => - 00:30:00 - 10
        12 PM => - 12:00:00 - 5
        7:01 among others => - 07:01:00 - 4
        Sep 27 2017 13:06 => 2017-09-27 13:06:00 - 17
        September 27, 2017 13:06 => 2017-09-27 13:06:00 - 24
        27 Sep 2017 13:06 => 2017-09-27 13:06:00 - 17
        Mon, Sep 27th 2021 at 9:00 => 2021-09-27 09:00:00 - 26
        Sep 27 13:06 => - 13:06:00 - 12
        19. April, 11:00 => - 11:00:00 - 16
        Sep 27 => - - - 6
        Feb 30 => None
        10:45~ => - 10:45:00 - 6 ~
        ~10:45 => - 10:45:00 - 6 ~
        approx. 10:45 => - 10:45:00 - 13 ~
        around 10:45 => - 10:45:00 - 12 ~
        10:45ish => - 10:45:00 - 8 ~
        At 10:45 => - 10:45:00 - 8
        09:00 - 11:00 investigating => - 09:00:00 - 13
        09:00–11:00 => - 09:00:00 - 13
        09:00-11:00 UTC => - 09:00:00 Utc 15
        9am to 11am => - 09:00:00 - 11
        2019-02-27 06:45 - 2019-02-28 13:00 (UTC) => 2019-02-27 06:45:00 Utc 41
        2023-02-01 - [Summary => 2023-02-01 - - 10
        10:45 onwards => - 10:45:00 - 13
        10:00 - 5 nodes => - 10:00:00 - 5
        At 12:50:07 UTC, issue => - 12:50:07 Utc 15
        [10:45](https://x) => - 10:45:00 - 6
        - **16:58 UTC** - Writer => - 16:58:00 Utc 13
        T+5m => - - - 4 T300
        T+1h30m - mitigated => - - - 7 T5400
        T+0 => - - - 3 T0
        T-10min => - - - 7 T-600
        +00:05 => - - - 6 T300
        T+5 nodes => None";

    #[test]
    fn stamp_formats() {
        run(STAMPS, None);
        run(
            "Sep 27 13:06 => 2017-09-27 13:06:00 - 12
            19. April, 11:00 => 2017-04-19 11:00:00 - 16
            Sep 27 => 2017-09-27 - - 6
            Feb 29 => None",
            Some(2017),
        );
        let text = "- **16:58 UTC** - Writer database";
        let s = parse_stamp(text).expect("stamp");
        assert_eq!(
            (stamp_start(text), entry_text(text, &s)),
            (4, "Writer database")
        );
    }

    #[test]
    fn non_matches() {
        let texts = "Version 2.1; 1.5x faster; 2021 was a bad year; 2021; 2021 - we migrated; \
            404 errors; the 10 nodes; 3.2.1; 555-1234; 0800 555 1234; +1 555 123 4567; hello; \
            +44 20 7946 0958; 24:00; 12:60; 13:00 pm; 1000 users; 15.25; 1000 - 2000 users; \
            18:30abc; 12.50 dollars; 2.50 - x; 2019-02-30; 20202-01-16 12:00; ~12 GB; Day 1; \
            March 2026; 10:45:1; ";
        for text in texts.split("; ") {
            assert_eq!(parse_stamp(text), None, "{text:?}");
        }
    }

    #[test]
    fn bare_hhmm_is_a_time_only_in_a_time_cell() {
        for (cell, want) in [
            ("1000", "10:00"),
            ("2359", "23:59"),
            ("2015", "20:15"),
            (" **1545** ", "15:45"),
            ("0730", "07:30"),
        ] {
            assert_eq!(parse_stamp(cell).filter(|_| cell != "0730"), None, "{cell}");
            let s = parse_time_cell(cell, None).expect(cell);
            assert_eq!(
                s.time.map(|t| t.strftime("%H:%M").to_string()).as_deref(),
                Some(want)
            );
            assert_eq!(
                &cell[stamp_start(cell)..s.len].trim_matches('*'),
                &want.replace(':', "")
            );
        }
        for cell in ["2400", "1260", "12345", "1000 users", "0930 4"] {
            assert_eq!(parse_time_cell(cell, None), None, "{cell}");
        }
    }

    #[test]
    fn never_panics_on_any_suffix() {
        let samples = "– 09:00–11:00 Z· ~10:45é T+5m 2021-06-29T18:30+02:00 **0730**: 7.30pm \
            UTC+1 19. April, 11:00 (UTC) ä 5 p.m. 15.25 — Sep 27 2017 13:06 US/Pacific 12:30 a.m.";
        for (i, _) in samples.char_indices() {
            let s = &samples[i..];
            if let Some(st) = parse_stamp(s) {
                assert!(s.is_char_boundary(st.len), "{s:?}");
                let _ = entry_text(s, &st);
            }
            let _ = (parse_date_label(s, Some(2021)), find_zone_statement(s));
        }
    }

    #[test]
    fn date_labels() {
        let texts = "2026-03-14; March 14, 2026; Mar 14 2026; 14 March 2026; ### 2026-03-14; \
            **2026-03-14**; 2026-03-14 (Saturday); March 14, 2026:; Saturday, 14 March; March 14";
        for text in texts.split("; ") {
            assert_eq!(
                parse_date_label(text, Some(2026)),
                Some(date(2026, 3, 14)),
                "{text:?}"
            );
        }
        assert_eq!(
            parse_date_label("19. April", Some(2021)),
            Some(date(2021, 4, 19))
        );
        let texts = "March 14; Day 1; 2021-06-29 18:30; 2021-08-17 RETURNDATA bug; x";
        for text in texts.split("; ") {
            assert_eq!(parse_date_label(text, None), None, "{text:?}");
        }
    }

    #[test]
    fn zone_statements() {
        let table = "All times are UTC => Utc
            _All times in UTC, unless otherwise stated._ => Utc
            _All times in EDT_ => EDT
            Times are in CET => CET
            ## Timeline (times in BST) => BST
            Time (UTC) => Utc
            Date and Time in CET => CET
            *(All times US/Pacific, 24-hour clock.)* => US/Pacific
            All times in UTC+1 (Zurich time) => +3600
            UTC+1 => +3600
            PST => PST
            Timezone: GMT => GMT
            We spent time on the UTC conversion => -
            Time => -
            CI/CD pipelines => -";
        for line in table.lines() {
            let (text, want) = line.trim().split_once(" => ").expect("table line");
            assert_eq!(
                zone_str(find_zone_statement(text).as_ref()),
                want,
                "{text:?}"
            );
        }
        assert_eq!(
            find_zone_statement("all times are in\nUTC."),
            Some(Zone::Utc)
        );
    }

    #[test]
    fn offsets_and_timestamps() {
        let table = "UTC=0 GMT=0 BST=3600 CET=3600 CEST=7200 EST=-18000 EDT=-14400 CST=-21600 \
            CDT=-18000 MST=-25200 MDT=-21600 PST=-28800 PDT=-25200 JST=32400 AEST=36000 \
            AEDT=39600 UTC+1=3600 IST=None GST=None US/Pacific=None XYZ=None";
        for item in table.split_whitespace() {
            let (name, want) = item.split_once('=').expect("table item");
            let got =
                zone_offset(&Zone::Named(name.into())).map_or("None".into(), |o| o.to_string());
            assert_eq!(got, want, "{name}");
        }
        assert_eq!(zone_offset(&Zone::Offset(-3600)), Some(-3600));
        let ts = |z: Option<Zone>, dz: Option<Zone>| {
            to_timestamp(
                date(2021, 6, 29),
                time(18, 30, 0, 0),
                z.as_ref(),
                dz.as_ref(),
            )
            .map(|t| t.to_string())
        };
        let named = |n: &str| Some(Zone::Named(n.into()));
        assert_eq!(
            ts(Some(Zone::Utc), None).as_deref(),
            Some("2021-06-29T18:30:00Z")
        );
        assert_eq!(
            ts(None, Some(Zone::Offset(7200))).as_deref(),
            Some("2021-06-29T16:30:00Z")
        );
        assert_eq!(
            ts(named("CET"), Some(Zone::Utc)).as_deref(),
            Some("2021-06-29T17:30:00Z")
        );
        assert_eq!((ts(None, None), ts(named("IST"), None)), (None, None));
        // Needs the system tz database; skipped where there is none.
        if TimeZone::get("US/Pacific").is_ok() {
            for n in ["US/Pacific", "PT"] {
                assert_eq!(
                    ts(named(n), None).as_deref(),
                    Some("2021-06-30T01:30:00Z"),
                    "{n}"
                );
            }
        }
    }
}
