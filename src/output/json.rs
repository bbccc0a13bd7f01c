//! The stable JSON format (version 1), documented in the README.

use serde_json::{Value, json};

use super::{FileReport, Summary};
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

pub fn render(reports: &[FileReport]) -> String {
    let mut diagnostics = Vec::new();
    let mut errors = Vec::new();
    let mut files = Vec::new();
    for r in reports {
        if r.error.is_none() {
            files.push(r.path.as_str());
        }
        if let Some(e) = &r.error {
            errors.push(json!({ "path": r.path, "message": e }));
        }
        if let Some(src) = &r.source {
            diagnostics.extend(r.diagnostics.iter().map(|d| diagnostic(&r.path, src, d)));
        }
    }
    let s = Summary::of(reports);
    let doc = json!({
        "version": 1,
        "diagnostics": diagnostics,
        "errors": errors,
        "files": files,
        "documents": documents(reports),
        "summary": { "files": s.files, "errors": s.errors, "warnings": s.warnings, "infos": s.infos },
    });
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".into());
    out.push('\n');
    out
}

/// Incident metrics of each linted document (`pmlint stats`), measured with the built-in
/// section names.
fn documents(reports: &[FileReport]) -> Vec<Value> {
    use rayon::prelude::*;
    let settings = crate::config::Settings::default();
    reports
        .par_iter()
        .filter(|r| r.error.is_none())
        .filter_map(|r| {
            let stats = crate::stats::of_source(&r.path, r.source.as_ref()?, &settings);
            Some(json!({ "path": r.path, "metrics": crate::stats::document_json(&stats) }))
        })
        .collect()
}

pub fn diagnostic(path: &str, src: &SourceFile, d: &Diagnostic) -> Value {
    let start = src.line_col(d.span.start);
    let end = src.line_col(d.span.end);
    let suggestion = d.fix.as_ref().map(|f| {
        json!({
            "message": f.message,
            "edits": f.edits.iter().map(|e| {
                let s = src.line_col(e.span.start);
                let t = src.line_col(e.span.end);
                json!({
                    "line": s.line, "column": s.column,
                    "end_line": t.line, "end_column": t.column,
                    "replacement": e.replacement,
                })
            }).collect::<Vec<_>>(),
        })
    });
    json!({
        "path": path,
        "rule": d.rule,
        "severity": d.severity,
        "message": d.message,
        "line": start.line,
        "column": start.column,
        "end_line": end.line,
        "end_column": end.column,
        "help": d.help,
        "suggestion": suggestion,
    })
}
