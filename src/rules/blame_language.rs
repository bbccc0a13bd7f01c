//! `blame-language`: blame-oriented and hindsight wording in prose.

use std::sync::LazyLock;

use super::lexicon::{Lexicon, NextWord, SubjectRule, render};
use super::subject::{self, Who};
use super::{Context, Rule, RuleMeta, meta};
use crate::diagnostic::{Edit, Fix, Severity};
use crate::document::Document;

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    Lexicon::from_toml(include_str!("../../rules/blame.toml"))
        .expect("built-in rules/blame.toml is valid")
});

/// Compile the lexicon now (see `engine::warm_up_in_background`).
pub(crate) fn warm_up() {
    LazyLock::force(&LEXICON);
}

pub struct BlameLanguage {
    meta: RuleMeta,
}

impl BlameLanguage {
    pub fn new() -> Self {
        BlameLanguage {
            meta: meta(
                "blame-language",
                Severity::Error,
                "Blame-oriented or hindsight wording about people",
                DOCS,
            ),
        }
    }
}

const DOCS: &str = r#"
Flags wording that puts a person at the centre of the incident: "human error", a person as
the subject of "should have", "failed to", "forgot to", "ignored", character judgements such
as "careless", and hindsight words such as "obviously". Blame makes people hide what they
did and saw, and an individual's action is never a root cause: it is a symptom of a missing
mechanism. Counterfactuals judge people against a future they could not see.

Only prose is read: code blocks, inline code, URLs, HTML comments and front matter never
are. The subject decides: "the health check failed to respond" is about a system and is
fine; "Kevin failed to follow the runbook" is not. Negated or meta uses ("operator error is
never a root cause") are fine. Self-directed wording ("we should have…") and hindsight words
are reported as warnings, quoted text (chat logs in block quotes) as info.

Bad:

    The outage was caused by human error: Kevin failed to follow the runbook.

Good:

    The runbook step that drains traffic was manual and easy to skip under time pressure.
"#;

impl Default for BlameLanguage {
    fn default() -> Self {
        Self::new()
    }
}

impl Rule for BlameLanguage {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, doc: &Document, cx: &mut Context) {
        for block in &doc.blocks {
            let text = doc.prose(&block.span);
            for hit in LEXICON.find(text) {
                let entry = &LEXICON.entries[hit.entry];
                let Some(severity) = judge(entry, text, hit.start, hit.end) else {
                    continue;
                };
                let severity = if block.in_quote {
                    Severity::Info
                } else {
                    severity
                };
                let start = block.span.start + hit.start;
                let end = block.span.start + hit.end;
                let matched = &doc.text()[start..end];
                let fix = deletion_fix(entry.family.as_str(), doc.text(), start, end);
                let d = cx.report(&self.meta, start..end, render(&entry.message, matched));
                d.help = Some(entry.help.clone());
                d.severity = severity;
                d.fix = fix;
            }
        }
    }
}

/// Decide whether a lexicon hit is blame here, and at which severity.
fn judge(entry: &super::lexicon::Entry, text: &str, start: usize, end: usize) -> Option<Severity> {
    // The windows are lower-cased only for entries that have exceptions to look for.
    if !entry.unless_followed_by.is_empty() {
        let raw_after = subject::window_after(text, end).to_lowercase();
        let after = raw_after.trim_start();
        if entry
            .unless_followed_by
            .iter()
            .any(|w| raw_after.starts_with(w.as_str()) || after.starts_with(w.as_str()))
        {
            return None;
        }
    }
    if !entry.unless_preceded_by.is_empty() {
        let before = subject::window_before(text, start)
            .trim_end()
            .to_lowercase();
        if entry
            .unless_preceded_by
            .iter()
            .any(|w| before.ends_with(w.as_str()))
        {
            return None;
        }
    }
    if entry.clause_start && !subject::at_clause_start(text, start) {
        return None;
    }
    if entry.next == Some(NextWord::Participle) && !active_participle(text, end) {
        return None;
    }
    match entry.subject {
        SubjectRule::Any => (!subject::negated_or_meta(text, start, end)).then_some(entry.severity),
        SubjectRule::Person | SubjectRule::OtherPerson => {
            match subject::subject_before(text, start) {
                Who::Other => Some(entry.severity),
                Who::Myself if entry.subject == SubjectRule::Person => {
                    Some(entry.self_severity.unwrap_or(entry.severity))
                }
                Who::They if only_people_do(&text[start..end]) => Some(entry.severity),
                _ => None,
            }
        }
    }
}

/// "should have posted" (active) — not "should have two replicas" (a noun phrase) nor
/// "should have been drained" (passive: the subject is what was acted on).
fn active_participle(text: &str, at: usize) -> bool {
    let next = subject::next_word(text, at);
    if !subject::is_participle(next) {
        return false;
    }
    if next.eq_ignore_ascii_case("been") {
        let after_been = text[at..].find(next).map_or(at, |i| at + i + next.len());
        return !subject::is_participle(subject::next_word(text, after_been));
    }
    true
}

/// Verbs that pods and jobs never do: with "they" as subject these are about people.
fn only_people_do(matched: &str) -> bool {
    let m = matched.to_lowercase();
    [
        "forgot",
        "forget",
        "neglect",
        "bother",
        "misjudg",
        "misread",
        "should",
        "ought",
        "mistakenly",
    ]
    .iter()
    .any(|v| m.contains(v))
}

/// Hindsight adverbs can simply go: offer to delete the word and its trailing comma/space.
fn deletion_fix(family: &str, text: &str, start: usize, end: usize) -> Option<Fix> {
    if family != "hindsight" || text[start..end].contains(' ') {
        return None;
    }
    // Delete a run of hindsight adverbs at once ("Obviously, clearly …"): removing only
    // the first would leave the next one flagged at the same place.
    let mut cut = end;
    loop {
        let rest = &text[cut..];
        cut += rest.len() - rest.trim_start_matches([',', ' ']).len();
        let next = subject::next_word(text, cut);
        let adjacent = text[cut..].starts_with(char::is_alphabetic);
        if adjacent
            && ["obviously", "clearly"]
                .iter()
                .any(|w| next.eq_ignore_ascii_case(w))
        {
            cut += next.len();
        } else {
            break;
        }
    }
    let mut span = start..cut;
    let mut replacement = String::new();
    // "Obviously the config…" → "The config…": keep the sentence capitalised.
    let starts_upper = text[start..].chars().next().is_some_and(char::is_uppercase);
    if let Some(next) = text[span.end..].chars().next()
        && starts_upper
        && next.is_lowercase()
    {
        replacement.extend(next.to_uppercase());
        span.end += next.len_utf8();
    }
    Some(Fix {
        message: format!("remove “{}”", &text[start..end]),
        edits: vec![Edit { span, replacement }],
    })
}
