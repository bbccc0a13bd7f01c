//! The commented `pmlint.toml` that `pmlint init` writes: every key with its default, the
//! rules table generated from the rules' own metadata.

use crate::rules::Rule;

pub fn init_toml(rules: &[Box<dyn Rule>]) -> String {
    let mut out = String::from(HEAD);
    let width = rules.iter().map(|r| r.meta().id.len()).max().unwrap_or(0);
    for r in rules {
        let m = r.meta();
        let (level, note) = if m.default_enabled {
            (m.severity.as_str(), String::new())
        } else {
            (
                "off",
                format!(" (off by default; default level when on: {})", m.severity),
            )
        };
        let key = format!("{} = \"{level}\"", m.id);
        out.push_str(&format!(
            "{key:w$}  # {}{note}\n",
            m.summary,
            w = width + 12
        ));
    }
    out.push_str(TAIL);
    out
}

const HEAD: &str = r#"# pmlint configuration. pmlint uses the nearest pmlint.toml (or .pmlint.toml) in a
# post-mortem's directory or above it; every key is optional and shown here with its
# default. Reference: the "Configuration" section of pmlint's README; editors can complete
# this file with pmlint.schema.json (`pmlint schema`).

# Which Markdown files are post-mortems (for --only-postmortems, --changed-since and the
# editor): glob patterns relative to this file; `exclude` wins over `include`. Empty lists
# keep the built-in ones (postmortems/, incidents/, *postmortem*.md; README.md, templates).
include = []
exclude = []

# Phrases never flagged, whatever rule finds them (case-insensitive), e.g. ["just in time"].
accept = []

# Words that mean "no owner yet" in an action item, besides TBD, ?, N/A, none, unassigned.
owner-placeholders = []

# Let an action-items section that says "No action items: …" pass missing-action-items.
allow-no-action-items = false

# The sections every post-mortem must have; missing-section reports each one missing.
# Kinds: summary, impact, timeline, contributing-factors, detection, resolution,
# lessons-learned, action-items. A heading, a bold label (**Impact:**), a field line
# (Impact: …) or a front-matter key names one; [sections.<kind>] below adds names. A team
# that writes impact and root cause as sections can ask for them:
#   required-sections = ["summary", "impact", "contributing-factors"]
# Timeline and action items are always checked by missing-timeline and
# missing-action-items (set those rules to "off" not to require them).
required-sections = ["summary"]

# The date due-date rules treat as today, for reproducible runs; the real date when absent.
# today = "2026-01-31"

# Rule packs: TOML files of phrase rules, relative to this file (format: rules/README.md).
packs = []

# Each rule's level: "error", "warning", "info" or "off". `pmlint explain RULE` says what
# a rule checks. Rule packs' rules can be set here too.
[rules]
"#;

const TAIL: &str = r#"
# Extra headings that name a section, by kind: summary, impact, timeline,
# contributing-factors, detection, resolution, lessons-learned, action-items.
# `names` match a whole heading, `prefixes` its first words; mode = "replace" drops the
# built-in synonyms instead of adding to them.
# [sections.action-items]
# names = ["Homework", "Follow-up tasks"]
# prefixes = []
# mode = "extend"
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::error::TomlText;
    use crate::config::{Level, load};
    use std::path::Path;

    #[test]
    fn the_template_loads_and_sets_every_rule_to_its_default() {
        let text = init_toml(&crate::rules::builtin());
        let s = load::from_text(
            &TomlText::new("pmlint.toml", &text),
            Path::new("pmlint.toml"),
        )
        .unwrap();
        for r in crate::builtin_rules() {
            let m = r.meta();
            let want = if m.default_enabled {
                Level::On(m.severity)
            } else {
                Level::Off
            };
            assert_eq!(s.levels.get(&m.id), Some(&want), "{}", m.id);
        }
        assert!(s.include.is_empty() && s.accept.is_empty() && !s.allow_no_action_items);
        assert_eq!(
            s.required_sections,
            crate::config::DEFAULT_REQUIRED_SECTIONS,
            "the template shows the default required sections"
        );
    }
}
