//! Incident milestones (impact start, detection, acknowledgement, mitigation, resolution)
//! recognised in timeline entries by keywords kept as data in `rules/milestones.toml`.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use super::Entry;
use crate::document::Document;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Milestone {
    ImpactStart,
    Detection,
    Acknowledgement,
    Mitigation,
    Resolution,
}

impl Milestone {
    pub const ALL: [Milestone; 5] = [
        Milestone::ImpactStart,
        Milestone::Detection,
        Milestone::Acknowledgement,
        Milestone::Mitigation,
        Milestone::Resolution,
    ];

    /// The snake_case key used in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Milestone::ImpactStart => "impact_start",
            Milestone::Detection => "detection",
            Milestone::Acknowledgement => "acknowledgement",
            Milestone::Mitigation => "mitigation",
            Milestone::Resolution => "resolution",
        }
    }

    /// How people name it.
    pub fn label(self) -> &'static str {
        match self {
            Milestone::ImpactStart => "impact start",
            Milestone::Detection => "detection",
            Milestone::Acknowledgement => "acknowledgement",
            Milestone::Mitigation => "mitigation",
            Milestone::Resolution => "resolution",
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Lexicon {
    phrases: Vec<String>,
    #[serde(default)]
    unless: Vec<String>,
}

struct Matcher {
    phrases: Regex,
    unless: Option<Regex>,
}

fn words_regex(words: &[String]) -> Option<Regex> {
    if words.is_empty() {
        return None;
    }
    let alts: Vec<String> = words.iter().map(|w| regex::escape(w.trim())).collect();
    Regex::new(&format!(r"(?i)\b(?:{})\b", alts.join("|"))).ok()
}

static MATCHERS: LazyLock<BTreeMap<Milestone, Matcher>> = LazyLock::new(|| {
    let raw: BTreeMap<Milestone, Lexicon> =
        toml::from_str(include_str!("../../rules/milestones.toml"))
            .expect("built-in rules/milestones.toml is valid");
    raw.into_iter()
        .filter_map(|(m, lex)| {
            Some((
                m,
                Matcher {
                    phrases: words_regex(&lex.phrases)?,
                    unless: words_regex(&lex.unless),
                },
            ))
        })
        .collect()
});

static NEGATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:not|no|never|without|n't)\s+(?:\w+\s+)?$").expect("static regex")
});

/// Whether `text` (an entry's description) names milestone `m`.
pub fn names(m: Milestone, text: &str) -> bool {
    let Some(matcher) = MATCHERS.get(&m) else {
        return false;
    };
    if matcher.unless.as_ref().is_some_and(|u| u.is_match(text)) {
        return false;
    }
    matcher
        .phrases
        .find_iter(text)
        .any(|hit| !NEGATION.is_match(&text[..hit.start()]))
}

/// An entry's description as prose (code, URLs and Markdown punctuation blanked).
pub fn description(doc: &Document, entry: &Entry) -> String {
    let mut out = String::new();
    for span in &entry.text {
        if span.start <= span.end && span.end <= doc.prose.len() {
            out.push_str(doc.prose(span));
            out.push(' ');
        }
    }
    out
}

/// The milestones an entry names.
pub fn of_entry(doc: &Document, entry: &Entry) -> Vec<Milestone> {
    let text = description(doc, entry);
    Milestone::ALL
        .into_iter()
        .filter(|&m| names(m, &text))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_loads_for_every_milestone() {
        for m in Milestone::ALL {
            assert!(MATCHERS.contains_key(&m), "{m:?}");
        }
    }

    #[test]
    fn phrases_exclusions_and_negation() {
        use Milestone::*;
        let cases = [
            (
                "CheckoutLatencyHigh alert fired; on-call engineer paged",
                Detection,
                true,
            ),
            (
                "warning posted to #alerts; warnings do not page",
                Detection,
                false,
            ),
            (
                "Support escalates a spike in tickets; on-call paged",
                Detection,
                true,
            ),
            (
                "Rolled back checkout-service to 2026.03.13-1; mitigated",
                Mitigation,
                true,
            ),
            ("Incident declared, rollback attempted", Mitigation, false),
            ("Decision to roll back the release", Mitigation, false),
            (
                "Retry backlog drained; checkout recovered and back to normal",
                Resolution,
                true,
            ),
            (
                "The bug is resolved, but builds are still broken",
                Resolution,
                false,
            ),
            ("The issue was not resolved", Resolution, false),
            (
                "Page acknowledged; incident INC-2291 declared",
                Acknowledgement,
                true,
            ),
            (
                "promoted to 100%; impact starts as p99 climbs",
                ImpactStart,
                true,
            ),
            ("Reverted the paging config", Detection, false),
        ];
        for (text, m, want) in cases {
            assert_eq!(names(m, text), want, "{m:?}: {text}");
        }
    }
}
