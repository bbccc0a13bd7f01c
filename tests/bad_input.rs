//! Every kind of broken input, through the real binary: each gives a clean result or a
//! one-line error naming the path with exit code 2, and the other files are still linted.
//! Large inputs are generated into a temporary directory, never checked in.

#[path = "../benches/support/corpus_gen.rs"]
mod corpus_gen;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

/// Long enough for a 50 MB document in a debug build on a loaded 2-core machine; a hang
/// (a FIFO read, a loop) fails the test instead of blocking CI.
const TIMEOUT: Duration = Duration::from_secs(300);

fn pmlint() -> Command {
    let mut c = Command::cargo_bin("pmlint").unwrap();
    c.env_remove("GITHUB_ACTIONS")
        .env("NO_COLOR", "1")
        .timeout(TIMEOUT);
    c
}

/// A temporary directory with one well-formed post-mortem that has a known finding, so
/// every test can check that the other files were still linted.
struct Dir {
    dir: tempfile::TempDir,
    good: PathBuf,
}

impl Dir {
    fn new() -> Dir {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good.md");
        fs::write(
            &good,
            "# Outage\n\nThe outage was caused by human error.\n\n## Timeline\n\n- 10:00 alert\n\n## Action items\n\n- [ ] Add an alert — @ana, OPS-1\n",
        )
        .unwrap();
        Dir { dir, good }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        fs::write(&p, bytes).unwrap();
        p
    }
}

struct Run {
    code: i32,
    json: Value,
}

impl Run {
    fn errors(&self) -> &Vec<Value> {
        self.json["errors"].as_array().unwrap()
    }

    fn diagnostics_for(&self, path: &Path) -> usize {
        let p = path.display().to_string();
        self.json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["path"] == p.as_str())
            .count()
    }
}

fn check_json(cmd: &mut Command) -> Run {
    let out = cmd.output().unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}); stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    Run {
        code: out.status.code().expect("exited, not killed"),
        json,
    }
}

fn run(paths: &[&Path]) -> Run {
    check_json(
        pmlint()
            .args(["check", "--no-config", "--format", "json"])
            .args(paths),
    )
}

/// `bad` is refused with one line naming it that contains `reason`, in JSON and on stderr
/// in human mode; exit 2; the good file beside it is still linted.
fn assert_refused(d: &Dir, bad: &Path, reason: &str) {
    let r = run(&[bad, &d.good]);
    assert_eq!(r.code, 2, "exit code; output: {}", r.json);
    let errors = r.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["path"], bad.display().to_string().as_str());
    let message = errors[0]["message"].as_str().unwrap();
    assert!(!message.contains('\n'), "one line: {message:?}");
    assert!(
        message.contains(reason),
        "{message:?} should say {reason:?}"
    );
    assert!(r.diagnostics_for(&d.good) > 0, "good.md still linted");

    let out = pmlint()
        .args(["check", "--no-config"])
        .arg(bad)
        .arg(&d.good)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = format!("pmlint: {}: ", bad.display());
    assert!(
        stderr
            .lines()
            .any(|l| l.starts_with(&line) && l.contains(reason)),
        "stderr names the file: {stderr}"
    );
}

/// `file` is linted like any document: no error entry, exit 0 or 1, and the good file too.
fn assert_linted(d: &Dir, file: &Path) -> Run {
    let r = run(&[file, &d.good]);
    assert!(r.errors().is_empty(), "no errors: {:?}", r.errors());
    assert_eq!(r.code, 1, "good.md has error findings");
    assert!(r.diagnostics_for(&d.good) > 0, "good.md still linted");
    r
}

#[test]
fn empty_file_is_linted_as_a_post_mortem_without_sections() {
    let d = Dir::new();
    let f = d.write("empty.md", "");
    let r = assert_linted(&d, &f);
    assert!(
        r.diagnostics_for(&f) > 0,
        "an empty post-mortem lacks a timeline"
    );
}

#[test]
fn only_front_matter_is_linted_and_its_fields_are_not_prose() {
    let d = Dir::new();
    let f = d.write(
        "fm.md",
        "---\ntitle: human error\nnote: Kevin failed to follow the runbook\n---\n",
    );
    let r = assert_linted(&d, &f);
    let path = f.display().to_string();
    let from_fm: Vec<&Value> = r.json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["path"] == path.as_str())
        .collect();
    assert!(!from_fm.is_empty(), "no timeline, no action items");
    for d in from_fm {
        assert_ne!(
            d["rule"], "blame-language",
            "front matter is not prose: {d}"
        );
    }
}

