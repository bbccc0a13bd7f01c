//! Which configuration applies to a file: `--config PATH`, none (`--no-config`), or the
//! nearest `pmlint.toml` / `.pmlint.toml` in the file's directory or above it. Lookups
//! are cached per directory and each configuration is loaded once, so linting a thousand
//! files under one `pmlint.toml` reads and compiles it (and its packs) once.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use super::error::ConfigError;
use super::{Settings, load};

/// File names looked for in each directory; the first wins when both exist.
pub const CONFIG_NAMES: [&str; 2] = ["pmlint.toml", ".pmlint.toml"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigSource {
    /// The nearest configuration above each file.
    Discover,
    /// This file for every input (`--config PATH`).
    File(PathBuf),
    /// Built-in defaults only (`--no-config`).
    Defaults,
}

impl ConfigSource {
    /// From the `--config` / `--no-config` flags.
    pub fn from_flags(config: Option<&Path>, no_config: bool) -> ConfigSource {
        match (config, no_config) {
            (_, true) => ConfigSource::Defaults,
            (Some(p), false) => ConfigSource::File(p.to_path_buf()),
            (None, false) => ConfigSource::Discover,
        }
    }
}

pub struct Resolver {
    source: ConfigSource,
    defaults: Arc<Settings>,
    /// Directory → the configuration that applies to it (`None`: defaults).
    dirs: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
    /// Configuration file → its settings, or why it cannot be used.
    configs: Mutex<HashMap<PathBuf, Result<Arc<Settings>, ConfigError>>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Resolver {
    pub fn new(source: ConfigSource) -> Resolver {
        Resolver {
            source,
            defaults: Arc::new(Settings::default()),
            dirs: Mutex::new(HashMap::new()),
            configs: Mutex::new(HashMap::new()),
        }
    }

    /// Settings for the document at `file` (which need not exist: standard input is
    /// resolved from its `--stdin-filename`).
    pub fn for_file(&self, file: &Path) -> Result<Arc<Settings>, ConfigError> {
        let abs = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        let dir = abs.parent().unwrap_or(&abs).to_path_buf();
        self.for_dir(&dir)
    }

    /// Settings for documents in `dir`.
    pub fn for_dir(&self, dir: &Path) -> Result<Arc<Settings>, ConfigError> {
        match self.config_path_for_dir(dir) {
            Some(path) => self.load(&path),
            None => Ok(self.defaults.clone()),
        }
    }

    /// The configuration file that applies in `dir`, if any.
    pub fn config_path_for_dir(&self, dir: &Path) -> Option<PathBuf> {
        match &self.source {
            ConfigSource::Defaults => None,
            ConfigSource::File(p) => Some(p.clone()),
            ConfigSource::Discover => {
                let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
                self.discover(&dir)
            }
        }
    }

    fn discover(&self, dir: &Path) -> Option<PathBuf> {
        let mut walked = Vec::new();
        let mut found = None;
        for d in dir.ancestors() {
            if let Some(cached) = lock(&self.dirs).get(d) {
                found = cached.clone();
                break;
            }
            walked.push(d.to_path_buf());
            if let Some(p) = config_in(d) {
                found = Some(p);
                break;
            }
        }
        let mut dirs = lock(&self.dirs);
        for d in walked {
            dirs.insert(d, found.clone());
        }
        found
    }

    fn load(&self, path: &Path) -> Result<Arc<Settings>, ConfigError> {
        let mut configs = lock(&self.configs);
        configs
            .entry(path.to_path_buf())
            .or_insert_with(|| load::load(path).map(Arc::new))
            .clone()
    }
}

/// The configuration file directly in `dir`, if there is one.
pub fn config_in(dir: &Path) -> Option<PathBuf> {
    CONFIG_NAMES
        .iter()
        .map(|n| dir.join(n))
        .find(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Level;
    use std::fs;

    #[test]
    fn nearest_configuration_wins_and_is_cached() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        fs::create_dir_all(root.join("a/b/c")).unwrap();
        fs::write(
            root.join("pmlint.toml"),
            "[rules]\nblame-language = \"warning\"\n",
        )
        .unwrap();
        fs::write(
            root.join("a/b/.pmlint.toml"),
            "[rules]\nblame-language = \"off\"\n",
        )
        .unwrap();
        let r = Resolver::new(ConfigSource::Discover);
        let top = r.for_file(&root.join("a/x.md")).unwrap();
        let deep = r.for_file(&root.join("a/b/c/y.md")).unwrap();
        assert!(matches!(top.levels["blame-language"], Level::On(_)));
        assert_eq!(deep.levels["blame-language"], Level::Off);
        // Same configuration, same loaded settings.
        let again = r.for_file(&root.join("a/b/z.md")).unwrap();
        assert!(Arc::ptr_eq(&deep, &again));
        assert_eq!(
            r.config_path_for_dir(&root.join("a/b/c")),
            Some(root.join("a/b/.pmlint.toml"))
        );
        let none = Resolver::new(ConfigSource::Defaults);
        assert!(
            none.for_file(&root.join("a/x.md"))
                .unwrap()
                .levels
                .is_empty()
        );
    }
}
