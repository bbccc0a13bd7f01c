//! `pmlint check`: lint files and report.

use std::collections::HashSet;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use rayon::prelude::*;

use super::selection::Selection;
use crate::baseline::{Baseline, Recorder};
use crate::cli::{CheckArgs, ColorChoice, FailOn, Format};
use crate::config::{ConfigError, ConfigSource, Resolver, Settings};
use crate::files::{self, Input};
use crate::output::{
    Emitter, FileReport, Followed, Summary, concise, github, gitlab, human, json, sarif,
};
use crate::rules::Rule;
use crate::stats::DocumentStats;
use crate::{builtin_rules, engine};

/// Files linted at once, per thread: enough to keep every core busy while the batch
/// before is printed, few enough that memory follows the largest file, not the corpus.
const FILES_PER_THREAD: usize = 4;

/// Lint the inputs in batches, in order, printing each batch's reports while the next
/// batch is linted, and dropping its documents once printed.
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
    let sink = match Sink::new(&args) {
        Ok(sink) => sink,
        Err(code) => return code,
    };
    let linter = Linter {
        args: &args,
        resolver: Resolver::new(ConfigSource::from_flags(
            args.config.as_deref(),
            args.no_config,
        )),
        rules: builtin_rules(),
        metrics: sink.wants_metrics(),
    };
    let mut run = Run {
        selection: &selection,
        shown_failures: HashSet::new(),
        summary: Summary::default(),
        sink,
    };
    let mut batches = inputs.chunks(rayon::current_num_threads().max(1) * FILES_PER_THREAD);
    let mut linted = batches.next().map(|b| linter.lint(b)).unwrap_or_default();
    let mut written = Ok(());
    for next in batches {
        let current = std::mem::take(&mut linted);
        let (following, done) = rayon::join(|| linter.lint(next), || run.take(current));
        linted = following;
        written = done;
        if written.is_err() {
            break;
        }
    }
    let written = written.and_then(|()| run.take(linted)).and_then(|()| {
        input_errors.into_iter().try_for_each(|e| {
            let report = FileReport {
                path: e.path,
                source: None,
                diagnostics: Vec::new(),
                error: Some(e.message),
            };
            run.emit(report, None)
        })
    });
    run.finish(written, args.fail_on)
}

/// What one input gave: its report, and its document's metrics when the format shows them.
struct Linted {
    report: FileReport,
    metrics: Option<DocumentStats>,
}

struct Linter<'a> {
    args: &'a CheckArgs,
    resolver: Resolver,
    rules: &'a [Box<dyn Rule>],
    metrics: bool,
}

impl Linter<'_> {
    /// A batch of inputs on every core; the reports come back in input order.
    fn lint(&self, batch: &[Input]) -> Vec<Linted> {
        batch.par_iter().map(|input| self.lint_one(input)).collect()
    }

    fn lint_one(&self, input: &Input) -> Linted {
        let args = self.args;
        let settings = match settings_for(&self.resolver, input, args.stdin_filename.as_deref()) {
            Ok(s) => with_today(s, args.today),
            Err(e) => {
                return Linted {
                    report: config_error_report(&e),
                    metrics: None,
                };
            }
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
        let src = match loaded {
            Ok(src) => src,
            Err(e) => {
                return Linted {
                    report: FileReport {
                        path: display,
                        source: None,
                        diagnostics: Vec::new(),
                        error: Some(e),
                    },
                    metrics: None,
                };
            }
        };
        // The metrics come from the document parsed for the lint, with this file's settings.
        let linted = if self.metrics {
            engine::lint_source_and(&src, &settings, self.rules, |cx| {
                Some(crate::stats::of_context(&display, cx))
            })
        } else {
            engine::lint_source(&src, &settings, self.rules).map(|d| (d, None))
        };
        let (diagnostics, metrics, error) = match linted {
            Ok((diagnostics, metrics)) => (diagnostics, metrics, None),
            Err(e) => (Vec::new(), None, Some(e)),
        };
        Linted {
            report: FileReport {
                path: display,
                source: Some(src),
                diagnostics,
                error,
            },
            metrics,
        }
    }
}

/// Where reports go.
enum Sink {
    /// `--write-baseline`: record the findings; print nothing.
    Record { path: PathBuf, recorder: Recorder },
    Print {
        emitter: Box<dyn Emitter>,
        out: BufWriter<io::Stdout>,
        /// `--baseline`: the findings it still absorbs.
        baseline: Option<Baseline>,
        /// Human and concise output name unreadable files on stderr too.
        errors_to_stderr: bool,
    },
}

