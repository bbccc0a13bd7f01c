//! Code actions: apply a rule's suggested rewrite, or silence the rule with a suppression
//! comment placed so that it never changes how the Markdown renders.

use std::collections::{BTreeSet, HashMap};

use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, TextEdit, Uri, WorkspaceEdit};

use super::diagnostics::to_lsp;
use super::position::Encoding;
use crate::diagnostic::{Diagnostic, Edit, Span};
use crate::document::model::{BlockKind, Document};
use crate::source::SourceFile;

/// Actions for the diagnostics that touch `span`: rewrites first (preferred), then
/// "disable for this line", then "disable in this file".
pub fn code_actions(
    uri: &Uri,
    src: &SourceFile,
    doc: &Document,
    enc: Encoding,
    diags: &[Diagnostic],
    span: &Span,
) -> Vec<CodeActionOrCommand> {
    let hit: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.span.start <= span.end && span.start <= d.span.end)
        .collect();
    let action = |title: String, d: &Diagnostic, edits: &[Edit], preferred: bool| {
        let edits = edits
            .iter()
            .map(|e| TextEdit::new(enc.range(src, &e.span), e.replacement.clone()))
            .collect();
        CodeActionOrCommand::CodeAction(CodeAction {
            title,
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![to_lsp(uri, src, enc, d)]),
            edit: Some(WorkspaceEdit {
                changes: Some(HashMap::from([(uri.clone(), edits)])),
                ..Default::default()
            }),
            is_preferred: preferred.then_some(true),
            ..Default::default()
        })
    };
    let mut out = Vec::new();
    for d in &hit {
        if let Some(fix) = &d.fix {
            out.push(action(capitalise(&fix.message), d, &fix.edits, true));
        }
    }
    let mut seen = BTreeSet::new();
    for d in &hit {
        if seen.insert((d.rule.as_str(), src.line_of(d.span.start))) {
            let (title, edits) = disable_here(src, doc, &d.rule, d.span.start);
            out.push(action(title, d, &edits, false));
        }
    }
    let mut seen = BTreeSet::new();
    for d in &hit {
        if seen.insert(d.rule.as_str()) {
            let edit = disable_file(src, doc, &d.rule);
            out.push(action(
                format!("Disable {} in this file", d.rule),
                d,
                &[edit],
                false,
            ));
        }
    }
    out
}

/// `<!-- pmlint-disable-file rule -->` at the top, after any front matter.
pub fn disable_file(src: &SourceFile, doc: &Document, rule: &str) -> Edit {
    let at = doc.front_matter.as_ref().map_or(0, |fm| fm.span.end);
    let eol = line_ending(src, 0);
    let lead = if at > 0 && !src.text[..at].ends_with(['\n', '\r']) {
        eol
    } else {
        ""
    };
    Edit {
        span: at..at,
        replacement: format!("{lead}<!-- pmlint-disable-file {rule} -->{eol}"),
    }
}

/// Silence `rule` at `offset`. When the flagged line starts its block, a
/// `pmlint-disable-next-line` comment line goes above it. In a table row or on a
/// paragraph's continuation line a new line would end the table or split the paragraph,
/// so a `pmlint-disable-line` comment goes at the end of the flagged cell or line, where
/// it renders as nothing.
pub fn disable_here(
    src: &SourceFile,
    doc: &Document,
    rule: &str,
    offset: usize,
) -> (String, Vec<Edit>) {
    let title = format!("Disable {rule} for this line");
    let line = src.line_of(offset);
    let block = doc
        .blocks
        .iter()
        .filter(|b| b.span.start <= offset && offset <= b.span.end)
        .min_by_key(|b| b.span.len());
    let same_line_at = match block {
        Some(b) if b.kind == BlockKind::TableCell => Some(trim_end(src, b.span.clone())),
        Some(b) if src.line_of(b.span.start) != line => {
            let end = trim_end(src, src.line_range(line));
            // Keep a backslash hard break at the very end of the line.
            Some(if src.text[..end].ends_with('\\') {
                end - 1
            } else {
                end
            })
        }
        _ => None,
    };
    if let Some(at) = same_line_at {
        let edit = Edit {
            span: at..at,
            replacement: format!(" <!-- pmlint-disable-line {rule} -->"),
        };
        return (title, vec![edit]);
    }
    let (at, indent) = above(src, doc, line);
    let eol = line_ending(src, line);
    let edit = Edit {
        span: at..at,
        replacement: format!("{indent}<!-- pmlint-disable-next-line {rule} -->{eol}"),
    };
    (title, vec![edit])
}

