//! CI integrations with the real binary: the pre-commit hook's arguments, `--changed-since`
//! in a real git repository, baselines, and the GitHub Action's script with temporary
//! `GITHUB_STEP_SUMMARY` / `GITHUB_OUTPUT` files.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn pmlint(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("pmlint").unwrap();
    c.current_dir(dir)
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("GITHUB_OUTPUT")
        .env_remove("GITHUB_WORKSPACE")
        .env("NO_COLOR", "1");
    c
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn linted_files(v: &Value) -> Vec<String> {
    v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap().to_string())
        .collect()
}

/// A post-mortem with a timeline and owned action items whose only findings are blame.
const BLAMEFUL: &str = "\
# Postmortem: cache outage

## Summary

The cache cluster stopped serving reads for 20 minutes.

## Timeline

All times UTC.

- 10:00 deploy of cache 2.3 started
- 10:05 alert fired for read errors
- 10:12 rolled back the deploy
- 10:20 resolved, reads back to normal

## Contributing factors

The outage was caused by human error.

## Action items

- [ ] Add a canary stage to the cache deploy — @ana, due 2026-04-01, OPS-1
";

/// Not a post-mortem, but full of what would be findings in one.
const README: &str = "# Project\n\nThe outage was caused by human error.\n";

fn write(dir: &Path, rel: &str, text: &str) -> PathBuf {
    let p = dir.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(&p, text).unwrap();
    p
}

// ---------------------------------------------------------------- pre-commit hook

/// The hook's `entry` from `.pre-commit-hooks.yaml`, after the program name.
fn hook_args() -> Vec<String> {
    let text = fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    let field = |key: &str| {
        text.lines()
            .find_map(|l| l.trim().trim_start_matches("- ").strip_prefix(key))
            .unwrap_or_else(|| panic!("no {key} in the hook"))
            .trim()
            .to_string()
    };
    assert_eq!(field("id:"), "pmlint");
    assert_eq!(field("language:"), "rust");
    assert_eq!(field("types:"), "[markdown]");
    let entry = field("entry:");
    let mut words = entry.split_whitespace().map(str::to_string);
    assert_eq!(words.next().as_deref(), Some("pmlint"));
    words.collect()
}

#[test]
fn the_pre_commit_hook_skips_readme_and_changelog_and_lints_post_mortems() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "README.md", README);
    write(
        d,
        "CHANGELOG.md",
        "# Changelog\n\n- Kevin forgot to bump the version.\n",
    );
    write(d, "docs/guide.md", README);
    write(d, "postmortems/2026-03-01-cache.md", BLAMEFUL);
    write(
        d,
        "docs/2026-02-dns.md",
        &BLAMEFUL.replace("# Postmortem: cache outage", "# Incident report: DNS"),
    );
    let files = [
        "README.md",
        "CHANGELOG.md",
        "docs/guide.md",
        "postmortems/2026-03-01-cache.md",
        "docs/2026-02-dns.md",
    ];
    // Exactly as pre-commit runs it: the entry, then the files.
    let out = pmlint(d).args(hook_args()).args(files).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("Checked 2 files"), "{text}");
    assert!(text.contains("postmortems/2026-03-01-cache.md"), "{text}");
    assert!(
        !text.contains("README.md") && !text.contains("CHANGELOG.md"),
        "{text}"
    );
    // Which files were linted, precisely.
    let out = pmlint(d)
        .args(hook_args())
        .args(["--format", "json"])
        .args(files)
        .output()
        .unwrap();
    assert_eq!(
        linted_files(&json(&out)),
        ["postmortems/2026-03-01-cache.md", "docs/2026-02-dns.md"]
    );
    // Only README and CHANGELOG: nothing to lint, and that is a pass.
    pmlint(d)
        .args(hook_args())
        .args(["README.md", "CHANGELOG.md"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("Checked 0 files"));
    // Without the flag, a file named explicitly is always linted.
    pmlint(d).args(["check", "README.md"]).assert().code(1);
}

