//! Emitters: turn lint results into text for people and machines.

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;

pub mod concise;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod sarif;

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
            if r.error.is_some() {
                s.failed_files += 1;
                continue;
            }
            s.files += 1;
            for d in &r.diagnostics {
                match d.severity {
                    Severity::Error => s.errors += 1,
                    Severity::Warning => s.warnings += 1,
                    Severity::Info => s.infos += 1,
                }
            }
        }
        s
    }
}
