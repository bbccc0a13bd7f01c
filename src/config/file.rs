//! The `pmlint.toml` format: serde types with `deny_unknown_fields`, and the JSON Schema
//! generated from them (`pmlint schema`, committed as `pmlint.schema.json`).
//!
//! Values whose position an error must point at are `toml::Spanned`; the schema sees them
//! as their plain type.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Severity;
use crate::document::SectionKind;

/// pmlint configuration (`pmlint.toml` or `.pmlint.toml`). The nearest file above a
/// post-mortem applies to it; settings not given keep their defaults.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(title = "pmlint configuration")]
pub struct ConfigFile {
    /// Level of each rule, by rule id: "error", "warning", "info" or "off". Rules not named
    /// keep their default level (see `pmlint rules`).
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, LevelName>")]
    pub rules: BTreeMap<Spanned<String>, LevelName>,
    /// Glob patterns (relative to this file's directory) of the files that are
    /// post-mortems, for `--only-postmortems`, `--changed-since` and the language server;
    /// empty keeps the built-in list (postmortems/, incidents/, *postmortem*.md, …).
    #[serde(default)]
    pub include: Vec<String>,
    /// Glob patterns (relative to this file's directory) of Markdown files that are not
    /// post-mortems, even when `include` matches them; empty keeps the built-in list
    /// (README.md, CHANGELOG.md, *template*.md, …).
    #[serde(default)]
    pub exclude: Vec<String>,
    /// The section kinds every post-mortem must have, reported by `missing-section` when
    /// absent; default ["summary"]. `timeline` and `action-items` are checked by
    /// `missing-timeline` and `missing-action-items` whether listed or not.
    #[serde(default)]
    #[schemars(with = "Vec<SectionKind>", default = "default_required_sections")]
    pub required_sections: Option<Vec<Spanned<String>>>,
    /// Section synonyms to add to (or replace) the built-in ones, by section kind.
    #[serde(default)]
    pub sections: SectionsConfig,
    /// Rule packs to load (TOML files, relative to this file's directory). See
    /// rules/README.md for the format.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub packs: Vec<Spanned<String>>,
    /// Phrases never to flag, whatever rule finds them (case-insensitive).
    #[serde(default)]
    pub accept: Vec<String>,
    /// Extra words that mean "no owner yet" in an action item, besides the built-in TBD,
    /// ?, N/A, none, unassigned, ….
    #[serde(default)]
    pub owner_placeholders: Vec<String>,
    /// Let an action-items section that says "No action items" pass
    /// `missing-action-items` (for teams that agree debriefs need not produce items).
    #[serde(default)]
    pub allow_no_action_items: bool,
    /// The date due-date rules treat as today, as YYYY-MM-DD (for reproducible CI runs);
    /// the real date when absent.
    #[serde(default)]
    #[schemars(with = "Option<String>", regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))]
    pub today: Option<Spanned<String>>,
}

/// The schema's default for `required-sections`.
fn default_required_sections() -> Vec<SectionKind> {
    super::DEFAULT_REQUIRED_SECTIONS.to_vec()
}

/// A rule's level in the configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum LevelName {
    Error,
    Warning,
    Info,
    Off,
}

const LEVELS: [&str; 4] = ["error", "warning", "info", "off"];

/// By hand, for an error that says what a level is when a table or a list stands in a
/// level's place (a top-level key written after `[rules]` lands there).
impl<'de> Deserialize<'de> for LevelName {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = LevelName;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a rule level: \"error\", \"warning\", \"info\" or \"off\" (a key written after `[rules]` belongs to that table)")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<LevelName, E> {
                match v {
                    "error" => Ok(LevelName::Error),
                    "warning" => Ok(LevelName::Warning),
                    "info" => Ok(LevelName::Info),
                    "off" => Ok(LevelName::Off),
                    _ => Err(E::unknown_variant(v, &LEVELS)),
                }
            }
        }
        d.deserialize_str(Visitor)
    }
}

impl LevelName {
    pub fn level(self) -> super::Level {
        match self {
            LevelName::Error => super::Level::On(Severity::Error),
            LevelName::Warning => super::Level::On(Severity::Warning),
            LevelName::Info => super::Level::On(Severity::Info),
            LevelName::Off => super::Level::Off,
        }
    }
}

/// Synonyms for each section kind.
#[derive(Debug, Default, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SectionsConfig {
    pub summary: Option<SectionConfig>,
    pub impact: Option<SectionConfig>,
    pub timeline: Option<SectionConfig>,
    pub contributing_factors: Option<SectionConfig>,
    pub detection: Option<SectionConfig>,
    pub resolution: Option<SectionConfig>,
    pub lessons_learned: Option<SectionConfig>,
    pub action_items: Option<SectionConfig>,
}

impl SectionsConfig {
    /// The configured kinds, in `SectionKind::ALL` order.
    pub fn entries(&self) -> impl Iterator<Item = (SectionKind, &SectionConfig)> {
        [
            (SectionKind::Summary, &self.summary),
            (SectionKind::Impact, &self.impact),
            (SectionKind::Timeline, &self.timeline),
            (SectionKind::ContributingFactors, &self.contributing_factors),
            (SectionKind::Detection, &self.detection),
            (SectionKind::Resolution, &self.resolution),
            (SectionKind::LessonsLearned, &self.lessons_learned),
            (SectionKind::ActionItems, &self.action_items),
        ]
        .into_iter()
        .filter_map(|(k, c)| c.as_ref().map(|c| (k, c)))
    }
}

/// Headings that name one section kind. A heading is normalised (case-folded; numbering,
/// emoji, emphasis, trailing ":" / "?" and parenthesised suffixes removed) before it is
/// compared, and so are these.
#[derive(Debug, Default, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SectionConfig {
    /// Headings equal to one of these name the section ("Follow-ups").
    #[serde(default)]
    pub names: Vec<String>,
    /// Headings starting with one of these, then more words, name the section
    /// ("Timeline" matches "Timeline of the outage").
    #[serde(default)]
    pub prefixes: Vec<String>,
    /// "extend" (default) adds to the built-in synonyms; "replace" drops them.
    #[serde(default)]
    pub mode: SectionMode,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SectionMode {
    #[default]
    Extend,
    Replace,
}

/// The JSON Schema of `pmlint.toml`, pretty-printed with a trailing newline. The types
/// give its shape; the built-in rules' ids and summaries are added under `rules` so that
/// editors can complete them (pack rule ids stay allowed).
pub fn schema_json() -> String {
    let mut schema = serde_json::to_value(schemars::schema_for!(ConfigFile)).unwrap_or_default();
    if let Some(rules) = schema.pointer_mut("/properties/rules") {
        let ids: serde_json::Map<String, serde_json::Value> = crate::builtin_rules()
            .iter()
            .map(|r| {
                let m = r.meta();
                let schema = serde_json::json!({
                    "$ref": "#/$defs/LevelName",
                    "description": format!("{} (default: {})", m.summary,
                        if m.default_enabled { m.severity.as_str() } else { "off" }),
                });
                (m.id.clone(), schema)
            })
            .collect();
        rules["properties"] = serde_json::Value::Object(ids);
    }
    let mut out = serde_json::to_string_pretty(&schema).unwrap_or_default();
    out.push('\n');
    out
}
