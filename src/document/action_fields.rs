//! Field parsers for one action item: owner, due date, ticket and priority, plus the
//! column kind of an action-item table header. All functions are pure; every span is a
//! byte range into the `&str` that was passed in and lies on char boundaries.

use jiff::civil::Date;

use crate::document::action_data::DATA;
use regex::{Captures, Regex};

use super::char_class::{LETTER, MARK, UPPER, WORD};
use super::text::captures_iter;
use std::ops::Range;
use std::sync::LazyLock;

/// A piece of the input: its text and byte span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub text: String,
    pub span: Range<usize>,
}

impl Found {
    fn at(src: &str, span: Range<usize>) -> Self {
        let text = src[span.clone()].to_string();
        Found { text, span }
    }
}

/// What an action-item table column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Action,
    Owner,
    Due,
    Ticket,
    Priority,
    Type,
    Status,
}

/// An owner; `team` when it names a group rather than a person (ambiguous ownership).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    pub found: Found,
    pub team: bool,
}

/// A deadline: a day, or a quarter (year None when neither text nor hint gave one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Due {
    Date(Date),
    Quarter { year: Option<i16>, quarter: u8 },
}

impl Due {
    /// The last day the item is on time: the date itself, or a quarter's last day (None
    /// for a quarter whose year is unknown).
    pub fn last_day(&self) -> Option<Date> {
        match *self {
            Due::Date(d) => Some(d),
            Due::Quarter { year, quarter } => {
                let month = i8::try_from(quarter).ok()?.checked_mul(3)?;
                Date::new(year?, month, 1).ok().map(|d| d.last_of_month())
            }
        }
    }
}

impl std::fmt::Display for Due {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Due::Date(d) => write!(f, "{d}"),
            Due::Quarter {
                year: Some(y),
                quarter,
            } => write!(f, "{y}-Q{quarter}"),
            Due::Quarter {
                year: None,
                quarter,
            } => write!(f, "Q{quarter}"),
        }
    }
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("static regex")
}

// Shared pattern pieces. A name word is capitalised ("Chris", "F.", "O'Neil") or initials.
static W: LazyLock<String> = LazyLock::new(|| format!(r"[{UPPER}][{LETTER}{MARK}'’-]*\.?"));
static HANDLE: LazyLock<String> = LazyLock::new(|| {
    format!(r"@[{WORD}](?:[{WORD}.-]*[{WORD}])?(?:/[{WORD}](?:[{WORD}.-]*[{WORD}])?)?")
});
static LIST: LazyLock<String> = LazyLock::new(|| {
    let (w, handle) = (&*W, &*HANDLE);
    let name = format!(
        r"(?:Team\s+)?{w}(?:\s+(?:(?:de|van|von|der|den|da|di|del|la|le|du)\s+)?{w}){{0,2}}(?:\s+(?:team|squad))?"
    );
    let item = format!("(?:{handle}|{name})");
    format!(r"{item}(?:\s*(?:,|&|/|(?-u:\b)and(?-u:\b))\s*{item})*")
});

static URL: LazyLock<Regex> = LazyLock::new(|| re(r#"https?://[^\s<>()\[\]"'`]+"#));
static CODE: LazyLock<Regex> = LazyLock::new(|| re(r"`[^`\n]+`"));
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(owners?|assignees?|assigned\s+to|owned\s+by|dri|who|responsible)(?-u:\b)(?:\(s\))?(?:[*_]*\s*([:=])\s*[*_]*\s*|\s+[-–—]\s+|\s+)",
    )
});
// Where a labelled value ends: a spaced dash, or a sentence end after a word (not "J.").
static VALUE_CUT: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(\s+(?:-{{1,2}}|—|–)\s+)|[{LETTER}]{{2}}(\.)(?:\s|$)"
    ))
});
static NOT_NAME_PART: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:due|by|eta|deadline|until|before|prio(?:rity)?|p[0-4]|ticket|status|type|see|done)(?-u:\b)",
    )
});
static NAME_PREFIX: LazyLock<Regex> = LazyLock::new(|| re(&format!("^(?:{})", *LIST)));
static TEAM_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^(?:the\s+)?(?:[{WORD}-]+\s+){{0,2}}(?:team|squad|group)(?-u:\b)"
    ))
});
static HANDLES: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?:^|[^{WORD}@./:+=`-])({h}(?:(?:\s*(?:,|&|(?-u:\b)and(?-u:\b))\s*|\s+){h})*)",
        h = *HANDLE
    ))
});
static BRACKET: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"\[([{UPPER}]{{2,4}})(?:\s+to\s+[^\]\n]*)?\]")));
// Trailing "(Name)" / "— Name"; an optional tail must start with a delimiter.
static PAREN_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?s)\(\s*({})\s*([,;][^()]*)?\)(\s*[,;(\[|].*)?[\s.*_]*$",
        *LIST
    ))
});
static SEP_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?s)(\s+-{{1,2}}\s+|\s*[—–]\s*|\s*:\s+)({})(\s*[,;(\[|].*)?[\s.*_]*$",
        *LIST
    ))
});
static STATUS_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:done|completed?|wip|in progress|open|closed|fixed|blocked|ongoing|todo)(?-u:\b)",
    )
});

// Labels whose value is not an owner ("Priority: High" is not "… : Name").
const FIELD_LABELS: &[&str] = &[
    "priority", "prio", "status", "state", "type", "category", "due", "eta", "deadline", "ticket",
    "issue", "severity", "note", "by", "date", "when",
];

fn listed(list: &[&str], word: &str) -> bool {
    list.contains(&word)
}

/// Byte ranges of verbatim material (URLs, inline code) where no field may start.
fn protected(text: &str) -> Vec<Range<usize>> {
    URL.find_iter(text)
        .chain(CODE.find_iter(text))
        .map(|m| m.range())
        .collect()
}

fn inside(spans: &[Range<usize>], pos: usize) -> bool {
    spans.iter().any(|r| r.contains(&pos))
}

fn next_char(text: &str, i: usize) -> usize {
    i + text[i..].chars().next().map_or(1, char::len_utf8)
}

/// First match of `re` (tried at every start, since regexes cannot express all our
/// checks) that `ok` accepts.
fn first_valid<'t>(
    re: &Regex,
    text: &'t str,
    mut ok: impl FnMut(&Captures<'t>) -> bool,
) -> Option<Captures<'t>> {
    let mut from = 0;
    while from <= text.len() {
        // A plain search first: most texts have no candidate, and then no capture slots
        // are allocated; a match found there is the one `captures_at` reports.
        let start = re.find_at(text, from)?.start();
        let caps = re.captures_at(text, start)?;
        if ok(&caps) {
            return Some(caps);
        }
        from = next_char(text, caps.get(0)?.start());
    }
    None
}

/// Shrinks a range past whitespace and emphasis markers on both ends.
fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let pad = |c: char| c.is_whitespace() || matches!(c, '*' | '_' | '~');
    let start = r.start + (s.len() - s.trim_start_matches(pad).len());
    let end = r.start + s.trim_end_matches(pad).len();
    start..end.max(start)
}

fn norm(v: &str) -> String {
    let strip = |c: char| c.is_whitespace() || "*_~`\"'<>[](){}.,;:!?@".contains(c);
    let v = v.replace("(s)", "");
    let mut out = super::text::single_spaced(v.trim_matches(strip));
    if out.is_ascii() {
        out.make_ascii_lowercase();
        out
    } else {
        out.to_lowercase()
    }
}

