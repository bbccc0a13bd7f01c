//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation per
//! finding, shown on the pull request's diff and in the job log.
//!
//! Escaping follows the runner (actions/toolkit `command.ts`): in the message `%`, `\r`
//! and `\n` become `%25`, `%0D` and `%0A`; in properties `:` and `,` become `%3A` and
//! `%2C` as well, since they delimit the properties.

use super::FileReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::paths::relative_to_cwd;
use crate::source::SourceFile;

/// GitHub sets `GITHUB_ACTIONS=true` in every workflow step.
pub fn in_github_actions() -> bool {
    std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true")
}

pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for r in reports {
        let file = relative_to_cwd(&r.path);
        if let Some(e) = &r.error {
            out.push_str(&command(
                "error",
                &[("file", file.clone()), ("title", "pmlint".into())],
                e,
            ));
        }
        if let Some(src) = &r.source {
            for d in &r.diagnostics {
                out.push_str(&annotation(&file, src, d));
            }
        }
    }
    out
}

/// The annotation for one finding; `file` is already relative to the working directory.
pub fn annotation(file: &str, src: &SourceFile, d: &Diagnostic) -> String {
    let start = src.line_col(d.span.start);
    let end = src.line_col(d.span.end);
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push('\n');
        message.push_str(help);
    }
    command(
        kind(d.severity),
        &[
            ("file", file.to_string()),
            ("line", start.line.to_string()),
            ("endLine", end.line.to_string()),
            ("col", start.column.to_string()),
            ("endColumn", end.column.to_string()),
            ("title", format!("pmlint ({})", d.rule)),
        ],
        &message,
    )
}

pub fn kind(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// `::kind key=value,…::message` with a trailing newline.
pub fn command(kind: &str, properties: &[(&str, String)], message: &str) -> String {
    let props = properties
        .iter()
        .map(|(k, v)| format!("{k}={}", escape_property(v)))
        .collect::<Vec<_>>()
        .join(",");
    format!("::{kind} {props}::{}\n", escape_data(message))
}

pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_actions_toolkit() {
        assert_eq!(escape_data("50%\r\nok: a,b"), "50%25%0D%0Aok: a,b");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        assert_eq!(
            command("notice", &[("file", "x,y.md".into())], "é: 1%"),
            "::notice file=x%2Cy.md::é: 1%25\n"
        );
    }
}
