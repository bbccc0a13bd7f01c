//! Configuration, rule packs, suppression comments, `init` and `new`, through the real
//! binary in temporary directories.

mod common;

use std::fs;
use std::path::Path;

// Every test here runs pmlint in its own temporary directory.
use common::pmlint_in as pmlint;
use predicates::prelude::*;
use serde_json::Value;

/// A post-mortem that is clean by default (the repository's clean example).
fn clean() -> String {
    fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/2026-03-14-checkout-latency.md"),
    )
    .unwrap()
}

/// The clean post-mortem with `extra` added to its summary.
fn with_summary(extra: &str) -> String {
    clean().replacen("## Impact", &format!("{extra}\n\n## Impact"), 1)
}

const BLAME: &str = "The outage was caused by human error.";
const CAREFUL: &str = "## Lessons learned\n\n- Be more careful with deploys.";

/// `pmlint check --format json` in `dir`: exit code and findings as (rule, severity).
fn check(dir: &Path, args: &[&str]) -> (i32, Vec<(String, String)>, Value) {
    let out = pmlint(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    let found = v["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|d| {
                    (
                        d["rule"].as_str().unwrap_or("").to_string(),
                        d["severity"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    (out.status.code().unwrap_or(-1), found, v)
}

fn rules_of(found: &[(String, String)]) -> Vec<&str> {
    found.iter().map(|(r, _)| r.as_str()).collect()
}

#[test]
fn without_configuration_blame_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("pm.md"), with_summary(BLAME)).unwrap();
    let (code, found, _) = check(dir.path(), &["pm.md"]);
    assert_eq!(code, 1);
    assert_eq!(found, [("blame-language".into(), "error".into())]);
}

#[test]
fn a_configured_level_changes_the_severity_and_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("pm.md"), with_summary(BLAME)).unwrap();
    fs::write(
        dir.path().join("pmlint.toml"),
        "[rules]\nblame-language = \"warning\"\n",
    )
    .unwrap();
    let (code, found, _) = check(dir.path(), &["pm.md"]);
    assert_eq!(code, 0);
    assert_eq!(found, [("blame-language".into(), "warning".into())]);
}

#[test]
fn off_silences_a_rule() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("pm.md"), with_summary(BLAME)).unwrap();
    fs::write(
        dir.path().join("pmlint.toml"),
        "[rules]\nblame-language = \"off\"\n",
    )
    .unwrap();
    let (code, found, _) = check(dir.path(), &["pm.md"]);
    assert_eq!((code, found.len()), (0, 0));
}

const ROCKSTAR_PACK: &str = r#"
[[rule]]
id = "house-rockstar"
severity = "error"
message = "“{match}” celebrates heroics"
help = "Say what made the heroics necessary."
bad = "Ana was a rockstar."
good = "Ana restored the database."
[rule.check.existence]
phrases = ["rockstar"]

[[rule]]
id = "house-allowlist"
severity = "warning"
message = "Say “{replacement}” instead of “{match}”"
[rule.check.substitution]
swap = { "whitelist" = "allowlist" }
"#;

fn with_pack(dir: &Path, config: &str) {
    fs::create_dir_all(dir.join("packs")).unwrap();
    fs::write(dir.join("packs/house.toml"), ROCKSTAR_PACK).unwrap();
    fs::write(dir.join("pmlint.toml"), config).unwrap();
}

#[test]
fn a_pack_adds_findings_and_its_rules_are_configurable() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("pm.md"),
        with_summary("Ana was a rockstar and added the IP to the Whitelist."),
    )
    .unwrap();
    with_pack(dir.path(), "packs = [\"packs/house.toml\"]\n");
    let (code, found, v) = check(dir.path(), &["pm.md"]);
    assert_eq!(code, 1);
    assert_eq!(rules_of(&found), ["house-rockstar", "house-allowlist"]);
    let d = &v["diagnostics"][0];
    assert_eq!(d["message"], "“rockstar” celebrates heroics");
    assert_eq!(d["help"], "Say what made the heroics necessary.");
    let sub = &v["diagnostics"][1];
    assert_eq!(sub["suggestion"]["edits"][0]["replacement"], "Allowlist");

    // The pack's rules take levels like built-in ones.
    with_pack(
        dir.path(),
        "packs = [\"packs/house.toml\"]\n[rules]\nhouse-rockstar = \"warning\"\nhouse-allowlist = \"off\"\n",
    );
    let (code, found, _) = check(dir.path(), &["pm.md"]);
    assert_eq!(code, 0);
    assert_eq!(found, [("house-rockstar".into(), "warning".into())]);
}

