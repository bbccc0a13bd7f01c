//! Incident milestones (impact start, detection, acknowledgement, mitigation, resolution)
//! recognised in timeline entries by keywords kept as data in `rules/milestones.toml`.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use super::Entry;
use super::phrases::{PhraseSet, words};
use crate::document::Document;
use std::ops::Range;

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
    #[serde(default)]
    not_after: Vec<String>,
    #[serde(default = "yes")]
    progressive: bool,
}

fn yes() -> bool {
    true
}

struct Matcher {
    phrases: PhraseSet,
    unless: PhraseSet,
    /// Words that cancel a phrase right before it ("to resolve": a purpose, not a result).
    not_after: Vec<String>,
}

/// Words matched exactly as written ("attempted", "decision to").
fn exact_words(words: &[String]) -> PhraseSet {
    let phrases = words
        .iter()
        .map(|w| {
            w.split_whitespace()
                .map(|w| vec![w.to_lowercase()])
                .collect()
        })
        .collect();
    PhraseSet::new(phrases, false)
}

/// One word of a milestone phrase and its forms: a base word of letters also matches its
/// -s, -ed and -ing forms ("report" → "reports", "reported", "reporting"; the -ing form
/// only when `progressive`); a word written in an -ed or -ing form, or with digits
/// ("paged", "404"), matches only as written.
fn word_forms(word: &str, progressive: bool) -> Vec<String> {
    let w = word.to_lowercase();
    let inflect = w.len() >= 4
        && w.chars().all(|c| c.is_ascii_alphabetic())
        && !w.ends_with("ed")
        && !w.ends_with("ing");
    if !inflect {
        return vec![w];
    }
    let mut forms = crate::document::action_data::inflections(&w);
    forms.retain(|f| progressive || !f.ends_with("ing"));
    forms
}

/// Milestone phrases by word form; the words of a phrase may be split by a line break or
/// a hyphen ("rolled-back").
fn phrase_set(phrases: &[String], progressive: bool) -> PhraseSet {
    let phrases = phrases
        .iter()
        .map(|p| {
            p.split_whitespace()
                .map(|w| word_forms(w, progressive))
                .collect()
        })
        .collect();
    PhraseSet::new(phrases, true)
}

static MATCHERS: LazyLock<BTreeMap<Milestone, Matcher>> = LazyLock::new(|| {
    let raw: BTreeMap<Milestone, Lexicon> =
        toml::from_str(include_str!("../../rules/milestones.toml"))
            .expect("built-in rules/milestones.toml is valid");
    raw.into_iter()
        .filter(|(_, lex)| !lex.phrases.is_empty())
        .map(|(m, lex)| {
            (
                m,
                Matcher {
                    phrases: phrase_set(&lex.phrases, lex.progressive),
                    unless: exact_words(&lex.unless),
                    not_after: lex.not_after.iter().map(|w| w.to_lowercase()).collect(),
                },
            )
        })
        .collect()
});

static NEGATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\b(?-u:not|no|never|without)|n['’]t)\s+(?:\S+\s+)?$").expect("static regex")
});

/// Compile the matchers now (see `engine::warm_up_in_background`).
pub(crate) fn warm_up() {
    LazyLock::force(&MATCHERS);
    LazyLock::force(&NEGATION);
}

/// Whether `text` (an entry's description) names milestone `m`.
pub fn names(m: Milestone, text: &str) -> bool {
    names_in(m, text, &words(text))
}

/// [`names`] on a text whose words are already split.
fn names_in(m: Milestone, text: &str, words: &[Range<usize>]) -> bool {
    let Some(matcher) = MATCHERS.get(&m) else {
        return false;
    };
    if matcher.unless.is_match_in(text, words) {
        return false;
    }
    matcher.phrases.find_in(text, words).any(|hit| {
        let before = &text[..hit.start];
        // "#alerts" and "@reporter" are a channel and a handle, not the words.
        let word_before = before
            .trim_end()
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_lowercase();
        !before.ends_with(['#', '@'])
            && !NEGATION.is_match(before)
            && !matcher.not_after.contains(&word_before)
    })
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

/// An entry's description with its words split once, for asking about several milestones.
pub struct Description {
    text: String,
    words: Vec<Range<usize>>,
}

impl Description {
    pub fn of(doc: &Document, entry: &Entry) -> Description {
        let text = description(doc, entry);
        let words = words(&text);
        Description { text, words }
    }

    /// [`names`] on this description.
    pub fn names(&self, m: Milestone) -> bool {
        names_in(m, &self.text, &self.words)
    }
}

/// The milestones an entry names.
pub fn of_entry(doc: &Document, entry: &Entry) -> Vec<Milestone> {
    let text = description(doc, entry);
    let words = words(&text);
    Milestone::ALL
        .into_iter()
        .filter(|&m| names_in(m, &text, &words))
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

    #[test]
    fn words_match_in_every_form() {
        use Milestone::*;
        let cases = [
            ("Customers reporting failed payments", Detection, true),
            (
                "Monitoring posts alerts to the on-call channel",
                Detection,
                true,
            ),
            ("We realised the queue had stalled", Detection, true),
            (
                "On-call engineer identifies the failing shard",
                Detection,
                true,
            ),
            ("The status page loads slowly", Detection, false),
            ("Engineer reverting the feature flag", Mitigation, true),
            ("Driver downgraded by hand", Mitigation, true),
            ("A revert was attempted but conflicted", Mitigation, false),
            (
                "Downgrading the driver solved the crash loop",
                Resolution,
                true,
            ),
            ("Parser bug permanently fixed in 4.2", Resolution, true),
            (
                "The deploy restores the previous behaviour",
                Resolution,
                true,
            ),
            (
                "Deploys code to restore the previous behaviour",
                Resolution,
                false,
            ),
            ("Work starts on a fix for the parser", Resolution, false),
            ("The replica is not recovering", Resolution, false),
            ("Traffic rolled-back to the old region", Mitigation, true),
            (
                "Team recovering the cluster from snapshots",
                Resolution,
                false,
            ),
            ("Job started to resolve the stuck queue", Resolution, false),
            ("We need to roll back", Mitigation, false),
            ("The disk can’t be fixed in place", Resolution, false),
            ("Bot notifying users of the maintenance", Detection, false),
            ("Engineer notified by a customer", Detection, true),
        ];
        for (text, m, want) in cases {
            assert_eq!(names(m, text), want, "{m:?}: {text}");
        }
    }
}
