//! Suppression comments, applied by the engine after the rules ran:
//!
//! * `<!-- pmlint-disable ids -->` … `<!-- pmlint-enable ids -->` (or to the end of file);
//! * `<!-- pmlint-disable-next-line ids -->`, `<!-- pmlint-disable-line ids -->`;
//! * `<!-- pmlint-disable-file ids -->`.
//!
//! Ids are separated by commas or spaces; none means every rule; ` -- reason` may follow.
//! A directive that suppressed nothing, an unknown rule id or an unknown directive is
//! reported as `unused-suppression`, as ruff reports unused `noqa` comments.

use std::collections::HashSet;

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity, Span};
use crate::document::{Comment, Document};
use crate::rules::unused_suppression::ID as UNUSED;
use crate::suggest;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Disable,
    Enable,
    DisableNextLine,
    DisableLine,
    DisableFile,
}

const KINDS: [(&str, Kind); 5] = [
    ("pmlint-disable", Kind::Disable),
    ("pmlint-enable", Kind::Enable),
    ("pmlint-disable-next-line", Kind::DisableNextLine),
    ("pmlint-disable-line", Kind::DisableLine),
    ("pmlint-disable-file", Kind::DisableFile),
];

impl Kind {
    pub fn word(self) -> &'static str {
        KINDS
            .iter()
            .find(|(_, k)| *k == self)
            .map_or("", |(w, _)| w)
    }
}