#[test]
fn pack_rules_are_listed_and_explained_with_their_origin() {
    let dir = tempfile::tempdir().unwrap();
    with_pack(dir.path(), "packs = [\"packs/house.toml\"]\n");
    pmlint(dir.path()).arg("rules").assert().code(0).stdout(
        predicate::str::is_match(
            r"house-rockstar\s+error\s+packs/house.toml\s+“…” celebrates heroics",
        )
        .unwrap()
        .and(predicate::str::contains("blame-language")),
    );
    let out = pmlint(dir.path())
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    let rockstar = list
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "house-rockstar")
        .unwrap();
    assert_eq!(rockstar["origin"], "packs/house.toml");
    pmlint(dir.path())
        .args(["explain", "house-rockstar"])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("Flags “rockstar”")
                .and(predicate::str::contains("Bad:\n\n    Ana was a rockstar.")),
        );
    // --no-config: only the built-in rules.
    pmlint(dir.path())
        .args(["explain", "house-rockstar", "--no-config"])
        .assert()
        .code(2);
}

/// Exit 2, nothing on stdout but the summary, and the one-line error on stderr.
fn config_error(dir: &Path, config: &str, expected: &str) {
    fs::write(dir.join("pm.md"), clean()).unwrap();
    fs::write(dir.join("pmlint.toml"), config).unwrap();
    pmlint(dir)
        .args(["check", "pm.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("pmlint: {expected}")));
}

#[test]
fn malformed_toml_is_an_error_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    config_error(
        dir.path(),
        "accept = [\"just\"\n[rules]\n",
        "pmlint.toml:2:1: ",
    );
}

#[test]
fn an_unknown_key_is_an_error_with_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    config_error(
        dir.path(),
        "accept = []\nincludes = [\"pm/*.md\"]\n",
        "pmlint.toml:2:1: unknown key `includes`; did you mean `include`?",
    );
    config_error(
        dir.path(),
        "[sections.action-item]\nnames = [\"Homework\"]\n",
        "pmlint.toml:1:11: unknown key `action-item`; did you mean `action-items`?",
    );
    config_error(
        dir.path(),
        "[rules]\nblame-language = \"warn\"\n",
        "pmlint.toml:2:18: unknown value `warn`; did you mean `warning`?",
    );
}

#[test]
fn an_unknown_rule_id_is_an_error_with_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    config_error(
        dir.path(),
        "[rules]\nnon-actionable = \"info\"\nblame-languag = \"off\"\n",
        "pmlint.toml:3:1: unknown rule `blame-languag`; did you mean `blame-language`?",
    );
}

#[test]
fn an_unknown_required_section_is_an_error_with_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    config_error(
        dir.path(),
        "accept = []\nrequired-sections = [\"summary\", \"impakt\"]\n",
        "pmlint.toml:2:33: unknown section kind `impakt`; did you mean `impact`?",
    );
    config_error(
        dir.path(),
        "required-sections = [\"postmortem\"]\n",
        "pmlint.toml:1:22: unknown section kind `postmortem` (expected one of summary, impact,",
    );
}

/// Messages of the `missing-section` findings.
fn missing_sections(v: &Value) -> Vec<&str> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "missing-section")
        .map(|d| d["message"].as_str().unwrap())
        .collect()
}

