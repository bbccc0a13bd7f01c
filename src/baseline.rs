//! Baselines: adopt pmlint on an archive of old post-mortems and fail only on new problems.
//!
//! A finding's fingerprint is its rule id, its file's path (relative to the baseline file's
//! folder, so the baseline works from any working directory), the text it flags (whitespace
//! collapsed) and the occurrence index of that (rule, text) pair in the file. Line numbers
//! are not part of it: inserting lines above a finding does not make it new.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::output::FileReport;
use crate::source::SourceFile;

pub const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

/// `line` and `message` are there for people reading the baseline in review; only
/// `fingerprint` is matched.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    path: String,
    rule: String,
    line: usize,
    message: String,
    fingerprint: String,
}

#[derive(Debug, Clone)]
pub struct Baseline {
    dir: PathBuf,
    /// Fingerprint → how many findings it may still absorb.
    known: HashMap<String, usize>,
}

impl Baseline {
    /// Read a baseline file; the error is one line naming the file.
    pub fn load(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read baseline: {e}", path.display()))?;
        let file: BaselineFile = serde_json::from_str(&text).map_err(|e| {
            format!(
                "{}:{}:{}: not a pmlint baseline: {e}",
                path.display(),
                e.line(),
                e.column()
            )
        })?;
        if file.version != VERSION {
            return Err(format!(
                "{}: baseline version {} is not supported (expected {VERSION})",
                path.display(),
                file.version
            ));
        }
        let mut known = HashMap::new();
        for e in file.findings {
            *known.entry(e.fingerprint).or_insert(0) += 1;
        }
        Ok(Baseline {
            dir: base_dir(path),
            known,
        })
    }

    /// Remove the findings the baseline records; returns how many were removed.
    pub fn apply(&self, reports: &mut [FileReport]) -> usize {
        let mut left = self.clone();
        reports.iter_mut().map(|r| left.absorb(r)).sum()
    }

    /// Remove from one report the findings the baseline still records, and forget them,
    /// so that reports can be given one by one, in order; returns how many were removed.
    pub fn absorb(&mut self, r: &mut FileReport) -> usize {
        let Some(src) = &r.source else { return 0 };
        let key = crate::paths::relative_with_parents(&r.path, &self.dir);
        let prints = fingerprints(&key, src, &r.diagnostics);
        let mut prints = prints.into_iter();
        let mut removed = 0;
        r.diagnostics.retain(|_| {
            let fp = prints.next().unwrap_or_default();
            match self.known.get_mut(&fp) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    removed += 1;
                    false
                }
                _ => true,
            }
        });
        removed
    }
}

/// Record every current finding in `path`, atomically (temporary file, then rename), so
/// an interrupted run never leaves a truncated baseline. Returns the number recorded.
pub fn write(path: &Path, reports: &[FileReport]) -> Result<usize, String> {
    let mut recorder = Recorder::new(path);
    for r in reports {
        recorder.add(r);
    }
    recorder.write(path)
}

/// The findings of a run, gathered report by report: only what the baseline file
/// records, not the documents.
#[derive(Debug)]
pub struct Recorder {
    dir: PathBuf,
    findings: Vec<Entry>,
}

impl Recorder {
    /// A recorder for the baseline file at `path` (paths are relative to its folder).
    pub fn new(path: &Path) -> Recorder {
        Recorder {
            dir: base_dir(path),
            findings: Vec::new(),
        }
    }

    pub fn add(&mut self, r: &FileReport) {
        let Some(src) = &r.source else { return };
        let key = crate::paths::relative_with_parents(&r.path, &self.dir);
        let prints = fingerprints(&key, src, &r.diagnostics);
        for (d, fingerprint) in r.diagnostics.iter().zip(prints) {
            self.findings.push(Entry {
                path: key.clone(),
                rule: d.rule.clone(),
                line: src.line_col(d.span.start).line,
                message: d.message.clone(),
                fingerprint,
            });
        }
    }

