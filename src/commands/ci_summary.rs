//! `pmlint ci-summary`: the reporting half of the GitHub Action. It reads the JSON of
//! `pmlint check --format json` and
//! - prints one annotation per finding (GitHub shows only 10 per level and step, so…),
//! - appends a Markdown job summary listing every finding to `$GITHUB_STEP_SUMMARY`,
//!   per file with findings by rule, and the action items and timeline metrics of
//!   `pmlint stats --format json` when that command exists,
//! - writes `errors`, `warnings` and `files` to `$GITHUB_OUTPUT`,
//! - exits 1 when a finding reaches `--fail-on`.
//!
//! Without the GitHub variables the summary goes to standard output, so it can be tried
//! locally.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use serde::Deserialize;
use serde_json::Value;

use crate::cli::{CiSummaryArgs, FailOn};
use crate::output::github;
use crate::paths::relative_to_cwd;

/// GitHub refuses a step summary over 1 MiB; stay well below it.
const SUMMARY_BUDGET: usize = 900 * 1024;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Report {
    diagnostics: Vec<Finding>,
    errors: Vec<ReadError>,
    files: Vec<String>,
    summary: Counts,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Finding {
    path: String,
    rule: String,
    severity: String,
    message: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    help: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ReadError {
    path: String,
    message: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Counts {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

pub fn ci_summary(args: CiSummaryArgs) -> ExitCode {
    let report = match read_report(&args.report) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("pmlint: {e}");
            return ExitCode::from(2);
        }
    };
    let stats = match &args.stats {
        Some(p) => std::fs::read_to_string(p)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok()),
        None if args.no_stats => None,
        None => run_stats(&report.files),
    };
    let mut out = String::new();
    for f in &report.diagnostics {
        out.push_str(&annotation(f));
    }
    for e in &report.errors {
        out.push_str(&github::command(
            "error",
            &[
                ("file", github::annotation_path(&e.path)),
                ("title", "pmlint".into()),
            ],
            &e.message,
        ));
    }
    let failing = match args.fail_on {
        FailOn::Error => report.summary.errors + report.errors.len(),
        FailOn::Warning => report.summary.errors + report.summary.warnings + report.errors.len(),
        FailOn::Never => 0,
    };
    out.push_str(&format!(
        "pmlint: {} in {}{}\n",
        counts(report.summary.errors, report.summary.warnings),
        plural(report.summary.files, "post-mortem"),
        if failing > 0 {
            format!(" (fails: fail-on is {})", fail_on_name(args.fail_on))
        } else {
            String::new()
        }
    ));
    let markdown = render(&report, stats.as_ref());
    let written = append_env_file("GITHUB_STEP_SUMMARY", &markdown).and_then(|wrote| {
        if !wrote {
            out.push('\n');
            out.push_str(&markdown);
        }
        append_env_file(
            "GITHUB_OUTPUT",
            &format!(
                "errors={}\nwarnings={}\nfiles={}\n",
                report.summary.errors, report.summary.warnings, report.summary.files
            ),
        )
    });
    if let Err(code) = super::stdout::print(&out) {
        return code;
    }
    if let Err(e) = written {
        eprintln!("pmlint: {e}");
        return ExitCode::from(2);
    }
    if failing > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn read_report(path: &Path) -> Result<Report, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read report: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| {
        format!(
            "{}: not the JSON of `pmlint check --format json`: {e}",
            path.display()
        )
    })
}

fn annotation(f: &Finding) -> String {
    let mut message = f.message.clone();
    if let Some(help) = &f.help {
        message.push('\n');
        message.push_str(help);
    }
    let kind = match f.severity.as_str() {
        "error" => "error",
        "warning" => "warning",
        _ => "notice",
    };
    github::command(
        kind,
        &[
            ("file", github::annotation_path(&f.path)),
            ("line", f.line.to_string()),
            ("endLine", f.end_line.to_string()),
            ("col", f.column.to_string()),
            ("endColumn", f.end_column.to_string()),
            ("title", format!("pmlint ({})", f.rule)),
        ],
        &message,
    )
}

/// Append to the file a GitHub variable names; `Ok(false)` when the variable is unset.
fn append_env_file(var: &str, text: &str) -> Result<bool, String> {
    let Some(path) = std::env::var_os(var).filter(|p| !p.is_empty()) else {
        return Ok(false);
    };
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .map_err(|e| format!("{var} ({}): {e}", Path::new(&path).display()))?;
    Ok(true)
}

