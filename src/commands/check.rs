//! `pmlint check`: lint files and report.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use rayon::prelude::*;

use crate::cli::{CheckArgs, ColorChoice, Format};
use crate::files::{self, Input};
use crate::output::{FileReport, Summary, human, json};
use crate::{Settings, builtin_rules, engine};

pub fn check(args: CheckArgs) -> ExitCode {
    let paths = if args.paths.is_empty() {
        vec![".".to_string()]
    } else {
        args.paths.clone()
    };
    let (inputs, input_errors) = files::collect(&paths);
    let settings = Settings::default();
    let rules = builtin_rules();
    let mut reports: Vec<FileReport> = inputs
        .par_iter()
        .map(|input| {
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
    reports.extend(input_errors.into_iter().map(|e| FileReport {
        path: e.path,
        source: None,
        diagnostics: Vec::new(),
        error: Some(e.message),
    }));
    let summary = Summary::of(&reports);
    let styled = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let text = match args.format {
        Format::Human => human::render(&reports, styled),
        Format::Json => json::render(&reports),
    };
    if args.format == Format::Human {
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
    exit_code(&summary)
}

pub fn exit_code(s: &Summary) -> ExitCode {
    if s.failed_files > 0 {
        ExitCode::from(2)
    } else if s.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
