//! Emitters: turn lint results into text for people and machines.

use std::io::{self, Write};

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;
use crate::stats::DocumentStats;

pub mod concise;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod sarif;
pub mod stream;

/// What happened to one input: its diagnostics, or why it could not be linted.
#[derive(Debug)]
pub struct FileReport {
    /// The path as the user gave it (or `--stdin-filename`).
    pub path: String,
    pub source: Option<SourceFile>,
    pub diagnostics: Vec<Diagnostic>,
    pub error: Option<String>,
}

/// Counts for the closing summary line and the exit code.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub failed_files: usize,
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut s = Summary::default();
        for r in reports {
            s.add(r);
        }
        s
    }

    /// Count one more report.
    pub fn add(&mut self, r: &FileReport) {
        if r.error.is_some() {
            self.failed_files += 1;
            return;
        }
        self.files += 1;
        for d in &r.diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }
}

/// An output format fed one report at a time, in input order, so that a run holds a
/// batch of documents rather than the whole corpus. What a format can only print at the
/// end (a summary, arrays that follow the streamed one) it keeps as small records or in a
/// [`stream::Spool`].
pub trait Emitter: Send {
    /// Whether each report should come with its document's metrics (`pmlint stats`).
    fn wants_metrics(&self) -> bool {
        false
    }

    /// Print (or keep) what one report contributes. `metrics` are its document's, when
    /// [`Emitter::wants_metrics`] and the document was linted.
    fn report(
        &mut self,
        out: &mut dyn Write,
        r: &FileReport,
        metrics: Option<&DocumentStats>,
    ) -> io::Result<()>;

    /// Print the rest; `summary` counts every report given.
    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()>;
}

/// The whole output of `emitter` for `reports` (without metrics).
pub fn render_all(emitter: &mut dyn Emitter, reports: &[FileReport]) -> String {
    let mut out = Vec::new();
    let written: io::Result<()> = reports
        .iter()
        .try_for_each(|r| emitter.report(&mut out, r, None))
        .and_then(|()| emitter.finish(&mut out, &Summary::of(reports)));
    debug_assert!(written.is_ok(), "writing to memory fails only on a bug");
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// One format's output followed by another's, held in a spool until the first is done
/// (in a GitHub Actions log, the human report and then the annotations).
pub struct Followed {
    first: Box<dyn Emitter>,
    then: Box<dyn Emitter>,
    spool: stream::Spool,
}

impl Followed {
    pub fn new(first: Box<dyn Emitter>, then: Box<dyn Emitter>) -> Self {
        Followed {
            first,
            then,
            spool: stream::Spool::new(),
        }
    }
}

impl Emitter for Followed {
    fn wants_metrics(&self) -> bool {
        self.first.wants_metrics() || self.then.wants_metrics()
    }

    fn report(
        &mut self,
        out: &mut dyn Write,
        r: &FileReport,
        metrics: Option<&DocumentStats>,
    ) -> io::Result<()> {
        self.first.report(out, r, metrics)?;
        self.then.report(&mut self.spool, r, metrics)
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        self.first.finish(out, summary)?;
        self.then.finish(&mut self.spool, summary)?;
        self.spool.drain_into(out)
    }
}