    /// Write the baseline file (see [`write`]); returns the number of findings recorded.
    pub fn write(self, path: &Path) -> Result<usize, String> {
        write_findings(path, &self.dir, self.findings)
    }
}

fn write_findings(path: &Path, dir: &Path, mut findings: Vec<Entry>) -> Result<usize, String> {
    findings.sort_by(|a, b| (&a.path, a.line, &a.rule).cmp(&(&b.path, b.line, &b.rule)));
    let count = findings.len();
    let mut text = serde_json::to_string_pretty(&BaselineFile {
        version: VERSION,
        findings,
    })
    .map_err(|e| e.to_string())?;
    text.push('\n');
    let fail = |e: std::io::Error| format!("{}: cannot write baseline: {e}", path.display());
    std::fs::create_dir_all(dir).map_err(fail)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    tmp.write_all(text.as_bytes()).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(count)
}

/// The folder baseline paths are relative to: the baseline file's own.
fn base_dir(path: &Path) -> PathBuf {
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match std::env::current_dir() {
        Ok(cwd) => crate::paths::normalize(&cwd.join(parent)),
        Err(_) => parent.to_path_buf(),
    }
}

/// One fingerprint per diagnostic, in order. `path` is the name the file is known by.
pub fn fingerprints(path: &str, src: &SourceFile, diags: &[Diagnostic]) -> Vec<String> {
    let mut seen: HashMap<(&str, String), usize> = HashMap::new();
    diags
        .iter()
        .map(|d| {
            let text = flagged_text(src, d);
            let n = seen.entry((d.rule.as_str(), text.clone())).or_insert(0);
            let fp = hash_hex(&[&d.rule, path, &text, &n.to_string()]);
            *n += 1;
            fp
        })
        .collect()
}

/// The flagged text with runs of whitespace collapsed, so re-wrapping a paragraph keeps
/// its findings known.
fn flagged_text(src: &SourceFile, d: &Diagnostic) -> String {
    let start = src.floor_char(d.span.start);
    let end = src.floor_char(d.span.end.max(start));
    src.text[start..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// FNV-1a, 128 bits, over the parts separated by NUL: stable across Rust versions and
/// platforms (std's hasher is not), and wide enough that collisions do not happen.
pub fn hash_hex(parts: &[&str]) -> String {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013B;
    let mut h = OFFSET;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            // A NUL byte between parts (x ^ 0 == x): "ab"+"c" differs from "a"+"bc".
            h = h.wrapping_mul(PRIME);
        }
        for b in part.bytes() {
            h ^= u128::from(b);
            h = h.wrapping_mul(PRIME);
        }
    }
    format!("{h:032x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    fn diag(src: &SourceFile, word: &str, nth: usize) -> Diagnostic {
        let start = src.text.match_indices(word).nth(nth).unwrap().0;
        Diagnostic::new(
            "blame-language",
            Severity::Error,
            start..start + word.len(),
            "m",
        )
    }

    #[test]
    fn fingerprints_ignore_lines_but_count_occurrences() {
        let a = SourceFile::new("a.md", "x careless\n\ny careless\n");
        let b = SourceFile::new("a.md", "new\nline\nx careless\n\ny careless\n");
        let fa = fingerprints(
            "a.md",
            &a,
            &[diag(&a, "careless", 0), diag(&a, "careless", 1)],
        );
        let fb = fingerprints(
            "a.md",
            &b,
            &[diag(&b, "careless", 0), diag(&b, "careless", 1)],
        );
        assert_eq!(fa, fb);
        assert_ne!(fa[0], fa[1]);
        assert_ne!(
            fa,
            fingerprints(
                "b.md",
                &a,
                &[diag(&a, "careless", 0), diag(&a, "careless", 1)]
            )
        );
    }

    #[test]
    fn hash_is_stable() {
        assert_eq!(hash_hex(&[""]), "6c62272e07bb014262b821756295c58d");
        assert_ne!(hash_hex(&["ab", "c"]), hash_hex(&["a", "bc"]));
    }
}