#[test]
fn required_sections_choose_what_missing_section_reports() {
    let dir = tempfile::tempdir().unwrap();
    // The clean post-mortem has no detection or resolution section.
    fs::write(dir.path().join("pm.md"), clean()).unwrap();
    let (code, found, _) = check(dir.path(), &["pm.md"]);
    assert_eq!((code, found.len()), (0, 0));
    fs::write(
        dir.path().join("pmlint.toml"),
        "required-sections = [\"summary\", \"detection\", \"impact\", \"resolution\"]\n",
    )
    .unwrap();
    let (code, found, v) = check(dir.path(), &["pm.md"]);
    assert_eq!(code, 0, "missing-section is a warning: {found:?}");
    assert_eq!(rules_of(&found), ["missing-section", "missing-section"]);
    let messages = missing_sections(&v);
    assert!(messages[0].starts_with("No detection section found (headings that count: Detection, How was it detected, Investigation"), "{messages:?}");
    assert!(
        messages[1].starts_with("No resolution section found"),
        "{messages:?}"
    );
    assert_eq!(v["diagnostics"][0]["line"], 10, "at the title");
    // An empty list requires nothing; a configured synonym satisfies the requirement.
    fs::write(dir.path().join("pmlint.toml"), "required-sections = []\n").unwrap();
    fs::write(
        dir.path().join("pm.md"),
        clean().replace("## Summary", "## Gist"),
    )
    .unwrap();
    assert_eq!(check(dir.path(), &["pm.md"]).1.len(), 0);
    fs::remove_file(dir.path().join("pmlint.toml")).unwrap();
    let (_, _, v) = check(dir.path(), &["pm.md"]);
    assert_eq!(
        missing_sections(&v).len(),
        1,
        "summary is required by default"
    );
    fs::write(
        dir.path().join("pmlint.toml"),
        "[sections.summary]\nnames = [\"Gist\"]\n",
    )
    .unwrap();
    assert_eq!(check(dir.path(), &["pm.md"]).1.len(), 0);
}

#[test]
fn timeline_and_action_items_are_reported_by_their_own_rules_only() {
    let dir = tempfile::tempdir().unwrap();
    let clean = clean();
    let (from, to) = (
        clean.find("## Timeline").unwrap(),
        clean.find("## Metrics").unwrap(),
    );
    let doc = format!("{}{}", &clean[..from], &clean[to..]);
    fs::write(dir.path().join("pm.md"), doc).unwrap();
    fs::write(
        dir.path().join("pmlint.toml"),
        "required-sections = [\"summary\", \"timeline\", \"action-items\"]\n",
    )
    .unwrap();
    let (_, found, _) = check(dir.path(), &["pm.md"]);
    assert!(rules_of(&found).contains(&"missing-timeline"), "{found:?}");
    assert!(!rules_of(&found).contains(&"missing-section"), "{found:?}");
}

#[test]
fn a_broken_pack_is_an_error_inside_the_pack() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("packs")).unwrap();
    fs::write(
        dir.path().join("packs/bad.toml"),
        "[[rule]]\nid = \"x\"\nmessage = \"m\"\n[rule.check.existence]\nregexes = ['(unclosed']\n",
    )
    .unwrap();
    config_error(
        dir.path(),
        "packs = [\"packs/bad.toml\"]\n",
        "packs/bad.toml:5:12: invalid regex",
    );
    config_error(
        dir.path(),
        "packs = [\"packs/missing.toml\"]\n",
        "pmlint.toml:1:10: pack `packs/missing.toml`: cannot read: no such file",
    );
}

#[test]
fn a_broken_configuration_is_reported_once_and_other_files_are_linted() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("broken")).unwrap();
    fs::create_dir_all(dir.path().join("fine")).unwrap();
    fs::write(dir.path().join("broken/pmlint.toml"), "bogus = 1\n").unwrap();
    fs::write(dir.path().join("broken/a.md"), clean()).unwrap();
    fs::write(dir.path().join("broken/b.md"), clean()).unwrap();
    fs::write(dir.path().join("fine/c.md"), with_summary(BLAME)).unwrap();
    let (code, found, v) = check(dir.path(), &["broken", "fine"]);
    assert_eq!(code, 2);
    assert_eq!(rules_of(&found), ["blame-language"]);
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["path"], "broken/pmlint.toml:1:1");
}

#[test]
fn the_nearest_configuration_wins() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("team/sub")).unwrap();
    fs::write(
        root.join("pmlint.toml"),
        "[rules]\nblame-language = \"off\"\n",
    )
    .unwrap();
    fs::write(
        root.join("team/.pmlint.toml"),
        "[rules]\nblame-language = \"warning\"\n",
    )
    .unwrap();
    for f in ["top.md", "team/mid.md", "team/sub/deep.md"] {
        fs::write(root.join(f), with_summary(BLAME)).unwrap();
    }
    let (_, found, v) = check(root, &["."]);
    let by_path: Vec<(String, String)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(found.len(), 2);
    assert_eq!(
        by_path,
        [
            ("./team/mid.md".to_string(), "warning".to_string()),
            ("./team/sub/deep.md".to_string(), "warning".to_string())
        ]
    );
}

