//! Which files to lint: paths, directories (walked for Markdown, respecting .gitignore),
//! glob patterns and standard input; and reading them without ever hanging or panicking.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::source::SourceFile;

/// Default upper bound on a file's size; larger files are reported, not read.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

/// A path that could not be turned into inputs, with the reason.
#[derive(Debug, Clone)]
pub struct InputError {
    pub path: String,
    pub message: String,
}

pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// Expand the command line's paths into inputs, in a deterministic order.
pub fn collect(paths: &[String]) -> (Vec<Input>, Vec<InputError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let mut seen = BTreeSet::new();
    let mut push = |input: Input, inputs: &mut Vec<Input>| {
        if seen.insert(input.clone()) {
            inputs.push(input);
        }
    };
    for p in paths {
        if p == "-" {
            push(Input::Stdin, &mut inputs);
            continue;
        }
        let path = Path::new(p);
        if path.symlink_metadata().is_ok() {
            expand(path, &mut inputs, &mut errors, &mut push);
        } else if p.contains(['*', '?', '[']) {
            match glob::glob(p) {
                Ok(matches) => {
                    let mut any = false;
                    for m in matches {
                        match m {
                            Ok(found) => {
                                any = true;
                                expand(&found, &mut inputs, &mut errors, &mut push);
                            }
                            Err(e) => errors.push(InputError {
                                path: e.path().display().to_string(),
                                message: e.error().to_string(),
                            }),
                        }
                    }
                    if !any {
                        errors.push(InputError {
                            path: p.clone(),
                            message: "no files match this pattern".into(),
                        });
                    }
                }
                Err(e) => errors.push(InputError {
                    path: p.clone(),
                    message: format!("invalid glob pattern: {e}"),
                }),
            }
        } else {
            errors.push(InputError {
                path: p.clone(),
                message: "no such file or directory".into(),
            });
        }
    }
    (inputs, errors)
}

fn expand(
    path: &Path,
    inputs: &mut Vec<Input>,
    errors: &mut Vec<InputError>,
    push: &mut impl FnMut(Input, &mut Vec<Input>),
) {
    if !path.is_dir() {
        push(Input::File(path.to_path_buf()), inputs);
        return;
    }
    let mut found = Vec::new();
    for entry in ignore::WalkBuilder::new(path).follow_links(true).build() {
        match entry {
            Ok(e) => {
                if e.file_type().is_some_and(|t| t.is_file()) && is_markdown(e.path()) {
                    found.push(e.path().to_path_buf());
                }
            }
            Err(e) => errors.push(InputError {
                path: path.display().to_string(),
                message: one_line(&e.to_string()),
            }),
        }
    }
    found.sort();
    for f in found {
        push(Input::File(f), inputs);
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Read and decode one file. Refuses what is not a regular file (a FIFO would block
/// forever) and what is larger than `max_size`.
pub fn read(path: &Path, display: &str, max_size: u64) -> Result<SourceFile, String> {
    let meta = std::fs::metadata(path).map_err(|e| io_message(&e))?;
    if meta.is_dir() {
        return Err("is a directory".into());
    }
    if !meta.is_file() {
        return Err("not a regular file".into());
    }
    if meta.len() > max_size {
        return Err(format!(
            "file is {} bytes, over the {max_size}-byte limit (raise it with --max-file-size)",
            meta.len()
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .and_then(|f| f.take(max_size + 1).read_to_end(&mut bytes))
        .map_err(|e| io_message(&e))?;
    if bytes.len() as u64 > max_size {
        return Err(format!(
            "file is over the {max_size}-byte limit (raise it with --max-file-size)"
        ));
    }
    SourceFile::from_bytes(display, bytes).map_err(|e| e.to_string())
}

/// Read standard input.
pub fn read_stdin(display: &str, max_size: u64) -> Result<SourceFile, String> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(max_size + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_message(&e))?;
    if bytes.len() as u64 > max_size {
        return Err(format!(
            "input is over the {max_size}-byte limit (raise it with --max-file-size)"
        ));
    }
    SourceFile::from_bytes(display, bytes).map_err(|e| e.to_string())
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => one_line(&e.to_string()),
    }
}
