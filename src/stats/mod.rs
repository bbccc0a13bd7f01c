//! `pmlint stats`: numbers about post-mortems, per document and across documents. Each
//! part (timeline metrics in `timeline.rs`; others may follow) gives a JSON object per
//! document, a summary across documents and a section of the human report.

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
pub fn document_json(d: &DocumentStats) -> Value {
    json!({ "timeline": d.timeline.to_json(), "actions": d.actions.to_json() })
}

/// `pmlint stats --format json`.
pub fn render_json(docs: &[DocumentStats], errors: &[(String, String)]) -> String {
    let documents: Vec<Value> = docs
        .iter()
        .map(|d| json!({ "path": d.path, "metrics": document_json(d) }))
        .collect();
    let errors: Vec<Value> = errors
        .iter()
        .map(|(path, message)| json!({ "path": path, "message": message }))
        .collect();
    let out = json!({
        "version": 1,
        "documents": documents,
        "errors": errors,
        "summary": {
            "documents": docs.len(),
            "timeline": summary_json(docs),
            "actions": actions::summary_json(&docs.iter().map(|d| &d.actions).collect::<Vec<_>>()),
        },
    });
    let mut text = serde_json::to_string_pretty(&out).unwrap_or_else(|_| "{}".into());
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
