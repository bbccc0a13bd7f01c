//! Incident metrics from a document's timeline: when impact started and when the problem
//! was detected, acknowledged, mitigated and resolved, the times between them, and the
//! "Time to detection: N minutes" statements some teams write, cross-checked.

use std::sync::LazyLock;

use regex::Regex;
use serde::ser::{Serialize, SerializeMap, SerializeStruct, Serializer};

use crate::document::Document;
use crate::timeline::milestones::{self, Milestone};
use crate::timeline::{self, Entry, Timeline, When};

/// A milestone found in the timeline.
#[derive(Debug, Clone)]
pub struct Point {
    pub milestone: Milestone,
    /// 1-based line of the entry.
    pub line: usize,
    pub when: When,
    /// Impact start taken from the first entry because no entry says so.
    pub inferred: bool,
}

/// The times a review measures, in minutes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Durations {
    /// Detection − impact start.
    pub detect: Option<i64>,
    /// Acknowledgement − detection.
    pub acknowledge: Option<i64>,
    /// Mitigation − impact start.
    pub mitigate: Option<i64>,
    /// Resolution − impact start.
    pub resolve: Option<i64>,
}

impl Durations {
    /// Each duration with its JSON key and its short label.
    pub fn fields(&self) -> [(&'static str, &'static str, Option<i64>); 4] {
        [
            ("time_to_detect_minutes", "TTD", self.detect),
            ("time_to_acknowledge_minutes", "TTA", self.acknowledge),
            ("time_to_mitigate_minutes", "TTM", self.mitigate),
            ("time_to_resolve_minutes", "TTR", self.resolve),
        ]
    }
}

#[derive(Debug, Clone, Default)]
pub struct Metrics {
    /// Timeline entries, and those with a resolved time of day.
    pub entries: usize,
    pub timed_entries: usize,
    /// The zone of the first timed entry.
    pub zone: Option<String>,
    pub milestones: Vec<Point>,
    pub computed: Durations,
    /// From the first to the last timed entry, in minutes.
    pub duration: Option<i64>,
    /// What the document itself states ("Time to detection: 60 minutes").
    pub stated: Durations,
}

impl Metrics {
    pub fn point(&self, m: Milestone) -> Option<&Point> {
        self.milestones.iter().find(|p| p.milestone == m)
    }

    /// Durations stated in the document that differ from the timeline's by more than a
    /// minute, as their JSON keys.
    pub fn mismatches(&self) -> Vec<&'static str> {
        self.stated
            .fields()
            .iter()
            .zip(self.computed.fields())
            .filter_map(|((key, _, stated), (_, _, computed))| {
                ((*stated)?.abs_diff(computed?) > 1).then_some(*key)
            })
            .collect()
    }
}

// The JSON objects print their keys in alphabetical order: the order the format had when
// they were built as `serde_json::Value` maps, which sort their keys (the format is stable).

impl Serialize for Metrics {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut o = s.serialize_struct("Metrics", 11)?;
        o.serialize_field("duration_minutes", &self.duration)?;
        o.serialize_field("entries", &self.entries)?;
        o.serialize_field("milestones", &MilestonesJson(self))?;
        o.serialize_field("mismatches", &self.mismatches())?;
        o.serialize_field("stated", &StatedJson(&self.stated))?;
        let c = &self.computed;
        o.serialize_field("time_to_acknowledge_minutes", &c.acknowledge)?;
        o.serialize_field("time_to_detect_minutes", &c.detect)?;
        o.serialize_field("time_to_mitigate_minutes", &c.mitigate)?;
        o.serialize_field("time_to_resolve_minutes", &c.resolve)?;
        o.serialize_field("timed_entries", &self.timed_entries)?;
        o.serialize_field("timezone", &self.zone)?;
        o.end()
    }
}

/// Every milestone by its key: the point found, or null.
struct MilestonesJson<'a>(&'a Metrics);

