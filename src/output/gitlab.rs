//! GitLab Code Quality report: a JSON array of issues (description, check_name,
//! fingerprint, severity, location.path, location.lines.begin), paths relative to the
//! working directory (the project root in a GitLab job). Fingerprints are the baseline's,
//! so an issue keeps its identity across commits that only move lines.

use std::io::{self, Write};

use serde_json::json;

use super::stream::JsonArray;
use super::{Emitter, FileReport, Summary};
use crate::diagnostic::Severity;
use crate::paths::relative_to_cwd;

pub fn render(reports: &[FileReport]) -> String {
    super::render_all(&mut Gitlab::new(), reports)
}

/// The array of issues, written issue by issue.
pub struct Gitlab {
    issues: JsonArray,
}

impl Gitlab {
    pub fn new() -> Gitlab {
        Gitlab {
            issues: JsonArray::new(0),
        }
    }
}

impl Default for Gitlab {
    fn default() -> Self {
        Gitlab::new()
    }
}

impl Emitter for Gitlab {
    fn report(
        &mut self,
        out: &mut dyn Write,
        r: &FileReport,
        _: Option<&crate::stats::DocumentStats>,
    ) -> io::Result<()> {
        let path = relative_to_cwd(&r.path);
        if let Some(e) = &r.error {
            self.issues.push(
                out,
                &json!({
                    "type": "issue",
                    "description": e,
                    "check_name": "pmlint-read-error",
                    "fingerprint": crate::baseline::hash_hex(&["read-error", &path]),
                    "severity": "critical",
                    "location": { "path": path, "lines": { "begin": 1 } },
                }),
            )?;
        }
        let Some(src) = &r.source else { return Ok(()) };
        let prints = crate::baseline::fingerprints(&path, src, &r.diagnostics);
        for (d, fingerprint) in r.diagnostics.iter().zip(prints) {
            let begin = src.line_col(d.span.start).line;
            let end = src.line_col(d.span.end).line;
            self.issues.push(
                out,
                &json!({
                    "type": "issue",
                    "description": d.message,
                    "check_name": d.rule,
                    "fingerprint": fingerprint,
                    "severity": severity(d.severity),
                    "location": { "path": path, "lines": { "begin": begin, "end": end } },
                }),
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _: &Summary) -> io::Result<()> {
        self.issues.close(out)?;
        out.write_all(b"\n")
    }
}

/// GitLab's scale is info, minor, major, critical, blocker.
fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}