fn words(v: &str) -> impl Iterator<Item = String> + '_ {
    v.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// What a table column holds, judged from its header cell ("Owner(s)", "**Due date:**",
/// "Tracking issue"); case-insensitive, emphasis and punctuation ignored.
pub fn classify_column(header: &str) -> Option<Column> {
    // The head noun of an English header is its last word: "Action owner" is an owner
    // column, "Issue description" an action column, "Due date" a due column.
    let kind = |w: String| {
        DATA.columns
            .iter()
            .find(|(_, l)| l.contains(&w))
            .and_then(|(name, _)| column_named(name))
    };
    words(header).filter_map(kind).last()
}

fn column_named(name: &str) -> Option<Column> {
    Some(match name {
        "action" => Column::Action,
        "owner" => Column::Owner,
        "due" => Column::Due,
        "ticket" => Column::Ticket,
        "priority" => Column::Priority,
        "type" => Column::Type,
        "status" => Column::Status,
        _ => return None,
    })
}

/// True for owner values that mean "nobody" (TBD, ?, -, n/a, none, unassigned, owner,
/// "<owner>", "@owner", empty …) or match one of `extra` (case-insensitive, punctuation
/// and emphasis around the value ignored).
pub fn is_placeholder(value: &str, extra: &[String]) -> bool {
    let n = norm(value);
    !n.chars().any(char::is_alphanumeric)
        || DATA.owner_placeholders.contains(&n)
        || extra.iter().any(|e| norm(e) == n)
}

fn is_team(v: &str) -> bool {
    let lower = v.to_lowercase();
    lower.contains("on-call")
        || lower.contains("on call")
        || v.split_whitespace()
            .any(|w| w.starts_with('@') && w.contains('/'))
        || words(v).any(|w| DATA.team_words.contains(&w))
}

/// Rejects name-shaped matches that are status/priority words, acronyms or lone letters.
fn names_ok(list: &str, extra: &[String]) -> bool {
    let items: Vec<&str> = list
        .split([',', '&', '/'])
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    !items.is_empty()
        && items.iter().all(|item| {
            let first = item.split_whitespace().next().unwrap_or("");
            let first = norm(first);
            // Initials ("[DB]") are people even when they spell a product.
            let initials =
                (2..=4).contains(&item.chars().count()) && item.chars().all(|c| c.is_uppercase());
            let product = !initials
                && item
                    .split_whitespace()
                    .any(|w| DATA.product_words.contains(&norm(w)));
            item.starts_with('@')
                || (!is_placeholder(item, extra)
                    && !product
                    && !DATA.not_names.contains(&first)
                    && item.trim_end_matches('.').chars().count() >= 2)
        })
}

/// Text after a trailing name may only carry a due date, ticket or status tag.
fn tail_ok(rest: Option<regex::Match>) -> bool {
    let Some(rest) = rest else { return true };
    let r = rest
        .as_str()
        .trim_matches(|c: char| c.is_whitespace() || ".*_".contains(c));
    r.is_empty()
        || r.contains(|c: char| c.is_ascii_digit())
        || URL.is_match(r)
        || STATUS_WORD.is_match(r)
}

fn owner(text: &str, span: Range<usize>) -> Owner {
    let found = Found::at(text, span);
    let team = is_team(&found.text);
    Owner { found, team }
}

