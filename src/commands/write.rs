//! Writing a new file for `pmlint init` and `pmlint new`: never over an existing file
//! without `--force`, and atomically (a temporary file in the same directory, renamed into
//! place), so an interrupted write never leaves half a file.

use std::io::Write;
use std::path::Path;

pub fn write_new(path: &Path, text: &str, force: bool) -> Result<(), String> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if !force && path.exists() {
        return Err("already exists (use --force to overwrite it)".into());
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .map_err(|e| format!("cannot write in {}: {e}", dir.display()))?;
    tmp.write_all(text.as_bytes())
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(|e| format!("cannot write: {e}"))?;
    readable(tmp.as_file(), path);
    if force {
        tmp.persist(path).map(|_| ())
    } else {
        // Fails, without replacing anything, if the file appeared in the meantime.
        tmp.persist_noclobber(path).map(|_| ())
    }
    .map_err(|e| match e.error.kind() {
        std::io::ErrorKind::AlreadyExists => "already exists (use --force to overwrite it)".into(),
        _ => format!("cannot write: {}", e.error),
    })
}

/// Temporary files are private (0600); the new file gets the mode of the file it replaces,
/// or the usual 0644.
#[cfg(unix)]
fn readable(file: &std::fs::File, path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode());
    let _ = file.set_permissions(std::fs::Permissions::from_mode(mode));
}

#[cfg(not(unix))]
fn readable(_file: &std::fs::File, _path: &Path) {}
