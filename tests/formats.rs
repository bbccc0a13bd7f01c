//! `pmlint check --format concise|github|sarif|gitlab`, run as CI systems run it: the real
//! binary, in a working directory holding a file whose name needs escaping everywhere
//! (comma, colon, percent sign, space, non-ASCII), with findings after emoji and CJK so
//! that columns count characters.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

/// A name with every character GitHub properties and URIs must escape.
const TRICKY: &str = "pm, v1: 100% é.md";

const DOC: &str = "# Outage 😀\n\n\
    Summary: 50% of users, in 東京 too 😀 — the outage was caused by human error.\n\n\
    Obviously, the cache was wrong.\n";

fn pmlint(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("pmlint").unwrap();
    c.current_dir(dir)
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_WORKSPACE")
        .env("NO_COLOR", "1");
    c
}

fn tricky_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(TRICKY), DOC).unwrap();
    dir
}

fn run(dir: &Path, args: &[&str]) -> String {
    let out = pmlint(dir).args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Column of "human error" on line 3, counted in characters (emoji and CJK count one).
fn human_error_column() -> usize {
    let line = DOC.lines().nth(2).unwrap();
    line[..line.find("human error").unwrap()].chars().count() + 1
}

#[test]
fn concise_is_one_grep_friendly_line_per_finding() {
    let dir = tricky_dir();
    let out = run(dir.path(), &["check", "--format", "concise", TRICKY]);
    let col = human_error_column();
    assert!(
        out.lines().any(|l| l
            == format!(
                "{TRICKY}:3:{col}: error[blame-language] “human error” names a person as the cause of the incident"
            )),
        "{out}"
    );
    assert!(
        out.lines().any(|l| l.starts_with(&format!(
            "{TRICKY}:5:1: warning[blame-language] “Obviously”"
        ))),
        "{out}"
    );
    for line in out.lines() {
        assert!(line.starts_with(TRICKY), "one finding per line: {line}");
    }
}

#[test]
fn github_annotations_escape_properties_and_messages() {
    let dir = tricky_dir();
    let out = run(dir.path(), &["check", "--format", "github", TRICKY]);
    let col = human_error_column();
    let file = "pm%2C v1%3A 100%25 é.md";
    let blame = out
        .lines()
        .find(|l| l.contains("(blame-language)::“human error”"))
        .unwrap_or_else(|| panic!("no annotation for human error in {out}"));
    let head = format!(
        "::error file={file},line=3,endLine=3,col={col},endColumn={},title=pmlint (blame-language)::“human error” names a person as the cause of the incident%0A",
        col + "human error".len()
    );
    assert!(blame.starts_with(&head), "{blame}\n{head}");
    // The help follows the message on its own line; nothing in it is left unescaped.
    let message = &blame[blame.find("::“").unwrap() + 2..];
    assert!(!message.contains('\n') && !message.contains('\r'));
    for (i, _) in message.match_indices('%') {
        let code = &message[i..i + 3];
        assert!(
            ["%25", "%0A", "%0D"].contains(&code),
            "unescaped % in {message}"
        );
    }
    let hindsight = out
        .lines()
        .find(|l| l.contains("“Obviously”"))
        .expect("hindsight annotation");
    assert!(
        hindsight.starts_with(&format!(
            "::warning file={file},line=5,endLine=5,col=1,endColumn=10,title=pmlint (blame-language)::"
        )),
        "{hindsight}"
    );
    assert!(
        out.lines().any(
            |l| l.starts_with(&format!("::error file={file},line=1,endLine=1,col=1,"))
                && l.contains("title=pmlint (missing-timeline)::")
        ),
        "{out}"
    );
}

#[test]
fn github_paths_are_relative_to_the_working_directory() {
    let dir = tricky_dir();
    fs::create_dir(dir.path().join("sub")).unwrap();
    let absolute = dir.path().join(TRICKY);
    let out = run(
        &dir.path().join("sub"),
        &["check", "--format", "github", absolute.to_str().unwrap()],
    );
    // Outside the working directory the path stays absolute; inside, it is relative.
    assert!(out.contains(&format!("file={}", "/")), "{out}");
    let out = run(
        dir.path(),
        &["check", "--format", "github", absolute.to_str().unwrap()],
    );
    assert!(out.contains("file=pm%2C v1%3A 100%25 é.md,"), "{out}");
    let out = run(
        dir.path(),
        &["check", "--format", "github", &format!("./sub/../{TRICKY}")],
    );
    assert!(out.contains("file=pm%2C v1%3A 100%25 é.md,"), "{out}");
}

#[test]
fn under_github_actions_human_output_is_followed_by_annotations() {
    let dir = tricky_dir();
    let out = pmlint(dir.path())
        .env("GITHUB_ACTIONS", "true")
        .args(["check", TRICKY])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let summary = text.find("Checked 1 file").expect("human output");
    let first = text.find("::error file=").expect("annotations");
    assert!(summary < first, "annotations come after the human output");
    // An explicit format is exactly that format.
    let json = pmlint(dir.path())
        .env("GITHUB_ACTIONS", "true")
        .args(["check", "--format", "json", TRICKY])
        .output()
        .unwrap();
    serde_json::from_slice::<Value>(&json.stdout).expect("pure JSON");
}

#[test]
fn sarif_has_rules_regions_fixes_and_relative_uris() {
    let dir = tricky_dir();
    let out = run(dir.path(), &["check", "--format", "sarif", TRICKY]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "pmlint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert!(
        driver["informationUri"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
    let rules = driver["rules"].as_array().unwrap();
    for rule in pmlint::builtin_rules() {
        let m = rule.meta();
        let r = rules
            .iter()
            .find(|r| r["id"] == m.id.as_str())
            .unwrap_or_else(|| panic!("rule {} not described", m.id));
        assert_eq!(r["shortDescription"]["text"], m.summary.as_str());
        assert!(!r["fullDescription"]["text"].as_str().unwrap().is_empty());
        let level = match m.severity {
            pmlint::Severity::Error => "error",
            pmlint::Severity::Warning => "warning",
            pmlint::Severity::Info => "note",
        };
        assert_eq!(r["defaultConfiguration"]["level"], level, "{}", m.id);
    }
    let results = run["results"].as_array().unwrap();
    let blame = results
        .iter()
        .find(|r| {
            r["message"]["text"]
                .as_str()
                .unwrap()
                .starts_with("“human error”")
        })
        .unwrap();
    assert_eq!(blame["ruleId"], "blame-language");
    assert_eq!(blame["level"], "error");
    assert_eq!(
        rules[blame["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "blame-language"
    );
    let loc = &blame["locations"][0]["physicalLocation"];
    assert_eq!(
        loc["artifactLocation"]["uri"],
        "pm%2C%20v1%3A%20100%25%20%C3%A9.md"
    );
    let col = human_error_column() as u64;
    assert_eq!(loc["region"]["startLine"], 3);
    assert_eq!(loc["region"]["startColumn"], col);
    assert_eq!(loc["region"]["endLine"], 3);
    assert_eq!(loc["region"]["endColumn"], col + 11);
    let hindsight = results
        .iter()
        .find(|r| r["message"]["text"].as_str().unwrap().contains("Obviously"))
        .unwrap();
    assert_eq!(hindsight["level"], "warning");
    let fix = &hindsight["fixes"][0];
    assert!(!fix["description"]["text"].as_str().unwrap().is_empty());
    let replacement = &fix["artifactChanges"][0]["replacements"][0];
    assert_eq!(replacement["deletedRegion"]["startLine"], 5);
    assert_eq!(replacement["deletedRegion"]["startColumn"], 1);
    assert_eq!(replacement["insertedContent"]["text"], "T");
    validate_sarif(&v);
}

#[test]
fn sarif_of_the_examples_validates_against_the_schema() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = run(root, &["check", "--format", "sarif", "examples/"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert!(!v["runs"][0]["results"].as_array().unwrap().is_empty());
    validate_sarif(&v);
}

#[test]
fn the_schema_check_can_fail() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = run(root, &["check", "--format", "sarif", "examples/"]);
    let mut v: Value = serde_json::from_str(&out).unwrap();
    v["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!schema().is_valid(&v));
}

#[test]
fn sarif_reports_unreadable_files_as_notifications() {
    let dir = tricky_dir();
    fs::write(dir.path().join("bad.md"), b"\xff\xfe\x00x").unwrap();
    let out = pmlint(dir.path())
        .args(["check", "--format", "sarif", "bad.md", TRICKY])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let inv = &v["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    assert_eq!(
        inv["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
            ["uri"],
        "bad.md"
    );
    validate_sarif(&v);
}

fn schema() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json");
    // The 2.1.0 schema as published has an unbalanced `]` in the pattern for `language`
    // (fixed by the OASIS errata as below); it is not a valid regex, so the validator
    // would refuse the schema. Patch that one pattern in memory, keep the file as shipped.
    let text = fs::read_to_string(path).unwrap().replace(
        r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#,
        r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#,
    );
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).expect("the SARIF schema compiles")
}

fn validate_sarif(v: &Value) {
    let validator = schema();
    let errors: Vec<String> = validator
        .iter_errors(v)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF is invalid:\n{}",
        errors.join("\n")
    );
}

#[test]
fn gitlab_code_quality_has_paths_lines_and_stable_fingerprints() {
    let dir = tricky_dir();
    let out = run(dir.path(), &["check", "--format", "gitlab", TRICKY]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let issues = v.as_array().unwrap();
    let blame = issues
        .iter()
        .find(|i| {
            i["description"]
                .as_str()
                .unwrap()
                .starts_with("“human error”")
        })
        .unwrap();
    assert_eq!(blame["check_name"], "blame-language");
    assert_eq!(blame["severity"], "major");
    assert_eq!(blame["location"]["path"], TRICKY);
    assert_eq!(blame["location"]["lines"]["begin"], 3);
    let hindsight = issues
        .iter()
        .find(|i| i["description"].as_str().unwrap().contains("Obviously"))
        .unwrap();
    assert_eq!(hindsight["severity"], "minor");
    let prints: Vec<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    let mut unique = prints.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), prints.len(), "fingerprints are unique");
    // Lines inserted above keep every fingerprint.
    fs::write(dir.path().join(TRICKY), format!("<!-- a -->\n\n{DOC}")).unwrap();
    let moved: Value =
        serde_json::from_str(&run(dir.path(), &["check", "--format", "gitlab", TRICKY])).unwrap();
    let moved_prints: Vec<&str> = moved
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(prints, moved_prints);
    let blame = moved
        .as_array()
        .unwrap()
        .iter()
        .find(|i| {
            i["description"]
                .as_str()
                .unwrap()
                .starts_with("“human error”")
        })
        .unwrap();
    assert_eq!(blame["location"]["lines"]["begin"], 5);
}

#[test]
fn github_paths_are_relative_to_the_workspace_when_running_in_a_subfolder() {
    let dir = tricky_dir();
    fs::create_dir(dir.path().join("docs")).unwrap();
    fs::write(dir.path().join("docs/pm.md"), DOC).unwrap();
    let out = pmlint(&dir.path().join("docs"))
        .env("GITHUB_WORKSPACE", dir.path())
        .args(["check", "--format", "github", "pm.md"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("::error file=docs/pm.md,line=1,"),
        "{text}"
    );
    // A workspace that does not hold the file changes nothing.
    let out = pmlint(&dir.path().join("docs"))
        .env("GITHUB_WORKSPACE", "/nonexistent/workspace")
        .args(["check", "--format", "github", "pm.md"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("::error file=pm.md,line=1,"), "{text}");
}

/// A pack rule whose message holds every character the formats must escape, and whose
/// match spans a line break (CRLF in the second file), so the message holds one too.
fn tricky_pack_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("pmlint.toml"), "packs = [\"house.toml\"]\n").unwrap();
    fs::write(
        d.join("house.toml"),
        r#"[[rule]]
id = "house-tricky"
severity = "warning"
message = "50%, a: b — é “{match}”"
help = "Fix: 100%, now"
[rule.check.existence]
phrases = ["tricky phrase"]
"#,
    )
    .unwrap();
    fs::write(d.join("lf.md"), "# X\n\nThis is a tricky\nphrase here.\n").unwrap();
    fs::write(
        d.join("crlf.md"),
        "# X\r\n\r\nThis is a tricky\r\nphrase here.\r\n",
    )
    .unwrap();
    dir
}

fn tricky_lines(out: &str) -> Vec<&str> {
    out.lines().filter(|l| l.contains("house-tricky")).collect()
}

#[test]
fn rule_messages_with_line_breaks_and_delimiters_are_escaped_exactly() {
    let dir = tricky_pack_dir();
    let out = run(
        dir.path(),
        &["check", "--format", "github", "lf.md", "crlf.md"],
    );
    assert_eq!(
        tricky_lines(&out),
        [
            "::warning file=lf.md,line=3,endLine=4,col=11,endColumn=7,title=pmlint (house-tricky)::\
             50%25, a: b — é “tricky%0Aphrase”%0AFix: 100%25, now",
            "::warning file=crlf.md,line=3,endLine=4,col=11,endColumn=7,title=pmlint (house-tricky)::\
             50%25, a: b — é “tricky%0D%0Aphrase”%0AFix: 100%25, now",
        ],
        "{out}"
    );
    let out = run(
        dir.path(),
        &["check", "--format", "concise", "lf.md", "crlf.md"],
    );
    assert_eq!(
        tricky_lines(&out),
        [
            "lf.md:3:11: warning[house-tricky] 50%, a: b — é “tricky phrase”",
            "crlf.md:3:11: warning[house-tricky] 50%, a: b — é “tricky phrase”",
        ]
    );
    let out = run(dir.path(), &["check", "--format", "gitlab", "crlf.md"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let issue = v
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["check_name"] == "house-tricky")
        .unwrap();
    assert_eq!(issue["description"], "50%, a: b — é “tricky\r\nphrase”");
    assert_eq!(issue["severity"], "minor");
    assert_eq!(
        (
            &issue["location"]["lines"]["begin"],
            &issue["location"]["lines"]["end"]
        ),
        (&Value::from(3), &Value::from(4))
    );
    let out = run(dir.path(), &["check", "--format", "sarif", "lf.md"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let run0 = &v["runs"][0];
    let result = run0["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "house-tricky")
        .unwrap();
    assert_eq!(
        result["message"]["text"],
        "50%, a: b — é “tricky\nphrase”\n\nFix: 100%, now"
    );
    let rule = &run0["tool"]["driver"]["rules"][result["ruleIndex"].as_u64().unwrap() as usize];
    assert_eq!(rule["id"], "house-tricky");
    validate_sarif(&v);
}