#[test]
fn unterminated_front_matter_is_read_as_markdown() {
    let d = Dir::new();
    let f = d.write(
        "open.md",
        "---\ntitle: x\n\n# Outage\n\nKevin failed to follow the runbook.\n",
    );
    let r = assert_linted(&d, &f);
    assert!(r.diagnostics_for(&f) > 0);
}

#[test]
fn invalid_yaml_front_matter_is_tolerated() {
    let d = Dir::new();
    let f = d.write(
        "yaml.md",
        "---\ntitle: [unclosed\n  - : : {\n\t\u{7f}: \"\n---\n# Outage\n",
    );
    assert_linted(&d, &f);
}

#[test]
fn invalid_utf8_is_refused_with_its_offset() {
    let d = Dir::new();
    let f = d.write("latin1.md", b"# Caf\xe9\n");
    assert_refused(&d, &f, "not valid UTF-8 (invalid byte at offset 5)");
}

#[test]
fn utf16_is_refused_and_named_as_utf16() {
    let d = Dir::new();
    for (name, bom) in [("le.md", [0xFF, 0xFE]), ("be.md", [0xFE, 0xFF])] {
        let mut bytes = bom.to_vec();
        for u in "# Outage\n".encode_utf16() {
            let pair = if name == "le.md" {
                u.to_le_bytes()
            } else {
                u.to_be_bytes()
            };
            bytes.extend(pair);
        }
        let f = d.write(name, bytes);
        assert_refused(&d, &f, "UTF-16");
    }
}

#[test]
fn nul_bytes_are_refused_as_binary() {
    let d = Dir::new();
    let f = d.write("nul.md", b"# Outage\n\0\0\0\n");
    assert_refused(&d, &f, "NUL");
}

#[test]
fn a_10_mb_single_line_is_linted() {
    let d = Dir::new();
    let sentence = "Kevin failed to follow the runbook, obviously; the replica failed to start. ";
    let line = sentence.repeat(10 * 1024 * 1024 / sentence.len());
    let f = d.write("line.md", format!("# Outage\n\n{line}\n"));
    let r = assert_linted(&d, &f);
    assert!(r.diagnostics_for(&f) > 100_000, "every blame phrase found");
}

/// A debug build takes minutes over 50 MB, so this one runs on demand, in release:
/// `cargo test --release --test bad_input -- --ignored`.
#[test]
#[ignore = "50 MB: run with `cargo test --release --test bad_input -- --ignored`"]
fn a_50_mb_document_is_linted_and_a_smaller_limit_refuses_it() {
    let d = Dir::new();
    let f = d.write("big.md", corpus_gen::big_document(7, 50 << 20));
    let r = assert_linted(&d, &f);
    assert!(r.diagnostics_for(&f) > 1000);

    let limited = check_json(
        pmlint()
            .args([
                "check",
                "--no-config",
                "--format",
                "json",
                "--max-file-size",
                "1000000",
            ])
            .arg(&f)
            .arg(&d.good),
    );
    assert_eq!(limited.code, 2);
    let message = limited.errors()[0]["message"].as_str().unwrap();
    assert!(message.contains("over the 1000000-byte limit"), "{message}");
    assert!(limited.diagnostics_for(&d.good) > 0);
}

const DEEP: usize = 100_000;

/// Inputs nested 100,000 deep: lists, block quotes, both mixed, emphasis, strong
/// emphasis, images (which nest inside their own alt text) and links.
fn deep_inputs() -> Vec<(&'static str, String)> {
    vec![
        ("lists", format!("{}x\n", "- ".repeat(DEEP))),
        ("ordered-lists", format!("{}x\n", "1. ".repeat(DEEP))),
        ("quotes", format!("{} x\n", ">".repeat(DEEP))),
        ("quoted-lists", format!("{}x\n", "> - ".repeat(DEEP))),
        (
            "emphasis",
            format!("{}x{}\n", "*a ".repeat(DEEP), " b*".repeat(DEEP)),
        ),
        (
            "strong",
            format!("{}x{}\n", "**a ".repeat(DEEP), " b**".repeat(DEEP)),
        ),
        (
            "images",
            format!("{}x{}\n", "![".repeat(DEEP), "](u)".repeat(DEEP)),
        ),
        (
            "links",
            format!("{}x{}\n", "[".repeat(DEEP), "](u)".repeat(DEEP)),
        ),
    ]
}

