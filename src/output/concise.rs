//! `path:line:col: severity[rule-id] message`, one finding per line, for editors' quickfix
//! lists, grep and problem matchers. Line breaks inside a message become spaces so that
//! a finding never spans two lines.

use super::FileReport;

pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for r in reports {
        let Some(src) = &r.source else { continue };
        for d in &r.diagnostics {
            let at = src.line_col(d.span.start);
            out.push_str(&format!(
                "{}:{}:{}: {}[{}] {}\n",
                one_line(&r.path),
                at.line,
                at.column,
                d.severity,
                d.rule,
                one_line(&d.message)
            ));
        }
    }
    out
}

fn one_line(s: &str) -> String {
    s.replace("\r\n", " ").replace(['\r', '\n'], " ")
}