#[test]
fn configured_include_and_exclude_replace_the_default_globs() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "pmlint.toml",
        "include = [\"reviews/**\"]\nexclude = [\"reviews/drafts/**\"]\n",
    );
    write(
        d,
        "reviews/2026-01-a.md",
        BLAMEFUL.replace("Postmortem: ", "").as_str(),
    );
    write(d, "reviews/drafts/b.md", BLAMEFUL);
    write(d, "notes/c.md", README);
    let out = pmlint(d)
        .args(["check", "--only-postmortems", "--format", "json", "."])
        .output()
        .unwrap();
    assert_eq!(linted_files(&json(&out)), ["./reviews/2026-01-a.md"]);
}

// ---------------------------------------------------------------- --changed-since

fn git(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .args([
            "-c",
            "user.name=pmlint tests",
            "-c",
            "user.email=tests@pmlint.invalid",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A repository with a main branch holding an old post-mortem and a README, and a
/// feature branch that adds, edits and leaves files.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "-q", "-b", "main"]);
    write(d, "README.md", README);
    write(d, "postmortems/old.md", BLAMEFUL);
    write(d, "postmortems/edited.md", BLAMEFUL);
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "base"]);
    git(d, &["checkout", "-q", "-b", "feature"]);
    write(d, "postmortems/new.md", BLAMEFUL);
    write(d, "README.md", &format!("{README}\nMore.\n"));
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "feature"]);
    // Uncommitted and untracked changes count too.
    write(
        d,
        "postmortems/edited.md",
        &format!("{BLAMEFUL}\nEdited.\n"),
    );
    write(d, "postmortems/untracked.md", BLAMEFUL);
    dir
}

