//! pmlint diagnostics as LSP diagnostics.

use std::str::FromStr;

use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Position, Range, Uri,
};

use super::config::Broken;
use super::position::Encoding;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{LineCol, SourceFile};

/// Where each rule's documentation lives: `{RULE_DOCS_URL}#{rule-id}`.
pub const RULE_DOCS_URL: &str = "https://github.com/pmlint/pmlint/blob/main/README.md";

pub const SOURCE: &str = "pmlint";

pub fn rule_docs_url(rule: &str) -> Option<Uri> {
    Uri::from_str(&format!("{RULE_DOCS_URL}#{rule}")).ok()
}

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// One finding: rule id as `code`, a link to its docs, help after the message (every
/// client shows the message; few show related information), and the suggested rewrite as
/// related information at the same place.
pub fn to_lsp(uri: &Uri, src: &SourceFile, enc: Encoding, d: &Diagnostic) -> lsp_types::Diagnostic {
    let range = enc.range(src, &d.span);
    let message = match &d.help {
        Some(help) => format!("{}\n\nhelp: {help}", d.message),
        None => d.message.clone(),
    };
    let related = d.fix.as_ref().map(|fix| {
        vec![DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), range),
            message: format!("suggestion: {}", fix.message),
        }]
    });
    lsp_types::Diagnostic {
        range,
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.rule.clone())),
        code_description: rule_docs_url(&d.rule).map(|href| CodeDescription { href }),
        source: Some(SOURCE.into()),
        message,
        related_information: related,
        tags: None,
        data: None,
    }
}

/// The diagnostic shown on a config file (or pack) that could not be loaded: from the
/// error's position to the end of its line.
pub fn config_error(broken: &Broken, enc: Encoding) -> lsp_types::Diagnostic {
    let range = match (broken.error.position, std::fs::read_to_string(&broken.file)) {
        (Some((line, column)), Ok(text)) => {
            let src = SourceFile::new(broken.error.path.clone(), text);
            let start = src.offset_of_line_col(LineCol { line, column });
            let end = src.line_range(src.line_of(start)).end.max(start);
            enc.range(&src, &(start..end))
        }
        _ => Range::new(Position::new(0, 0), Position::new(0, 0)),
    };
    lsp_types::Diagnostic {
        range,
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String("config".into())),
        source: Some(SOURCE.into()),
        message: format!(
            "{}\n\npmlint uses its default settings until this is fixed",
            broken.error.message
        ),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Edit, Fix};

    #[test]
    fn code_link_severity_help_and_utf16_range() {
        let src = SourceFile::new("t.md", "漢😀 obviously\n");
        let start = src.text.find("obviously").unwrap();
        let d = Diagnostic::new(
            "blame-language",
            Severity::Warning,
            start..start + 9,
            "hindsight",
        )
        .with_help("say what signal existed")
        .with_fix(Fix {
            message: "remove “obviously”".into(),
            edits: vec![Edit {
                span: start..start + 9,
                replacement: String::new(),
            }],
        });
        let uri = Uri::from_str("file:///t.md").unwrap();
        let l = to_lsp(&uri, &src, Encoding::Utf16, &d);
        assert_eq!(
            l.range,
            Range::new(Position::new(0, 4), Position::new(0, 13))
        );
        assert_eq!(
            l.code,
            Some(NumberOrString::String("blame-language".into()))
        );
        assert_eq!(
            l.code_description.unwrap().href.as_str(),
            format!("{RULE_DOCS_URL}#blame-language")
        );
        assert_eq!(l.severity, Some(DiagnosticSeverity::WARNING));
        assert_eq!(l.source.as_deref(), Some("pmlint"));
        assert_eq!(l.message, "hindsight\n\nhelp: say what signal existed");
        assert_eq!(
            l.related_information.unwrap()[0].message,
            "suggestion: remove “obviously”"
        );
    }
}
