//! The stable JSON format (version 1), documented in the README.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::stream::{JsonArray, Spool, slot, split_at_slot};
use super::{Emitter, FileReport, Summary};
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;
use crate::stats::{DocumentEntry, DocumentStats};

/// The whole run at once, each document's metrics measured with the built-in section
/// names (`pmlint check` streams instead, with each file's own settings).
pub fn render(reports: &[FileReport]) -> String {
    use rayon::prelude::*;
    let settings = crate::config::Settings::default();
    let metrics: Vec<Option<DocumentStats>> = reports
        .par_iter()
        .map(|r| {
            let src = r.source.as_ref().filter(|_| r.error.is_none())?;
            Some(crate::stats::of_source(&r.path, src, &settings))
        })
        .collect();
    let mut json = Json::new();
    let mut out = Vec::new();
    let written: io::Result<()> = reports
        .iter()
        .zip(&metrics)
        .try_for_each(|(r, m)| json.report(&mut out, r, m.as_ref()))
        .and_then(|()| json.finish(&mut out, &Summary::of(reports)));
    debug_assert!(written.is_ok(), "writing to memory fails only on a bug");
    String::from_utf8(out).unwrap_or_default()
}

/// The document, with its `diagnostics` written as they come and its `documents` spooled
/// until the end; `errors` and `files` are kept (a line or a path per file).
pub struct Json {
    /// The text before the diagnostics array.
    head: String,
    started: bool,
    diagnostics: JsonArray,
    documents: JsonArray,
    spooled_documents: Spool,
    errors: Vec<Value>,
    files: Vec<String>,
}

impl Json {
    pub fn new() -> Json {
        let template = layout(&[], &[], &Summary::default());
        let (head, diagnostics_depth, rest) = split_at_slot(&template, "diagnostics")
            .expect("the diagnostics placeholder is in the template");
        let (_, documents_depth, _) =
            split_at_slot(rest, "documents").expect("documents follow the diagnostics");
        Json {
            head: head.to_string(),
            started: false,
            diagnostics: JsonArray::new(diagnostics_depth),
            documents: JsonArray::new(documents_depth),
            spooled_documents: Spool::new(),
            errors: Vec::new(),
            files: Vec::new(),
        }
    }

    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.started {
            self.started = true;
            out.write_all(self.head.as_bytes())?;
        }
        Ok(())
    }
}

impl Default for Json {
    fn default() -> Self {
        Json::new()
    }
}

/// The document with placeholders for the two arrays that are streamed.
fn layout(errors: &[Value], files: &[String], s: &Summary) -> String {
    let doc = json!({
        "version": 1,
        "diagnostics": slot("diagnostics"),
        "errors": errors,
        "files": files,
        "documents": slot("documents"),
        "summary": { "files": s.files, "errors": s.errors, "warnings": s.warnings, "infos": s.infos },
    });
    serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".into())
}

fn layout_error() -> io::Error {
    io::Error::other("internal error: the JSON layout changed (please report)")
}

impl Emitter for Json {
    fn wants_metrics(&self) -> bool {
        true
    }

    fn report(
        &mut self,
        out: &mut dyn Write,
        r: &FileReport,
        metrics: Option<&DocumentStats>,
    ) -> io::Result<()> {
        self.start(out)?;
        match &r.error {
            None => self.files.push(r.path.clone()),
            Some(e) => self.errors.push(json!({ "path": r.path, "message": e })),
        }
        if let Some(src) = &r.source {
            for d in &r.diagnostics {
                self.diagnostics.push(out, &diagnostic(&r.path, src, d))?;
            }
        }
        // Incident metrics of each linted document (`pmlint stats`).
        if let Some(m) = metrics.filter(|_| r.error.is_none() && r.source.is_some()) {
            let document = DocumentEntry {
                metrics: crate::stats::document_json(m),
                path: &r.path,
            };
            self.documents
                .push(&mut self.spooled_documents, &document)?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        self.start(out)?;
        self.diagnostics.close(out)?;
        let text = layout(&self.errors, &self.files, summary);
        let (head, _, rest) = split_at_slot(&text, "diagnostics").ok_or_else(layout_error)?;
        let (between, _, tail) = split_at_slot(rest, "documents").ok_or_else(layout_error)?;
        if head != self.head {
            return Err(layout_error());
        }
        out.write_all(between.as_bytes())?;
        self.spooled_documents.drain_into(out)?;
        self.documents.close(out)?;
        out.write_all(tail.as_bytes())?;
        out.write_all(b"\n")
    }
}

/// One diagnostic as the JSON format writes it. Fields are in alphabetical order, the order
/// `serde_json` gives an object's keys, so the typed form prints exactly as a `Value`
/// would, without building one (a map of strings per diagnostic) on the way.
#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    column: usize,
    end_column: usize,
    end_line: usize,
    help: &'a Option<String>,
    line: usize,
    message: &'a str,
    path: &'a str,
    rule: &'a str,
    severity: Severity,
    suggestion: Option<JsonSuggestion<'a>>,
}

#[derive(Serialize)]
struct JsonSuggestion<'a> {
    edits: Vec<JsonEdit<'a>>,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    column: usize,
    end_column: usize,
    end_line: usize,
    line: usize,
    replacement: &'a str,
}

pub fn diagnostic<'a>(path: &'a str, src: &SourceFile, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
    let start = src.line_col(d.span.start);
    let end = src.line_col(d.span.end);
    let suggestion = d.fix.as_ref().map(|f| JsonSuggestion {
        message: &f.message,
        edits: f
            .edits
            .iter()
            .map(|e| {
                let s = src.line_col(e.span.start);
                let t = src.line_col(e.span.end);
                JsonEdit {
                    line: s.line,
                    column: s.column,
                    end_line: t.line,
                    end_column: t.column,
                    replacement: &e.replacement,
                }
            })
            .collect(),
    });
    JsonDiagnostic {
        path,
        rule: &d.rule,
        severity: d.severity,
        message: &d.message,
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        help: &d.help,
        suggestion,
    }
}
