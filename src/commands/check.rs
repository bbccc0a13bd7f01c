//! `pmlint check`: lint files and report.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;

use rayon::prelude::*;

use crate::cli::{CheckArgs, ColorChoice, FailOn, Format};
use crate::config::{ConfigError, ConfigSource, Resolver, Settings};
use crate::files::{self, Input};
use crate::output::{FileReport, Summary, concise, github, gitlab, human, json, sarif};
use crate::{builtin_rules, engine};

pub fn check(args: CheckArgs) -> ExitCode {
    let paths = if args.paths.is_empty() {
        vec![".".to_string()]
    } else {
        args.paths.clone()
    };
    let selection = match super::selection::select(&args, paths) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("pmlint: {e}");
            return ExitCode::from(2);
        }
    };
    let (mut inputs, input_errors) = files::collect(&selection.paths);
    selection.retain_inputs(&mut inputs, args.stdin_filename.as_deref());
    let resolver = Resolver::new(ConfigSource::from_flags(
        args.config.as_deref(),
        args.no_config,
    ));
    let rules = builtin_rules();
    let mut reports: Vec<FileReport> = inputs
        .par_iter()
        .map(|input| {
            let settings = match settings_for(&resolver, input, args.stdin_filename.as_deref()) {
                Ok(s) => with_today(s, args.today),
                Err(e) => return config_error_report(&e),
            };
            let (display, loaded) = match input {
                Input::Stdin => {
                    let name = args
                        .stdin_filename
                        .clone()
                        .unwrap_or_else(|| "<stdin>".into());
                    let loaded = files::read_stdin(&name, args.max_file_size);
                    (name, loaded)
                }
                Input::File(p) => {
                    let name = p.display().to_string();
                    let loaded = files::read(p, &name, args.max_file_size);
                    (name, loaded)
                }
            };
            match loaded {
                Ok(src) => match engine::lint_source(&src, &settings, rules) {
                    Ok(diagnostics) => FileReport {
                        path: display,
                        source: Some(src),
                        diagnostics,
                        error: None,
                    },
                    Err(e) => FileReport {
                        path: display,
                        source: Some(src),
                        diagnostics: Vec::new(),
                        error: Some(e),
                    },
                },
                Err(e) => FileReport {
                    path: display,
                    source: None,
                    diagnostics: Vec::new(),
                    error: Some(e),
                },
            }
        })
        .collect();
    // One line per broken configuration, not one per file it governs.
    let mut seen = std::collections::HashSet::new();
    reports.retain(|r| r.source.is_some() || seen.insert((r.path.clone(), r.error.clone())));
    selection.retain_reports(&mut reports);
    reports.extend(input_errors.into_iter().map(|e| FileReport {
        path: e.path,
        source: None,
        diagnostics: Vec::new(),
        error: Some(e.message),
    }));
    if let Some(path) = &args.write_baseline {
        return match crate::baseline::write(path, &reports) {
            Ok(n) => {
                eprintln!("pmlint: recorded {n} findings in {}", path.display());
                exit_code_for(&Summary::of(&reports), FailOn::Never)
            }
            Err(e) => {
                eprintln!("pmlint: {e}");
                ExitCode::from(2)
            }
        };
    }
    if let Some(path) = &args.baseline {
        match crate::baseline::Baseline::load(path) {
            Ok(b) => {
                b.apply(&mut reports);
            }
            Err(e) => {
                eprintln!("pmlint: {e}");
                return ExitCode::from(2);
            }
        }
    }
    let summary = Summary::of(&reports);
    let styled = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let format = args.format.unwrap_or(Format::Human);
    let mut text = match format {
        Format::Human => human::render(&reports, styled),
        Format::Json => json::render(&reports),
        Format::Concise => concise::render(&reports),
        Format::Github => github::render(&reports),
        Format::Sarif => sarif::render(&reports),
        Format::Gitlab => gitlab::render(&reports),
    };
    // In a GitHub Actions log, findings also become annotations on the pull request.
    if args.format.is_none() && github::in_github_actions() {
        text.push_str(&github::render(&reports));
    }
    if matches!(format, Format::Human | Format::Concise) {
        for r in reports.iter().filter(|r| r.error.is_some()) {
            eprintln!(
                "pmlint: {}: {}",
                r.path,
                r.error.as_deref().unwrap_or_default()
            );
        }
    }
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush())
        .is_err()
    {
        return ExitCode::from(2);
    }
    exit_code_for(&summary, args.fail_on)
}

/// `--today` overrides the configuration's `today`.
fn with_today(settings: Arc<Settings>, today: Option<jiff::civil::Date>) -> Arc<Settings> {
    match today {
        Some(today) => Arc::new(Settings {
            today: Some(today),
            ..(*settings).clone()
        }),
        None => settings,
    }
}

/// The settings for one input: those of the configuration that applies to it.
fn settings_for(
    resolver: &Resolver,
    input: &Input,
    stdin_name: Option<&str>,
) -> Result<std::sync::Arc<Settings>, ConfigError> {
    match (input, stdin_name) {
        (Input::File(p), _) => resolver.for_file(p),
        (Input::Stdin, Some(name)) => resolver.for_file(std::path::Path::new(name)),
        (Input::Stdin, None) => resolver.for_dir(std::path::Path::new(".")),
    }
}

/// A configuration error, reported at its place in the configuration file
/// (`path:line:col`) instead of at the files it governs.
fn config_error_report(e: &ConfigError) -> FileReport {
    FileReport {
        path: e.location(),
        source: None,
        diagnostics: Vec::new(),
        error: Some(e.message.clone()),
    }
}

pub fn exit_code(s: &Summary) -> ExitCode {
    exit_code_for(s, FailOn::Error)
}

/// 2 when a file could not be linted; 1 when a finding reaches `fail_on`; else 0.
pub fn exit_code_for(s: &Summary, fail_on: FailOn) -> ExitCode {
    let failing = match fail_on {
        FailOn::Error => s.errors,
        FailOn::Warning => s.errors + s.warnings,
        FailOn::Never => 0,
    };
    if s.failed_files > 0 {
        ExitCode::from(2)
    } else if failing > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
