//! Action items through the real binary: the action-item report of `pmlint stats`, and
//! `--today` for the past-due rule.

mod common;

use common::{json_of, pmlint};
use predicates::prelude::*;
use serde_json::Value;
use std::fs;

const QUEUE: &str = "examples/2026-06-20-queue-backlog.md";

#[test]
fn stats_json_lists_each_item_with_owner_due_ticket_and_state() {
    let out = pmlint()
        .args(["stats", "--format", "json", "--today", "2026-07-10", QUEUE])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v = json_of(&out);
    let a = &v["documents"][0]["metrics"]["actions"];
    assert_eq!(a["count"], 9);
    assert_eq!(
        (&a["open"], &a["done"], &a["without_owner"], &a["past_due"]),
        (
            &Value::from(8),
            &Value::from(1),
            &Value::from(5),
            &Value::from(1)
        )
    );
    let first = &a["items"][0];
    assert_eq!(first["line"], 74);
    assert_eq!(first["state"], "done");
    assert_eq!(first["owner"], "@tomasz");
    assert_eq!(first["ticket"], "OPS-85");
    let late = &a["items"][1];
    assert_eq!(
        (&late["due"], &late["due_date"], &late["past_due"]),
        (
            &Value::from("2026-07-01"),
            &Value::from("2026-07-01"),
            &Value::from(true)
        )
    );
    assert_eq!(
        late["text"],
        "Add an alert on queue depth for notifications above 50,000 for 5 minutes"
    );
    assert_eq!(a["items"][4]["owner"], Value::Null);
    let total = &v["summary"]["actions"];
    assert_eq!(
        (&total["items"], &total["past_due"]),
        (&Value::from(9), &Value::from(1))
    );
}

#[test]
fn stats_human_report_has_a_table_per_document_and_totals() {
    pmlint()
        .args(["stats", "--today", "2026-07-10", "examples/"])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains(
                "examples/2026-06-20-queue-backlog.md: 9 action items, 8 open, 1 done, 5 open without an owner, 1 past due",
            )
            .and(predicate::str::contains(
                "  75    PAST DUE  @maria   2026-07-01  OPS-88  Add an alert on queue depth",
            ))
            .and(predicate::str::contains(
                "total                                       21    20     1         5         7",
            ))
            .and(
                predicate::str::is_match(
                    r"\n  examples/2026-06-20-queue-backlog\.md:75 +due 2026-07-01  Add an alert",
                )
                .unwrap(),
            ),
        );
}

#[test]
fn today_decides_what_is_past_due_when_the_rule_is_on() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("pmlint.toml"),
        "[rules]\naction-item-past-due = \"error\"\n",
    )
    .unwrap();
    let pm = dir.path().join("pm.md");
    fs::write(
        &pm,
        "# Outage\n\n## Action items\n\n- [ ] Add an alert on queue depth — @ana, due 2026-04-01, OPS-1\n",
    )
    .unwrap();
    let past_due = |today: &str| -> usize {
        let out = pmlint()
            .args(["check", "--format", "json", "--today", today])
            .arg(&pm)
            .output()
            .unwrap();
        json_of(&out.stdout)["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["rule"] == "action-item-past-due")
            .count()
    };
    assert_eq!(past_due("2026-04-02"), 1);
    assert_eq!(past_due("2026-04-01"), 0);
    pmlint()
        .args(["check", "--today", "April 1st"])
        .arg(&pm)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--today"));
}

#[test]
fn past_due_is_off_by_default() {
    let out = pmlint()
        .args([
            "check",
            "--format",
            "json",
            "--no-config",
            "--today",
            "2030-01-01",
            QUEUE,
        ])
        .output()
        .unwrap();
    let v = json_of(&out.stdout);
    assert!(
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["rule"] != "action-item-past-due")
    );
}

/// `scripts/eval_corpus.py --items` on the synthetic labelled folder: every labelled item
/// is found, and an item the labels name but the document lacks is reported.
#[test]
fn eval_script_compares_extracted_items_with_labels() {
    if std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("python3 not found: skipping the eval script test");
        return;
    }
    let root = env!("CARGO_MANIFEST_DIR");
    let run = |folder: &std::path::Path| {
        let out = std::process::Command::new("python3")
            .arg(format!("{root}/scripts/eval_corpus.py"))
            .args(["--items", "--pmlint", env!("CARGO_BIN_EXE_pmlint")])
            .arg(folder)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let data = std::path::Path::new(root).join("tests/data/eval");
    let good = run(&data);
    assert!(good.contains("item recall       1.000 (2/2"), "{good}");
    assert!(good.contains("owner flags       1.000 (1/1"), "{good}");

    let dir = tempfile::tempdir().unwrap();
    let name = "2026-01-10-login-outage.md";
    fs::copy(data.join(name), dir.path().join(name)).unwrap();
    let labels = fs::read_to_string(data.join(format!("{name}.labels.toml"))).unwrap();
    let labels = labels
        .replace("action_items_count = 2", "action_items_count = 3")
        .replace(
            "action_items_with_owner = [",
            "action_items_with_owner = [\"Rotate the database credentials\", ",
        );
    fs::write(dir.path().join(format!("{name}.labels.toml")), labels).unwrap();
    let bad = run(dir.path());
    assert!(bad.contains("item recall       0.667 (2/3"), "{bad}");
    assert!(
        bad.contains("not extracted: Rotate the database credentials"),
        "{bad}"
    );
}
