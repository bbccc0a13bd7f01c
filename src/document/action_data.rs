//! The word lists of `rules/action_items.toml`, parsed once: placeholders, column words,
//! completion markers, verbs and follow-up-review patterns used to read action items and
//! by the action-item rules.

use std::collections::BTreeMap;

// Word lists looked up per word of every action item: a fast non-keyed hash.
use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

const SOURCE: &str = include_str!("../../rules/action_items.toml");

/// The parsed lists; see `rules/action_items.toml` for what each one means.
pub static DATA: LazyLock<ActionData> = LazyLock::new(|| {
    let raw: Raw = toml::from_str(SOURCE).expect("built-in rules/action_items.toml is valid");
    ActionData::from_raw(raw).expect("built-in rules/action_items.toml has valid patterns")
});

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    owner: RawOwner,
    columns: RawColumns,
    due: RawDue,
    done: RawDone,
    vague: RawVague,
    follow_up_review: RawFollowUp,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOwner {
    placeholders: Vec<String>,
    not_names: Vec<String>,
    product_words: Vec<String>,
    team_words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawColumns {
    action: Vec<String>,
    owner: Vec<String>,
    due: Vec<String>,
    ticket: Vec<String>,
    priority: Vec<String>,
    #[serde(rename = "type")]
    kind: Vec<String>,
    status: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDue {
    placeholders: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDone {
    status: Vec<String>,
    headings: Vec<String>,
    past_openers: Vec<String>,
    irregular_past: Vec<String>,
    not_past: Vec<String>,
    adjectival: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVague {
    min_words: usize,
    open_ended: Vec<String>,
    deliverables: Vec<String>,
    verbs: Vec<String>,
    nominalisations: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFollowUp {
    patterns: Vec<String>,
    front_matter_keys: Vec<String>,
}

pub struct ActionData {
    pub owner_placeholders: HashSet<String>,
    pub not_names: HashSet<String>,
    pub product_words: HashSet<String>,
    pub team_words: HashSet<String>,
    /// Column kind name ("action", "owner", …) and its header words.
    pub columns: Vec<(&'static str, HashSet<String>)>,
    pub due_placeholders: HashSet<String>,
    pub done_status: HashSet<String>,
    pub done_headings: Vec<String>,
    pub past_openers: Vec<Vec<String>>,
    pub irregular_past: HashSet<String>,
    pub not_past: HashSet<String>,
    pub adjectival: HashSet<String>,
    pub min_words: usize,
    pub open_ended: Vec<String>,
    pub deliverables: Vec<String>,
    /// Every inflected form of every verb.
    pub verb_forms: HashSet<String>,
    pub nominalisations: BTreeMap<String, String>,
    pub follow_up: Regex,
    pub follow_up_keys: Vec<String>,
}

fn set(words: Vec<String>) -> HashSet<String> {
    words.into_iter().map(|w| w.to_lowercase()).collect()
}

impl ActionData {
    fn from_raw(raw: Raw) -> Result<ActionData, regex::Error> {
        let c = raw.columns;
        let columns = vec![
            ("action", set(c.action)),
            ("owner", set(c.owner)),
            ("due", set(c.due)),
            ("ticket", set(c.ticket)),
            ("priority", set(c.priority)),
            ("type", set(c.kind)),
            ("status", set(c.status)),
        ];
        let follow_up = Regex::new(&format!(
            // Matched case-sensitively on ASCII-lowercased prose (see `follow_up_in`):
            // a case-insensitive regex loses its literal prefilter and scans 40 times
            // slower. ASCII word boundaries keep the DFA on across non-ASCII text.
            r"(?-u:\b)(?:{})(?-u:\b)",
            raw.follow_up_review.patterns.join("|")
        ))?;
        let mut openers: Vec<Vec<String>> = raw
            .done
            .past_openers
            .iter()
            .map(|o| o.split_whitespace().map(str::to_lowercase).collect())
            .collect();
        // Longest first, so "we have" is tried before "we".
        openers.sort_by_key(|o: &Vec<String>| std::cmp::Reverse(o.len()));
        Ok(ActionData {
            owner_placeholders: set(raw.owner.placeholders),
            not_names: set(raw.owner.not_names),
            product_words: set(raw.owner.product_words),
            team_words: set(raw.owner.team_words),
            columns,
            due_placeholders: set(raw.due.placeholders),
            done_status: set(raw.done.status),
            done_headings: raw.done.headings,
            past_openers: openers,
            irregular_past: set(raw.done.irregular_past),
            not_past: set(raw.done.not_past),
            adjectival: set(raw.done.adjectival),
            min_words: raw.vague.min_words,
            open_ended: raw.vague.open_ended,
            deliverables: raw.vague.deliverables,
            verb_forms: raw
                .vague
                .verbs
                .iter()
                .flat_map(|v| inflections(v))
                .collect(),
            nominalisations: raw.vague.nominalisations,
            follow_up,
            follow_up_keys: raw.follow_up_review.front_matter_keys,
        })
    }

    /// True when `word` (any case) is a form of one of the action verbs.
    pub fn is_verb(&self, word: &str) -> bool {
        self.verb_forms.contains(&word.to_lowercase())
    }

    /// True when `word` reads as a past tense ("switched", "re-worked", "wrote").
    pub fn is_past(&self, word: &str) -> bool {
        let w = word.to_lowercase();
        self.irregular_past.contains(&w)
            || (w.len() >= 4 && w.ends_with("ed") && !self.not_past.contains(&w))
    }
}

/// A verb's base, -s, -ed and -ing forms, with the usual spelling changes ("create" →
/// "creating", "stop" → "stopped", "apply" → "applied"). Also used for the timeline's
/// milestone words.
pub(crate) fn inflections(verb: &str) -> Vec<String> {
    let v = verb.to_lowercase();
    let mut out = vec![v.clone()];
    let chars: Vec<char> = v.chars().collect();
    let last = chars.last().copied().unwrap_or(' ');
    let vowel = |c: char| "aeiou".contains(c);
    if let Some(stem) = v.strip_suffix('e') {
        out.push(format!("{v}s"));
        out.push(format!("{v}d"));
        out.push(format!("{stem}ing"));
    } else if let Some(stem) = v.strip_suffix('y').filter(|s| !s.ends_with(vowel)) {
        out.push(format!("{stem}ies"));
        out.push(format!("{stem}ied"));
        out.push(format!("{v}ing"));
    } else {
        let es = ["s", "x", "z", "ch", "sh"].iter().any(|e| v.ends_with(e));
        out.push(if es {
            format!("{v}es")
        } else {
            format!("{v}s")
        });
        out.push(format!("{v}ed"));
        out.push(format!("{v}ing"));
        // Short verbs ending consonant-vowel-consonant double it: stop → stopped.
        let n = chars.len();
        if n >= 3 && !vowel(last) && vowel(chars[n - 2]) && !vowel(chars[n - 3]) {
            out.push(format!("{v}{last}ed"));
            out.push(format!("{v}{last}ing"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_lists_load() {
        assert!(DATA.owner_placeholders.contains("tbd"));
        assert!(DATA.due_placeholders.contains("asap"));
        assert!(DATA.follow_up.is_match("follow-up review: 2026-04-01"));
        assert!(
            !DATA.follow_up.is_match("Follow-up review"),
            "matched on lower-cased text"
        );
        assert!(!DATA.follow_up.is_match("follow-up improvements"));
    }

    #[test]
    fn verbs_are_recognised_in_every_form() {
        for w in [
            "Add", "adding", "creates", "created", "stopped", "applies", "fixes", "set",
        ] {
            assert!(DATA.is_verb(w), "{w}");
        }
        for w in ["Database", "Quarterly", "tooling"] {
            assert!(!DATA.is_verb(w), "{w}");
        }
    }

    #[test]
    fn past_tenses() {
        for w in ["Switched", "re-worked", "wrote"] {
            assert!(DATA.is_past(w), "{w}");
        }
        for w in ["need", "Add", "red", "speed"] {
            assert!(!DATA.is_past(w), "{w}");
        }
    }
}