impl Serialize for MilestonesJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut all = Milestone::ALL;
        all.sort_by_key(|m| m.key());
        let mut o = s.serialize_map(Some(all.len()))?;
        for m in all {
            o.serialize_entry(m.key(), &self.0.point(m))?;
        }
        o.end()
    }
}

impl Serialize for Point {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let w = &self.when;
        let mut o = s.serialize_struct("Point", 5)?;
        o.serialize_field("date", &w.dated.then_some(super::Shown(w.date)))?;
        o.serialize_field("inferred", &self.inferred)?;
        o.serialize_field("line", &self.line)?;
        o.serialize_field("time", &w.time.map(|t| super::Shown(t.strftime("%H:%M"))))?;
        o.serialize_field("zone", &w.zone.as_ref().map(timeline::zone_name))?;
        o.end()
    }
}

/// The durations the document states, by key; those it does not state are left out.
struct StatedJson<'a>(&'a Durations);

impl Serialize for StatedJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut stated = self.0.fields();
        stated.sort_by_key(|(key, _, _)| *key);
        let count = stated.iter().filter(|(_, _, v)| v.is_some()).count();
        let mut o = s.serialize_map(Some(count))?;
        for (key, _, v) in stated {
            if let Some(v) = v {
                o.serialize_entry(key, &v)?;
            }
        }
        o.end()
    }
}

/// The metrics of one parsed document.
pub fn metrics(doc: &Document, tl: &Timeline) -> Metrics {
    let line = |e: &Entry| doc.source.line_col(e.time_span.start).line;
    let timed: Vec<(&Entry, &When)> = tl
        .entries
        .iter()
        .filter_map(|e| Some((e, e.when.as_ref()?)))
        .filter(|(_, w)| w.time.is_some())
        .collect();
    let mut m = Metrics {
        entries: tl.entries.len(),
        timed_entries: timed.len(),
        zone: timed
            .iter()
            .find_map(|(_, w)| w.zone.as_ref().map(timeline::zone_name)),
        stated: stated(doc),
        ..Metrics::default()
    };
    // Matching milestone phrases is most of the cost: each entry's description is made
    // and split into words once, and an entry is only asked about the milestones still
    // looked for.
    let dated: Vec<(&Entry, &When)> = tl
        .entries
        .iter()
        .filter_map(|e| Some((e, e.when.as_ref()?)))
        .collect();
    let mut descriptions: Vec<Option<milestones::Description>> =
        dated.iter().map(|_| None).collect();
    let mut names = |i: usize, ms: Milestone| {
        descriptions[i]
            .get_or_insert_with(|| milestones::Description::of(doc, dated[i].0))
            .names(ms)
    };
    let start = (0..dated.len())
        .find(|&i| names(i, Milestone::ImpactStart))
        .map(|i| (dated[i].0, dated[i].1, false))
        .or_else(|| timed.first().map(|(e, w)| (*e, *w, true)));
    let Some((start_entry, start_when, inferred)) = start else {
        return m;
    };
    m.milestones.push(Point {
        milestone: Milestone::ImpactStart,
        line: line(start_entry),
        when: start_when.clone(),
        inferred,
    });
    // The other milestones: the first entry naming each, not before impact started.
    let mut found: [Option<usize>; 4] = [None; 4];
    for (i, (_, w)) in dated.iter().enumerate() {
        if found.iter().all(Option::is_some) {
            break;
        }
        if timeline::compare(w, start_when) == Some(std::cmp::Ordering::Less) {
            continue;
        }
        for (slot, ms) in found.iter_mut().zip(&Milestone::ALL[1..]) {
            if slot.is_none() && names(i, *ms) {
                *slot = Some(i);
            }
        }
    }
    for (slot, ms) in found.iter().zip(&Milestone::ALL[1..]) {
        if let Some(i) = *slot {
            m.milestones.push(Point {
                milestone: *ms,
                line: line(dated[i].0),
                when: dated[i].1.clone(),
                inferred: false,
            });
        }
    }
    let at = |ms: Milestone| m.point(ms).map(|p| p.when.clone());
    let between =
        |a: Option<When>, b: Option<When>| timeline::minutes_between(&a?, &b?).filter(|d| *d >= 0);
    let start = at(Milestone::ImpactStart);
    m.computed = Durations {
        detect: between(start.clone(), at(Milestone::Detection)),
        acknowledge: between(at(Milestone::Detection), at(Milestone::Acknowledgement)),
        mitigate: between(start.clone(), at(Milestone::Mitigation)),
        resolve: between(start, at(Milestone::Resolution)),
    };
    let whens: Vec<&When> = timed.iter().map(|(_, w)| *w).collect();
    let earliest = extreme(&whens, std::cmp::Ordering::Less);
    let latest = extreme(&whens, std::cmp::Ordering::Greater);
    m.duration = between(earliest.cloned(), latest.cloned());
    m
}