#[test]
fn config_flag_replaces_discovery_and_no_config_ignores_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("pm.md"), with_summary(BLAME)).unwrap();
    fs::write(
        root.join("pmlint.toml"),
        "[rules]\nblame-language = \"off\"\n",
    )
    .unwrap();
    fs::write(root.join("ci.toml"), "[rules]\nblame-language = \"info\"\n").unwrap();
    let (code, found, _) = check(root, &["pm.md"]);
    assert_eq!((code, found.len()), (0, 0));
    let (code, found, _) = check(root, &["--config", "ci.toml", "pm.md"]);
    assert_eq!(
        (code, found),
        (0, vec![("blame-language".into(), "info".into())])
    );
    let (code, found, _) = check(root, &["--no-config", "pm.md"]);
    assert_eq!(
        (code, found),
        (1, vec![("blame-language".into(), "error".into())])
    );
    pmlint(root)
        .args(["check", "--config", "nope.toml", "pm.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "pmlint: nope.toml: cannot read: no such file",
        ));
}

#[test]
fn standard_input_uses_the_configuration_of_its_stdin_filename() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("pm")).unwrap();
    fs::write(
        dir.path().join("pm/pmlint.toml"),
        "[rules]\nblame-language = \"warning\"\n",
    )
    .unwrap();
    let out = pmlint(dir.path())
        .args([
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "pm/x.md",
            "-",
        ])
        .write_stdin(with_summary(BLAME))
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["diagnostics"][0]["severity"], "warning");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn settings_accept_sections_and_placeholders_apply() {
    let dir = tempfile::tempdir().unwrap();
    let clean = with_summary(BLAME);
    let cut = clean.find("## Action items").unwrap();
    let doc = format!(
        "{}## Homework\n\n- [ ] Add a canary stage to the deploy, owner: someone, due 2026-04-01, OPS-1\n- [ ] Alert on queue depth, owner: @ana, due 2026-04-01, OPS-2\n\nFollow-up review: 2026-04-15\n",
        &clean[..cut]
    );
    fs::write(dir.path().join("pm.md"), &doc).unwrap();
    // Without configuration: blame, no action-items section, …
    let (_, found, _) = check(dir.path(), &["--no-config", "pm.md"]);
    assert!(
        rules_of(&found).contains(&"missing-action-items"),
        "{found:?}"
    );
    fs::write(
        dir.path().join("pmlint.toml"),
        "accept = [\"human error\"]\nowner-placeholders = [\"someone\"]\n[sections.action-items]\nnames = [\"Homework\"]\n",
    )
    .unwrap();
    let (_, found, _) = check(dir.path(), &["pm.md"]);
    assert_eq!(
        rules_of(&found),
        ["action-item-owner"],
        "the accepted phrase and the new section name apply; “someone” is no owner"
    );
}

/// Lint `doc` (the clean post-mortem with `extra` in its summary) and return its findings.
fn suppressed(extra: &str) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("pm.md"), with_summary(extra)).unwrap();
    check(dir.path(), &["pm.md"]).1
}

#[test]
fn each_suppression_form_hides_its_findings() {
    let forms = [
        format!("<!-- pmlint-disable-next-line blame-language -->\n{BLAME}"),
        format!("<!-- pmlint-disable-next-line -->\n{BLAME}"),
        format!("{BLAME} <!-- pmlint-disable-line blame-language -->"),
        format!(
            "<!-- pmlint-disable blame-language -->\n\n{BLAME}\n\n<!-- pmlint-enable blame-language -->"
        ),
        format!("<!-- pmlint-disable -->\n\n{BLAME}\n\n<!-- pmlint-enable -->"),
        format!(
            "<!-- pmlint-disable-file blame-language, non-actionable -->\n\n{BLAME}\n\n{CAREFUL}"
        ),
        format!(
            "<!-- pmlint-disable-file blame-language non-actionable -->\n\n{BLAME}\n\n{CAREFUL}"
        ),
        format!("<!-- pmlint-disable-file -->\n\n{BLAME}"),
        format!(
            "<!-- pmlint-disable-next-line blame-language -- quoting the status page -->\n{BLAME}"
        ),
    ];
    let comment = regex::Regex::new(r"<!--.*?-->").unwrap();
    for form in forms {
        // Without its comment, the text has findings; with it, none.
        assert_ne!(suppressed(&comment.replace_all(&form, "")), [], "{form}");
        assert_eq!(suppressed(&form), [], "{form}");
    }
}

