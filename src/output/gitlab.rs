//! GitLab Code Quality report: a JSON array of issues (description, check_name,
//! fingerprint, severity, location.path, location.lines.begin), paths relative to the
//! working directory (the project root in a GitLab job). Fingerprints are the baseline's,
//! so an issue keeps its identity across commits that only move lines.

use serde_json::json;

use super::FileReport;
use crate::diagnostic::Severity;
use crate::paths::relative_to_cwd;

pub fn render(reports: &[FileReport]) -> String {
    let mut issues = Vec::new();
    for r in reports {
        let path = relative_to_cwd(&r.path);
        if let Some(e) = &r.error {
            issues.push(json!({
                "type": "issue",
                "description": e,
                "check_name": "pmlint-read-error",
                "fingerprint": crate::baseline::hash_hex(&["read-error", &path]),
                "severity": "critical",
                "location": { "path": path, "lines": { "begin": 1 } },
            }));
        }
        let Some(src) = &r.source else { continue };
        let prints = crate::baseline::fingerprints(&path, src, &r.diagnostics);
        for (d, fingerprint) in r.diagnostics.iter().zip(prints) {
            let begin = src.line_col(d.span.start).line;
            let end = src.line_col(d.span.end).line;
            issues.push(json!({
                "type": "issue",
                "description": d.message,
                "check_name": d.rule,
                "fingerprint": fingerprint,
                "severity": severity(d.severity),
                "location": { "path": path, "lines": { "begin": begin, "end": end } },
            }));
        }
    }
    let mut out = serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".into());
    out.push('\n');
    out
}

/// GitLab's scale is info, minor, major, critical, blocker.
fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}