#[derive(Debug, Clone)]
pub struct Directive {
    pub kind: Kind,
    /// Rule ids with their spans in the source; empty means every rule.
    pub rules: Vec<(String, Span)>,
    /// The whole comment.
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum Parsed {
    Directive(Directive),
    /// Starts like a directive but is none (`pmlint-disabel`): the word and its span.
    Unknown(String, Span),
    /// An ordinary comment.
    NotOurs,
}

/// Read one HTML comment. `text` is the document's source.
pub fn parse(comment: &Comment, text: &str) -> Parsed {
    let raw = &text[comment.span.clone()];
    let Some(open) = raw.find("<!--") else {
        return Parsed::NotOurs;
    };
    let body_start = open + 4;
    let body_end = raw
        .rfind("-->")
        .filter(|&e| e >= body_start)
        .unwrap_or(raw.len());
    let body = &raw[body_start..body_end];
    let lead = body.len() - body.trim_start().len();
    let body = body.trim_start();
    if !body.starts_with("pmlint-") {
        return Parsed::NotOurs;
    }
    let base = comment.span.start + body_start + lead;
    // ` -- reason` ends the list of ids.
    let body = body.find(" --").map_or(body, |i| &body[..i]);
    let mut words = tokens(body).into_iter();
    let Some((word, at)) = words.next() else {
        return Parsed::NotOurs;
    };
    let Some(kind) = KINDS.iter().find(|(w, _)| *w == word).map(|(_, k)| *k) else {
        return Parsed::Unknown(word.to_string(), base + at..base + at + word.len());
    };
    let rules = words
        .map(|(id, at)| (id.to_string(), base + at..base + at + id.len()))
        .collect();
    Parsed::Directive(Directive {
        kind,
        rules,
        span: comment.span.clone(),
    })
}

/// Words separated by whitespace or commas, with their byte offsets.
fn tokens(s: &str) -> Vec<(&str, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        let sep = c.is_whitespace() || c == ',';
        match (start, sep) {
            (None, false) => start = Some(i),
            (Some(st), true) => {
                out.push((&s[st..i], st));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// What the engine knows about rules when it applies suppressions.
pub struct RuleIds<'a> {
    /// Every rule id that exists (built-in and packs).
    pub known: Vec<&'a str>,
    /// Rules that ran on this document; a suppression naming a rule that is off is not
    /// reported as unused.
    pub enabled: Vec<&'a str>,
    /// The level of `unused-suppression`, `None` when it is off.
    pub unused_level: Option<Severity>,
}

/// One suppressed stretch: a directive's rule slot (`None`: every rule) over a byte range.
struct Region {
    range: Span,
    directive: usize,
    slot: Option<usize>,
}

/// Drop the findings the document's suppression comments cover, then report the
/// suppressions that covered none.
pub fn apply(doc: &Document, diags: &mut Vec<Diagnostic>, ids: &RuleIds) {
    let text = doc.text();
    let mut comments: Vec<&Comment> = doc.comments.iter().collect();
    comments.sort_by_key(|c| c.span.start);
    let mut directives = Vec::new();
    let mut unknown_directives = Vec::new();
    for c in comments {
        match parse(c, text) {
            Parsed::Directive(d) => directives.push(d),
            Parsed::Unknown(word, span) => unknown_directives.push((word, span)),
            Parsed::NotOurs => {}
        }
    }
    if directives.is_empty() && unknown_directives.is_empty() {
        return;
    }
    let (regions, enables_used) = regions(doc, &directives);
    let covers = |r: &Region, d: &Diagnostic| {
        let pos = d.span.start;
        let inside = r.range.start <= pos
            && (pos < r.range.end || (pos == r.range.end && pos == text.len()));
        let rule = match r.slot {
            None => d.rule != UNUSED,
            Some(j) => directives[r.directive].rules[j].0 == d.rule,
        };
        inside && rule
    };
    let mut used: HashSet<(usize, Option<usize>)> = enables_used;
    diags.retain(|d| {
        let mut hit = false;
        for r in regions.iter().filter(|r| covers(r, d)) {
            used.insert((r.directive, r.slot));
            hit = true;
        }
        !hit
    });
    let Some(severity) = ids.unused_level else {
        return;
    };
    let mut found = Vec::new();
    for (word, span) in unknown_directives {
        let words = KINDS.iter().map(|(w, _)| *w);
        found.push(
            Diagnostic::new(
                UNUSED,
                severity,
                span,
                format!("unknown directive `{word}`{}", suggest::hint(&word, words)),
            )
            .with_help("Suppression comments are pmlint-disable, pmlint-enable, pmlint-disable-next-line, pmlint-disable-line and pmlint-disable-file."),
        );
    }
    for (i, d) in directives.iter().enumerate() {
        let mut unused = Vec::new();
        let slots: Vec<Option<usize>> = if d.rules.is_empty() {
            vec![None]
        } else {
            (0..d.rules.len()).map(Some).collect()
        };
        for slot in &slots {
            let name = slot.map(|j| d.rules[j].0.as_str());
            match name {
                Some(id) if !ids.known.contains(&id) => {
                    found.push(
                        Diagnostic::new(
                            UNUSED,
                            severity,
                            d.rules[slot.unwrap_or_default()].1.clone(),
                            format!(
                                "unknown rule `{id}` in `{}`{}",
                                d.kind.word(),
                                suggest::hint(id, ids.known.iter().copied())
                            ),
                        )
                        .with_help("`pmlint rules` lists every rule id."),
                    );
                }
                Some(id) if id == UNUSED || !ids.enabled.contains(&id) => {}
                _ if used.contains(&(i, *slot)) => {}
                _ => unused.push(name),
            }
        }
        if unused.is_empty() {
            continue;
        }
        let named: Vec<&str> = unused.iter().flatten().copied().collect();
        let what = if named.is_empty() {
            format!("`{}`", d.kind.word())
        } else {
            format!("`{} {}`", d.kind.word(), named.join(", "))
        };
        let message = if d.kind == Kind::Enable {
            format!("{what} ends no `pmlint-disable`")
        } else {
            format!("{what} suppresses no finding")
        };
        let mut diag = Diagnostic::new(UNUSED, severity, d.span.clone(), message).with_help(
            "Remove it: a suppression that hides nothing today will silently hide a real finding tomorrow.",
        );
        if unused.len() == slots.len() {
            diag = diag.with_fix(Fix {
                message: "remove the comment".into(),
                edits: vec![Edit {
                    span: removal(doc, &d.span),
                    replacement: String::new(),
                }],
            });
        }
        found.push(diag);
    }
    // Only a directive that names `unused-suppression` itself silences these findings.
    found.retain(|f| {
        !regions.iter().any(|r| {
            r.slot
                .is_some_and(|j| directives[r.directive].rules[j].0 == UNUSED)
                && covers(r, f)
        })
    });
    diags.extend(found);
}

/// The stretches each directive covers, and the `pmlint-enable` slots that ended one.
fn regions(
    doc: &Document,
    directives: &[Directive],
) -> (Vec<Region>, HashSet<(usize, Option<usize>)>) {
    let src = doc.source;
    let len = doc.text().len();
    let line_range =
        |line: usize| src.line_start(line)..src.line_start(line + 1).max(src.line_start(line));
    let mut regions = Vec::new();
    let mut open: Vec<(usize, Option<usize>, usize)> = Vec::new();
    let mut enables_used = HashSet::new();
    for (i, d) in directives.iter().enumerate() {
        let slots: Vec<Option<usize>> = if d.rules.is_empty() {
            vec![None]
        } else {
            (0..d.rules.len()).map(Some).collect()
        };
        let fixed = match d.kind {
            Kind::DisableFile => Some(0..len),
            Kind::DisableLine => Some(line_range(src.line_of(d.span.start))),
            Kind::DisableNextLine => {
                let last = src.line_of(d.span.end.saturating_sub(1).max(d.span.start));
                Some(if last + 1 < src.line_count() {
                    line_range(last + 1)
                } else {
                    len..len
                })
            }
            Kind::Disable => {
                open.extend(slots.iter().map(|&s| (i, s, d.span.end)));
                None
            }
            Kind::Enable => {
                for slot in &slots {
                    let closes = |&(dir, s, _): &(usize, Option<usize>, usize)| match slot {
                        None => true,
                        Some(j) => s.is_some_and(|k| directives[dir].rules[k].0 == d.rules[*j].0),
                    };
                    let mut closed = false;
                    open.retain(|o| {
                        if closes(o) {
                            regions.push(Region {
                                range: o.2..d.span.start,
                                directive: o.0,
                                slot: o.1,
                            });
                            closed = true;
                            false
                        } else {
                            true
                        }
                    });
                    if closed {
                        enables_used.insert((i, *slot));
                    }
                }
                None
            }
        };
        if let Some(range) = fixed {
            regions.extend(slots.iter().map(|&slot| Region {
                range: range.clone(),
                directive: i,
                slot,
            }));
        }
    }
    regions.extend(open.into_iter().map(|(directive, slot, start)| Region {
        range: start..len,
        directive,
        slot,
    }));
    (regions, enables_used)
}

/// What to delete to remove a comment: its whole line when it stands alone on it.
fn removal(doc: &Document, span: &Span) -> Span {
    let src = doc.source;
    let line = src.line_of(span.start);
    let range = src.line_range(line);
    let text = doc.text();
    if text[range.clone()].trim() == text[span.clone()].trim() && src.line_of(span.end) <= line + 1
    {
        return range.start..src.line_start(line + 1).max(range.end);
    }
    let before = text[..span.start].trim_end_matches([' ', '\t']).len();
    before..span.end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::source::SourceFile;

    fn diag(rule: &str, at: usize) -> Diagnostic {
        Diagnostic::new(rule, Severity::Error, at..at + 1, "x")
    }

    /// Apply suppressions to findings of `rule` at the start of each listed line (0-based).
    fn run(md: &str, findings: &[(&str, usize)]) -> Vec<(String, usize, String)> {
        let src = SourceFile::new("x.md", md);
        let doc = crate::document::markdown::parse(&src, &Settings::default().catalog);
        let mut diags: Vec<Diagnostic> = findings
            .iter()
            .map(|(r, line)| diag(r, src.line_start(*line)))
            .collect();
        let ids = RuleIds {
            known: vec!["a", "b", "off-rule", UNUSED],
            enabled: vec!["a", "b", UNUSED],
            unused_level: Some(Severity::Warning),
        };
        apply(&doc, &mut diags, &ids);
        diags
            .iter()
            .map(|d| (d.rule.clone(), src.line_of(d.span.start), d.message.clone()))
            .collect()
    }

    #[test]
    fn parses_directives_ids_and_reasons() {
        let md = "x <!-- pmlint-disable-line a, b -- quoted from chat -->\n";
        let src = SourceFile::new("x.md", md);
        let doc = crate::document::markdown::parse(&src, &Settings::default().catalog);
        let Parsed::Directive(d) = parse(&doc.comments[0], md) else {
            panic!("not a directive");
        };
        assert_eq!(d.kind, Kind::DisableLine);
        let ids: Vec<&str> = d.rules.iter().map(|(r, _)| r.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(&md[d.rules[1].1.clone()], "b");
    }

    #[test]
    fn next_line_and_line_forms() {
        let md = "<!-- pmlint-disable-next-line a -->\nfirst\nsecond <!-- pmlint-disable-line -->\nthird\n";
        let got = run(md, &[("a", 1), ("b", 1), ("b", 2), ("a", 3)]);
        assert_eq!(
            got.iter().map(|g| (g.0.as_str(), g.1)).collect::<Vec<_>>(),
            [("b", 1), ("a", 3)]
        );
    }

    #[test]
    fn ranges_end_at_enable_or_end_of_file() {
        let md = "<!-- pmlint-disable a -->\n\none\n\n<!-- pmlint-enable a -->\n\ntwo\n\n<!-- pmlint-disable -->\n\nthree\n";
        let got = run(md, &[("a", 2), ("a", 6), ("b", 10)]);
        assert_eq!(got.iter().map(|g| g.1).collect::<Vec<_>>(), [6]);
    }

    #[test]
    fn file_form_and_unused_reports() {
        let md = "<!-- pmlint-disable-file b -->\n\none\n\n<!-- pmlint-disable-next-line a -->\ntwo\n\n<!-- pmlint-disable-next-line off-rule -->\nthree\n";
        let got = run(md, &[("b", 2)]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, UNUSED);
        assert_eq!(got[0].1, 4);
        assert!(
            got[0]
                .2
                .contains("`pmlint-disable-next-line a` suppresses no finding")
        );
    }

    #[test]
    fn unknown_ids_and_directives_are_reported_with_suggestions() {
        let md =
            "<!-- pmlint-disable-next-line unused-supression -->\nx\n\n<!-- pmlint-disabel a -->\n";
        let got = run(md, &[]);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(
            got.iter()
                .any(|g| g.1 == 0 && g.2.contains("did you mean `unused-suppression`"))
        );
        assert!(
            got.iter()
                .any(|g| g.1 == 3 && g.2.contains("did you mean `pmlint-disable`"))
        );
    }

    #[test]
    fn an_unmatched_enable_is_unused_and_self_suppression_works() {
        let got = run("<!-- pmlint-enable a -->\n", &[]);
        assert!(got[0].2.contains("ends no `pmlint-disable`"), "{got:?}");
        let got = run(
            "<!-- pmlint-disable-file unused-suppression -->\n\n<!-- pmlint-disable-next-line a -->\nx\n",
            &[],
        );
        assert!(got.is_empty(), "{got:?}");
    }
}