/// Value of `owner: …` style labels: leading comma-separated parts that look like names.
fn colon_value(text: &str, r: Range<usize>) -> Range<usize> {
    let v = &text[r.clone()];
    let cut = VALUE_CUT
        .captures(v)
        .and_then(|c| c.get(1).or(c.get(2)))
        .map_or(v.len(), |m| m.start());
    let (mut pos, mut last) = (r.start, r.start);
    for part in v[..cut].split(',') {
        let t = part.trim();
        let digits = !t.starts_with('@') && t.contains(|c: char| c.is_ascii_digit());
        if t.is_empty() || t.len() > 40 || digits || NOT_NAME_PART.is_match(t) {
            break;
        }
        last = pos + part.trim_end().len();
        pos += part.len() + 1;
    }
    trim_range(text, r.start..last)
}

/// Value after a label without a colon ("assigned to Ana"): must look like a name,
/// a team or a placeholder, otherwise the word was prose ("the owner of the alert").
fn weak_value(text: &str, r: Range<usize>, extra: &[String]) -> Option<Range<usize>> {
    let v = &text[r.clone()];
    let first = v.split_whitespace().next()?;
    let first = first.trim_end_matches([',', ';', '.']);
    if is_placeholder(first, extra) {
        let start = r.start + v.find(first)?;
        return Some(start..start + first.len());
    }
    let m = NAME_PREFIX.find(v).filter(|m| names_ok(m.as_str(), extra));
    let m = m.or_else(|| TEAM_PREFIX.find(v))?;
    Some(r.start + m.start()..r.start + m.end())
}

/// The first explicit owner label: Ok(owner) or Err(span of a label naming nobody).
fn owner_label(text: &str, extra: &[String]) -> Option<Result<Owner, Found>> {
    let prot = protected(text);
    let mut from = 0;
    while let Some(c) = LABEL.captures_at(text, from) {
        let (m, label) = (c.get(0)?, c.get(1)?);
        from = next_char(text, m.start());
        let strong = c.get(2).is_some();
        if inside(&prot, m.start()) || (!strong && label.as_str().eq_ignore_ascii_case("who")) {
            continue;
        }
        let end = text[m.end()..]
            .find(|ch| ";()[]|\n".contains(ch))
            .map_or(text.len(), |i| m.end() + i);
        let value = if strong {
            colon_value(text, m.end()..end)
        } else {
            match weak_value(text, m.end()..end, extra) {
                Some(v) => v,
                None => continue,
            }
        };
        if is_placeholder(&text[value.clone()], extra) {
            let whole = trim_range(text, label.start()..value.end.max(m.end()));
            return Some(Err(Found::at(text, whole)));
        }
        return Some(Ok(owner(text, value)));
    }
    None
}

/// The explicit owner label whose value is a placeholder ("owner: TBD", "(owner: ?)",
/// "assignee: none"); the span covers label and value.
pub fn owner_label_placeholder(text: &str, extra_placeholders: &[String]) -> Option<Found> {
    owner_label(text, extra_placeholders)?.err()
}

/// Owner written inside an item's text, tried in this order: an `owner:`/`assignee:`/
/// `assigned to`/`DRI:`/`owned by`/`who:` label (whose value decides, so "owner: TBD" gives
/// None), an @handle outside URLs, code and e-mail addresses, initials in brackets `[IBG]`,
/// a trailing `(Name)`, a trailing `— Name` / `- @ana` / `: Chris F` / `-- Jane Doe`.
/// Teams ("SRE team", "@org/sre", "Shared") are returned with `team: true`.
pub fn find_owner(text: &str, extra_placeholders: &[String]) -> Option<Owner> {
    let extra = extra_placeholders;
    // An explicit label decides: "owner: TBD" means nobody even if a handle is mentioned.
    if let Some(label) = owner_label(text, extra) {
        return label.ok();
    }
    let prot = protected(text);
    let handle = first_valid(&HANDLES, text, |c| {
        c.get(1).is_some_and(|m| {
            let first = m.as_str().split([',', '&', ' ']).next().unwrap_or("");
            // "`pkg`@1.2.2" is a version, not a handle.
            !inside(&prot, m.start())
                && first.chars().any(char::is_alphabetic)
                && !is_placeholder(first, extra)
                && !["@here", "@channel", "@everyone", "@all"].contains(&first)
        })
    });
    if let Some(m) = handle.and_then(|c| c.get(1)) {
        return Some(owner(text, m.range()));
    }
    let bracket = first_valid(&BRACKET, text, |c| {
        let after = c.get(0).map_or("", |m| &text[m.end()..]);
        !after.starts_with(['(', '[']) && c.get(1).is_some_and(|m| names_ok(m.as_str(), extra))
    });
    if let Some(m) = bracket.and_then(|c| c.get(1)) {
        return Some(owner(text, m.range()));
    }
    let paren = first_valid(&PAREN_TAIL, text, |c| {
        c.get(1).is_some_and(|m| names_ok(m.as_str(), extra))
            && c.get(2)
                .is_none_or(|m| m.as_str().contains(|ch: char| ch.is_ascii_digit()))
            && tail_ok(c.get(3))
    });
    if let Some(m) = paren.and_then(|c| c.get(1)) {
        return Some(owner(text, m.range()));
    }
    let sep = first_valid(&SEP_TAIL, text, |c| {
        let (Some(sep), Some(names)) = (c.get(1), c.get(2)) else {
            return false;
        };
        let before = &text[..sep.start()];
        let label = before
            .rsplit(|ch: char| !ch.is_alphanumeric())
            .next()
            .unwrap_or("");
        // "**Title**: Text" is a bold lead-in and "Priority: High" a field, not an owner.
        let colon_ok = !sep.as_str().contains(':')
            || (!before.ends_with(['*', '_']) && !listed(FIELD_LABELS, &label.to_lowercase()));
        // "12:18 UTC – Another …" is a timeline entry: require real action text first.
        let has_words = before
            .chars()
            .collect::<Vec<_>>()
            .windows(3)
            .any(|w| w.iter().all(|c| c.is_lowercase()));
        colon_ok && has_words && names_ok(names.as_str(), extra) && tail_ok(c.get(3))
    });
    sep.and_then(|c| c.get(2)).map(|m| owner(text, m.range()))
}