#[test]
fn suppressions_stop_where_they_should() {
    // The line after the next is not covered; after pmlint-enable the rule is back.
    let found = suppressed(&format!(
        "<!-- pmlint-disable-next-line blame-language -->\nThe deploy went out.\n{BLAME}"
    ));
    assert!(rules_of(&found).contains(&"blame-language"), "{found:?}");
    let found = suppressed(&format!(
        "<!-- pmlint-disable blame-language -->\n\n{BLAME}\n\n<!-- pmlint-enable blame-language -->\n\n{BLAME}"
    ));
    assert_eq!(rules_of(&found), ["blame-language"]);
    // Another rule's id does not hide this one.
    let found = suppressed(&format!(
        "<!-- pmlint-disable-next-line non-actionable -->\n{BLAME}"
    ));
    assert_eq!(rules_of(&found), ["unused-suppression", "blame-language"]);
}

#[test]
fn unused_and_unknown_suppressions_are_reported_as_warnings() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("pm.md"),
        with_summary(
            "<!-- pmlint-disable-next-line blame-language -->\nThe deploy went out.\n\n<!-- pmlint-disable-line blame-languag -->",
        ),
    )
    .unwrap();
    let (code, found, v) = check(dir.path(), &["pm.md"]);
    assert_eq!(code, 0, "warnings only");
    assert_eq!(
        found,
        [
            ("unused-suppression".into(), "warning".into()),
            ("unused-suppression".into(), "warning".into())
        ]
    );
    let messages: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        messages,
        [
            "`pmlint-disable-next-line blame-language` suppresses no finding",
            "unknown rule `blame-languag` in `pmlint-disable-line`; did you mean `blame-language`?"
        ]
    );
    // The unused one can be removed mechanically.
    assert_eq!(
        v["diagnostics"][0]["suggestion"]["edits"][0]["replacement"],
        ""
    );
    // And the rule can be turned off like any other.
    fs::write(
        dir.path().join("pmlint.toml"),
        "[rules]\nunused-suppression = \"off\"\n",
    )
    .unwrap();
    assert_eq!(check(dir.path(), &["pm.md"]).1, []);
}

