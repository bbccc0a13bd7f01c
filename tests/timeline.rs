//! Timeline analysis through the real binary: `pmlint stats`, the metrics in
//! `check --format json`, and the timeline rules on the shipped examples.

mod common;

use common::{json_of, pmlint};
use predicates::prelude::*;
use serde_json::Value;
use std::fs;

/// Impact 13:40, detection 14:05, acknowledgement 14:09, mitigation 14:40, resolution 14:52.
const CHECKOUT: &str = "examples/2026-03-14-checkout-latency.md";

#[test]
fn stats_reports_time_to_detect_mitigate_and_resolve() {
    pmlint().args(["stats", CHECKOUT]).assert().code(0).stdout(
        predicate::str::contains("TTD 25m, TTA 4m, TTM 60m, TTR 72m")
            .and(predicate::str::contains(
                "impact start     2026-03-14 13:40 UTC",
            ))
            .and(predicate::str::contains(
                "resolution       2026-03-14 14:52 UTC",
            ))
            .and(predicate::str::contains(
                "stated in the document: TTD 25m, TTM 60m, TTR 72m",
            )),
    );
}

#[test]
fn stats_json_has_milestones_durations_and_stated_values() {
    let out = pmlint()
        .args(["stats", "--format", "json", CHECKOUT])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v = json_of(&out);
    assert_eq!(v["version"], 1);
    let doc = &v["documents"][0];
    assert_eq!(doc["path"], CHECKOUT);
    let t = &doc["metrics"]["timeline"];
    for (key, want) in [
        ("time_to_detect_minutes", 25),
        ("time_to_acknowledge_minutes", 4),
        ("time_to_mitigate_minutes", 60),
        ("time_to_resolve_minutes", 72),
        ("duration_minutes", 110),
    ] {
        assert_eq!(t[key], want, "{key}");
    }
    assert_eq!(t["milestones"]["detection"]["time"], "14:05");
    assert_eq!(t["milestones"]["detection"]["line"], 39);
    assert_eq!(t["milestones"]["impact_start"]["inferred"], false);
    assert_eq!(t["stated"]["time_to_resolve_minutes"], 72);
    assert_eq!(t["mismatches"], serde_json::json!([]));
}

#[test]
fn stats_summarises_several_documents_with_medians() {
    let out = pmlint()
        .args(["stats", "--format", "json", "examples/"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v = json_of(&out);
    assert_eq!(v["summary"]["documents"], 4);
    let t = &v["summary"]["timeline"];
    assert_eq!(t["documents_with_timeline"], 3);
    // TTD of the three examples with a timeline: 25, 7 and 43 minutes.
    assert_eq!(t["median"]["time_to_detect_minutes"], 25);
    assert_eq!(t["documents_with_metric"]["time_to_detect_minutes"], 3);
    pmlint()
        .args(["stats", "examples/"])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("median")
                .and(predicate::str::contains("4 documents, 3 with a timeline")),
        );
}

#[test]
fn stats_names_an_unreadable_file_and_measures_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.md");
    fs::write(&bad, b"\xff\xfe\x00garbage").unwrap();
    let out = pmlint()
        .args(["stats", "--format", "json", CHECKOUT])
        .arg(&bad)
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    let v = json_of(&out);
    assert_eq!(v["documents"].as_array().map(Vec::len), Some(1));
    assert!(v["errors"][0]["path"].as_str().unwrap().ends_with("bad.md"));
}

#[test]
fn stats_reads_standard_input() {
    pmlint()
        .args(["stats", "--stdin-filename", "pm.md", "-"])
        .write_stdin("# X\n\n## Timeline (UTC)\n\n- 23:50 impact starts\n- 00:05 alert fired\n- 00:30 resolved\n")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("pm.md").and(predicate::str::contains("TTD 15m")));
}

#[test]
fn check_json_includes_metrics_per_document() {
    let out = pmlint()
        .args([
            "check",
            "--format",
            "json",
            CHECKOUT,
            "examples/2026-08-09-bad-deploy.md",
        ])
        .assert()
        .get_output()
        .stdout
        .clone();
    let v = json_of(&out);
    for key in ["version", "diagnostics", "errors", "summary"] {
        assert!(v.get(key).is_some(), "{key} kept");
    }
    let docs = v["documents"].as_array().expect("documents array");
    assert_eq!(docs.len(), 2);
    let checkout = docs.iter().find(|d| d["path"] == CHECKOUT).unwrap();
    assert_eq!(
        checkout["metrics"]["timeline"]["time_to_detect_minutes"],
        25
    );
    let bad = docs.iter().find(|d| d["path"] != CHECKOUT).unwrap();
    assert_eq!(bad["metrics"]["timeline"]["entries"], 0);
    assert_eq!(
        bad["metrics"]["timeline"]["time_to_detect_minutes"],
        Value::Null
    );
}

#[test]
fn no_timeline_findings_on_the_examples() {
    let out = pmlint()
        .args(["check", "--format", "json", "examples/"])
        .assert()
        .get_output()
        .stdout
        .clone();
    let v = json_of(&out);
    let timeline: Vec<&Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"].as_str().unwrap().starts_with("timeline-"))
        .collect();
    assert!(timeline.is_empty(), "{timeline:?}");
}

#[test]
fn an_out_of_order_table_row_is_flagged_at_its_time_cell() {
    let text = "# Outage\n\n## Timeline\n\nAll times are UTC.\n\n\
                | Time  | Event |\n|-------|-------|\n\
                | 13:40 | Deploy begins; impact starts |\n\
                | 14:05 | Alert fired |\n\
                |  13:58 | Rolled back; mitigated |\n\
                | 14:52 | Resolved |\n";
    let out = pmlint()
        .args([
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "pm.md",
            "-",
        ])
        .write_stdin(text)
        .assert()
        .get_output()
        .stdout
        .clone();
    let v = json_of(&out);
    let found: Vec<_> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "timeline-order")
        .map(|d| {
            (
                d["line"].clone(),
                d["column"].clone(),
                d["end_column"].clone(),
            )
        })
        .collect();
    assert_eq!(found, [(11.into(), 4.into(), 9.into())]);
}