/// Owner from an Owner-column cell: None if empty or a placeholder.
pub fn owner_from_cell(cell: &str, extra_placeholders: &[String]) -> Option<Owner> {
    if is_placeholder(cell, extra_placeholders) {
        return None;
    }
    Some(owner(cell, trim_range(cell, 0..cell.len())))
}

const MON: &str = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";
const YEAR: &str = r"((?:19|20)[0-9]{2})";
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?-u:\b){YEAR}[-/.]([0-9]{{1,2}})[-/.]([0-9]{{1,2}})(?:T|(?-u:\b))"
    ))
});
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?-u:\b)([0-9]{{1,2}})[/.]([0-9]{{1,2}})[/.]{YEAR}(?-u:\b)"
    ))
});
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?-u:\b)(?:{MON}\s+([0-9]{{1,2}})(?:st|nd|rd|th)?|([0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MON})(?:,?\s+{YEAR})?(?-u:\b)"
    ))
});
static MONTH: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(?i)(?-u:\b){MON}(?:\s+{YEAR})?(?-u:\b)")));
static QUARTER: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?-u:\b)(?:[Qq]([1-4])(?:(?:\s+|\s*[/-]\s*)(?:FY\s*)?{YEAR}|\s*'([0-9]{{2}}))?|{YEAR}[\s-]?[Qq]([1-4]))(?-u:\b)"
    ))
});
static KEYWORD_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:due|by|deadline|target|eta|until|before|in|end\s+of)(?:\s+(?:date|by|on|the|end|of))*[*_]*\s*[:=]?\s*[*_]*\s*\(?$",
    )
});
// A bare date next to these words records when something happened, not a deadline.
static DONE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:done|completed?|as\s+of|since|fixed|closed|merged|resolved|released|shipped|deployed)(?-u:\b)",
    )
});

fn window_before(text: &str, i: usize, n: usize) -> &str {
    let mut j = i.saturating_sub(n);
    while !text.is_char_boundary(j) {
        j += 1;
    }
    &text[j..i]
}

fn month_num(m: &str) -> Option<i8> {
    let pos = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|p| m.to_lowercase().starts_with(p))?;
    i8::try_from(pos + 1).ok()
}

fn date(y: Option<i16>, m: Option<i8>, d: Option<i8>) -> Option<Date> {
    Date::new(y?, m?, d?).ok()
}

fn num<T: std::str::FromStr>(c: &Captures, i: usize) -> Option<T> {
    c.get(i)?.as_str().parse().ok()
}

/// Reads one date form: (value, whether it carries its own year).
type DateParser = fn(&Captures, Option<i16>) -> Option<(Due, bool)>;

fn due_impl(text: &str, hint: Option<i16>, cell: bool) -> Option<(Found, Due)> {
    let parsers: [(&Regex, DateParser); 5] = [
        (&ISO, |c, _| {
            Some((Due::Date(date(num(c, 1), num(c, 2), num(c, 3))?), true))
        }),
        (&NUMERIC, |c, _| {
            let (a, b): (i8, i8) = (num(c, 1)?, num(c, 2)?);
            // 03/01/2026 is March 1 in the US and 3 January elsewhere: skip the ambiguous.
            let (m, d) = match (a > 12, b > 12) {
                (true, false) => (b, a),
                (false, true) => (a, b),
                _ if a == b => (a, b),
                _ => return None,
            };
            Some((Due::Date(date(num(c, 3), Some(m), Some(d))?), true))
        }),
        (&MONTH_DAY, |c, hint| {
            let month = c.get(1).or(c.get(4)).and_then(|m| month_num(m.as_str()));
            let year = num(c, 5);
            let d = date(year.or(hint), month, num(c, 2).or(num(c, 3)))?;
            Some((Due::Date(d), year.is_some()))
        }),
        (&MONTH, |c, hint| {
            // Lower-case "may" is the modal verb; "by March" means its last day.
            let month = c.get(1).filter(|m| m.as_str() != "may")?;
            let d = date(num(c, 2).or(hint), month_num(month.as_str()), Some(1))?;
            Some((Due::Date(d.last_of_month()), false))
        }),
        (&QUARTER, |c, hint| {
            let quarter = num(c, 1).or(num(c, 5))?;
            let short: Option<i16> = num(c, 3);
            let own: Option<i16> = num(c, 2).or(num(c, 4)).or(short.map(|y| 2000 + y));
            let year = own.or(hint);
            Some((Due::Quarter { year, quarter }, own.is_some()))
        }),
    ];
    let prot = protected(text);
    let mut best = None;
    for (re, parse) in parsers {
        for c in captures_iter(re, text) {
            let (Some(m), Some((due, full))) = (c.get(0), parse(&c, hint)) else {
                continue;
            };
            // "2026-03-01T10:00" is fine, "2026-03-011" is not a date.
            let span = m.start()..m.end() - usize::from(m.as_str().ends_with('T'));
            let keyword = KEYWORD_BEFORE.is_match(window_before(text, span.start, 40));
            // Only a complete date or quarter may stand without "due"/"by" (or a Due cell).
            let done = DONE_BEFORE.is_match(window_before(text, span.start, 30));
            if inside(&prot, span.start) || (!keyword && (!(cell || full) || done)) {
                continue;
            }
            // Prefer keyworded dates, then the earliest, then the longest.
            let key = (!keyword, span.start, usize::MAX - span.len());
            if best.as_ref().is_none_or(|(k, _, _)| key < *k) {
                best = Some((key, span, due));
            }
        }
    }
    let (_, span, due) = best?;
    // "Q4 2025 - Q1 2026", "March 1 to March 15": a range is due at its end.
    if let Some(conn) = RANGE_TO.find(&text[span.end..]) {
        let rest = span.end + conn.end();
        if let Some((f, d)) = due_impl(&text[rest..], hint, true).filter(|(f, _)| f.span.start == 0)
        {
            return Some((Found::at(text, rest..rest + f.span.end), d));
        }
    }
    Some((Found::at(text, span), due))
}