/// `pmlint stats --format json FILES` from this same binary, when it has that command.
fn run_stats(files: &[String]) -> Option<Value> {
    if files.is_empty() {
        return None;
    }
    let exe = std::env::current_exe().ok()?;
    let out = std::process::Command::new(exe)
        .args(["stats", "--format", "json", "--"])
        .args(files)
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    if !matches!(out.status.code(), Some(0 | 1)) {
        return None;
    }
    serde_json::from_slice(&out.stdout).ok()
}

fn render(report: &Report, stats: Option<&Value>) -> String {
    let mut md = String::from("## pmlint\n\n");
    let s = &report.summary;
    if s.errors + s.warnings + s.infos == 0 && report.errors.is_empty() {
        md.push_str(&format!(
            "✅ {} checked: no findings.\n\n",
            plural(s.files, "post-mortem")
        ));
    } else {
        let mark = if s.errors > 0 || !report.errors.is_empty() {
            "❌"
        } else {
            "⚠️"
        };
        md.push_str(&format!(
            "{mark} {}{} in {}.\n\n",
            counts(s.errors, s.warnings),
            if s.infos > 0 {
                format!(", {}", plural(s.infos, "note"))
            } else {
                String::new()
            },
            plural(s.files, "post-mortem")
        ));
    }
    let mut by_file: BTreeMap<&str, Vec<&Finding>> = report
        .files
        .iter()
        .map(|f| (f.as_str(), Vec::new()))
        .collect();
    for f in &report.diagnostics {
        by_file.entry(f.path.as_str()).or_default().push(f);
    }
    if !by_file.is_empty() {
        md.push_str("| post-mortem | errors | warnings | notes |\n| --- | ---: | ---: | ---: |\n");
        for (path, findings) in &by_file {
            let n = |sev: &str| findings.iter().filter(|f| f.severity == sev).count();
            md.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                code(&relative_to_cwd(path)),
                n("error"),
                n("warning"),
                findings.len() - n("error") - n("warning"),
            ));
        }
        md.push('\n');
    }
    let mut omitted = 0;
    for (path, findings) in &by_file {
        md.push_str(&format!("### {}\n\n", code(&relative_to_cwd(path))));
        if findings.is_empty() {
            md.push_str("No findings.\n\n");
        } else {
            let mut rules: BTreeMap<&str, usize> = BTreeMap::new();
            for f in findings {
                *rules.entry(f.rule.as_str()).or_default() += 1;
            }
            let by_rule = rules
                .iter()
                .map(|(r, n)| format!("{} × {n}", code(r)))
                .collect::<Vec<_>>()
                .join(" · ");
            md.push_str(&format!("Findings by rule: {by_rule}\n\n"));
            md.push_str("| line | severity | rule | finding |\n| ---: | --- | --- | --- |\n");
            for f in findings {
                if md.len() > SUMMARY_BUDGET {
                    omitted += 1;
                    continue;
                }
                md.push_str(&format!(
                    "| {}:{} | {} | {} | {} |\n",
                    f.line,
                    f.column,
                    f.severity,
                    code(&f.rule),
                    cell(&f.message)
                ));
            }
            md.push('\n');
        }
        if let Some(doc) = stats.and_then(|s| stats_for(s, path)) {
            md.push_str(&action_items(doc));
            md.push_str(&metrics(doc));
        }
    }
    if omitted > 0 {
        md.push_str(&format!(
            "_{} not listed to keep this summary under GitHub's size limit; \
             run `pmlint check` to see them._\n\n",
            plural(omitted, "more finding")
        ));
    }
    if !report.errors.is_empty() {
        md.push_str("### Could not be linted\n\n");
        for e in &report.errors {
            md.push_str(&format!(
                "- {}: {}\n",
                code(&relative_to_cwd(&e.path)),
                cell(&e.message)
            ));
        }
        md.push('\n');
    }
    md
}

/// The entry for `path` in the stats JSON, whatever its exact shape: a list of documents,
/// or an object holding one under `documents`/`files`, each with a `path`.
fn stats_for<'v>(stats: &'v Value, path: &str) -> Option<&'v Value> {
    let docs = match stats {
        Value::Array(a) => a,
        Value::Object(o) => ["documents", "files", "reports"]
            .iter()
            .find_map(|k| o.get(*k).and_then(Value::as_array))?,
        _ => return None,
    };
    let want = relative_to_cwd(path);
    docs.iter().find(|d| {
        ["path", "file"]
            .iter()
            .find_map(|k| d.get(*k).and_then(Value::as_str))
            .is_some_and(|p| relative_to_cwd(p) == want)
    })
}