/// The end of `span` without trailing whitespace.
fn trim_end(src: &SourceFile, span: Span) -> usize {
    span.start + src.text[span].trim_end().len()
}

/// Where a comment line above `line` goes and its indentation: the indentation of the
/// line's content, so that between two list items the comment stays inside the list;
/// but for the first item of a list, the marker's column, so that it stays outside.
fn above(src: &SourceFile, doc: &Document, line: usize) -> (usize, String) {
    let start = src.line_start(line);
    let text = &src.text[src.line_range(line)];
    let item = doc
        .items
        .iter()
        .position(|it| src.line_of(it.span.start) == line && it.span.start >= start);
    let first_item = item.is_some_and(|i| {
        let me = &doc.items[i];
        !doc.items.iter().any(|o| {
            o.parent == me.parent
                && o.depth == me.depth
                && o.ordered == me.ordered
                && o.span.end <= me.span.start
                && src.text[o.span.end..me.span.start].trim().is_empty()
        })
    });
    let indent = if first_item {
        let marker = doc.items[item.unwrap_or_default()].span.start - start;
        content_prefix(&text[..marker.min(text.len())])
    } else {
        content_prefix(text)
    };
    (start, indent)
}

/// The container prefix of a line with list markers turned into spaces: the indentation
/// a new line needs to continue the same container (quote, list item).
fn content_prefix(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    loop {
        let ws = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        out.push_str(&rest[..ws]);
        rest = &rest[ws..];
        if let Some(r) = rest.strip_prefix('>') {
            out.push('>');
            rest = r;
            continue;
        }
        let marker = list_marker_len(rest);
        if marker == 0 {
            return out;
        }
        let after = &rest[marker..];
        let spaces = after.len() - after.trim_start_matches(' ').len();
        // Five or more spaces after a marker: content starts one space after it (and is
        // indented code, which holds no further markers).
        if spaces >= 5 || after.trim().is_empty() {
            out.extend(std::iter::repeat_n(' ', marker + 1));
            return out;
        }
        out.extend(std::iter::repeat_n(' ', marker + spaces));
        rest = &after[spaces..];
    }
}

/// Length of a list marker (`-`, `*`, `+`, `1.`, `12)`) followed by a space, or 0.
fn list_marker_len(s: &str) -> usize {
    let b = s.as_bytes();
    let len = match b.first() {
        Some(b'-' | b'*' | b'+') => 1,
        Some(c) if c.is_ascii_digit() => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            match b.get(digits) {
                Some(b'.' | b')') if digits <= 9 => digits + 1,
                _ => return 0,
            }
        }
        _ => return 0,
    };
    match b.get(len) {
        Some(b' ' | b'\t') | None => len,
        _ => 0,
    }
}

