//! Paths as CI systems and baselines want them: relative to a base directory (the working
//! directory by default), with `/` separators and no `./` prefix, so the same file gets the
//! same name on every machine and every operating system.

use std::path::{Component, Path, PathBuf};

/// `path` relative to the working directory when it lies inside it; otherwise the path
/// as given, normalised. `<stdin>`-style names come back unchanged.
pub fn relative_to_cwd(path: &str) -> String {
    match std::env::current_dir() {
        Ok(cwd) => relative_to(path, &cwd),
        Err(_) => slashes(&normalize(Path::new(path))),
    }
}

/// `path` (relative paths are taken from the working directory) relative to `base`.
pub fn relative_to(path: &str, base: &Path) -> String {
    if path.starts_with('<') {
        return path.to_string();
    }
    let p = Path::new(path);
    let absolute = if p.is_absolute() {
        normalize(p)
    } else {
        match std::env::current_dir() {
            Ok(cwd) => normalize(&cwd.join(p)),
            Err(_) => return slashes(&normalize(p)),
        }
    };
    let base = normalize(base);
    match absolute.strip_prefix(&base) {
        Ok(rel) if !rel.as_os_str().is_empty() => slashes(rel),
        _ => slashes(&absolute),
    }
}

/// `path` relative to `base`, climbing out of `base` with `..` when it lies elsewhere: the
/// name a baseline records, valid from any working directory.
pub fn relative_with_parents(path: &str, base: &Path) -> String {
    if path.starts_with('<') {
        return path.to_string();
    }
    let absolute = match std::env::current_dir() {
        Ok(cwd) => normalize(&cwd.join(path)),
        Err(_) => return slashes(&normalize(Path::new(path))),
    };
    let base = normalize(base);
    let a: Vec<_> = absolute.components().collect();
    let b: Vec<_> = base.components().collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common == 0 {
        return slashes(&absolute);
    }
    let mut rel = PathBuf::new();
    for _ in common..b.len() {
        rel.push("..");
    }
    for c in &a[common..] {
        rel.push(c.as_os_str());
    }
    slashes(&rel)
}

/// Remove `.` and resolve `..` lexically (symlinks are not followed: the name a user gave
/// is the name reported).
pub fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

fn slashes(p: &Path) -> String {
    let s = p.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '\\' {
        s.replace('\\', "/")
    } else {
        s.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_lose_dot_prefixes() {
        let base = Path::new("/repo");
        assert_eq!(relative_to("/repo/./docs/pm.md", base), "docs/pm.md");
        assert_eq!(relative_to("/repo/a/../pm.md", base), "pm.md");
        assert_eq!(relative_to("/elsewhere/pm.md", base), "/elsewhere/pm.md");
        assert_eq!(relative_to("<stdin>", base), "<stdin>");
        assert_eq!(
            relative_with_parents("/repo/docs/pm.md", base),
            "docs/pm.md"
        );
        assert_eq!(
            relative_with_parents("/other/pm.md", Path::new("/repo/ci")),
            "../../other/pm.md"
        );
    }

    #[test]
    fn paths_given_relative_are_taken_from_the_working_directory() {
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(relative_to("./x/y.md", &cwd), "x/y.md");
        assert_eq!(relative_to_cwd("x/./y.md"), "x/y.md");
    }
}