#[test]
fn nesting_100000_deep_does_not_overflow_rayon_worker_stacks() {
    // The binary lints on rayon's worker threads (2 MiB stacks unless RUST_MIN_STACK).
    let d = Dir::new();
    let files: Vec<PathBuf> = deep_inputs()
        .into_iter()
        .map(|(name, text)| d.write(&format!("{name}.md"), text))
        .collect();
    let mut cmd = pmlint();
    cmd.env_remove("RUST_MIN_STACK")
        .args(["check", "--no-config", "--format", "json"])
        .args(&files)
        .arg(&d.good);
    let r = check_json(&mut cmd);
    assert!(r.errors().is_empty(), "{:?}", r.errors());
    for f in &files {
        assert!(r.diagnostics_for(f) > 0, "{} linted", f.display());
    }
}

#[test]
fn nesting_100000_deep_does_not_overflow_the_main_thread_stack() {
    // The library as an embedding program calls it: on a thread with the 8 MiB stack a
    // main thread gets by default.
    for (name, text) in deep_inputs() {
        let found = std::thread::Builder::new()
            .stack_size(8 << 20)
            .spawn(move || {
                let src = pmlint::SourceFile::new(format!("{name}.md"), text);
                pmlint::lint(&src, &pmlint::Settings::default()).len()
            })
            .unwrap()
            .join()
            .unwrap_or_else(|_| panic!("{name}: lint panicked"));
        assert!(found > 0, "{name}");
    }
}

#[test]
fn a_table_with_100000_rows_is_linted() {
    let d = Dir::new();
    let mut t = String::from("# Outage\n\n## Timeline\n\n| Time | Event |\n|---|---|\n");
    for i in 0..100_000 {
        t.push_str(&format!(
            "| 10:{:02} | Kevin failed to restart node {i} |\n",
            i % 60
        ));
    }
    let f = d.write("rows.md", t);
    let r = assert_linted(&d, &f);
    assert!(r.diagnostics_for(&f) >= 100_000);
}

