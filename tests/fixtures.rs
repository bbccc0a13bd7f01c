//! Fixture-driven rule tests. Each `tests/fixtures/<rule-id>/` holds `fail*.md` and
//! `pass*.md`. In a fail fixture, every expected finding is marked with an HTML comment:
//!
//! * `<!-- expect: rule-id -->` at the end of the line it is on (`rule-id@12` also pins
//!   the 1-based character column);
//! * `<!-- expect 7: rule-id -->` / `<!-- expect 7:12 rule-id -->` anywhere, for line 7
//!   (for findings on lines that cannot hold a comment: headings, table rows, line 1).
//!
//! The findings of the folder's rule must match the marks exactly (line, rule, and column
//! where given); a pass fixture must give none. A `pmlint.toml`-style `settings` line is
//! not needed: every rule, including rules that are off by default, runs here.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use pmlint::config::Level;
use pmlint::{Settings, SourceFile, builtin_rules, engine};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Expect {
    line: usize,
    column: Option<usize>,
    rule: String,
}

fn expectations(text: &str) -> Vec<Expect> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find("<!-- expect") {
            let after = &rest[at + "<!-- expect".len()..];
            let end = after.find("-->").expect("unterminated expect comment");
            let body = after[..end].trim();
            rest = &after[end..];
            let (line_no, col, spec) = if let Some(spec) = body.strip_prefix(':') {
                (i + 1, None, spec.trim())
            } else {
                let (pos, spec) = body.split_once(' ').expect("expect N: rule");
                let (pos, spec) = (pos.trim_end_matches(':'), spec.trim());
                let (l, c) = match pos.split_once(':') {
                    Some((l, c)) => (l, Some(c.parse().expect("column"))),
                    None => (pos, None),
                };
                (l.parse().expect("line number"), c, spec)
            };
            for one in spec.split(',') {
                let (rule, column) = match one.trim().split_once('@') {
                    Some((r, c)) => (r.to_string(), Some(c.parse().expect("column"))),
                    None => (one.trim().to_string(), col),
                };
                out.push(Expect {
                    line: line_no,
                    column,
                    rule,
                });
            }
        }
    }
    out
}

fn all_rules_on() -> Settings {
    let mut s = Settings::default();
    for r in builtin_rules() {
        let m = r.meta();
        s.levels.insert(m.id.clone(), Level::On(m.severity));
    }
    s
}

fn found(path: &Path, rule: &str) -> Vec<(usize, usize, String)> {
    let text = fs::read_to_string(path).unwrap();
    let src = SourceFile::new(path.display().to_string(), text);
    let diags = engine::lint_source(&src, &all_rules_on(), builtin_rules()).unwrap();
    diags
        .iter()
        .filter(|d| d.rule == rule)
        .map(|d| {
            let lc = src.line_col(d.span.start);
            (lc.line, lc.column, d.message.clone())
        })
        .collect()
}

#[test]
fn every_rule_has_fixtures_and_every_fixture_a_rule() {
    let ids: BTreeSet<String> = builtin_rules()
        .iter()
        .map(|r| r.meta().id.clone())
        .collect();
    let dirs: BTreeSet<String> = fs::read_dir(fixtures_dir())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let missing: Vec<_> = ids.difference(&dirs).collect();
    let orphans: Vec<_> = dirs.difference(&ids).collect();
    assert!(missing.is_empty(), "rules without fixtures: {missing:?}");
    assert!(
        orphans.is_empty(),
        "fixture folders without a rule: {orphans:?}"
    );
    for id in &ids {
        let names: Vec<String> = fs::read_dir(fixtures_dir().join(id))
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names.iter().any(|n| n.starts_with("fail")),
            "{id}: no fail fixture"
        );
        assert!(
            names.iter().any(|n| n.starts_with("pass")),
            "{id}: no pass fixture"
        );
    }
}

#[test]
fn fixtures_give_exactly_the_expected_findings() {
    let mut failures = Vec::new();
    for dir in fs::read_dir(fixtures_dir()).unwrap().filter_map(|e| e.ok()) {
        if !dir.path().is_dir() {
            continue;
        }
        let rule = dir.file_name().to_string_lossy().into_owned();
        let mut files: Vec<PathBuf> = fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        files.sort();
        for file in files {
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            let text = fs::read_to_string(&file).unwrap();
            let expected: Vec<Expect> = expectations(&text)
                .into_iter()
                .filter(|e| e.rule == rule)
                .collect();
            if name.starts_with("fail") {
                assert!(
                    !expected.is_empty(),
                    "{rule}/{name}: a fail fixture marks no finding"
                );
            }
            let got = found(&file, &rule);
            let got_lines: BTreeSet<(usize, String)> =
                got.iter().map(|(l, _, _)| (*l, rule.clone())).collect();
            let want_lines: BTreeSet<(usize, String)> =
                expected.iter().map(|e| (e.line, e.rule.clone())).collect();
            if got.len() != expected.len() || got_lines != want_lines {
                failures.push(format!(
                    "{rule}/{name}: expected lines {:?}, got {:?}",
                    expected.iter().map(|e| e.line).collect::<Vec<_>>(),
                    got.iter()
                        .map(|(l, c, m)| format!("{l}:{c} {m}"))
                        .collect::<Vec<_>>()
                ));
                continue;
            }
            for e in expected.iter().filter(|e| e.column.is_some()) {
                if !got
                    .iter()
                    .any(|(l, c, _)| *l == e.line && Some(*c) == e.column)
                {
                    failures.push(format!(
                        "{rule}/{name}: expected column {:?} on line {}, got {:?}",
                        e.column, e.line, got
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn expect_comments_parse() {
    let e = expectations("a <!-- expect: blame-language@3 -->\n<!-- expect 1:5 x -->");
    assert_eq!(
        e[0],
        Expect {
            line: 1,
            column: Some(3),
            rule: "blame-language".into()
        }
    );
    assert_eq!(
        e[1],
        Expect {
            line: 1,
            column: Some(5),
            rule: "x".into()
        }
    );
}
