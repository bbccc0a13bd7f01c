//! Hover over a flagged span: the finding and its rule's documentation.

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use super::config::Profile;
use super::position::Encoding;
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

pub fn hover(
    src: &SourceFile,
    enc: Encoding,
    diags: &[Diagnostic],
    profile: &Profile,
    offset: usize,
) -> Option<Hover> {
    let here: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.span.start <= offset && offset <= d.span.end && !d.span.is_empty())
        .collect();
    let first = here.first()?;
    let mut parts = Vec::new();
    let mut shown = Vec::new();
    for d in &here {
        let mut part = format!("**{}** ({}): {}", d.rule, d.severity, d.message);
        if !shown.contains(&d.rule) {
            shown.push(d.rule.clone());
            if let Some(meta) = profile.rule_meta(&d.rule) {
                part.push_str(&format!("\n\n*{}*\n\n{}", meta.summary, meta.docs));
            }
        }
        parts.push(part);
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: parts.join("\n\n---\n\n"),
        }),
        range: Some(enc.range(src, &first.span)),
    })
}
