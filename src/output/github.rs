//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation per
//! finding, shown on the pull request's diff and in the job log.
//!
//! Escaping follows the runner (actions/toolkit `command.ts`): in the message `%`, `\r`
//! and `\n` become `%25`, `%0D` and `%0A`; in properties `:` and `,` become `%3A` and
//! `%2C` as well, since they delimit the properties.
//!
//! GitHub resolves `file=` from the repository's root (`GITHUB_WORKSPACE`), so a path
//! inside it is given relative to it even when pmlint runs in a subfolder; elsewhere,
//! paths are relative to the working directory.

use std::io::{self, Write};

use super::{Emitter, FileReport, Summary};
use crate::diagnostic::{Diagnostic, Severity};
use crate::paths::{relative_to, relative_to_cwd};
use crate::source::SourceFile;

/// GitHub sets `GITHUB_ACTIONS=true` in every workflow step.
pub fn in_github_actions() -> bool {
    std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true")
}

pub fn render(reports: &[FileReport]) -> String {
    super::render_all(&mut Github, reports)
}

/// One annotation per finding and per file that could not be linted.
pub struct Github;

impl Emitter for Github {
    fn report(
        &mut self,
        out: &mut dyn Write,
        r: &FileReport,
        _: Option<&crate::stats::DocumentStats>,
    ) -> io::Result<()> {
        let mut text = String::new();
        let file = annotation_path(&r.path);
        if let Some(e) = &r.error {
            text.push_str(&command(
                "error",
                &[("file", file.clone()), ("title", "pmlint".into())],
                e,
            ));
        }
        if let Some(src) = &r.source {
            for d in &r.diagnostics {
                text.push_str(&annotation(&file, src, d));
            }
        }
        out.write_all(text.as_bytes())
    }

    fn finish(&mut self, _: &mut dyn Write, _: &Summary) -> io::Result<()> {
        Ok(())
    }
}

/// The `file=` of an annotation: relative to `GITHUB_WORKSPACE` when the file lies inside
/// it, else relative to the working directory.
pub fn annotation_path(path: &str) -> String {
    if let Some(ws) = std::env::var_os("GITHUB_WORKSPACE").filter(|w| !w.is_empty()) {
        let rel = relative_to(path, std::path::Path::new(&ws));
        if !std::path::Path::new(&rel).is_absolute() && !rel.starts_with('<') {
            return rel;
        }
    }
    relative_to_cwd(path)
}

/// The annotation for one finding; `file` is already an [`annotation_path`].
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
