//! Section kinds and the synonyms that name them (data in `rules/sections.toml`).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKind {
    Summary,
    Impact,
    Timeline,
    ContributingFactors,
    Detection,
    Resolution,
    LessonsLearned,
    ActionItems,
}

impl SectionKind {
    pub const ALL: [SectionKind; 8] = [
        SectionKind::Summary,
        SectionKind::Impact,
        SectionKind::Timeline,
        SectionKind::ContributingFactors,
        SectionKind::Detection,
        SectionKind::Resolution,
        SectionKind::LessonsLearned,
        SectionKind::ActionItems,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SectionKind::Summary => "summary",
            SectionKind::Impact => "impact",
            SectionKind::Timeline => "timeline",
            SectionKind::ContributingFactors => "contributing-factors",
            SectionKind::Detection => "detection",
            SectionKind::Resolution => "resolution",
            SectionKind::LessonsLearned => "lessons-learned",
            SectionKind::ActionItems => "action-items",
        }
    }

    pub fn parse(name: &str) -> Option<SectionKind> {
        SectionKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Synonyms {
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default)]
    pub prefixes: Vec<String>,
}

/// Every section kind's synonyms, normalised.
#[derive(Debug, Clone)]
pub struct SectionCatalog {
    kinds: BTreeMap<SectionKind, Synonyms>,
    /// Every normalised name and the first kind (in `kinds` order) that lists it: a
    /// heading is classified by one lookup instead of comparing every synonym.
    by_name: HashMap<String, SectionKind>,
}

const BUILTIN: &str = include_str!("../../rules/sections.toml");

static DEFAULT: LazyLock<SectionCatalog> = LazyLock::new(|| {
    let raw: BTreeMap<SectionKind, Synonyms> =
        toml::from_str(BUILTIN).expect("built-in rules/sections.toml is valid");
    let mut catalog = SectionCatalog {
        kinds: BTreeMap::new(),
        by_name: HashMap::default(),
    };
    for (kind, syn) in raw {
        catalog.extend(kind, &syn);
    }
    catalog
});

impl Default for SectionCatalog {
    fn default() -> Self {
        DEFAULT.clone()
    }
}

impl SectionCatalog {
    pub fn builtin() -> &'static SectionCatalog {
        &DEFAULT
    }

    /// Add synonyms for `kind` (they are normalised like headings).
    pub fn extend(&mut self, kind: SectionKind, syn: &Synonyms) {
        let entry = self.kinds.entry(kind).or_default();
        entry
            .names
            .extend(syn.names.iter().map(|n| normalize_heading(n)));
        entry
            .prefixes
            .extend(syn.prefixes.iter().map(|n| normalize_heading(n)));
        self.index_names();
    }

    fn index_names(&mut self) {
        self.by_name.clear();
        for (kind, syn) in &self.kinds {
            for name in &syn.names {
                self.by_name.entry(name.clone()).or_insert(*kind);
            }
        }
    }

    /// Replace `kind`'s synonyms.
    pub fn replace(&mut self, kind: SectionKind, syn: &Synonyms) {
        self.kinds.remove(&kind);
        self.extend(kind, syn);
    }

    pub fn synonyms(&self, kind: SectionKind) -> Option<&Synonyms> {
        self.kinds.get(&kind)
    }

    /// The kind a heading names, if any.
    pub fn classify(&self, heading: &str) -> Option<SectionKind> {
        let norm = normalize_heading(heading);
        if norm.is_empty() {
            return None;
        }
        if let Some(kind) = self.by_name.get(&norm) {
            return Some(*kind);
        }
        self.kinds.iter().find_map(|(kind, syn)| {
            syn.prefixes
                .iter()
                .any(|p| {
                    norm.strip_prefix(p.as_str())
                        .is_some_and(|rest| rest.starts_with([' ', ':', '-', '/', ',']))
                })
                .then_some(*kind)
        })
    }
}

/// Case-fold; drop leading numbering ("1.", "6)", "IV."), emoji and symbols, emphasis
/// markers, parenthesised suffixes and trailing ":" / "?" / "."; collapse whitespace.
pub fn normalize_heading(text: &str) -> String {
    let marker = |c: char| matches!(c, '*' | '_' | '`' | '#');
    let mut s: String = if text.is_ascii() {
        // Headings are nearly always ASCII: one pass, one allocation.
        text.chars()
            .filter(|&c| !marker(c))
            .map(|c| c.to_ascii_lowercase())
            .collect()
    } else {
        text.chars()
            .filter(|&c| !marker(c))
            .collect::<String>()
            .to_lowercase()
    };
    // Parenthesised or bracketed suffixes: "Timeline (UTC)", "Action items [done]:".
    loop {
        let kept = s
            .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '?' | '.' | '!'))
            .len();
        s.truncate(kept);
        let Some(open) = s.rfind(['(', '[']) else {
            break;
        };
        let tail = s[open..].trim_end();
        if tail.ends_with(')') || tail.ends_with(']') {
            s.truncate(open);
        } else {
            break;
        }
    }
    let s = s.trim_start_matches(|c: char| !c.is_alphanumeric());
    // Leading numbering: "1.", "1.2", "6)", "a." are dropped; "5 whys" is kept.
    let s = strip_numbering(s);
    let s = s.trim_end_matches(|c: char| !c.is_alphanumeric() && c != ')');
    super::text::single_spaced(s)
}

fn strip_numbering(s: &str) -> &str {
    let digits = s
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(s.len());
    if digits == 0 {
        return s;
    }
    let rest = &s[digits..];
    let numbered = s[..digits].ends_with('.') || rest.starts_with(')');
    if numbered {
        rest.trim_start_matches(|c: char| !c.is_alphanumeric())
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_real_heading_spellings() {
        assert_eq!(normalize_heading("3. Timeline (UTC):"), "timeline");
        assert_eq!(normalize_heading("🔥 **Action Items**"), "action items");
        assert_eq!(
            normalize_heading("6) Why did it happen?"),
            "why did it happen"
        );
        assert_eq!(normalize_heading("5 Whys"), "5 whys");
        assert_eq!(normalize_heading("Follow-ups (Completed)"), "follow-ups");
    }

    #[test]
    fn classifies_synonyms_and_prefixes() {
        let c = SectionCatalog::builtin();
        assert_eq!(c.classify("Chronology"), Some(SectionKind::Timeline));
        assert_eq!(
            c.classify("Timeline of the outage"),
            Some(SectionKind::Timeline)
        );
        assert_eq!(
            c.classify("Corrective actions"),
            Some(SectionKind::ActionItems)
        );
        assert_eq!(
            c.classify("## Fault"),
            Some(SectionKind::ContributingFactors)
        );
        assert_eq!(c.classify("Actions taken"), None);
        assert_eq!(c.classify("Date: 2023-02-06"), None);
    }
}
