//! `pmlint stats`: numbers about post-mortems, per document and across documents. Each
//! part (timeline metrics in `timeline.rs`; others may follow) gives a JSON object per
//! document, a summary across documents and a section of the human report.

use serde::Serialize;
use serde_json::{Value, json};

use crate::config::Settings;
use crate::document::{Document, action_items, markdown};
use crate::source::SourceFile;

pub mod actions;
pub mod timeline;

/// Everything `pmlint stats` knows about one document.
#[derive(Debug, Clone)]
pub struct DocumentStats {
    pub path: String,
    pub timeline: timeline::Metrics,
    pub actions: actions::Actions,
}

/// Parse `source` with the settings' section names and measure it.
pub fn of_source(path: &str, source: &SourceFile, settings: &Settings) -> DocumentStats {
    let doc = markdown::parse(source, &settings.catalog);
    of_document(path, &doc, settings)
}

/// `settings` give the owner placeholders and the day that decides what is past due.
pub fn of_document(path: &str, doc: &Document, settings: &Settings) -> DocumentStats {
    let tl = crate::timeline::analyse(doc);
    let items = action_items::extract(doc, &settings.owner_placeholders);
    of_parts(path, doc, &tl, &items, settings)
}

/// [`of_document`] from the timeline and action items the rules already analysed.
pub fn of_context(path: &str, cx: &crate::rules::Context) -> DocumentStats {
    of_parts(
        path,
        cx.doc(),
        cx.timeline(),
        cx.action_items(),
        cx.settings,
    )
}

fn of_parts(
    path: &str,
    doc: &Document,
    tl: &crate::timeline::Timeline,
    items: &[action_items::ActionItem],
    settings: &Settings,
) -> DocumentStats {
    let today = settings
        .today
        .unwrap_or_else(|| jiff::ZonedDateTime::now().date());
    DocumentStats {
        path: path.to_string(),
        timeline: timeline::metrics(doc, tl),
        actions: actions::actions(doc, items, today),
    }
}

/// The per-document metrics object of `pmlint stats --format json`, also included in
/// `pmlint check --format json` under `documents`: one key per part.
pub fn document_json(d: &DocumentStats) -> DocumentJson<'_> {
    DocumentJson {
        actions: &d.actions,
        timeline: &d.timeline,
    }
}

// The JSON objects print their keys in alphabetical order: the order the format had when
// they were built as `serde_json::Value` maps, which sort their keys (the format is stable).

/// See [`document_json`].
#[derive(Serialize)]
pub struct DocumentJson<'a> {
    actions: &'a actions::Actions,
    timeline: &'a timeline::Metrics,
}

/// An element of the `documents` array: a path and its document's metrics.
#[derive(Serialize)]
pub struct DocumentEntry<'a> {
    pub metrics: DocumentJson<'a>,
    pub path: &'a str,
}

#[derive(Serialize)]
struct ErrorEntry<'a> {
    message: &'a str,
    path: &'a str,
}

/// The whole `pmlint stats --format json` report.
#[derive(Serialize)]
struct Report<'a> {
    documents: Vec<DocumentEntry<'a>>,
    errors: Vec<ErrorEntry<'a>>,
    summary: Value,
    version: u32,
}

/// A value serialised as the string it displays as, without a `String` of its own.
struct Shown<T>(T);

impl<T: std::fmt::Display> Serialize for Shown<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

/// `pmlint stats --format json`.
pub fn render_json(docs: &[DocumentStats], errors: &[(String, String)]) -> String {
    let report = Report {
        documents: docs
            .iter()
            .map(|d| DocumentEntry {
                metrics: document_json(d),
                path: &d.path,
            })
            .collect(),
        errors: errors
            .iter()
            .map(|(path, message)| ErrorEntry { message, path })
            .collect(),
        summary: json!({
            "documents": docs.len(),
            "timeline": summary_json(docs),
            "actions": actions::summary_json(&docs.iter().map(|d| &d.actions).collect::<Vec<_>>()),
        }),
        version: 1,
    };
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_else(|_| "{}".into());
    text.push('\n');
    text
}

