//! Standard output that goes away: `pmlint rules | head -1` is the reader's choice and ends
//! the command quietly with its usual exit code; any other write error (a full disk) is a
//! one-line error with exit 2. Never a panic.

use std::process::{Command, Output, Stdio};

use assert_cmd::cargo::cargo_bin;

/// The commands that print a page or more, each as users type it.
const PRINTING: &[&[&str]] = &[
    &["rules"],
    &["rules", "--format", "json"],
    &["rules", "--format", "markdown"],
    &["explain", "blame-language"],
    &["schema"],
    &["stats", "examples/"],
    &["stats", "--format", "json", "examples/"],
];

fn pmlint(args: &[&str]) -> Command {
    let mut c = Command::new(cargo_bin("pmlint"));
    c.args(args)
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("GITHUB_OUTPUT")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stderr(Stdio::piped());
    c
}

/// A run whose standard output is a pipe nobody reads: its reading end is closed before
/// the command starts, so every write fails with a broken pipe however little it prints
/// (closing after the first line would race with output that fits in the pipe's buffer).
fn with_stdout_closed(mut cmd: Command) -> Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    cmd.stdout(writer);
    cmd.output().unwrap()
}

fn with_stdout_read(mut cmd: Command) -> Output {
    cmd.stdout(Stdio::piped());
    cmd.output().unwrap()
}

fn stderr_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_closed_stdout_ends_each_command_quietly_with_its_usual_exit_code() {
    for args in PRINTING {
        let read = with_stdout_read(pmlint(args));
        assert!(
            read.stdout.iter().filter(|&&b| b == b'\n').count() > 1,
            "`pmlint {}` prints more than a line",
            args.join(" ")
        );
        let closed = with_stdout_closed(pmlint(args));
        assert_eq!(
            stderr_of(&closed),
            stderr_of(&read),
            "`pmlint {}` with stdout closed says nothing more on stderr",
            args.join(" ")
        );
        assert_eq!(
            closed.status.code(),
            read.status.code(),
            "`pmlint {}` with stdout closed keeps its exit code",
            args.join(" ")
        );
    }
}

#[test]
fn ci_summary_with_a_closed_stdout_keeps_its_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.json");
    let check = with_stdout_read(pmlint(&["check", "--format", "json", "examples/"]));
    std::fs::write(&report, &check.stdout).unwrap();
    let args = [
        "ci-summary",
        "--no-stats",
        "--report",
        report.to_str().unwrap(),
    ];
    let read = with_stdout_read(pmlint(&args));
    assert_eq!(read.status.code(), Some(1), "{}", stderr_of(&read));
    let closed = with_stdout_closed(pmlint(&args));
    assert_eq!(stderr_of(&closed), "");
    assert_eq!(closed.status.code(), Some(1));
}

/// /dev/full accepts the open and fails every write with "No space left on device".
#[cfg(target_os = "linux")]
#[test]
fn any_other_write_error_is_one_line_with_exit_2() {
    for args in PRINTING {
        let mut cmd = pmlint(args);
        cmd.stdout(std::fs::File::create("/dev/full").unwrap());
        let out = cmd.output().unwrap();
        let stderr = stderr_of(&out);
        assert!(
            stderr.lines().count() == 1
                && stderr.starts_with("pmlint: ")
                && stderr.contains("No space left on device"),
            "`pmlint {}` names the write error in one line, got {stderr:?}",
            args.join(" ")
        );
        assert_eq!(out.status.code(), Some(2), "`pmlint {}`", args.join(" "));
    }
}