#[test]
fn changed_since_lints_only_post_mortems_changed_since_the_merge_base() {
    let dir = repo();
    let d = dir.path();
    // main moves on after the branch point: its changes are not ours.
    git(d, &["checkout", "-q", "main"]);
    write(d, "postmortems/on-main.md", BLAMEFUL);
    git(d, &["add", "postmortems/on-main.md"]);
    git(d, &["commit", "-q", "-m", "main moves"]);
    git(d, &["checkout", "-q", "feature"]);
    let out = pmlint(d)
        .args(["check", "--changed-since", "main", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        linted_files(&json(&out)),
        [
            "postmortems/edited.md",
            "postmortems/new.md",
            "postmortems/untracked.md"
        ]
    );
    // From a subdirectory, paths are relative to it and the scope is limited to it.
    let out = pmlint(&d.join("postmortems"))
        .args(["check", "--changed-since", "main", "--format", "json", "."])
        .output()
        .unwrap();
    assert_eq!(
        linted_files(&json(&out)),
        ["edited.md", "new.md", "untracked.md"]
    );
    // Glob patterns limit the scope too.
    let out = pmlint(d)
        .args(["check", "--changed-since", "main", "--format", "json"])
        .arg("postmortems/n*.md")
        .output()
        .unwrap();
    assert_eq!(linted_files(&json(&out)), ["postmortems/new.md"]);
    // Nothing changed: nothing linted, and that passes.
    pmlint(d)
        .args(["check", "--changed-since", "HEAD", "postmortems/old.md"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("Checked 0 files"));
}

#[test]
fn changed_since_outside_a_repository_or_with_a_bad_revision_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "postmortems/a.md", BLAMEFUL);
    pmlint(dir.path())
        .env("GIT_CEILING_DIRECTORIES", dir.path().parent().unwrap())
        .args(["check", "--changed-since", "main"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "pmlint: --changed-since needs a git repository",
        ));
    let repo = repo();
    pmlint(repo.path())
        .args(["check", "--changed-since", "no-such-branch"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--changed-since no-such-branch"));
}

// ---------------------------------------------------------------- baselines

#[test]
fn a_baseline_survives_moved_lines_and_reports_only_new_findings() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let pm = write(d, "postmortems/cache.md", BLAMEFUL);
    let before = json(
        &pmlint(d)
            .args(["check", "--format", "json", "postmortems/cache.md"])
            .output()
            .unwrap(),
    );
    assert!(!before["diagnostics"].as_array().unwrap().is_empty());
    pmlint(d)
        .args([
            "check",
            "--write-baseline",
            "ci/pmlint-baseline.json",
            "postmortems/cache.md",
        ])
        .assert()
        .code(0);
    let baseline: Value =
        serde_json::from_str(&fs::read_to_string(d.join("ci/pmlint-baseline.json")).unwrap())
            .unwrap();
    assert_eq!(
        baseline["findings"].as_array().unwrap().len(),
        before["diagnostics"].as_array().unwrap().len()
    );
    // Paths are relative to the baseline's folder, so it works from anywhere.
    assert_eq!(baseline["findings"][0]["path"], "../postmortems/cache.md");
    let leftovers: Vec<_> = fs::read_dir(d.join("ci")).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left behind");

    // Two lines inserted above the findings: still nothing reported.
    let moved = BLAMEFUL.replace(
        "## Contributing factors\n",
        "## Contributing factors\n\nTwo new lines of context.\n",
    );
    fs::write(&pm, &moved).unwrap();
    let out = pmlint(d)
        .args([
            "check",
            "--format",
            "json",
            "--baseline",
            "ci/pmlint-baseline.json",
            "postmortems/cache.md",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json(&out)["diagnostics"].as_array().unwrap().len(), 0);
    // The same from another working directory.
    pmlint(&d.join("postmortems"))
        .args([
            "check",
            "--baseline",
            "../ci/pmlint-baseline.json",
            "cache.md",
        ])
        .assert()
        .code(0);

    // A new blame phrase: exactly one finding.
    fs::write(
        &pm,
        moved.replace(
            "The outage was caused by human error.\n",
            "The outage was caused by human error.\n\nThe reviewer was careless.\n",
        ),
    )
    .unwrap();
    let out = pmlint(d)
        .args([
            "check",
            "--format",
            "json",
            "--baseline",
            "ci/pmlint-baseline.json",
            "postmortems/cache.md",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let diags = v["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0]["rule"], "blame-language");
    assert!(diags[0]["message"].as_str().unwrap().contains("careless"));
}

#[test]
fn a_broken_baseline_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "pm.md", BLAMEFUL);
    write(dir.path(), "base.json", "{\"version\": 1, \"findings\": [}");
    pmlint(dir.path())
        .args(["check", "--baseline", "base.json", "pm.md"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("base.json:1:"));
    pmlint(dir.path())
        .args(["check", "--baseline", "missing.json", "pm.md"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("missing.json"));
}

#[test]
fn fail_on_sets_the_severity_that_fails() {
    let dir = tempfile::tempdir().unwrap();
    // Only a hindsight warning.
    write(
        dir.path(),
        "pm.md",
        &BLAMEFUL.replace(
            "The outage was caused by human error.",
            "Obviously, the cache config was wrong.",
        ),
    );
    let counts = json(
        &pmlint(dir.path())
            .args(["check", "--format", "json", "pm.md"])
            .output()
            .unwrap(),
    )["summary"]
        .clone();
    assert_eq!(counts["errors"].as_u64(), Some(0));
    assert!(counts["warnings"].as_u64() >= Some(1));
    let code = |level: &str| {
        pmlint(dir.path())
            .args(["check", "--fail-on", level, "pm.md"])
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(code("error"), Some(0));
    assert_eq!(code("warning"), Some(1));
    assert_eq!(code("never"), Some(0));
}

// ---------------------------------------------------------------- the GitHub Action

struct ActionRun {
    code: Option<i32>,
    stdout: String,
    summary: String,
    outputs: String,
}

fn run_action(dir: &Path, env: &[(&str, &str)]) -> ActionRun {
    let gh = tempfile::tempdir().unwrap();
    let summary = gh.path().join("summary.md");
    let outputs = gh.path().join("output.txt");
    let mut cmd = std::process::Command::new("bash");
    cmd.arg(root().join("scripts/action/run.sh"))
        .current_dir(dir)
        .env("PMLINT", assert_cmd::cargo::cargo_bin("pmlint"))
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_WORKSPACE", dir)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env("GITHUB_OUTPUT", &outputs)
        .env("NO_COLOR", "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    ActionRun {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr),
        summary: fs::read_to_string(&summary).unwrap_or_default(),
        outputs: fs::read_to_string(&outputs).unwrap_or_default(),
    }
}

fn output_value(outputs: &str, key: &str) -> Option<usize> {
    outputs
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{key}=")))
        .and_then(|v| v.parse().ok())
}

#[test]
fn the_action_fails_a_post_mortem_without_action_items() {
    let dir = tempfile::tempdir().unwrap();
    let no_items = BLAMEFUL[..BLAMEFUL.find("## Action items").unwrap()].to_string();
    write(dir.path(), "postmortems/2026-03-01-cache.md", &no_items);
    let run = run_action(
        dir.path(),
        &[("INPUT_PATHS", "postmortems/2026-03-01-cache.md")],
    );
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    let errors = output_value(&run.outputs, "errors").expect("errors output");
    assert!(errors >= 2, "{}", run.outputs);
    assert!(
        output_value(&run.outputs, "warnings").is_some(),
        "{}",
        run.outputs
    );
    assert_eq!(output_value(&run.outputs, "files"), Some(1));
    assert!(
        run.stdout.lines().any(|l| l
            .starts_with("::error file=postmortems/2026-03-01-cache.md,line=1,endLine=1,col=1,")
            && l.contains("title=pmlint (missing-action-items)::")),
        "{}",
        run.stdout
    );
    let s = &run.summary;
    assert!(s.starts_with("## pmlint\n"), "{s}");
    assert!(s.contains("❌"), "{s}");
    assert!(s.contains("### `postmortems/2026-03-01-cache.md`"), "{s}");
    assert!(s.contains("`missing-action-items` × 1"), "{s}");
    assert!(s.contains("`blame-language` × 1"), "{s}");
    assert!(
        s.contains("| error | `missing-action-items` | No action items found |"),
        "{s}"
    );
}

#[test]
fn the_action_passes_a_clean_post_mortem() {
    let dir = tempfile::tempdir().unwrap();
    let clean = fs::read_to_string(root().join("examples/2026-03-14-checkout-latency.md")).unwrap();
    write(dir.path(), "postmortems/2026-03-14-checkout.md", &clean);
    let run = run_action(dir.path(), &[("INPUT_PATHS", "postmortems")]);
    assert_eq!(run.code, Some(0), "{}", run.stdout);
    assert_eq!(output_value(&run.outputs, "errors"), Some(0));
    assert_eq!(output_value(&run.outputs, "files"), Some(1));
    assert!(!run.stdout.contains("::error"), "{}", run.stdout);
    assert!(
        run.summary.contains("✅ 1 post-mortem checked"),
        "{}",
        run.summary
    );
    assert!(
        run.summary
            .contains("### `postmortems/2026-03-14-checkout.md`"),
        "{}",
        run.summary
    );
}

#[test]
fn the_summary_shows_action_items_and_timeline_metrics_when_pmlint_has_stats() {
    let dir = tempfile::tempdir().unwrap();
    let clean = fs::read_to_string(root().join("examples/2026-03-14-checkout-latency.md")).unwrap();
    write(dir.path(), "postmortems/checkout.md", &clean);
    let has_stats = pmlint(dir.path())
        .args(["stats", "--help"])
        .output()
        .unwrap()
        .status
        .success();
    let run = run_action(dir.path(), &[("INPUT_PATHS", "postmortems")]);
    assert_eq!(run.code, Some(0), "{}", run.stdout);
    if has_stats {
        assert!(
            run.summary
                .contains("| action item | owner | due | ticket | state |")
                && run.summary.contains(
                    "| Extend the canary stage to 25% for 10 minutes for checkout-service \
                     | @dmitri | 2026-04-03 | PAY-1413 |"
                ),
            "{}",
            run.summary
        );
        // Impact 13:40, detection 14:05, mitigation 14:40, resolution 14:52 (UTC).
        assert!(
            run.summary.contains(
                "**Timeline:** time to detect 25 min · time to acknowledge 4 min · \
                 time to mitigate 1 h · time to resolve 1 h 12 min"
            ),
            "{}",
            run.summary
        );
    } else {
        assert!(!run.summary.contains("**Timeline:**"), "{}", run.summary);
    }
}

#[test]
fn the_action_fail_on_input_decides_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let no_items = BLAMEFUL[..BLAMEFUL.find("## Action items").unwrap()].to_string();
    write(dir.path(), "postmortems/a.md", &no_items);
    let never = run_action(
        dir.path(),
        &[
            ("INPUT_PATHS", "postmortems/a.md"),
            ("INPUT_FAIL_ON", "never"),
        ],
    );
    assert_eq!(never.code, Some(0), "{}", never.stdout);
    assert!(output_value(&never.outputs, "errors").unwrap() > 0);
    let bad = run_action(
        dir.path(),
        &[
            ("INPUT_PATHS", "postmortems/a.md"),
            ("INPUT_FAIL_ON", "sometimes"),
        ],
    );
    assert_eq!(bad.code, Some(2));
    assert!(
        bad.stdout
            .contains("fail-on must be error, warning or never")
    );
}

#[test]
fn the_action_lints_the_post_mortems_changed_in_the_pull_request() {
    let dir = repo();
    let run = run_action(dir.path(), &[("INPUT_BASE", "main")]);
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    assert_eq!(
        output_value(&run.outputs, "files"),
        Some(3),
        "{}",
        run.outputs
    );
    assert!(!run.summary.contains("README.md"), "{}", run.summary);
    assert!(!run.summary.contains("old.md"), "{}", run.summary);
    assert!(
        run.summary.contains("`postmortems/new.md`"),
        "{}",
        run.summary
    );
}

#[test]
fn the_summary_lists_every_finding_beyond_githubs_ten_annotations() {
    let dir = tempfile::tempdir().unwrap();
    let many = (1..=14)
        .map(|i| format!("Point {i}: the outage was caused by human error.\n\n"))
        .collect::<String>();
    write(
        dir.path(),
        "postmortems/a.md",
        &BLAMEFUL.replace("The outage was caused by human error.\n", &many),
    );
    let run = run_action(dir.path(), &[("INPUT_PATHS", "postmortems/a.md")]);
    assert_eq!(run.code, Some(1));
    let rows = run
        .summary
        .lines()
        .filter(|l| l.contains("| `blame-language` | “human error”"))
        .count();
    assert_eq!(rows, 14, "{}", run.summary);
    assert_eq!(
        run.stdout
            .lines()
            .filter(|l| l.contains("title=pmlint (blame-language)"))
            .count(),
        14
    );
}

#[test]
fn ci_summary_escapes_tricky_messages_in_annotations_and_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let report = serde_json::json!({
        "version": 1,
        "files": ["pm, v1: 100%.md"],
        "diagnostics": [{
            "path": "pm, v1: 100%.md", "rule": "house-style", "severity": "warning",
            "message": "50% of users: a, b | c\r\nsecond <line> — é",
            "line": 3, "column": 2, "end_line": 4, "end_column": 1, "help": null,
            "suggestion": null
        }],
        "errors": [],
        "summary": { "files": 1, "errors": 0, "warnings": 1, "infos": 0 }
    });
    write(dir.path(), "report.json", &report.to_string());
    let summary = dir.path().join("summary.md");
    let out = pmlint(dir.path())
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["ci-summary", "--no-stats", "--report", "report.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        stdout.lines().next().unwrap(),
        "::warning file=pm%2C v1%3A 100%25.md,line=3,endLine=4,col=2,endColumn=1,\
         title=pmlint (house-style)::50%25 of users: a, b | c%0D%0Asecond <line> — é"
    );
    let md = fs::read_to_string(summary).unwrap();
    assert!(
        md.contains(
            "| 3:2 | warning | `house-style` | 50% of users: a, b \\| c<br>second &lt;line&gt; — é |"
        ),
        "{md}"
    );
    // fail-on warning turns the same report into a failure.
    pmlint(dir.path())
        .args([
            "ci-summary",
            "--no-stats",
            "--fail-on",
            "warning",
            "--report",
            "report.json",
        ])
        .assert()
        .code(1);
}

#[cfg(unix)]
#[test]
fn the_post_mortem_filter_never_reads_a_fifo() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "postmortems/a.md", BLAMEFUL);
    let made = std::process::Command::new("mkfifo")
        .arg(dir.path().join("notes.md"))
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        return; // no mkfifo on this system
    }
    let out = pmlint(dir.path())
        .timeout(std::time::Duration::from_secs(20))
        .args([
            "check",
            "--only-postmortems",
            "notes.md",
            "postmortems/a.md",
        ])
        .output()
        .unwrap();
    // Refused by the lint (not a regular file), the other file still linted.
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("notes.md: not a regular file"), "{stderr}");
}