/// Totals and medians of the timeline metrics across documents.
fn summary_json(docs: &[DocumentStats]) -> Value {
    let with_timeline = docs.iter().filter(|d| d.timeline.entries > 0).count();
    let entries: usize = docs.iter().map(|d| d.timeline.entries).sum();
    let mut medians = serde_json::Map::new();
    let mut counts = serde_json::Map::new();
    for (i, (key, _, _)) in timeline::Durations::default().fields().iter().enumerate() {
        let mut values: Vec<i64> = docs
            .iter()
            .filter_map(|d| d.timeline.computed.fields()[i].2)
            .collect();
        counts.insert((*key).into(), json!(values.len()));
        medians.insert((*key).into(), json!(timeline::median(&mut values)));
    }
    let mut durations: Vec<i64> = docs.iter().filter_map(|d| d.timeline.duration).collect();
    counts.insert("duration_minutes".into(), json!(durations.len()));
    medians.insert(
        "duration_minutes".into(),
        json!(timeline::median(&mut durations)),
    );
    json!({
        "documents_with_timeline": with_timeline,
        "entries": entries,
        "documents_with_metric": counts,
        "median": medians,
    })
}

/// `pmlint stats` for people: each document's milestones and durations, then one table of
/// all documents with medians.
pub fn render_human(docs: &[DocumentStats]) -> String {
    let mut out = String::new();
    for d in docs {
        out.push_str(&timeline::render_document(&d.path, &d.timeline));
        out.push_str(&actions::render_document(&d.path, &d.actions));
        out.push('\n');
    }
    out.push_str(&timeline::render_table(
        &docs
            .iter()
            .map(|d| (d.path.as_str(), &d.timeline))
            .collect::<Vec<_>>(),
    ));
    out.push('\n');
    out.push_str(&actions::render_table(
        &docs
            .iter()
            .map(|d| (d.path.as_str(), &d.actions))
            .collect::<Vec<_>>(),
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PM: &str = "# Outage\n\n## Timeline\n\nAll times are UTC.\n\n\
        - 2026-03-14 09:50 alert fired on the old cluster\n\
        - 2026-03-14 10:00 deploy promoted; impact starts\n\
        - 2026-03-14 10:05 latency alert fired; on-call paged\n\
        - 2026-03-14 10:40 rolled back; mitigated\n\n\
        ## Impact\n\nTime to detection: 5 minutes. Time to recovery: 2 hours.\n\n\
        ## Action items\n\n\
        - [ ] Add an alert on \"queue depth\" — @maria, due 2026-07-01, OPS-88\n\
        - [x] Restart the stuck consumer — @tomasz\n";

    fn stats_of(md: &str) -> DocumentStats {
        let settings = Settings {
            today: Some(jiff::civil::date(2026, 8, 1)),
            ..Settings::default()
        };
        of_source("pm.md", &SourceFile::new("pm.md", md), &settings)
    }

    /// The typed metrics print exactly as the `serde_json::Value` maps they replaced,
    /// whose keys come out sorted: a field out of alphabetical order fails this.
    #[test]
    fn metrics_json_prints_as_a_value_would() {
        for md in [PM, "# Empty\n\nNo timeline here.\n"] {
            let d = stats_of(md);
            let typed = serde_json::to_string_pretty(&document_json(&d)).unwrap();
            let value = serde_json::to_value(document_json(&d)).unwrap();
            assert_eq!(typed, serde_json::to_string_pretty(&value).unwrap());
            let report = render_json(&[d], &[("gone.md".into(), "not found".into())]);
            let value: Value = serde_json::from_str(&report).unwrap();
            assert_eq!(report, serde_json::to_string_pretty(&value).unwrap() + "\n");
        }
    }

    #[test]
    fn metrics_json_carries_milestones_stated_durations_and_items() {
        let v = serde_json::to_value(document_json(&stats_of(PM))).unwrap();
        let t = &v["timeline"];
        assert_eq!(t["milestones"]["impact_start"]["time"], "10:00");
        assert_eq!(t["milestones"]["impact_start"]["date"], "2026-03-14");
        assert_eq!(t["milestones"]["impact_start"]["inferred"], false);
        // The alert before impact started is not the detection.
        assert_eq!(t["milestones"]["detection"]["line"], 9);
        assert_eq!(t["milestones"]["resolution"], Value::Null);
        assert_eq!(t["time_to_detect_minutes"], 5);
        assert_eq!(t["time_to_mitigate_minutes"], 40);
        assert_eq!(
            t["stated"],
            json!({ "time_to_detect_minutes": 5, "time_to_resolve_minutes": 120 })
        );
        assert_eq!(t["mismatches"], json!([]));
        assert_eq!(t["timezone"], "UTC");
        let a = &v["actions"];
        assert_eq!(
            (a["count"].as_u64(), a["open"].as_u64()),
            (Some(2), Some(1))
        );
        assert_eq!(a["items"][0]["due_date"], "2026-07-01");
        assert_eq!(a["items"][0]["past_due"], true);
        assert_eq!(a["items"][1]["state"], "done");
    }
}