fn first_str(v: &Value, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| match v.get(*k)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Array(a) if !a.is_empty() => Some(
            a.iter()
                .map(|x| {
                    x.as_str()
                        .map(str::to_string)
                        .unwrap_or_else(|| x.to_string())
                })
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Value::Bool(b) => Some(if *b { "done" } else { "open" }.to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

fn action_items(doc: &Value) -> String {
    let found = [
        &["action_items"][..],
        &["metrics", "action_items"],
        &["metrics", "actions"],
        &["actions"],
        &["items"],
    ]
    .iter()
    .filter_map(|path| path.iter().try_fold(doc, |v, k| v.get(*k)))
    .find_map(|v| {
        v.as_array()
            .or_else(|| v.get("items").and_then(Value::as_array))
    });
    let Some(items) = found else {
        return String::new();
    };
    if items.is_empty() {
        return "**Action items:** none found.\n\n".into();
    }
    let mut md = String::from(
        "**Action items**\n\n| action item | owner | due | ticket | state |\n| --- | --- | --- | --- | --- |\n",
    );
    for item in items {
        let get = |keys: &[&str]| first_str(item, keys).map_or("—".into(), |s| cell(&s));
        md.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            get(&["text", "title", "action", "description"]),
            get(&["owner", "owners", "assignee"]),
            get(&["due", "due_date", "deadline"]),
            get(&["ticket", "tickets", "tracking"]),
            get(&["state", "status", "done"])
                + if item.get("past_due") == Some(&Value::Bool(true)) {
                    " (past due)"
                } else {
                    ""
                },
        ));
    }
    md.push('\n');
    md
}

/// Durations (`…_minutes`, `…_seconds`) and the timezone of the document's timeline, from
/// the first of `metrics.timeline`, `timeline.metrics`, `timeline`, `metrics` that has them.
fn metrics(doc: &Value) -> String {
    let has_durations = |o: &serde_json::Map<String, Value>| {
        o.keys()
            .any(|k| k.ends_with("_minutes") || k.ends_with("_seconds"))
    };
    let Some(m) = [
        &["metrics", "timeline"][..],
        &["timeline", "metrics"],
        &["timeline"],
        &["metrics"],
        &["timeline_metrics"],
    ]
    .iter()
    .filter_map(|path| path.iter().try_fold(doc, |v, k| v.get(*k)))
    .filter_map(Value::as_object)
    .find(|o| has_durations(o)) else {
        return String::new();
    };
    let mut parts: Vec<String> = m
        .iter()
        .filter_map(|(k, v)| {
            let minutes = if let Some(name) = k.strip_suffix("_minutes") {
                (name, v.as_f64()?)
            } else if let Some(name) = k.strip_suffix("_seconds") {
                (name, v.as_f64()? / 60.0)
            } else {
                return None;
            };
            Some(format!(
                "{} {}",
                minutes.0.replace('_', " "),
                duration(minutes.1)
            ))
        })
        .collect();
    if parts.is_empty() {
        return String::new();
    }
    // The incident's order: detect, acknowledge, mitigate, resolve, then the whole.
    let rank = |p: &String| {
        ["detect", "acknowledge", "mitigate", "resolve", "duration"]
            .iter()
            .position(|w| p.contains(w))
            .unwrap_or(5)
    };
    parts.sort_by_key(rank);
    if let Some(zone) = m.get("timezone").and_then(Value::as_str) {
        parts.push(format!("times in {}", cell(zone)));
    }
    format!("**Timeline:** {}\n\n", parts.join(" · "))
}

/// `25 min`, `1 h 12 min`, `2 d 3 h`.
fn duration(minutes: f64) -> String {
    let m = minutes.round() as i64;
    let (d, h, min) = (m / 1440, (m % 1440) / 60, m % 60);
    match (d, h) {
        (0, 0) => format!("{min} min"),
        (0, _) if min == 0 => format!("{h} h"),
        (0, _) => format!("{h} h {min} min"),
        _ if h == 0 => format!("{d} d"),
        _ => format!("{d} d {h} h"),
    }
}

/// Text safe inside a Markdown table cell: no pipes, no line breaks, no HTML.
fn cell(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace(['\r', '\n'], "<br>")
}

fn code(s: &str) -> String {
    let s = s.replace('|', "\\|");
    if s.contains('`') {
        format!("`` {s} ``")
    } else {
        format!("`{s}`")
    }
}

fn plural(n: usize, w: &str) -> String {
    format!("{n} {w}{}", if n == 1 { "" } else { "s" })
}

fn counts(errors: usize, warnings: usize) -> String {
    format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

fn fail_on_name(f: FailOn) -> &'static str {
    match f {
        FailOn::Error => "error",
        FailOn::Warning => "warning",
        FailOn::Never => "never",
    }
}
