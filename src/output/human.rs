//! rustc-style output through annotate-snippets.

use annotate_snippets::{AnnotationKind, Group, Level, Patch, Renderer, Snippet};

use std::io::{self, Write};

use super::{Emitter, FileReport, Summary};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;

pub fn render(reports: &[FileReport], styled: bool) -> String {
    super::render_all(&mut Human::new(styled), reports)
}

/// Each finding as it comes, then the closing summary line.
pub struct Human {
    renderer: Renderer,
}

impl Human {
    pub fn new(styled: bool) -> Human {
        let renderer = if styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        Human { renderer }
    }
}

impl Emitter for Human {
    fn report(
        &mut self,
        out: &mut dyn Write,
        r: &FileReport,
        _: Option<&crate::stats::DocumentStats>,
    ) -> io::Result<()> {
        if let Some(e) = &r.error {
            return write!(out, "error: {}: {e}\n\n", r.path);
        }
        let Some(src) = &r.source else { return Ok(()) };
        let mut text = String::new();
        for d in &r.diagnostics {
            let rendered = self.renderer.render(&report(&r.path, src, d));
            text.push_str(&true_column(rendered, &r.path, src, d));
            text.push_str("\n\n");
        }
        out.write_all(text.as_bytes())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        out.write_all(summary_line(summary).as_bytes())
    }
}

fn level(s: Severity) -> Level<'static> {
    match s {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

/// Lines longer than this are cut to [`CONTEXT`] bytes on each side of the finding: the
/// renderer shows about a terminal's width of them anyway, and handing it a whole
/// megabyte-long line for each of the line's thousands of findings would be quadratic.
const LONG_LINE: usize = 4096;
const CONTEXT: usize = 1024;

/// The first line a diagnostic touches and the source range handed to the renderer: the
/// lines the span touches, cut around the span when they are very long.
fn view(src: &SourceFile, d: &Diagnostic) -> (usize, std::ops::Range<usize>) {
    let first = src.line_of(d.span.start);
    let last = src.line_of(d.span.end.saturating_sub(1).max(d.span.start));
    let mut start = src.line_start(first);
    let mut end = src.line_range(last).end.max(d.span.end.min(src.text.len()));
    if end - start > LONG_LINE {
        start = start.max(src.floor_char(d.span.start.saturating_sub(CONTEXT)));
        end = end.min(src.ceil_char(d.span.end.saturating_add(CONTEXT)));
        end = end.max(d.span.end.min(src.text.len()));
    }
    (first, start..end)
}

/// The renderer counts the header's column from the start of the text it was handed; when
/// a long line was cut, put the column counted from the start of the line back.
fn true_column(rendered: String, path: &str, src: &SourceFile, d: &Diagnostic) -> String {
    let (first, view) = view(src, d);
    if view.start == src.line_start(first) {
        return rendered;
    }
    let line = first + 1;
    let cut = src.text[view.start..d.span.start].chars().count() + 1;
    let column = src.line_col(d.span.start).column;
    rendered.replacen(
        &format!("{path}:{line}:{cut}"),
        &format!("{path}:{line}:{column}"),
        1,
    )
}

/// One diagnostic as a report. Only the lines the span touches are handed over (cut
/// around the span when very long), so rendering stays proportional to the finding, not
/// to the file.
fn report<'a>(path: &'a str, src: &'a SourceFile, d: &'a Diagnostic) -> Vec<Group<'a>> {
    let (first, std::ops::Range { start, end }) = view(src, d);
    let text = &src.text[start..end];
    let local = d.span.start - start..d.span.end.min(end) - start;
    let mut title = level(d.severity)
        .primary_title(&d.message)
        .id(&d.rule)
        .element(
            Snippet::source(text)
                .line_start(first + 1)
                .path(path)
                .annotation(AnnotationKind::Primary.span(local)),
        );
    if let Some(help) = &d.help {
        title = title.element(Level::HELP.message(help));
    }
    let mut groups = vec![title];
    if let Some(fix) = &d.fix {
        let in_view = fix
            .edits
            .iter()
            .all(|e| e.span.start >= start && e.span.end <= end);
        if in_view {
            let snippet = fix.edits.iter().fold(
                Snippet::source(text).line_start(first + 1).path(path),
                |s, e| {
                    s.patch(Patch::new(
                        e.span.start - start..e.span.end - start,
                        e.replacement.as_str(),
                    ))
                },
            );
            groups.push(Level::HELP.secondary_title(&fix.message).element(snippet));
        }
    }
    groups
}

pub fn summary_line(s: &Summary) -> String {
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    let mut line = format!(
        "Checked {}: {}, {}",
        plural(s.files, "file"),
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
    );
    if s.infos > 0 {
        line.push_str(&format!(", {}", plural(s.infos, "info")));
    }
    if s.failed_files > 0 {
        line.push_str(&format!(
            "; {} could not be read",
            plural(s.failed_files, "file")
        ));
    }
    line.push('\n');
    line
}
