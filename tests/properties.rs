//! Properties that hold for any input, checked on generated Markdown-ish post-mortems
//! (headings, lists, task lists, tables, code fences, quotes, comments, blame phrases,
//! emoji, CJK, CRLF, lone CR, BOM) and on arbitrary text. Small case budgets keep CI fast;
//! raise them locally with PROPTEST_CASES=10000.

use std::collections::BTreeSet;

use pmlint::output::{FileReport, json};
use pmlint::{Diagnostic, Settings, SourceFile};
use proptest::prelude::*;
use serde_json::Value;

/// `default` cases, or `PROPTEST_CASES` when set (for long local runs).
fn cases(default: u32) -> ProptestConfig {
    let n = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    ProptestConfig::with_cases(n)
}

fn settings() -> Settings {
    Settings::default()
}

const WORDS: &[&str] = &[
    "the",
    "replica",
    "failed to start",
    "Kevin failed to follow the runbook",
    "@sam should have checked",
    "human error",
    "obviously",
    "Obviously,",
    "clearly",
    "careless",
    "be more careful",
    "pay more attention",
    "we'll add an alert",
    "we should have",
    "not human error",
    "operator error is never a root cause",
    "owner: TBD",
    "— @ana, due 2026-04-01, OPS-12",
    "10:42 UTC",
    "2026-03-14 09:05",
    "`code`",
    "[link](https://example.com/human-error)",
    "<https://example.com>",
    "**bold**",
    "_em_",
    "~~struck~~",
    "😀",
    "字",
    "é",
    "\t",
    "<!-- pmlint-disable blame-language -->",
    "<!-- pmlint-disable-next-line -->",
    "\\",
    "|",
    "*",
];

const HEADINGS: &[&str] = &[
    "Timeline",
    "Timeline (UTC)",
    "Action items",
    "Follow-ups",
    "Summary",
    "Lessons learned",
    "Root cause",
    "Impact",
    "What went wrong",
    "Incident 😀",
];

fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 1..8).prop_map(|w| w.join(" "))
}

fn block() -> impl Strategy<Value = String> {
    prop_oneof![
        (1usize..=6, prop::sample::select(HEADINGS))
            .prop_map(|(l, h)| format!("{} {h}", "#".repeat(l))),
        sentence(),
        (
            0usize..4,
            prop::sample::select(&["- ", "* ", "1. ", "- [ ] ", "- [x] "][..]),
            sentence()
        )
            .prop_map(|(d, m, s)| format!("{}{m}{s}", "  ".repeat(d))),
        prop::collection::vec((sentence(), sentence()), 0..4).prop_map(|rows| {
            let mut t = String::from("| Time | Event | Owner |\n|---|---|---|");
            for (a, b) in rows {
                t.push_str(&format!("\n| {a} | {b} | @li |"));
            }
            t
        }),
        prop::collection::vec((sentence(), sentence()), 0..4).prop_map(|rows| {
            let mut t = String::from("| Action | Owner | Due |\n|--|--|--|");
            for (a, b) in rows {
                t.push_str(&format!("\n| {a} | {b} | 2026-05-01 |"));
            }
            t
        }),
        sentence().prop_map(|s| format!("```\n{s}\n```")),
        sentence().prop_map(|s| format!("> {s}")),
        sentence().prop_map(|s| format!("**Timeline:** {s}")),
        "\\PC{0,40}",
    ]
}

/// A Markdown-ish document, with its line endings and BOM varied.
fn document() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        prop::collection::vec((block(), prop::sample::select(&["\n", "\n\n"][..])), 0..14),
        0u8..3,
        any::<bool>(),
    )
        .prop_map(|(front, blocks, endings, bom)| {
            let mut t = String::new();
            if front {
                t.push_str("---\ntitle: human error\ndate: 2026-03-14\n---\n");
            }
            for (b, sep) in blocks {
                t.push_str(&b);
                t.push_str(sep);
            }
            let t = match endings {
                1 => t.replace('\n', "\r\n"),
                2 => t.replace('\n', "\r"),
                _ => t,
            };
            if bom { format!("\u{feff}{t}") } else { t }
        })
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![document(), "\\PC{0,300}", any::<String>()]
}

fn assert_on_boundaries(src: &SourceFile, d: &Diagnostic) {
    let t = &src.text;
    let ok = |s: &std::ops::Range<usize>| {
        s.start <= s.end
            && s.end <= t.len()
            && t.is_char_boundary(s.start)
            && t.is_char_boundary(s.end)
    };
    assert!(ok(&d.span), "span {d:?} in {:?}", t);
    for e in d.fix.iter().flat_map(|f| &f.edits) {
        assert!(ok(&e.span), "fix edit of {d:?} in {:?}", t);
    }
}

