//! Resolved settings for linting one file. (Loading `pmlint.toml` builds these.)

use std::collections::BTreeMap;

use crate::diagnostic::Severity;
use crate::document::SectionCatalog;

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
    /// "Today" for due-date rules; `None` means the real date.
    pub today: Option<jiff::civil::Date>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            levels: BTreeMap::new(),
            catalog: SectionCatalog::builtin().clone(),
            owner_placeholders: Vec::new(),
            accept: Vec::new(),
            allow_no_action_items: false,
            today: None,
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
