//! `path:line:col: severity[rule-id] message`, one finding per line, for editors' quickfix
//! lists, grep and problem matchers. Line breaks inside a message become spaces so that
//! a finding never spans two lines.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

use super::{Emitter, FileReport, Summary};

pub fn render(reports: &[FileReport]) -> String {
    super::render_all(&mut Concise, reports)
}

pub struct Concise;

impl Emitter for Concise {
    fn report(
        &mut self,
        out: &mut dyn Write,
        r: &FileReport,
        _: Option<&crate::stats::DocumentStats>,
    ) -> io::Result<()> {
        let Some(src) = &r.source else { return Ok(()) };
        let path = one_line(&r.path);
        let mut text = String::new();
        for d in &r.diagnostics {
            let at = src.line_col(d.span.start);
            // Writing into a String cannot fail.
            let _ = writeln!(
                text,
                "{path}:{}:{}: {}[{}] {}",
                at.line,
                at.column,
                d.severity,
                d.rule,
                one_line(&d.message)
            );
        }
        out.write_all(text.as_bytes())
    }

    fn finish(&mut self, _: &mut dyn Write, _: &Summary) -> io::Result<()> {
        Ok(())
    }
}

/// Most messages hold no line break: borrow them as they are.
fn one_line(s: &str) -> Cow<'_, str> {
    if s.contains(['\r', '\n']) {
        Cow::Owned(s.replace("\r\n", " ").replace(['\r', '\n'], " "))
    } else {
        Cow::Borrowed(s)
    }
}