impl Sink {
    /// The sink the arguments ask for; a baseline that does not load stops the run.
    fn new(args: &CheckArgs) -> Result<Sink, ExitCode> {
        if let Some(path) = &args.write_baseline {
            return Ok(Sink::Record {
                path: path.clone(),
                recorder: Recorder::new(path),
            });
        }
        let baseline = match &args.baseline {
            Some(path) => match Baseline::load(path) {
                Ok(b) => Some(b),
                Err(e) => {
                    eprintln!("pmlint: {e}");
                    return Err(ExitCode::from(2));
                }
            },
            None => None,
        };
        let styled = match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
        let format = args.format.unwrap_or(Format::Human);
        let mut emitter: Box<dyn Emitter> = match format {
            Format::Human => Box::new(human::Human::new(styled)),
            Format::Json => Box::new(json::Json::new()),
            Format::Concise => Box::new(concise::Concise),
            Format::Github => Box::new(github::Github),
            Format::Sarif => Box::new(sarif::Sarif::new()),
            Format::Gitlab => Box::new(gitlab::Gitlab::new()),
        };
        // In a GitHub Actions log, findings also become annotations on the pull request.
        if args.format.is_none() && github::in_github_actions() {
            emitter = Box::new(Followed::new(emitter, Box::new(github::Github)));
        }
        Ok(Sink::Print {
            emitter,
            out: BufWriter::with_capacity(1 << 16, std::io::stdout()),
            baseline,
            errors_to_stderr: matches!(format, Format::Human | Format::Concise),
        })
    }

    fn wants_metrics(&self) -> bool {
        match self {
            Sink::Record { .. } => false,
            Sink::Print { emitter, .. } => emitter.wants_metrics(),
        }
    }
}

/// The reports of a run as they arrive, batch after batch in input order.
struct Run<'a> {
    selection: &'a Selection,
    /// Files that could not be linted, already shown: one line per broken configuration,
    /// not one per file it governs.
    shown_failures: HashSet<(String, Option<String>)>,
    summary: Summary,
    sink: Sink,
}

impl Run<'_> {
    /// Print one linted batch, then let its documents go.
    fn take(&mut self, batch: Vec<Linted>) -> io::Result<()> {
        for Linted {
            mut report,
            metrics,
        } in batch
        {
            if report.source.is_none()
                && !self
                    .shown_failures
                    .insert((report.path.clone(), report.error.clone()))
            {
                continue;
            }
            if self.selection.keeps_report(&mut report) {
                self.emit(report, metrics.as_ref())?;
            }
        }
        match &mut self.sink {
            Sink::Print { out, .. } => out.flush(),
            Sink::Record { .. } => Ok(()),
        }
    }

    fn emit(&mut self, mut report: FileReport, metrics: Option<&DocumentStats>) -> io::Result<()> {
        match &mut self.sink {
            Sink::Record { recorder, .. } => recorder.add(&report),
            Sink::Print {
                emitter,
                out,
                baseline,
                errors_to_stderr,
            } => {
                if let Some(b) = baseline {
                    b.absorb(&mut report);
                }
                if let (true, Some(e)) = (*errors_to_stderr, &report.error) {
                    eprintln!("pmlint: {}: {e}", report.path);
                }
                emitter.report(out, &report, metrics)?;
            }
        }
        self.summary.add(&report);
        Ok(())
    }

    /// Close the output (or write the baseline) and choose the exit code.
    fn finish(self, written: io::Result<()>, fail_on: FailOn) -> ExitCode {
        let summary = self.summary;
        match self.sink {
            Sink::Record { path, recorder } => match written
                .map_err(|e| e.to_string())
                .and_then(|()| recorder.write(&path))
            {
                Ok(n) => {
                    eprintln!("pmlint: recorded {n} findings in {}", path.display());
                    exit_code_for(&summary, FailOn::Never)
                }
                Err(e) => {
                    eprintln!("pmlint: {e}");
                    ExitCode::from(2)
                }
            },
            Sink::Print {
                mut emitter,
                mut out,
                ..
            } => {
                let written = written
                    .and_then(|()| emitter.finish(&mut out, &summary))
                    .and_then(|()| out.flush());
                match written {
                    Ok(()) => exit_code_for(&summary, fail_on),
                    Err(e) => {
                        // A closed pipe (`pmlint check | head`) is the reader's choice: no
                        // message, but exit 2 as ever, since the files after it went unlinted.
                        if e.kind() != io::ErrorKind::BrokenPipe {
                            eprintln!("pmlint: cannot write to standard output: {e}");
                        }
                        ExitCode::from(2)
                    }
                }
            }
        }
    }
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