#[test]
fn a_directory_named_like_markdown_is_walked_like_any_directory() {
    let d = Dir::new();
    let x = d.path("x.md");
    fs::create_dir(&x).unwrap();
    let inner = x.join("inner.md");
    fs::write(&inner, "# Outage\n").unwrap();
    // Named on the command line, a directory is walked for Markdown, whatever its name.
    let r = run(&[&x, &d.good]);
    assert!(r.errors().is_empty(), "{:?}", r.errors());
    assert!(r.diagnostics_for(&inner) > 0 && r.diagnostics_for(&d.good) > 0);
    // Met while walking, it is walked too, never read as a file.
    let r = run(&[d.dir.path()]);
    assert!(r.errors().is_empty(), "{:?}", r.errors());
    assert!(r.diagnostics_for(&inner) > 0 && r.diagnostics_for(&d.good) > 0);
    // Reading it as a file (as the library's files::read would) says what it is.
    let err = pmlint::files::read(&x, "x.md", 1 << 20).unwrap_err();
    assert_eq!(err, "is a directory");
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_refused_when_named_and_reported_when_walked() {
    use std::os::unix::fs::symlink;
    let d = Dir::new();
    let a = d.path("a.md");
    symlink(d.path("b.md"), &a).unwrap();
    symlink(&a, d.path("b.md")).unwrap();
    assert_refused(&d, &a, "symbolic links");

    // A directory that links to its own parent: the walk reports it and goes on.
    let walked = Dir::new();
    symlink(walked.dir.path(), walked.path("loop")).unwrap();
    let r = run(&[walked.dir.path()]);
    assert_eq!(r.code, 2);
    let errors = r.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let message = errors[0]["message"].as_str().unwrap();
    assert!(message.contains("loop"), "{message}");
    assert!(!message.contains('\n'));
    assert!(r.diagnostics_for(&walked.good) > 0);
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_blocking() {
    let d = Dir::new();
    let fifo = d.path("pipe.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    // Nobody ever writes to the FIFO: opening it for reading would block forever.
    assert_refused(&d, &fifo, "not a regular file");
    let r = run(&[d.dir.path()]);
    assert!(r.errors().is_empty(), "walks skip FIFOs: {:?}", r.errors());
    assert!(r.diagnostics_for(&d.good) > 0);
}

#[test]
fn a_path_that_does_not_exist_is_refused() {
    let d = Dir::new();
    assert_refused(&d, &d.path("nope.md"), "no such file or directory");
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_refused_with_permission_denied() {
    use std::os::unix::fs::PermissionsExt;
    let d = Dir::new();
    let secret = d.write("secret.md", "# Outage\n");
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&secret).is_err() {
        // Not root: the permission bits apply to us.
        assert_refused(&d, &secret, "permission denied");
        return;
    }
    // Root reads any file, so run the binary as `nobody` through setpriv (util-linux).
    for p in [d.dir.path(), d.good.as_path()] {
        let mode = if p.is_dir() { 0o755 } else { 0o644 };
        fs::set_permissions(p, fs::Permissions::from_mode(mode)).unwrap();
    }
    let bin = assert_cmd::cargo::cargo_bin("pmlint");
    let probe = std::process::Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(&bin)
        .arg("--version")
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: running as root and cannot drop privileges with setpriv");
        return;
    }
    let out = std::process::Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(&bin)
        .args(["check", "--no-config", "--format", "json"])
        .arg(&secret)
        .arg(&d.good)
        .env("NO_COLOR", "1")
        .current_dir(d.dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let r = Run { code: 2, json };
    assert_eq!(r.errors().len(), 1);
    assert_eq!(r.errors()[0]["path"], secret.display().to_string().as_str());
    assert_eq!(r.errors()[0]["message"], "permission denied");
    assert!(r.diagnostics_for(&d.good) > 0);
}

/// Every file in `dir`, so a test can tell that a write left no temporary file behind.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn commands_that_write_never_clobber_without_force_and_leave_no_temporary_files() {
    let d = tempfile::tempdir().unwrap();
    let mine = "my own words\n";
    for (args, name) in [
        (vec!["init"], "pmlint.toml"),
        (
            vec!["new", "--title", "DB outage", "--date", "2026-03-14"],
            "pm.md",
        ),
    ] {
        let target = d.path().join(name);
        fs::write(&target, mine).unwrap();
        let out = pmlint()
            .current_dir(d.path())
            .args(&args)
            .arg(name)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?} refuses to overwrite");
        assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
        assert_eq!(fs::read_to_string(&target).unwrap(), mine, "untouched");

        let out = pmlint()
            .current_dir(d.path())
            .args(&args)
            .arg(name)
            .arg("--force")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?} --force");
        let written = fs::read_to_string(&target).unwrap();
        assert!(written.len() > mine.len() && written != mine);
    }
    assert_eq!(
        listing(d.path()),
        ["pm.md", "pmlint.toml"],
        "no temporary files left"
    );
}

#[test]
fn a_rule_pack_with_an_invalid_or_huge_regex_is_a_one_line_error_at_its_place() {
    let cases = [
        (r#"["(unclosed"]"#, "invalid regex"),
        (r#"['\w{1000}\w{1000}\w{1000}']"#, "pattern too large"),
    ];
    for (regexes, reason) in cases {
        let d = Dir::new();
        let team = d.path("team");
        fs::create_dir(&team).unwrap();
        fs::write(team.join("pmlint.toml"), "packs = [\"house.toml\"]\n").unwrap();
        fs::write(
            team.join("house.toml"),
            format!(
                "[[rule]]\nid = \"house-x\"\nmessage = \"m\"\n[rule.check.existence]\nregexes = {regexes}\n"
            ),
        )
        .unwrap();
        let pm = team.join("pm.md");
        fs::write(&pm, "# Outage\n").unwrap();
        let r = check_json(
            pmlint()
                .args(["check", "--format", "json"])
                .arg(&pm)
                .arg(&d.good),
        );
        assert_eq!(r.code, 2);
        let errors = r.errors();
        assert_eq!(errors.len(), 1, "{errors:?}");
        let path = errors[0]["path"].as_str().unwrap();
        assert!(
            path.ends_with("house.toml:5:12"),
            "points into the pack: {path}"
        );
        let message = errors[0]["message"].as_str().unwrap();
        assert!(
            message.contains(reason) && !message.contains('\n'),
            "{message}"
        );
        assert!(
            r.diagnostics_for(&d.good) > 0,
            "a file outside the pack's reach is linted"
        );
    }
}
