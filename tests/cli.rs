//! The real binary, run as users run it.

mod common;

use common::{json_of, pmlint};
use predicates::prelude::*;
use std::fs;

const CLEAN: &str = "examples/2026-03-14-checkout-latency.md";

#[test]
fn clean_example_passes_with_exit_0() {
    pmlint()
        .args(["check", CLEAN])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "Checked 1 file: 0 errors, 0 warnings",
        ));
}

#[test]
fn missing_timeline_fails_with_exit_1_at_the_title() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("pm.md");
    fs::write(
        &p,
        "# Outage\n\n## Summary\n\nThe queue backed up for 20 minutes.\n\n## Action items\n\n- [ ] Add an alert on queue depth — @ana, due 2026-04-01, OPS-1\n\nFollow-up review: 2026-04-15\n",
    )
    .unwrap();
    let out = pmlint()
        .args(["check", "--format", "json"])
        .arg(&p)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v = json_of(&out);
    let d = &v["diagnostics"][0];
    assert_eq!(d["rule"], "missing-timeline");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 1);
}

#[test]
fn json_output_has_the_documented_shape() {
    let out = pmlint()
        .args([
            "check",
            "--format",
            "json",
            "examples/2026-08-09-bad-deploy.md",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v = json_of(&out);
    assert_eq!(v["version"], 1);
    let d = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("human error"))
        .expect("human error flagged");
    for key in [
        "path",
        "rule",
        "severity",
        "message",
        "line",
        "column",
        "end_line",
        "end_column",
        "help",
        "suggestion",
    ] {
        assert!(d.get(key).is_some(), "missing {key}");
    }
    assert_eq!(d["rule"], "blame-language");
    assert_eq!(d["severity"], "error");
    assert_eq!(
        d["end_column"].as_u64().unwrap() - d["column"].as_u64().unwrap(),
        "human error".len() as u64
    );
    assert!(v["summary"]["files"].as_u64() == Some(1));
    assert!(v["errors"].as_array().unwrap().is_empty());
}

#[test]
fn invalid_utf8_is_reported_and_the_other_file_still_linted() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("bad.md"), b"# Title\n\xff\xfe broken\n").unwrap();
    fs::write(
        dir.path().join("good.md"),
        "# Outage\n\nThe outage was caused by human error.\n",
    )
    .unwrap();
    let assert = pmlint()
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .assert()
        .code(2);
    let v = json_of(&assert.get_output().stdout);
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1);
    assert!(errors[0]["path"].as_str().unwrap().ends_with("bad.md"));
    assert!(errors[0]["message"].as_str().unwrap().contains("UTF-8"));
    assert!(
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["path"].as_str().unwrap().ends_with("good.md"))
    );
}

#[test]
fn human_output_names_the_bad_file_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.md");
    fs::write(&bad, b"\xff").unwrap();
    pmlint().args(["check"]).arg(&bad).assert().code(2).stderr(
        predicate::str::contains("bad.md").and(predicate::str::contains("not valid UTF-8")),
    );
}

#[test]
fn missing_path_is_an_error_with_exit_2() {
    pmlint()
        .args(["check", "no/such/file.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no/such/file.md: no such file or directory",
        ));
}

#[test]
fn usage_error_exits_2() {
    pmlint()
        .args(["check", "--format", "yaml"])
        .assert()
        .code(2);
    pmlint().args(["frobnicate"]).assert().code(2);
}

#[test]
fn stdin_is_linted_under_the_given_name() {
    let out = pmlint()
        .args([
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "pm/x.md",
            "-",
        ])
        .write_stdin("# X\n\nObviously, the cache was wrong.\n")
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v = json_of(&out);
    assert!(
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["path"] == "pm/x.md")
    );
    let hindsight = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "blame-language")
        .unwrap();
    assert_eq!(
        (hindsight["line"].as_u64(), hindsight["column"].as_u64()),
        (Some(3), Some(1))
    );
    assert_eq!(hindsight["suggestion"]["edits"][0]["replacement"], "T");
}

#[test]
fn directories_are_walked_for_markdown_respecting_gitignore() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("pm/ignored")).unwrap();
    fs::write(dir.path().join(".gitignore"), "ignored/\n").unwrap();
    std::process::Command::new("git")
        .arg("init")
        .arg("-q")
        .arg(dir.path())
        .status()
        .unwrap();
    fs::write(dir.path().join("pm/a.md"), "# A\n").unwrap();
    fs::write(dir.path().join("pm/b.markdown"), "# B\n").unwrap();
    fs::write(dir.path().join("pm/notes.txt"), "human error").unwrap();
    fs::write(dir.path().join("pm/ignored/c.md"), "# C\n").unwrap();
    let out = pmlint()
        .args(["check", "--format", "json"])
        .current_dir(dir.path())
        .arg(".")
        .assert()
        .get_output()
        .stdout
        .clone();
    let v = json_of(&out);
    assert_eq!(v["summary"]["files"], 2);
}

#[test]
fn glob_patterns_are_expanded_by_pmlint() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("one.md"), "# One\n").unwrap();
    fs::write(dir.path().join("two.md"), "# Two\n").unwrap();
    let out = pmlint()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "*.md"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    assert_eq!(json_of(&out)["summary"]["files"], 2);
}

#[test]
fn rules_and_explain() {
    pmlint()
        .arg("rules")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("blame-language"));
    pmlint()
        .args(["explain", "blame-language"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Bad:").and(predicate::str::contains("Good:")));
    pmlint().args(["explain", "no-such-rule"]).assert().code(2);
}

#[test]
fn human_output_of_the_examples_is_stable() {
    let out = pmlint()
        .args(["check", "--color", "never", "examples/"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    insta::assert_snapshot!(String::from_utf8(out).unwrap());
}

#[test]
fn a_run_of_hindsight_adverbs_is_removed_in_one_edit() {
    let out = pmlint()
        .args(["check", "--format", "json", "--stdin-filename", "x.md", "-"])
        .write_stdin("# X\n\nObviously, clearly the cache was wrong.\n")
        .assert()
        .get_output()
        .stdout
        .clone();
    let v = json_of(&out);
    let first = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "blame-language")
        .unwrap();
    let edit = &first["suggestion"]["edits"][0];
    assert_eq!(
        (edit["column"].as_u64(), edit["end_column"].as_u64()),
        (Some(1), Some(21))
    );
    assert_eq!(edit["replacement"], "T");
}
