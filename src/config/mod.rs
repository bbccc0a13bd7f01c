//! Resolved settings for linting one file, and where they come from: `pmlint.toml` /
//! `.pmlint.toml` discovered from the file's directory upwards (`discover`), parsed
//! (`file`, `load`) with errors that point at `path:line:col` (`error`).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::diagnostic::Severity;
use crate::document::{SectionCatalog, SectionKind};
use crate::rules::Rule;

pub mod discover;
pub mod error;
pub mod file;
pub mod load;
pub mod template;

pub use discover::{ConfigSource, Resolver};
pub use error::ConfigError;

/// The sections `missing-section` requires when `required-sections` is not set. Besides
/// the timeline and the action items (which have rules of their own), only a summary is in
/// nearly every real post-mortem: 26 of the 29 in the shared corpus have no impact section
/// (it is written inside the summary) and 14 no root-cause or contributing-factors one.
pub const DEFAULT_REQUIRED_SECTIONS: [SectionKind; 1] = [SectionKind::Summary];

/// A rule's configured level: a severity, or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

#[derive(Debug, Clone)]
pub struct Settings {
    /// Per-rule overrides; rules not named keep their defaults.
    pub levels: BTreeMap<String, Level>,
    pub catalog: SectionCatalog,
    /// Extra words that mean "no owner" besides the built-in TBD, ?, N/A, ….
    pub owner_placeholders: Vec<String>,
    /// Phrases never to flag (case-insensitive), whatever rule finds them.
    pub accept: Vec<String>,
    /// Let a section that says "No action items" pass `missing-action-items`.
    pub allow_no_action_items: bool,
    /// The section kinds `missing-section` requires (timeline and action items have rules
    /// of their own).
    pub required_sections: Vec<SectionKind>,
    /// "Today" for due-date rules; `None` means the real date.
    pub today: Option<jiff::civil::Date>,
    /// Glob patterns of the files that are post-mortems (relative to `config_dir`); empty
    /// keeps the built-in list (see src/filter.rs).
    pub include: Vec<String>,
    /// Glob patterns of Markdown files that are not post-mortems (relative to `config_dir`).
    pub exclude: Vec<String>,
    /// The configuration file these settings came from; `None` for the defaults.
    pub config_path: Option<PathBuf>,
    /// The directory `include`/`exclude` and pack paths are relative to.
    pub config_dir: Option<PathBuf>,
    /// Rules from the packs the configuration names. `engine::run` runs them after the
    /// rules it is given.
    pub pack_rules: PackRules,
}

/// Compiled pack rules, shared by every file that uses the same configuration.
#[derive(Clone, Default)]
pub struct PackRules(pub Arc<Vec<Arc<dyn Rule>>>);

impl PackRules {
    pub fn iter(&self) -> impl Iterator<Item = &dyn Rule> {
        self.0.iter().map(|r| r.as_ref())
    }
}

impl std::fmt::Debug for PackRules {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|r| &r.meta().id))
            .finish()
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            levels: BTreeMap::new(),
            catalog: SectionCatalog::builtin().clone(),
            owner_placeholders: Vec::new(),
            accept: Vec::new(),
            allow_no_action_items: false,
            required_sections: DEFAULT_REQUIRED_SECTIONS.to_vec(),
            today: None,
            include: Vec::new(),
            exclude: Vec::new(),
            config_path: None,
            config_dir: None,
            pack_rules: PackRules::default(),
        }
    }
}

impl Settings {
    /// The severity a rule reports at, or `None` when it is off.
    pub fn level_of(
        &self,
        rule: &str,
        default: Severity,
        default_enabled: bool,
    ) -> Option<Severity> {
        match self.levels.get(rule) {
            Some(Level::Off) => None,
            Some(Level::On(s)) => Some(*s),
            None => default_enabled.then_some(default),
        }
    }
}