/// The earliest (`Less`) or latest (`Greater`) of comparable points.
fn extreme<'a>(whens: &[&'a When], want: std::cmp::Ordering) -> Option<&'a When> {
    let mut best: Option<&When> = None;
    for w in whens {
        match best {
            Some(b) if timeline::compare(w, b) != Some(want) => {}
            _ => best = Some(w),
        }
    }
    best
}

// ASCII `\b` and `[0-9]`: Unicode word boundaries and digit classes made this one regex
// cost 3 ms to compile at every start-up; the phrases and numbers it reads are ASCII.
static STATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        (?-u:\b)(?: (?:mean\s+)?time\s+to\s+
              (?P<what>detect(?:ion)?|acknowledge?(?:ment)?|mitigat(?:e|ion)|resol(?:ve|ution)|recover(?:y)?|restor(?:e|ation)|repair)
            | m?tt(?P<abbr>[damr]) )
        (?-u:\b) [^\n0-9]{0,24}?
        (?P<n>[0-9]{1,5}(?:\.[0-9]+)?) \s* (?P<unit>d(?:ays?)?|h(?:ours?|rs?)?|m(?:in(?:ute)?s?)?)(?-u:\b)
        (?: ,?\s*(?:and\s+)? (?P<n2>[0-9]{1,2}) \s* (?:m(?:in(?:ute)?s?)?)(?-u:\b) )?",
    )
    .expect("static regex")
});

/// "Time to detection: 60 minutes", "Time to recovery: 4 hours", "TTD: 25m", in prose.
pub fn stated(doc: &Document) -> Durations {
    let mut d = Durations::default();
    for c in STATED.captures_iter(&doc.prose) {
        let kind = match (c.name("what"), c.name("abbr")) {
            (Some(w), _) => w.as_str().to_ascii_lowercase()[..3].to_string(),
            (None, Some(a)) => a.as_str().to_ascii_lowercase(),
            _ => continue,
        };
        let Some(n) = c.name("n").and_then(|n| n.as_str().parse::<f64>().ok()) else {
            continue;
        };
        let unit = c.name("unit").map_or("m", |u| u.as_str());
        let scale = match unit.chars().next().map(|ch| ch.to_ascii_lowercase()) {
            Some('d') => 1440.0,
            Some('h') => 60.0,
            _ => 1.0,
        };
        let extra = c
            .name("n2")
            .and_then(|n| n.as_str().parse::<f64>().ok())
            .unwrap_or(0.0);
        let minutes = Some((n * scale + extra).round() as i64);
        let slot = match kind.as_str() {
            "det" | "d" => &mut d.detect,
            "ack" | "a" => &mut d.acknowledge,
            "mit" | "m" => &mut d.mitigate,
            "res" | "rec" | "rep" | "r" => &mut d.resolve,
            _ => continue,
        };
        if slot.is_none() {
            *slot = minutes;
        }
    }
    d
}

/// Minutes as reviews quote them: "25m", "220m"; a day or more as "1d2h".
pub fn format_minutes(m: i64) -> String {
    if m < 1440 {
        format!("{m}m")
    } else {
        format!("{}d{}h", m / 1440, (m % 1440) / 60)
    }
}