#[test]
fn init_writes_a_configuration_that_loads_and_never_overwrites_without_force() {
    let dir = tempfile::tempdir().unwrap();
    pmlint(dir.path()).arg("init").assert().code(0);
    let written = fs::read_to_string(dir.path().join("pmlint.toml")).unwrap();
    assert!(written.contains("blame-language = \"error\""));
    // The defaults change nothing.
    fs::write(dir.path().join("pm.md"), with_summary(BLAME)).unwrap();
    assert_eq!(
        check(dir.path(), &["pm.md"]).1,
        [("blame-language".into(), "error".into())]
    );
    fs::write(dir.path().join("pmlint.toml"), "# mine\n").unwrap();
    pmlint(dir.path())
        .arg("init")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists (use --force"));
    assert_eq!(
        fs::read_to_string(dir.path().join("pmlint.toml")).unwrap(),
        "# mine\n"
    );
    pmlint(dir.path())
        .args(["init", "--force"])
        .assert()
        .code(0);
    assert_eq!(
        fs::read_to_string(dir.path().join("pmlint.toml")).unwrap(),
        written
    );
    // No temporary file is left behind.
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

/// Fill every placeholder of a `pmlint new` skeleton, as an author would.
fn fill(skeleton: &str) -> String {
    let mut s = skeleton
        .replace("[\"TBD\"]", "[\"@lena\"]")
        .replace("severity: TBD", "severity: SEV-2");
    let prompts = [
        "Between 13:40 and 14:40 UTC checkout requests timed out for 11% of customers after a release moved a dependency call into the request path; rolling it back restored service.",
        "4,318 of 39,200 checkout attempts failed over 60 minutes.",
        "Release 2.3 of checkout-service is promoted to all traffic",
        "CheckoutLatencyHigh alert pages the on-call engineer",
        "checkout-service rolled back to release 2.2; latency recovers",
        "Error rate and latency back to normal; incident closed",
        "The deploy checklist has no step for load changes on dependencies, and the canary sends too little traffic to show them.",
        "The rollback runbook was accurate and took 9 minutes.",
        "The latency alert uses a 15-minute window, which delayed the page.",
        "Add a dependency-load question to the pull request template",
        "Shorten the CheckoutLatencyHigh window from 15 to 5 minutes",
    ];
    for p in prompts {
        let start = s.find('[').expect("a [prompt] left to fill");
        let end = start + s[start..].find(']').unwrap() + 1;
        s.replace_range(start..end, p);
    }
    for time in ["13:40", "14:05", "14:40", "14:52"] {
        s = s.replacen("HH:MM", time, 1);
    }
    for (owner, due, ticket) in [
        ("@lena", "2026-04-01", "PAY-1"),
        ("@dmitri", "2026-04-08", "PAY-2"),
    ] {
        s = s.replacen(
            "| TBD | YYYY-MM-DD | TBD |",
            &format!("| {owner} | {due} | {ticket} |"),
            1,
        );
    }
    s.replace(
        "Follow-up review: YYYY-MM-DD",
        "Follow-up review: 2026-04-15",
    )
}

#[test]
fn new_writes_a_skeleton_that_passes_once_filled() {
    let dir = tempfile::tempdir().unwrap();
    pmlint(dir.path())
        .args([
            "new",
            "--title",
            "Checkout timeouts",
            "--date",
            "2026-03-14",
        ])
        .assert()
        .code(0);
    let path = dir.path().join("2026-03-14-checkout-timeouts.md");
    let skeleton = fs::read_to_string(&path).unwrap();
    for part in [
        "title: \"Checkout timeouts\"",
        "date: 2026-03-14",
        "# Checkout timeouts",
        "## Summary",
        "## Impact",
        "## Timeline",
        "All times are UTC.",
        "## Contributing factors",
        "| Action | Type | Owner | Due | Ticket |",
        "Follow-up review:",
        "Blameless review",
    ] {
        assert!(skeleton.contains(part), "missing {part:?}");
    }
    // Unfilled, the placeholders are findings: an owner "TBD" is no owner.
    let (code, found, _) = check(dir.path(), &["2026-03-14-checkout-timeouts.md"]);
    assert_eq!(code, 1);
    assert!(rules_of(&found).contains(&"action-item-owner"), "{found:?}");
    // Filled, it is clean.
    fs::write(&path, fill(&skeleton)).unwrap();
    let (code, found, _) = check(dir.path(), &["2026-03-14-checkout-timeouts.md"]);
    assert_eq!((code, found), (0, vec![]), "{}", fill(&skeleton));
}

#[test]
fn new_never_overwrites_without_force_and_checks_its_arguments() {
    let dir = tempfile::tempdir().unwrap();
    pmlint(dir.path())
        .args(["new", "pm/outage.md", "--date", "2026-01-02"])
        .assert()
        .code(0);
    let path = dir.path().join("pm/outage.md");
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .contains("# [Incident title]")
    );
    fs::write(&path, "mine\n").unwrap();
    pmlint(dir.path())
        .args(["new", "pm/outage.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
    assert_eq!(fs::read_to_string(&path).unwrap(), "mine\n");
    pmlint(dir.path())
        .args(["new", "pm/outage.md", "--force", "--title", "Queue backlog"])
        .assert()
        .code(0);
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .contains("# Queue backlog")
    );
    pmlint(dir.path())
        .args(["new", "--date", "14/03/2026"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid --date"));
}

#[test]
fn explain_suggests_a_close_rule_id() {
    let dir = tempfile::tempdir().unwrap();
    pmlint(dir.path())
        .args(["explain", "blame-languag"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown rule `blame-languag`; did you mean `blame-language`?",
        ));
}

#[test]
fn schema_subcommand_prints_the_configuration_schema() {
    // tests/docs.rs checks that the committed pmlint.schema.json is this same text.
    let dir = tempfile::tempdir().unwrap();
    let out = pmlint(dir.path()).arg("schema").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout.clone()).unwrap(),
        pmlint::config::file::schema_json()
    );
    let schema: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["additionalProperties"], false);
    assert!(schema["properties"]["rules"]["properties"]["blame-language"].is_object());
    assert!(schema["properties"]["sections"].is_object());
}
