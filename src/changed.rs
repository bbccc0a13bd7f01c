//! `--changed-since REV`: the Markdown files changed since the merge base of REV and HEAD
//! (committed, staged, unstaged and untracked), as git reports them.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Changed Markdown files that still exist, under one of `paths` (files or folders), named
/// relative to the working directory. The error is one line, for `pmlint: …`.
pub fn changed_files(rev: &str, paths: &[String]) -> Result<Vec<String>, String> {
    if rev.starts_with('-') {
        return Err(format!("--changed-since {rev:?}: not a revision"));
    }
    let root = git(&["rev-parse", "--show-toplevel"])
        .map_err(|e| format!("--changed-since needs a git repository: {e}"))?;
    let root = PathBuf::from(root.trim_end_matches(['\n', '\r']));
    let base = git(&["merge-base", rev, "HEAD"])
        .map_err(|e| format!("--changed-since {rev}: no merge base with HEAD: {e}"))?;
    let base = base.trim();
    let mut names = Vec::new();
    let diff = git(&[
        "diff",
        "--name-only",
        "-z",
        "--no-ext-diff",
        "--no-relative",
        "--diff-filter=ACMRT",
        base,
        "--",
    ])
    .map_err(|e| format!("--changed-since {rev}: {e}"))?;
    names.extend(diff.split('\0').map(str::to_string));
    // New post-mortems not yet added to the index are changes too.
    let untracked = git(&[
        "ls-files",
        "--others",
        "--exclude-standard",
        "-z",
        "--full-name",
        "--",
        ":/",
    ])
    .map_err(|e| format!("--changed-since {rev}: {e}"))?;
    names.extend(untracked.split('\0').map(str::to_string));
    let scopes = scopes(paths)?;
    let mut out: Vec<String> = names
        .iter()
        .filter(|n| !n.is_empty())
        .map(|n| root.join(n))
        .filter(|p| crate::files::is_markdown(p) && p.is_file())
        .filter(|p| {
            let canon = p.canonicalize().unwrap_or_else(|_| p.clone());
            scopes.iter().any(|s| canon.starts_with(s))
        })
        .map(|p| crate::paths::relative_to_cwd(&p.to_string_lossy()))
        .collect();
    out.sort();
    out.dedup();
    Ok(out)
}

/// The folders and files the user asked about (glob patterns expanded), resolved so they
/// compare with git's paths.
fn scopes(paths: &[String]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for p in paths.iter().filter(|p| p.as_str() != "-") {
        if let Ok(c) = Path::new(p).canonicalize() {
            out.push(c);
            continue;
        }
        let matches: Vec<PathBuf> = glob::glob(p)
            .map(|m| m.flatten().filter_map(|m| m.canonicalize().ok()).collect())
            .unwrap_or_default();
        if matches.is_empty() {
            return Err(format!("{p}: no such file or directory"));
        }
        out.extend(matches);
    }
    Ok(out)
}

/// Run git in the working directory; its first line of complaint on failure.
fn git(args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if out.status.success() {
        String::from_utf8(out.stdout).map_err(|_| "git printed a non-UTF-8 path".to_string())
    } else {
        let err = String::from_utf8_lossy(&out.stderr);
        let line = err
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("git failed")
            .trim();
        Err(line.to_string())
    }
}
