//! SARIF 2.1.0, as GitHub code scanning accepts it: every rule described in
//! `tool.driver.rules`, results with relative URIs under `%SRCROOT%` (the working
//! directory), regions in Unicode code points (end column exclusive, as SARIF defines it),
//! suggestions as `fixes`, and files that could not be linted as tool notifications.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_json::{Value, json};

use super::stream::{JsonArray, Spool, slot, split_at_slot};
use super::{Emitter, FileReport, Summary};
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::paths::relative_to_cwd;
use crate::source::SourceFile;

pub const INFORMATION_URI: &str = match option_env!("CARGO_PKG_REPOSITORY") {
    Some(uri) if !uri.is_empty() => uri,
    _ => "https://github.com/pmlint/pmlint",
};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub fn render(reports: &[FileReport]) -> String {
    super::render_all(&mut Sarif::new(), reports)
}

/// The log, with its results spooled as they come: the invocation before them says
/// whether every file could be linted, which only the end of the run knows.
pub struct Sarif {
    rules: Vec<Value>,
    index: BTreeMap<String, usize>,
    results: JsonArray,
    spooled_results: Spool,
    notifications: Vec<Value>,
}

impl Sarif {
    pub fn new() -> Sarif {
        let mut rules: Vec<Value> = Vec::new();
        let mut index: BTreeMap<String, usize> = BTreeMap::new();
        for rule in crate::builtin_rules() {
            let m = rule.meta();
            index.insert(m.id.clone(), rules.len());
            rules.push(json!({
                "id": m.id,
                "shortDescription": { "text": m.summary },
                "fullDescription": { "text": first_paragraph(&m.docs) },
                "help": { "text": m.docs, "markdown": m.docs },
                "helpUri": format!("{INFORMATION_URI}#rules"),
                "defaultConfiguration": { "level": level(m.severity), "enabled": m.default_enabled },
                "properties": { "tags": ["post-mortem"], "origin": m.origin },
            }));
        }
        let (_, depth, _) = split_at_slot(&layout(&rules, &[], true), "results")
            .expect("the results placeholder is in the template");
        Sarif {
            rules,
            index,
            results: JsonArray::new(depth),
            spooled_results: Spool::new(),
            notifications: Vec::new(),
        }
    }
}

impl Default for Sarif {
    fn default() -> Self {
        Sarif::new()
    }
}

/// The log with a placeholder for its results.
fn layout(rules: &[Value], notifications: &[Value], successful: bool) -> String {
    let cwd = std::env::current_dir()
        .ok()
        .map(|d| directory_uri(&d.to_string_lossy()));
    let mut run = json!({
        "tool": { "driver": {
            "name": "pmlint",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "informationUri": INFORMATION_URI,
            "rules": rules,
        }},
        "invocations": [{
            "executionSuccessful": successful,
            "toolExecutionNotifications": notifications,
        }],
        "columnKind": "unicodeCodePoints",
        "results": slot("results"),
    });
    if let Some(cwd) = cwd {
        run["originalUriBaseIds"] = json!({ "%SRCROOT%": { "uri": cwd } });
    }
    let doc = json!({ "$schema": SCHEMA, "version": "2.1.0", "runs": [run] });
    serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".into())
}

impl Emitter for Sarif {
    fn report(
        &mut self,
        _: &mut dyn Write,
        r: &FileReport,
        _: Option<&crate::stats::DocumentStats>,
    ) -> io::Result<()> {
        let uri = uri_of(&r.path);
        if let Some(e) = &r.error {
            self.notifications.push(json!({
                "level": "error",
                "message": { "text": e },
                "locations": [{ "physicalLocation": { "artifactLocation": artifact(&uri) } }],
            }));
        }
        let Some(src) = &r.source else { return Ok(()) };
        let prints = crate::baseline::fingerprints(&relative_to_cwd(&r.path), src, &r.diagnostics);
        for (d, fp) in r.diagnostics.iter().zip(prints) {
            // A rule from a user's pack is described on first use, so every ruleIndex is valid.
            let rules = &mut self.rules;
            let i = *self.index.entry(d.rule.clone()).or_insert_with(|| {
                rules.push(json!({ "id": d.rule, "shortDescription": { "text": d.rule } }));
                rules.len() - 1
            });
            self.results
                .push(&mut self.spooled_results, &result(&uri, src, d, i, &fp))?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let text = layout(&self.rules, &self.notifications, summary.failed_files == 0);
        let (before, _, after) = split_at_slot(&text, "results").ok_or_else(|| {
            io::Error::other("internal error: the SARIF layout changed (please report)")
        })?;
        out.write_all(before.as_bytes())?;
        self.spooled_results.drain_into(out)?;
        self.results.close(out)?;
        out.write_all(after.as_bytes())?;
        out.write_all(b"\n")
    }
}

fn result(uri: &str, src: &SourceFile, d: &Diagnostic, rule_index: usize, fp: &str) -> Value {
    let mut text = d.message.clone();
    if let Some(help) = &d.help {
        text.push_str("\n\n");
        text.push_str(help);
    }
    let mut v = json!({
        "ruleId": d.rule,
        "ruleIndex": rule_index,
        "level": level(d.severity),
        "message": { "text": text },
        "locations": [{ "physicalLocation": {
            "artifactLocation": artifact(uri),
            "region": region(src, &d.span),
        }}],
        "partialFingerprints": { "pmlint/v1": fp },
    });
    if let Some(fix) = &d.fix {
        v["fixes"] = json!([{
            "description": { "text": fix.message },
            "artifactChanges": [{
                "artifactLocation": artifact(uri),
                "replacements": fix.edits.iter().map(|e| json!({
                    "deletedRegion": region(src, &e.span),
                    "insertedContent": { "text": e.replacement },
                })).collect::<Vec<_>>(),
            }],
        }]);
    }
    v
}

fn artifact(uri: &str) -> Value {
    json!({ "uri": uri, "uriBaseId": "%SRCROOT%" })
}

fn region(src: &SourceFile, span: &Span) -> Value {
    let s = src.line_col(span.start);
    let e = src.line_col(span.end);
    json!({
        "startLine": s.line, "startColumn": s.column,
        "endLine": e.line, "endColumn": e.column,
    })
}

pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The rule's first paragraph: why it matters, without the examples.
fn first_paragraph(docs: &str) -> String {
    docs.split("\n\n")
        .next()
        .unwrap_or(docs)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A relative URI reference for a path: `/` separators, and every byte outside the
/// unreserved set percent-encoded (spaces, `%`, `#`, `?`, non-ASCII).
pub fn uri_of(path: &str) -> String {
    percent_encode(&relative_to_cwd(path))
}

fn directory_uri(dir: &str) -> String {
    let mut d = dir.replace('\\', "/");
    if !d.ends_with('/') {
        d.push('/');
    }
    if !d.starts_with('/') {
        d.insert(0, '/');
    }
    format!("file://{}", percent_encode(&d))
}

fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(percent_encode("pm/a b#é%.md"), "pm/a%20b%23%C3%A9%25.md");
        assert_eq!(directory_uri("/w/x y"), "file:///w/x%20y/");
    }
}