fn show_when(w: &When) -> String {
    let time = w
        .time
        .map_or(String::new(), |t| t.strftime("%H:%M").to_string());
    let date = if w.dated {
        w.date.to_string()
    } else {
        String::new()
    };
    let zone = w.zone.as_ref().map(timeline::zone_name).unwrap_or_default();
    [date, time, zone]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Rows of cells as a left-aligned text table (numbers right-aligned), two spaces apart.
fn table(rows: &[Vec<String>], indent: &str) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let width: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for r in rows {
        let mut line = indent.to_string();
        for (c, cell) in r.iter().enumerate() {
            let pad = width[c].saturating_sub(cell.chars().count());
            let numeric = c > 0 && cell.starts_with(|ch: char| ch.is_ascii_digit() || ch == '-');
            if numeric {
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&" ".repeat(pad));
            }
            line.push_str("  ");
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn or_dash(v: Option<i64>) -> String {
    v.map_or("-".into(), format_minutes)
}

/// One document: its milestones (a table) and the durations between them.
pub fn render_document(path: &str, m: &Metrics) -> String {
    if m.entries == 0 {
        return format!("{path}: no timeline entries\n");
    }
    let zone = m
        .zone
        .as_deref()
        .map_or(String::new(), |z| format!(", {z}"));
    let mut out = format!(
        "{path}: {} timeline entries, {} with a time{zone}\n",
        m.entries, m.timed_entries
    );
    let mut rows = vec![vec!["milestone".to_string(), "when".into(), "line".into()]];
    for ms in Milestone::ALL {
        rows.push(match m.point(ms) {
            Some(p) => {
                let note = if p.inferred { " (first entry)" } else { "" };
                vec![
                    ms.label().to_string(),
                    format!("{}{note}", show_when(&p.when)),
                    p.line.to_string(),
                ]
            }
            None => vec![ms.label().to_string(), "not found".into(), String::new()],
        });
    }
    out.push_str(&table(&rows, "  "));
    let computed: Vec<String> = m
        .computed
        .fields()
        .iter()
        .filter_map(|(_, label, v)| Some(format!("{label} {}", format_minutes((*v)?))))
        .collect();
    let mut summary = computed.join(", ");
    if let Some(d) = m.duration {
        if !summary.is_empty() {
            summary.push_str("; ");
        }
        summary.push_str(&format!("timeline spans {}", format_minutes(d)));
    }
    if !summary.is_empty() {
        out.push_str(&format!("  {summary}\n"));
    }
    let mismatches = m.mismatches();
    let stated: Vec<String> = m
        .stated
        .fields()
        .iter()
        .filter_map(|(key, label, v)| {
            let v = (*v)?;
            let verdict = if mismatches.contains(key) {
                " (the timeline gives a different value)"
            } else {
                ""
            };
            Some(format!("{label} {}{verdict}", format_minutes(v)))
        })
        .collect();
    if !stated.is_empty() {
        out.push_str(&format!(
            "  stated in the document: {}\n",
            stated.join(", ")
        ));
    }
    out
}

/// All documents in one table, then the medians and how many documents have each value.
pub fn render_table(docs: &[(&str, &Metrics)]) -> String {
    let mut rows = vec![
        ["document", "entries", "TTD", "TTA", "TTM", "TTR", "span"]
            .map(String::from)
            .to_vec(),
    ];
    for (path, m) in docs {
        let mut row = vec![path.to_string(), m.entries.to_string()];
        row.extend(m.computed.fields().iter().map(|(_, _, v)| or_dash(*v)));
        row.push(or_dash(m.duration));
        rows.push(row);
    }
    let column = |i: usize| -> Vec<i64> {
        docs.iter()
            .filter_map(|(_, m)| match i {
                4 => m.duration,
                i => m.computed.fields()[i].2,
            })
            .collect()
    };
    let entries: usize = docs.iter().map(|(_, m)| m.entries).sum();
    let with_timeline = docs.iter().filter(|(_, m)| m.entries > 0).count();
    let mut median_row = vec!["median".to_string(), String::new()];
    let mut count_row = vec![
        "documents with a value".to_string(),
        with_timeline.to_string(),
    ];
    for i in 0..5 {
        let mut values = column(i);
        count_row.push(values.len().to_string());
        median_row.push(or_dash(median(&mut values)));
    }
    rows.push(median_row);
    rows.push(count_row);
    let mut out = String::from(
        "Timeline metrics: TTD time to detect, TTM to mitigate, TTR to resolve (from impact \
         start); TTA time to acknowledge (from detection); span from the first to the last \
         timed entry\n",
    );
    out.push_str(&table(&rows, ""));
    out.push_str(&format!(
        "{} documents, {with_timeline} with a timeline, {entries} timeline entries\n",
        docs.len()
    ));
    out
}

/// The median of some values (the mean of the middle two for an even count).
pub fn median(values: &mut [i64]) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let n = values.len();
    Some(if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SourceFile;
    use crate::document::{SectionCatalog, markdown};

    fn metrics_of(md: &str) -> Metrics {
        let src = SourceFile::new("t.md", md);
        let doc = markdown::parse(&src, SectionCatalog::builtin());
        metrics(&doc, &timeline::analyse(&doc))
    }

    #[test]
    fn durations_from_milestone_entries() {
        let m = metrics_of(
            "# X\n\n## Timeline\n\nAll times are UTC.\n\n\
             | Time | Event |\n|---|---|\n\
             | 13:40 | Deploy promoted; impact starts |\n\
             | 14:05 | Latency alert fired; on-call paged |\n\
             | 14:09 | Page acknowledged |\n\
             | 14:40 | Rolled back; mitigated |\n\
             | 14:52 | Back to normal; resolved |\n\
             | 15:30 | Status page updated |\n",
        );
        assert_eq!(
            m.computed,
            Durations {
                detect: Some(25),
                acknowledge: Some(4),
                mitigate: Some(60),
                resolve: Some(72)
            }
        );
        assert_eq!(m.duration, Some(110));
        assert_eq!(m.point(Milestone::Detection).map(|p| p.line), Some(10));
        assert!(!m.point(Milestone::ImpactStart).is_some_and(|p| p.inferred));
    }

    #[test]
    fn impact_start_defaults_to_the_first_entry_and_past_midnight_counts() {
        let m = metrics_of(
            "# X\n\n## Timeline (UTC)\n\n- 23:30 queue grows\n- 23:50 alert fired\n\
             - 00:20 rolled back\n- 01:10 resolved\n",
        );
        let start = m.point(Milestone::ImpactStart).expect("impact start");
        assert!(start.inferred);
        assert_eq!(
            (m.computed.detect, m.computed.mitigate, m.computed.resolve),
            (Some(20), Some(50), Some(100))
        );
    }

    #[test]
    fn stated_durations_are_read_and_cross_checked() {
        let m = metrics_of(
            "# X\n\n## Timeline (UTC)\n\n- 10:00 impact starts\n- 10:05 alert fired\n\
             - 11:00 resolved\n\n## Stats\n\n- Time to detection: 5 minutes\n\
             - Time to recovery: 2 hours\n- TTA: 3m\n",
        );
        assert_eq!(m.stated.detect, Some(5));
        assert_eq!(m.stated.resolve, Some(120));
        assert_eq!(m.stated.acknowledge, Some(3));
        assert_eq!(m.mismatches(), ["time_to_resolve_minutes"]);
    }

    #[test]
    fn formats_and_medians() {
        assert_eq!(format_minutes(25), "25m");
        assert_eq!(format_minutes(220), "220m");
        assert_eq!(format_minutes(3000), "2d2h");
        assert_eq!(median(&mut [72, 25, 60]), Some(60));
        assert_eq!(median(&mut [10, 20]), Some(15));
        assert_eq!(median(&mut []), None);
    }
}
