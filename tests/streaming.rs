//! `pmlint check` prints its reports batch by batch as files are linted: through the real
//! binary, the output keeps input order whatever the batch size, the JSON-based formats
//! are laid out exactly as one pretty-printed document, and the JSON `documents` metrics
//! come from each file's own settings.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn pmlint(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("pmlint").unwrap();
    c.current_dir(dir)
        .env_remove("GITHUB_ACTIONS")
        .env("NO_COLOR", "1");
    c
}

fn stdout_of(c: &mut Command) -> String {
    String::from_utf8(c.output().unwrap().stdout).unwrap()
}

/// A post-mortem whose timeline sits under a heading no built-in synonym names.
const CUSTOM_TIMELINE: &str = "# Queue outage

## Summary

Kevin failed to follow the runbook and the queue backed up.

## Minute by minute

- 2026-03-14 13:40 UTC impact starts
- 2026-03-14 14:05 UTC alert fired
- 2026-03-14 14:52 UTC resolved
";

#[test]
fn json_document_metrics_follow_the_files_own_section_names() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("pm.md"), CUSTOM_TIMELINE).unwrap();
    fs::write(
        dir.path().join("pmlint.toml"),
        "[sections.timeline]\nnames = [\"Minute by minute\"]\n",
    )
    .unwrap();
    let timeline = |extra: &[&str]| -> Value {
        let out = stdout_of(
            pmlint(dir.path())
                .args(["check", "--format", "json"])
                .args(extra)
                .arg("pm.md"),
        );
        let v: Value = serde_json::from_str(&out).unwrap();
        v["documents"][0]["metrics"]["timeline"].clone()
    };
    let configured = timeline(&[]);
    assert_eq!(configured["entries"], 3);
    assert_eq!(configured["time_to_detect_minutes"], 25);
    assert_eq!(configured["time_to_resolve_minutes"], 72);
    // Without the configuration the heading names no timeline.
    let built_in = timeline(&["--no-config"]);
    assert_eq!(built_in["entries"], 0);
    assert_eq!(built_in["time_to_detect_minutes"], Value::Null);
}

/// 37 post-mortems, every fifth one unreadable, in folders that sort differently from
/// their creation order: several batches on any machine.
fn many_files() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in (0..37).rev() {
        let sub = dir.path().join(format!("team-{}", i % 3));
        fs::create_dir_all(&sub).unwrap();
        let path = sub.join(format!("pm-{i:02}.md"));
        if i % 5 == 0 {
            fs::write(path, b"\xff\xfe\x00broken").unwrap();
        } else {
            fs::write(
                path,
                CUSTOM_TIMELINE.replace("Queue", &format!("Queue {i}")),
            )
            .unwrap();
        }
    }
    dir
}

#[test]
fn reports_keep_input_order_whatever_the_batch_size() {
    let dir = many_files();
    for format in ["human", "concise", "json", "github", "sarif", "gitlab"] {
        let run = |threads: &str| {
            pmlint(dir.path())
                .env("RAYON_NUM_THREADS", threads)
                .args(["check", "--no-config", "--format", format, "."])
                .output()
                .unwrap()
        };
        let one = run("1");
        let three = run("3");
        assert_eq!(one.status.code(), Some(2), "{format}: unreadable files");
        assert_eq!(one.stdout, three.stdout, "{format}: stdout");
        assert_eq!(one.stderr, three.stderr, "{format}: stderr");
    }
    let concise =
        stdout_of(pmlint(dir.path()).args(["check", "--no-config", "--format", "concise", "."]));
    let paths: Vec<&str> = concise
        .lines()
        .map(|l| l.split(':').next().unwrap())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert_eq!(
        paths
            .iter()
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        37 - 8,
        "every readable file reported"
    );
    let human = pmlint(dir.path())
        .args(["check", "--no-config", "."])
        .output()
        .unwrap();
    let stderr = String::from_utf8(human.stderr).unwrap();
    let failed: Vec<&str> = stderr.lines().collect();
    assert_eq!(failed.len(), 8, "{stderr}");
    let mut sorted = failed.clone();
    sorted.sort();
    assert_eq!(failed, sorted);
    let stdout = String::from_utf8(human.stdout).unwrap();
    assert!(
        stdout.ends_with("Checked 29 files: 87 errors, 0 warnings; 8 files could not be read\n"),
        "{}",
        stdout.lines().last().unwrap_or_default()
    );
}

#[test]
fn streamed_json_formats_read_as_one_pretty_printed_document() {
    let dir = many_files();
    fs::write(dir.path().join("empty.md"), "").unwrap();
    for format in ["json", "sarif", "gitlab"] {
        for paths in [vec!["."], vec!["empty.md"], vec!["missing.md"]] {
            let out = stdout_of(
                pmlint(dir.path())
                    .args(["check", "--no-config", "--format", format])
                    .args(&paths),
            );
            let v: Value = serde_json::from_str(&out).unwrap();
            let again = serde_json::to_string_pretty(&v).unwrap() + "\n";
            assert!(
                again == out,
                "{format} {paths:?} is laid out differently:\n{out}"
            );
        }
    }
    let v: Value = serde_json::from_str(&stdout_of(pmlint(dir.path()).args([
        "check",
        "--no-config",
        "--format",
        "json",
        ".",
    ])))
    .unwrap();
    let files = v["files"].as_array().unwrap();
    let documents = v["documents"].as_array().unwrap();
    assert_eq!((files.len(), documents.len()), (30, 30));
    for (f, d) in files.iter().zip(documents) {
        assert_eq!(f, &d["path"]);
    }
    assert_eq!(v["errors"].as_array().map(Vec::len), Some(8));
}

#[test]
fn a_broken_configuration_is_reported_once_across_batches() {
    let dir = many_files();
    fs::write(
        dir.path().join("pmlint.toml"),
        "[rules]\nno-such-rule = \"error\"\n",
    )
    .unwrap();
    let out = pmlint(dir.path())
        .args(["check", "--format", "concise", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("pmlint.toml"), "{stderr}");
}

#[test]
fn a_baseline_written_over_several_batches_absorbs_every_finding() {
    let dir = many_files();
    let write = pmlint(dir.path())
        .args(["check", "--no-config", "--write-baseline", "base.json", "."])
        .output()
        .unwrap();
    assert_eq!(write.status.code(), Some(2), "unreadable files still count");
    assert!(write.stdout.is_empty());
    let stderr = String::from_utf8(write.stderr).unwrap();
    assert!(stderr.contains("recorded 87 findings"), "{stderr}");
    let checked = stdout_of(pmlint(dir.path()).args([
        "check",
        "--no-config",
        "--baseline",
        "base.json",
        "--format",
        "concise",
        ".",
    ]));
    assert_eq!(checked, "");
    let edited = dir.path().join("team-1/pm-01.md");
    let text = fs::read_to_string(&edited).unwrap();
    fs::write(
        &edited,
        text.replace(
            "the queue",
            "Kevin failed to follow the runbook and the queue",
        ),
    )
    .unwrap();
    let checked = stdout_of(pmlint(dir.path()).args([
        "check",
        "--no-config",
        "--baseline",
        "base.json",
        "--format",
        "concise",
        ".",
    ]));
    assert_eq!(
        checked.lines().count(),
        1,
        "only the new finding: {checked}"
    );
}
