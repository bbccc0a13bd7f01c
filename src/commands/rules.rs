//! `pmlint rules` and `pmlint explain`: the rules' own documentation.

use std::process::ExitCode;

use crate::builtin_rules;
use crate::cli::ListFormat;

pub fn list_rules(format: ListFormat) -> ExitCode {
    let rules = builtin_rules();
    match format {
        ListFormat::Human => {
            let width = rules.iter().map(|r| r.meta().id.len()).max().unwrap_or(0);
            for r in rules {
                let m = r.meta();
                println!("{:width$}  {:7}  {}", m.id, m.severity.as_str(), m.summary);
            }
        }
        ListFormat::Json => {
            let list: Vec<_> = rules
                .iter()
                .map(|r| {
                    let m = r.meta();
                    serde_json::json!({"id": m.id, "severity": m.severity, "summary": m.summary, "origin": m.origin, "enabled": m.default_enabled})
                })
                .collect();
            println!(
                "{}",
                serde_json::to_string_pretty(&list).unwrap_or_default()
            );
        }
    }
    ExitCode::SUCCESS
}

pub fn explain(id: &str) -> ExitCode {
    match builtin_rules().iter().find(|r| r.meta().id == id) {
        Some(r) => {
            let m = r.meta();
            println!(
                "{} ({}, {})\n\n{}\n\n{}",
                m.id, m.severity, m.origin, m.summary, m.docs
            );
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("pmlint: unknown rule `{id}` (see `pmlint rules`)");
            ExitCode::from(2)
        }
    }
}