static RANGE_TO: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*(?:-{1,2}|–|—|to|until|through)\s*"));

/// Due date in an item: ISO or `2026/03/01`, `March 1, 2026`, `1st of March 2026`,
/// `Q2 2026`, `2026-Q2`; with `by`/`due`/`deadline`/`end of` before it also `Mar 1`, `March`
/// (its last day) and `Q2` (years from `year_hint`). Ambiguous `03/01/2026`, `EOW` and dates
/// after "done"/"as of"/"released" are not due dates; keyworded dates win over bare ones.
pub fn find_due(text: &str, year_hint: Option<i16>) -> Option<(Found, Due)> {
    due_impl(text, year_hint, false)
}

/// Due date from a Due-column cell: the same forms without needing a keyword.
pub fn due_from_cell(cell: &str, year_hint: Option<i16>) -> Option<(Found, Due)> {
    if is_placeholder(cell, &[]) {
        return None;
    }
    due_impl(cell, year_hint, true)
}

static REF_LINK: LazyLock<Regex> = LazyLock::new(|| re(r"\[[^\[\]\n]+\]\[[^\[\]\n]+\]"));
static ORG_REPO: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(?-u:\b)[{WORD}.-]+/[{WORD}.-]+#[0-9]+(?-u:\b)")));
static HASH: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(?:^|[^{WORD}&#/])(#[0-9]+)(?-u:\b)")));
static KEY: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?:^|[^{WORD}/.-])(([A-Z]{{2,}}[A-Z0-9_]*)-[0-9]+)(?-u:\b)"
    ))
});
static TRACKER_WORD: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)[0-9]|issue|pull|(?-u:\b)pr(?-u:\b)|ticket|bug|jira"));
// Standards, hashes, time zones and versions written like Jira keys.
const NOT_KEYS: &[&str] = &[
    "UTF", "UCS", "SHA", "MD", "ISO", "COVID", "HTTP", "HTTPS", "RFC", "CVE", "CWE", "TLS", "SSL",
    "IPV", "AES", "RSA", "SEV", "UTC", "GMT", "CET", "CEST", "EST", "EDT", "PST", "PDT", "BST",
    "IST", "JST", "AEST", "PEP", "ECMA", "IEEE", "GPT", "USB", "DDR", "WCAG", "ES", "PCI", "ANSI",
    "ASCII", "TIER", "LEVEL", "PHASE", "STEP", "TOP", "SLA", "HL",
];

/// Ticket reference: http(s) URL, `ABC-123` (not `UTF-8`, `SHA-256`, `UTC-5` …), `#123`,
/// `org/repo#123`, `[#294][issue-294]`; the earliest wins, a plain `[text][ref]` comes last.
pub fn find_ticket(text: &str) -> Option<Found> {
    let code: Vec<Range<usize>> = CODE.find_iter(text).map(|m| m.range()).collect();
    let urls: Vec<Range<usize>> = URL.find_iter(text).map(|m| m.range()).collect();
    // (span, strong); a generic "[text][ref]" link only counts when nothing better is there.
    let mut found: Vec<(Range<usize>, bool)> = Vec::new();
    for m in REF_LINK.find_iter(text) {
        found.push((m.range(), TRACKER_WORD.is_match(m.as_str())));
    }
    let hashes = captures_iter(&HASH, text).filter_map(|c| c.get(1));
    found.extend(
        ORG_REPO
            .find_iter(text)
            .chain(hashes)
            .map(|m| (m.range(), true)),
    );
    for c in captures_iter(&KEY, text) {
        let (Some(m), Some(prefix)) = (c.get(1), c.get(2)) else {
            continue;
        };
        let after = &text.as_bytes()[m.end()..];
        let version = after.len() > 1 && b".-".contains(&after[0]) && after[1].is_ascii_digit();
        if !listed(NOT_KEYS, prefix.as_str()) && !version {
            found.push((m.range(), true));
        }
    }
    // Forms inside a URL are part of it; anything in inline code is verbatim.
    found.retain(|(r, _)| !inside(&urls, r.start));
    for u in &urls {
        let s = text[u.clone()].trim_end_matches(['.', ',', ';', ':', '!', '?', '*', '_']);
        // In prose only a tracker's address is a ticket, not a runbook or a blog post.
        if TRACKER_URL.is_match(s) {
            found.push((u.start..u.start + s.len(), true));
        }
    }
    found.retain(|(r, _)| !inside(&code, r.start));
    let best = found
        .into_iter()
        .min_by_key(|(r, strong)| (!strong, r.start, usize::MAX - r.end));
    best.map(|(r, _)| Found::at(text, r))
}

