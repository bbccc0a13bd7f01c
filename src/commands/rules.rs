//! `pmlint rules` and `pmlint explain`: the rules' own documentation, including the rules
//! of the packs the configuration in the working directory names. The README's rule table
//! is generated from the same metadata (`markdown_table`).

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use super::stdout;
use crate::builtin_rules;
use crate::cli::ListFormat;
use crate::config::{ConfigSource, Resolver, Settings};
use crate::rules::{Rule, RuleMeta};
use crate::suggest;

/// The settings of the working directory, or the exit code of a configuration error.
fn settings(source: ConfigSource) -> Result<Arc<Settings>, ExitCode> {
    Resolver::new(source).for_dir(Path::new(".")).map_err(|e| {
        eprintln!("pmlint: {e}");
        ExitCode::from(2)
    })
}

/// Built-in rules, then the configuration's pack rules.
fn all_rules(settings: &Settings) -> Vec<&dyn Rule> {
    builtin_rules()
        .iter()
        .map(|r| r.as_ref())
        .chain(settings.pack_rules.iter())
        .collect()
}

/// A rule's default level as shown to people: its severity, or "off".
pub fn default_level(m: &RuleMeta) -> &'static str {
    if m.default_enabled {
        m.severity.as_str()
    } else {
        "off"
    }
}

pub fn list_rules(format: ListFormat, source: ConfigSource) -> ExitCode {
    let settings = match settings(source) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let rules = all_rules(&settings);
    let text = match format {
        ListFormat::Human => {
            let id_w = rules.iter().map(|r| r.meta().id.len()).max().unwrap_or(0);
            let origin_w = rules
                .iter()
                .map(|r| r.meta().origin.len())
                .max()
                .unwrap_or(0);
            let mut text = String::new();
            for r in &rules {
                let m = r.meta();
                text.push_str(&format!(
                    "{:id_w$}  {:7}  {:origin_w$}  {}\n",
                    m.id,
                    default_level(m),
                    m.origin,
                    m.summary
                ));
            }
            text
        }
        ListFormat::Json => {
            let list: Vec<_> = rules
                .iter()
                .map(|r| {
                    let m = r.meta();
                    let level = settings
                        .level_of(&m.id, m.severity, m.default_enabled)
                        .map_or("off", |s| s.as_str());
                    serde_json::json!({
                        "id": m.id,
                        "severity": m.severity,
                        "enabled": m.default_enabled,
                        "level": level,
                        "summary": m.summary,
                        "origin": m.origin,
                    })
                })
                .collect();
            serde_json::to_string_pretty(&list).unwrap_or_default() + "\n"
        }
        ListFormat::Markdown => markdown_table(builtin_rules()),
    };
    stdout::print_then(&text, ExitCode::SUCCESS)
}

/// The README's rule table (between `<!-- rules:start -->` and `<!-- rules:end -->`).
pub fn markdown_table(rules: &[Box<dyn Rule>]) -> String {
    let mut out = String::from("| rule | default | what it checks |\n| --- | --- | --- |\n");
    for r in rules {
        let m = r.meta();
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            m.id,
            default_level(m),
            m.summary.replace('|', "\\|")
        ));
    }
    out
}

pub fn explain(id: &str, source: ConfigSource) -> ExitCode {
    let settings = match settings(source) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let rules = all_rules(&settings);
    match rules.iter().find(|r| r.meta().id == id) {
        Some(r) => {
            let m = r.meta();
            let text = format!(
                "{} ({}, {})\n\n{}\n\n{}\n",
                m.id,
                default_level(m),
                m.origin,
                m.summary,
                m.docs
            );
            stdout::print_then(&text, ExitCode::SUCCESS)
        }
        None => {
            let hint = suggest::hint(id, rules.iter().map(|r| r.meta().id.as_str()));
            eprintln!("pmlint: unknown rule `{id}`{hint} (see `pmlint rules`)");
            ExitCode::from(2)
        }
    }
}
