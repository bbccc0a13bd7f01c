//! Per-document configuration: the nearest `pmlint.toml`, resolved exactly as `pmlint
//! check` resolves it (`config::Resolver`), cached until a config file changes. A broken
//! config never stops the server: documents fall back to the defaults and the error is
//! reported once, on the file it names.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::{ConfigError, ConfigSource, Resolver, Settings, load};
use crate::filter::PostmortemFilter;
use crate::rules::RuleMeta;

pub use crate::config::discover::CONFIG_NAMES;

/// Everything linting one document needs besides its text.
pub struct Profile {
    pub settings: Arc<Settings>,
    /// Which documents are post-mortems under this configuration.
    pub filter: PostmortemFilter,
}

impl Profile {
    fn new(settings: Arc<Settings>) -> Result<Self, String> {
        // Built exactly as `pmlint check --only-postmortems` builds it.
        let filter = PostmortemFilter::new(&settings.include, &settings.exclude)?
            .with_base(settings.config_dir.clone())
            .with_catalog(settings.catalog.clone());
        Ok(Profile { settings, filter })
    }

    pub fn defaults() -> Self {
        Profile {
            settings: Arc::new(Settings::default()),
            filter: PostmortemFilter::default(),
        }
    }

    /// The rules to run: the same built-in list `pmlint check` runs (the engine adds the
    /// configuration's pack rules).
    pub fn rules(&self) -> &'static [Box<dyn crate::rules::Rule>] {
        crate::builtin_rules()
    }

    /// Metadata of a rule, built-in or from a pack.
    pub fn rule_meta(&self, id: &str) -> Option<&RuleMeta> {
        self.rules()
            .iter()
            .map(|r| r.meta())
            .chain(self.settings.pack_rules.iter().map(|r| r.meta()))
            .find(|m| m.id == id)
    }
}

/// A config file that could not be used, and the file its error points into (a pack the
/// config names, or the config itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    pub file: PathBuf,
    pub error: ConfigError,
}

pub struct Profiles {
    resolver: Resolver,
    by_config: HashMap<Option<PathBuf>, Arc<Profile>>,
    defaults: Arc<Profile>,
    /// Config files whose last load failed, by config path.
    pub broken: HashMap<PathBuf, Broken>,
}

impl Default for Profiles {
    fn default() -> Self {
        Profiles {
            resolver: Resolver::new(ConfigSource::Discover),
            by_config: HashMap::new(),
            defaults: Arc::new(Profile::defaults()),
            broken: HashMap::new(),
        }
    }
}

impl Profiles {
    /// Forget loaded configs; the next lookup reads them from disk again.
    pub fn invalidate(&mut self) {
        self.resolver = Resolver::new(ConfigSource::Discover);
        self.by_config.clear();
    }

    /// Drop recorded errors of config files that were fixed or deleted.
    pub fn revalidate_broken(&mut self) {
        self.broken
            .retain(|p, _| p.is_file() && load::load(p).is_err());
    }

    /// The profile for a document at `path` (an unsaved document, `None`, is looked up
    /// from `fallback_dir`, the first workspace folder). Returns the error of a broken
    /// config the first time it is seen.
    pub fn for_document(
        &mut self,
        path: Option<&Path>,
        fallback_dir: Option<&Path>,
    ) -> (Arc<Profile>, Option<Broken>) {
        let dir = match (path.and_then(Path::parent), fallback_dir) {
            (Some(d), _) => d,
            (None, Some(d)) => d,
            (None, None) => return (self.defaults.clone(), None),
        };
        let config = self.resolver.config_path_for_dir(dir);
        if let Some(p) = self.by_config.get(&config) {
            return (p.clone(), None);
        }
        let loaded = self
            .resolver
            .for_dir(dir)
            .and_then(|s| Profile::new(s).map_err(|e| ConfigError::file(config_name(&config), e)));
        match (loaded, config) {
            (Ok(profile), config) => {
                let p = Arc::new(profile);
                if let Some(c) = &config {
                    self.broken.remove(c);
                }
                self.by_config.insert(config, p.clone());
                (p, None)
            }
            (Err(error), config) => {
                self.by_config.insert(config.clone(), self.defaults.clone());
                let Some(config) = config else {
                    return (self.defaults.clone(), None);
                };
                let broken = Broken {
                    file: error_file(&error, &config),
                    error,
                };
                let new = self.broken.get(&config) != Some(&broken);
                self.broken.insert(config, broken.clone());
                (self.defaults.clone(), new.then_some(broken))
            }
        }
    }
}

pub fn is_config_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| CONFIG_NAMES.contains(&n))
}

fn config_name(config: &Option<PathBuf>) -> String {
    config
        .as_deref()
        .map(load::display_path)
        .unwrap_or_default()
}

/// The absolute path of the file an error names (errors name files relative to the
/// working directory when they are inside it).
fn error_file(e: &ConfigError, config: &Path) -> PathBuf {
    let named = Path::new(&e.path);
    if e.path.is_empty() {
        config.to_path_buf()
    } else if named.is_absolute() {
        named.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|cwd| cwd.join(named))
            .unwrap_or_else(|_| config.to_path_buf())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Level;

    #[test]
    fn nearest_config_wins_and_broken_config_falls_back_once() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("pm/2026");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(dir.path().join("pmlint.toml"), "").unwrap();
        let broken = dir.path().join("pm/.pmlint.toml");
        std::fs::write(&broken, "[rules\n").unwrap();
        let doc = sub.join("outage.md");

        let mut profiles = Profiles::default();
        let (p, err) = profiles.for_document(Some(&doc), None);
        assert!(
            p.settings.config_path.is_none(),
            "broken config falls back to defaults"
        );
        let err = err.expect("the error is reported the first time");
        assert_eq!(err.file, broken);
        assert!(err.error.position.is_some());
        profiles.invalidate();
        assert!(
            profiles.for_document(Some(&doc), None).1.is_none(),
            "not twice"
        );

        std::fs::write(&broken, "[rules]\nblame-language = \"off\"\n").unwrap();
        profiles.invalidate();
        let (p, err) = profiles.for_document(Some(&doc), None);
        assert!(err.is_none() && profiles.broken.is_empty());
        assert_eq!(p.settings.levels["blame-language"], Level::Off);
    }
}