// Issue trackers, pull/merge requests and their usual path shapes.
static TRACKER_URL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)/(?:issues?|pulls?|merge_requests|browse|tickets?|bugs?|tasks?|cards?|stories|story|epics?|work_?items?|backlog)(?:/|$|\?|#)|show_bug\.cgi|[/=][A-Z][A-Z0-9]+-[0-9]+(?-u:\b)|linear\.app/|atlassian\.net/|youtrack|app\.shortcut\.com|trello\.com/c/|app\.asana\.com|bugzilla|redmine|/-/(?:issues|merge_requests)/",
    )
});

/// Ticket from a Ticket-column cell: any reference form, or any URL at all.
pub fn ticket_from_cell(cell: &str) -> Option<Found> {
    if is_placeholder(cell, &[]) {
        return None;
    }
    find_ticket(cell).or_else(|| {
        let m = URL.find(cell)?;
        let s = m
            .as_str()
            .trim_end_matches(['.', ',', ';', ':', '!', '?', '*', '_']);
        Some(Found::at(cell, m.start()..m.start() + s.len()))
    })
}

static DUE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:due(?:\s+date)?|deadline|eta|target\s+date)[*_]*(\s*[:=])?[*_]*\s*([^\s,;()\[\]|]+(?:\s+[^\s,;()\[\]|]+)?)",
    )
});

/// A due label whose value is not a date: "due: TBD", "ETA ?", "deadline: next sprint".
/// The span covers label and value.
pub fn due_label_placeholder(text: &str) -> Option<Found> {
    for c in DUE_LABEL.captures_iter(text) {
        let (Some(m), Some(value)) = (c.get(0), c.get(2)) else {
            continue;
        };
        let colon = c.get(1).is_some();
        let one = value.as_str().split_whitespace().next().unwrap_or("");
        let candidates = [
            (norm(value.as_str()), value.end()),
            (norm(one), value.start() + one.len()),
        ];
        for (v, end) in candidates {
            let punct = !v.chars().any(char::is_alphanumeric);
            if DATA.due_placeholders.contains(&v) || (colon && punct) {
                return Some(Found::at(text, m.start()..end));
            }
        }
    }
    None
}

const PRIO: &str =
    r"(?:high|medium|low)\s+prio(?:rity)?|p[0-4]|critical|urgent|blocker|high|medium|med|low";
static PRIO_START: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^\s*(?:\[[ xX]\]\s*)?(?:(?i:[*_]{{1,2}}\s*({PRIO})\s*[*_]{{1,2}}|\[({PRIO})\]|\(({PRIO})\)|({PRIO})\s*[:\-–—]\s|(p[0-4])(?-u:\b))|(CRITICAL|URGENT|HIGH|MEDIUM|LOW)\s)"
    ))
});
static PRIO_ANY: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?-u:\b)prio(?:rity)?[*_]*\s*[:=]\s*[*_]*\s*({PRIO}|[0-9])(?-u:\b)|[\[(](p[0-4]|(?:high|medium|low)\s+prio(?:rity)?)[\])]"
    ))
});

/// Priority tag: at the start `**HIGH**`, `P1`, `[P2]`, `(high)`, `Low:`; anywhere
/// `Priority: medium` or a bracketed `[P1]`. The span covers the value only.
pub fn find_priority(text: &str) -> Option<Found> {
    let c = PRIO_START
        .captures(text)
        .or_else(|| PRIO_ANY.captures(text))?;
    let m = c.iter().skip(1).flatten().next()?;
    Some(Found::at(text, m.range()))
}