/// The terminator of `line`, or the document's first one, or `\n`.
fn line_ending(src: &SourceFile, line: usize) -> &'static str {
    let next = src.line_start(line + 1);
    let end = src.line_range(line).end;
    let term = &src.text[end..next.max(end)];
    let term = if term.is_empty() {
        let first = src.line_range(0).end;
        &src.text[first..src.line_start(1).max(first)]
    } else {
        term
    };
    match term {
        "\r\n" => "\r\n",
        "\r" => "\r",
        _ => "\n",
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::SectionCatalog;
    use crate::document::markdown::parse;

    fn apply(text: &str, edits: &[Edit]) -> String {
        let mut edits = edits.to_vec();
        edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
        let mut out = text.to_string();
        for e in edits {
            out.replace_range(e.span.clone(), &e.replacement);
        }
        out
    }

    fn disable_at(text: &str, needle: &str) -> (String, String) {
        let src = SourceFile::new("t.md", text);
        let doc = parse(&src, SectionCatalog::builtin());
        let (title, edits) = disable_here(&src, &doc, "blame-language", text.find(needle).unwrap());
        (title, apply(text, &edits))
    }

    fn shape(text: &str) -> (usize, usize, Vec<usize>) {
        let src = SourceFile::new("t.md", text);
        let doc = parse(&src, SectionCatalog::builtin());
        let paragraphs = doc
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Paragraph)
            .count();
        let rows = doc.tables.iter().map(|t| t.rows.len()).collect();
        (doc.items.len(), paragraphs, rows)
    }

    #[test]
    fn next_line_comment_keeps_lists_intact() {
        let text = "# T\n\n- one\n- two human error\n  - nested human error\n";
        let (title, out) = disable_at(text, "two");
        assert_eq!(title, "Disable blame-language for this line");
        assert_eq!(
            out,
            "# T\n\n- one\n  <!-- pmlint-disable-next-line blame-language -->\n- two human error\n  - nested human error\n"
        );
        assert_eq!(shape(&out).0, shape(text).0);
        let (_, out) = disable_at(text, "nested");
        assert_eq!(
            out,
            "# T\n\n- one\n- two human error\n  <!-- pmlint-disable-next-line blame-language -->\n  - nested human error\n"
        );
        let (_, out) = disable_at(text, "one");
        assert!(out.contains("\n\n<!-- pmlint-disable-next-line blame-language -->\n- one\n"));
        assert_eq!(shape(&out), shape(text));
    }

    #[test]
    fn quotes_and_crlf_are_kept() {
        let (_, out) = disable_at("# T\r\n\r\n> it was human error\r\n", "it was");
        assert_eq!(
            out,
            "# T\r\n\r\n> <!-- pmlint-disable-next-line blame-language -->\r\n> it was human error\r\n"
        );
    }

    #[test]
    fn tables_and_continuation_lines_get_a_same_line_comment() {
        let text = "# T\n\n| a | b |\n| - | - |\n| x | human error  |\n| y | z |\n\nafter\n";
        let (title, out) = disable_at(text, "human");
        assert_eq!(title, "Disable blame-language for this line");
        assert_eq!(
            out,
            "# T\n\n| a | b |\n| - | - |\n| x | human error <!-- pmlint-disable-line blame-language -->  |\n| y | z |\n\nafter\n"
        );
        assert_eq!(shape(&out), shape(text));

        let text = "- item\n  first line\n  then human error\\\n  more\n- next\n";
        let (_, out) = disable_at(text, "then");
        assert_eq!(
            out,
            "- item\n  first line\n  then human error <!-- pmlint-disable-line blame-language -->\\\n  more\n- next\n"
        );
        assert_eq!(shape(&out), shape(text));
    }

    /// Each action, applied, removes the finding (the engine honours the comment).
    #[test]
    fn applied_disable_actions_remove_the_finding() {
        let text = "# Outage\n\nIt was human error.\n\n- a\n- b human error\n\n| a | b |\n| - | - |\n| x | caused by human error |\n\nSome text and\nthen human error.\n";
        let src = SourceFile::new("t.md", text);
        let settings = crate::Settings::default();
        let diags: Vec<_> = crate::lint(&src, &settings)
            .into_iter()
            .filter(|d| d.rule == "blame-language")
            .collect();
        assert_eq!(diags.len(), 4, "{diags:#?}");
        let doc = parse(&src, SectionCatalog::builtin());
        for d in &diags {
            let (_, edits) = disable_here(&src, &doc, &d.rule, d.span.start);
            let fixed = SourceFile::new("t.md", apply(text, &edits));
            let after = crate::lint(&fixed, &settings);
            let left = after.iter().filter(|x| x.rule == "blame-language").count();
            assert_eq!(left, 3, "{}", fixed.text);
            assert!(
                after.iter().all(|x| x.rule != "unused-suppression"),
                "{}",
                fixed.text
            );
        }
        let fixed = SourceFile::new(
            "t.md",
            apply(text, &[disable_file(&src, &doc, "blame-language")]),
        );
        assert!(
            crate::lint(&fixed, &settings)
                .iter()
                .all(|x| x.rule != "blame-language")
        );
    }

    #[test]
    fn file_comment_goes_after_front_matter() {
        let text = "---\ntitle: x\n---\n# T\n";
        let src = SourceFile::new("t.md", text);
        let doc = parse(&src, SectionCatalog::builtin());
        let out = apply(text, &[disable_file(&src, &doc, "missing-timeline")]);
        assert_eq!(
            out,
            "---\ntitle: x\n---\n<!-- pmlint-disable-file missing-timeline -->\n# T\n"
        );
        let src = SourceFile::new("t.md", "# T");
        let doc = parse(&src, SectionCatalog::builtin());
        let out = apply("# T", &[disable_file(&src, &doc, "x")]);
        assert_eq!(out, "<!-- pmlint-disable-file x -->\n# T");
    }

    #[test]
    fn list_markers_become_spaces() {
        assert_eq!(content_prefix("- a"), "  ");
        assert_eq!(content_prefix("  10. a"), "      ");
        assert_eq!(content_prefix("> - [ ] a"), ">   ");
        assert_eq!(content_prefix("-     code"), "  ");
        assert_eq!(content_prefix("plain"), "");
        assert_eq!(content_prefix("-x"), "");
    }
}