proptest! {
    #![proptest_config(cases(96))]

    #[test]
    fn spans_lie_inside_the_document_on_character_boundaries(text in any_text()) {
        let src = SourceFile::new("p.md", text);
        for d in pmlint::lint(&src, &settings()) {
            assert_on_boundaries(&src, &d);
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(src) = SourceFile::from_bytes("p.md", bytes) {
            for d in pmlint::lint(&src, &settings()) {
                assert_on_boundaries(&src, &d);
            }
        }
    }

    #[test]
    fn output_is_sorted_and_linting_is_idempotent(text in document()) {
        let a = pmlint::lint(&SourceFile::new("p.md", text.clone()), &settings());
        let b = pmlint::lint(&SourceFile::from_bytes("p.md", text.into_bytes()).unwrap(), &settings());
        prop_assert_eq!(&a, &b);
        let keys: Vec<_> = a.iter().map(|d| (d.span.start, d.span.end, d.rule.clone())).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        prop_assert_eq!(keys, sorted);
    }

    #[test]
    fn json_output_round_trips(text in document()) {
        let src = SourceFile::new("p.md", text);
        let diagnostics = pmlint::lint(&src, &settings());
        let reports = [FileReport { path: "p.md".into(), source: Some(src.clone()), diagnostics: diagnostics.clone(), error: None }];
        let v: Value = serde_json::from_str(&json::render(&reports)).unwrap();
        let back = v["diagnostics"].as_array().unwrap();
        prop_assert_eq!(back.len(), diagnostics.len());
        for (j, d) in back.iter().zip(&diagnostics) {
            let (s, e) = (src.line_col(d.span.start), src.line_col(d.span.end));
            prop_assert_eq!(&j["path"], "p.md");
            prop_assert_eq!(j["rule"].as_str(), Some(d.rule.as_str()));
            prop_assert_eq!(j["severity"].as_str(), Some(d.severity.as_str()));
            prop_assert_eq!(j["message"].as_str(), Some(d.message.as_str()));
            prop_assert_eq!(j["help"].as_str(), d.help.as_deref());
            let pos = [&j["line"], &j["column"], &j["end_line"], &j["end_column"]].map(|x| x.as_u64().unwrap() as usize);
            prop_assert_eq!(pos, [s.line, s.column, e.line, e.column]);
            // A position read back names the same byte as the span.
            prop_assert_eq!(src.offset_of_line_col(s), d.span.start);
            match &d.fix {
                None => prop_assert!(j["suggestion"].is_null()),
                Some(f) => {
                    prop_assert_eq!(j["suggestion"]["message"].as_str(), Some(f.message.as_str()));
                    let edits = j["suggestion"]["edits"].as_array().unwrap();
                    prop_assert_eq!(edits.len(), f.edits.len());
                    for (je, e) in edits.iter().zip(&f.edits) {
                        prop_assert_eq!(je["replacement"].as_str(), Some(e.replacement.as_str()));
                        let at = src.line_col(e.span.start);
                        prop_assert_eq!((je["line"].as_u64(), je["column"].as_u64()), (Some(at.line as u64), Some(at.column as u64)));
                    }
                }
            }
        }
    }

    #[test]
    fn applying_a_suggestion_keeps_utf8_and_does_not_retrigger_it(text in document()) {
        let src = SourceFile::new("p.md", text);
        let all = pmlint::lint(&src, &settings());
        for d in &all {
            let Some(fix) = &d.fix else { continue };
            let mut edits = fix.edits.clone();
            edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
            let mut fixed = src.text.clone().into_bytes();
            for e in &edits {
                fixed.splice(e.span.clone(), e.replacement.bytes());
            }
            let fixed = String::from_utf8(fixed).expect("a fixed document is valid UTF-8");
            let again = pmlint::lint(&SourceFile::new("p.md", fixed.clone()), &settings());
            // The same finding at the same place, or (when an identical occurrence moved
            // into that place) no fewer findings of its kind than before.
            let same = |a: &Diagnostic| a.rule == d.rule && a.message == d.message;
            let before = all.iter().filter(|a| same(a)).count();
            let after = again.iter().filter(|a| same(a)).count();
            let at_place = again.iter().any(|a| same(a) && a.span.start == d.span.start);
            prop_assert!(
                !at_place || after < before,
                "{:?} came back after its fix in {:?}", d, fixed
            );
        }
    }
}

proptest! {
    #![proptest_config(cases(16))]

    #[test]
    fn results_do_not_depend_on_the_number_of_threads(docs in prop::collection::vec(document(), 1..12)) {
        let lint_all = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            pool.install(|| {
                use rayon::prelude::*;
                docs.par_iter()
                    .map(|t| pmlint::lint(&SourceFile::new("p.md", t.clone()), &settings()))
                    .collect::<Vec<_>>()
            })
        };
        prop_assert_eq!(lint_all(1), lint_all(2));
    }
}

proptest! {
    #![proptest_config(cases(4))]

    /// Through the binary: a folder of generated files gives byte-identical output on one
    /// thread and on two, in path order.
    #[test]
    fn the_binary_prints_the_same_bytes_on_one_and_two_threads(docs in prop::collection::vec(document(), 2..24)) {
        let dir = tempfile::tempdir().unwrap();
        for (i, t) in docs.iter().enumerate() {
            std::fs::write(dir.path().join(format!("pm-{i:02}.md")), t).unwrap();
        }
        let run = |threads: &str, format: &str| {
            assert_cmd::Command::cargo_bin("pmlint").unwrap()
                .env("RAYON_NUM_THREADS", threads)
                .env("NO_COLOR", "1")
                .args(["check", "--no-config", "--format", format])
                .arg(dir.path())
                .output()
                .unwrap()
        };
        for format in ["json", "human"] {
            let (one, two) = (run("1", format), run("2", format));
            prop_assert_eq!(one.status.code(), two.status.code());
            prop_assert_eq!(&one.stdout, &two.stdout);
            if format == "json" {
                let v: Value = serde_json::from_slice(&one.stdout).unwrap();
                let paths: Vec<&str> = v["diagnostics"].as_array().unwrap().iter().map(|d| d["path"].as_str().unwrap()).collect();
                let mut sorted = paths.clone();
                sorted.sort();
                prop_assert_eq!(&paths, &sorted, "diagnostics in path order");
                let files: BTreeSet<&str> = paths.into_iter().collect();
                prop_assert!(files.len() <= docs.len());
            }
        }
    }
}