/// Compile this module's regexes now (see `engine::warm_up_in_background`).
pub(crate) fn warm_up() {
    LazyLock::force(&DATA);
    for re in [
        &URL,
        &CODE,
        &LABEL,
        &VALUE_CUT,
        &NOT_NAME_PART,
        &NAME_PREFIX,
        &TEAM_PREFIX,
        &HANDLES,
        &BRACKET,
        &PAREN_TAIL,
        &SEP_TAIL,
        &STATUS_WORD,
        &ISO,
        &NUMERIC,
        &MONTH_DAY,
        &MONTH,
        &QUARTER,
        &KEYWORD_BEFORE,
        &DONE_BEFORE,
        &RANGE_TO,
        &REF_LINK,
        &ORG_REPO,
        &HASH,
        &KEY,
        &TRACKER_WORD,
        &TRACKER_URL,
        &DUE_LABEL,
        &PRIO_START,
        &PRIO_ANY,
    ] {
        LazyLock::force(re);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows of "input => expected" (expected "-" means None); blank lines are skipped.
    fn rows(table: &str) -> impl Iterator<Item = (&str, Option<&str>)> {
        table.lines().filter(|l| !l.trim().is_empty()).map(|l| {
            let (input, want) = l.trim().rsplit_once(" => ").unwrap_or((l.trim(), "-"));
            (input, Some(want).filter(|w| *w != "-"))
        })
    }

    /// Checks the span against the text and returns the text.
    fn text_of(input: &str, f: Found) -> String {
        assert_eq!(&input[f.span.clone()], f.text, "span in {input:?}");
        f.text
    }

    fn day(y: i16, m: i8, d: i8) -> Option<Due> {
        Some(Due::Date(jiff::civil::date(y, m, d)))
    }

    #[test]
    fn columns() {
        use Column::*;
        let cases = [
            (
                Action,
                "Action|**Action Item**|Task|What|Follow-up|Remediation:|Issue description",
            ),
            (
                Owner,
                "Owner(s)|Assigned to|DRI|Who|Action owner|Team|Responsible",
            ),
            (Due, "Due date|Target date|ETA|By|When|Deadline"),
            (Ticket, "Ticket|Jira|PR|Tracking issue|Link|Bug"),
            (Priority, "Prio|Priority|Severity"),
            (Type, "Kind|Category|Type"),
            (Status, "State|Done|Completed|Status"),
        ];
        for (col, headers) in cases {
            for h in headers.split('|') {
                assert_eq!(classify_column(h), Some(col), "{h}");
            }
        }
        assert_eq!(classify_column("Notes"), None);
    }

    #[test]
    fn placeholders() {
        let all = "TBD|tba|TBC.|?|??|N/A|NA|-|—|–|none|Nobody|unassigned|owner|Owner name|<owner>\
            |[owner]|@owner|someone||  |**TBD**|Owner(s)";
        for p in all.split('|') {
            assert!(is_placeholder(p, &[]), "{p:?}");
        }
        for p in ["Ana", "@ana", "SRE team", "Chris F"] {
            assert!(!is_placeholder(p, &[]), "{p:?}");
        }
        assert!(is_placeholder("*Nadie*", &["nadie".to_string()]));
    }

    #[test]
    fn owners() {
        let table = "
            **HIGH** Add alert — @ana, due 2026-03-01, OPS-12 => @ana
            Ping @ana and @bob-x => @ana and @bob-x
            Añadir “alerta” für Größe — @ana => @ana
            Add alert (owner: Jane Doe) => Jane Doe
            Add alert. **Owner:** Ana => Ana
            owners: Ana, Bob, due 2026-01-01 => Ana, Bob
            Add test; assignee: @bob => @bob
            Add test, assigned to Chris F => Chris F
            Write runbook. DRI: ana => ana
            Write runbook, who: Li Wei => Li Wei
            Fix the health check (Chris F) => Chris F
            Fix the health check (@ana). => @ana
            Fix the health check (Jane Doe) [done] => Jane Doe
            Make the process official [IBG] => IBG
            Move incident reports to the team manual [DB] => DB
            Add a healthcheck [CF to write story] => CF
            Create a channel (#ops-incident) [IBG] [done] => IBG
            Write the runbook : Chris F => Chris F
            Write the runbook -- Jane Doe => Jane Doe
            Write the runbook — Ana => Ana
            Write the runbook - @ana => @ana
            Write the runbook — Jane Doe, due 2026-03-01 => Jane Doe
            Rotate keys @acme/sre => team:@acme/sre
            Add alert, owner: SRE team => team:SRE team
            Add dashboard, owned by the platform team => team:the platform team
            Mail ana@example.com about the alert
            Read https://medium.com/@ana/post and https://x.io/?u=@bob
            Use the `@retry` decorator on the client
            Notify @here when the job fails
            Bump `@posthog/ai`@7.1.2 and `left-pad`@1.0
            2021-08-24: Released [v1.10.8](https://x.io/v1.10.8)
            12:18 UTC – Another [message](https://x.io/1) was sent
            Ask the service owner about the alert
            Alerts assigned to the wrong queue
            Find out who restarted the pod
            Update CODEOWNERS: add the db folder
            Move flag requests out of the monolith (Q2 2024)
            Stop retrying flag requests (already released)
            Add a flag (optional)
            Add a flag (Optional)
            Fix the client (#123)
            Tune the dashboards (Grafana Cloud)
            Move the database — Cloud SQL
            Tune timeouts (see below)
            Email everybody when the site goes down (DONE)
            Turn actions back on. **(Done as of 2021-06-30)**
            Write a small guide [20m] for incident response
            Rotate keys [AWS]
            Link the [API](https://x.io) docs
            Pick option (A)
            Work with the ops team to fund GitHub
            Upgrade Traefik to v2.5 where the bug is fixed
            Refactor NUnit -> XUnit tests
            **Circuit breaker**: Adding circuit breakers with backoff
            **Retries**: Kubernetes
            Add alert. Priority: High
            Add alert - Status: Done
            Ship it — https://github.com/o/r/pull/34
            Write the runbook — TBD
            Upgrade nodes - Kubernetes and Helm then restart them
        ";
        for (input, want) in rows(table) {
            let got = find_owner(input, &[]).map(|o| (o.team, text_of(input, o.found)));
            let want = want.map(|w| w.strip_prefix("team:").map_or((false, w), |t| (true, t)));
            assert_eq!(got, want.map(|(team, w)| (team, w.to_string())), "{input}");
        }
    }

    #[test]
    fn team_cells() {
        for c in [
            "Shared",
            "SRE",
            "ops",
            "Team Platform",
            "Platform team",
            "On-call",
        ] {
            assert!(owner_from_cell(c, &[]).is_some_and(|o| o.team), "{c}");
        }
    }

    #[test]
    fn owner_placeholders() {
        let table = "
            Add alert, owner: TBD => owner: TBD
            Add alert (owner: ?) => owner: ?
            Add alert; assignee: none => assignee: none
            Add alert — owner TBD, @ana to review => owner TBD
            Add alert **Owner:** [owner] => Owner:
            Add alert, owner: Ana
            Ask the service owner about the alert
        ";
        for (input, want) in rows(table) {
            let got = owner_label_placeholder(input, &[]).map(|f| text_of(input, f));
            assert_eq!(got.as_deref(), want, "{input}");
            if want.is_some() {
                assert_eq!(find_owner(input, &[]), None, "{input}");
            }
        }
        let extra = ["nadie".to_string()];
        assert_eq!(find_owner("Añadir alerta, owner: nadie", &extra), None);
        assert!(owner_label_placeholder("Añadir alerta, owner: nadie", &extra).is_some());
    }

    #[test]
    fn owner_cells() {
        let o = owner_from_cell(" **@ana** ", &[]).map(|o| (o.found, o.team));
        assert_eq!(
            o,
            Some((
                Found {
                    text: "@ana".into(),
                    span: 3..7
                },
                false
            ))
        );
        assert!(owner_from_cell("Jane Doe", &[]).is_some_and(|o| !o.team));
        for c in ["", "TBD", "-", "n/a", "?"] {
            assert_eq!(owner_from_cell(c, &[]), None, "{c:?}");
        }
    }

    #[test]
    fn due_dates() {
        let table = "
            Add alert, by 2026-03-01 => 2026-03-01
            Add alert due 2026/03/01. => 2026/03/01
            Add alert 2026-03-01 => 2026-03-01
            Add alert, due March 1, 2026 => March 1, 2026
            Add alert (1st of March 2026) => 1st of March 2026
            Add alert 31/01/2026 => 31/01/2026
            Añadir “alerta” — due 2026-03-01 => 2026-03-01
            Released 2026-01-05 hotfix; merged config, due 2026-03-01 => 2026-03-01
            Move flags out (Q2 2024) => Q2 2024
            Add alert, due: Mar 1
            Add alert by EOW
            Add alert 03/01/2026
            Add alert 2026-02-30
            Turn actions back on. **(Done as of 2021-06-30)**
            Upgrade Traefik to v2.5 now
            Read https://x.io/2021-06-29-notes first
            Run `date -d 2026-03-01` in CI
            Decide on Q2 plans
            It may 5 times fail
            Market the March release
        ";
        for (input, want) in rows(table) {
            let got = find_due(input, None).map(|(f, _)| text_of(input, f));
            assert_eq!(got.as_deref(), want, "{input}");
        }
        let d = |t, hint| find_due(t, hint).map(|d| d.1);
        let q = |year, quarter| Some(Due::Quarter { year, quarter });
        assert_eq!(d("Add alert, due March 1, 2026", None), day(2026, 3, 1));
        assert_eq!(d("Add alert 31/01/2026", None), day(2026, 1, 31));
        assert_eq!(d("Add alert, due: Mar 1", Some(2026)), day(2026, 3, 1));
        assert_eq!(
            d("Add alert by the end of March", Some(2026)),
            day(2026, 3, 31)
        );
        assert_eq!(d("Add alert by end of Q2", None), q(None, 2));
        assert_eq!(d("Add alert by end of Q2", Some(2026)), q(Some(2026), 2));
        assert_eq!(d("Move flags out (Q2 2024)", Some(2026)), q(Some(2024), 2));
        assert_eq!(d("Ship it in 2026-Q3", None), q(Some(2026), 3));
        assert_eq!(d("Ship it, Q4'25", None), q(Some(2025), 4));
    }

    #[test]
    fn due_cells() {
        let c = |t, h| due_from_cell(t, h).map(|d| (d.0.text, d.1));
        assert_eq!(
            c("Mar 1", Some(2026)),
            Some(("Mar 1".into(), day(2026, 3, 1).unwrap()))
        );
        assert_eq!(c("**2026-04-15**", None).map(|d| d.1), day(2026, 4, 15));
        let q = Due::Quarter {
            year: Some(2026),
            quarter: 3,
        };
        assert_eq!(c("Q3", Some(2026)).map(|d| d.1), Some(q));
        for t in ["TBD", "-", "", "ASAP", "next sprint"] {
            assert_eq!(c(t, Some(2026)), None, "{t:?}");
        }
    }

    #[test]
    fn tickets() {
        let table = "
            See https://github.com/o/r/issues/39133. => https://github.com/o/r/issues/39133
            Handle errors [Issue](https://github.com/o/r/issues/131) => https://github.com/o/r/issues/131
            Add alert, OPS-12 => OPS-12
            Add alert (GH-12) => GH-12
            #2127 => #2127
            Fix it in 2i2c-org/infrastructure#12 => 2i2c-org/infrastructure#12
            Document how to build manually ([#294][issue-294]). => [#294][issue-294]
            Document the build ([notes][build-notes]). => [notes][build-notes]
            Größe prüfen — OPS-7 => OPS-7
            Use UTF-8 and SHA-256 hashes
            Store ISO-8601 timestamps
            Remote work during COVID-19
            Enable HTTP-2 on the proxy
            Page in UTC-5 hours
            Set up ADSync-CI-2 pipelines
            Escape &#123; in templates
            Run `OPS-12` locally
            Upgrade Traefik to v2.5
        ";
        for (input, want) in rows(table) {
            let got = find_ticket(input).map(|f| text_of(input, f));
            assert_eq!(got.as_deref(), want, "{input}");
        }
    }

    #[test]
    fn priorities() {
        let table = "
            **HIGH** Include downloads in the smoke test => HIGH
            P1 Add alert => P1
            [P2] Add alert => P2
            (high) Add alert => high
            Add alert. Priority: medium => medium
            Add alert [P0] => P0
            HIGH Add alert => HIGH
            Low: tidy dashboards => Low
            Low-latency path for reads
            Highlight errors
            Add p2p checks
        ";
        for (input, want) in rows(table) {
            let got = find_priority(input).map(|f| text_of(input, f));
            assert_eq!(got.as_deref(), want, "{input}");
        }
    }
}
