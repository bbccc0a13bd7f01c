//! Who is doing it? A small, deliberately conservative reading of the words before a verb,
//! to tell "Kevin failed to follow the runbook" (a person) from "the health check failed to
//! respond" (a system). An unknown subject is treated as not a person.

use serde::Deserialize;
// Word lists looked up per word around every wording hit: a fast non-keyed hash.
use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// Someone other than the writers: a name, an @handle, "he", "the engineer".
    Other,
    /// The writers themselves: "we", "I".
    Myself,
    /// "they": people as often as pods, so only verbs that only people do count.
    They,
    /// A system, or nothing we can tell.
    Unknown,
}

#[derive(Deserialize)]
struct PeopleFile {
    #[serde(rename = "self")]
    myself: Vec<String>,
    pronouns: Vec<String>,
    roles: Vec<String>,
    not_names: Vec<String>,
    names: Vec<String>,
}

struct People {
    myself: HashSet<String>,
    pronouns: HashSet<String>,
    roles: HashSet<String>,
    not_names: HashSet<String>,
    names: HashSet<String>,
}

static PEOPLE: LazyLock<People> = LazyLock::new(|| {
    let f: PeopleFile = toml::from_str(include_str!("../../rules/people.toml"))
        .expect("built-in rules/people.toml is valid");
    let set = |v: Vec<String>| v.into_iter().collect::<HashSet<_>>();
    People {
        myself: set(f.myself),
        pronouns: set(f.pronouns),
        roles: set(f.roles),
        not_names: set(f.not_names),
        names: set(f.names),
    }
});

/// Words that may stand between a subject and its verb: "he probably should have",
/// "the developer then forgot".
const SKIPPABLE: &[&str] = &[
    "probably",
    "really",
    "also",
    "then",
    "simply",
    "just",
    "clearly",
    "obviously",
    "definitely",
    "certainly",
    "still",
    "actually",
    "apparently",
    "likely",
    "had",
    "has",
    "have",
    "may",
    "might",
    "must",
    "did",
    "does",
    "do",
    "will",
    "not",
    "never",
    "always",
    "accidentally",
    "unfortunately",
    "initially",
    "again",
    "already",
    "ever",
    "repeatedly",
    "completely",
    "somehow",
    "subsequently",
    "later",
    "immediately",
    "all",
    "both",
    "themselves",
    "himself",
    "herself",
    "mistakenly",
    "unknowingly",
    "inadvertently",
    "unintentionally",
    "simply",
    "totally",
    "entirely",
    "previously",
    "originally",
];

/// Words that start a new clause: what stands before them is not the subject.
const CLAUSE_WORDS: &[&str] = &[
    "and", "but", "because", "so", "since", "when", "while", "although", "though", "as", "that",
    "which", "who", "where", "if", "then", "until", "after", "before", "once", "or", "whereas",
    "unless", "why", "how",
];

/// Words that show a finite verb between a subject and our verb (then it is not the subject).
const FINITE: &[&str] = &[
    "is", "was", "were", "are", "be", "been", "being", "had", "has", "have", "did", "does", "do",
    "got", "gets", "made", "makes", "ran", "runs", "took", "saw", "said", "says",
];

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "our", "their", "his", "her", "this", "that", "one", "another", "each",
    "every", "some", "any", "no", "its", "my", "your", "these", "those",
];

/// How far back a clause may reach. Looking further would make a block with many
/// matches quadratic, and no English subject sits 300 bytes before its verb.
const LOOK_BEHIND: usize = 300;
const LOOK_AHEAD: usize = 80;

/// At most `LOOK_BEHIND` bytes of `text` before `at`, cut on a character boundary.
pub fn window_before(text: &str, at: usize) -> &str {
    let mut start = at.saturating_sub(LOOK_BEHIND);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..at]
}

/// At most `LOOK_AHEAD` bytes of `text` after `at`, cut on a character boundary.
pub fn window_after(text: &str, at: usize) -> &str {
    let mut end = (at + LOOK_AHEAD).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[at..end]
}

/// Who is the subject of the verb that starts at byte `at` of `text` (one block of prose)?
pub fn subject_before(text: &str, at: usize) -> Who {
    let before = window_before(text, at);
    let (clause, boundary) = clause_before(before);
    let words: Vec<&str> = clause
        .split(|c: char| c.is_whitespace() || c == ',' || c == '"' || c == '“' || c == '”')
        .filter(|w| !w.is_empty())
        .collect();
    let mut end = words.len();
    while end > 0 && is_one_of(SKIPPABLE, words[end - 1]) {
        end -= 1;
    }
    let words = &words[..end];
    // "Appointing an incident manager could have helped": an activity, not a person.
    if words.first().is_some_and(|w| {
        let w = w.to_lowercase();
        w.len() > 4 && w.ends_with("ing") && classify(&w, false) == Who::Unknown
    }) {
        return Who::Unknown;
    }
    let Some(&last) = words.last() else {
        // "the engineer who forgot …": a relative "who" stands for a person.
        return if boundary == Some("who") {
            Who::Other
        } else {
            Who::Unknown
        };
    };
    let who = classify(
        last,
        words.len() >= 2 && is_name_like(words[words.len() - 2]),
    );
    if who != Who::Unknown {
        return who;
    }
    head_of_noun_phrase(words)
}

/// The words of the clause that ends at the end of `before`, and the clause word (if any)
/// that opened it.
fn clause_before(before: &str) -> (&str, Option<&'static str>) {
    // The clause starts after the last sentence or clause punctuation, found from the end.
    // A "." only ends a sentence before whitespace.
    let mut start = 0;
    let mut next: Option<char> = None;
    for (i, c) in before.char_indices().rev() {
        let boundary = match c {
            '!' | '?' | ';' | ':' | '(' | ')' | '—' | '–' | '|' | '\n' => true,
            '.' => next.is_some_and(char::is_whitespace),
            _ => false,
        };
        if boundary {
            start = i + c.len_utf8();
            break;
        }
        next = Some(c);
    }
    let clause = &before[start..];
    let mut opened = None;
    let mut cut = 0;
    let mut offset = 0;
    for word in clause.split_inclusive(char::is_whitespace) {
        let w = word.trim().trim_matches(',');
        if let Some(k) = CLAUSE_WORDS.iter().find(|k| k.eq_ignore_ascii_case(w)) {
            opened = Some(*k);
            cut = offset + word.len();
        } else if word.trim_end().ends_with(',') {
            opened = None;
            cut = offset + word.len();
        }
        offset += word.len();
    }
    (&clause[cut..], opened)
}

/// `word` is in `list` (lower-case ASCII words), whatever its case: no lower-cased copy.
fn is_one_of(list: &[&str], word: &str) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

fn is_name_like(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    w.chars().next().is_some_and(char::is_uppercase) && PEOPLE.names.contains(&w.to_lowercase())
}

/// One word (or handle) on its own: a person, the writers, or unknown.
fn classify(word: &str, prev_is_name: bool) -> Who {
    let trimmed = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '@' && c != '-');
    if trimmed.ends_with("'s") || trimmed.ends_with("’s") || word.ends_with('\'') {
        return Who::Unknown;
    }
    if trimmed.starts_with('@') && trimmed.len() > 1 {
        return Who::Other;
    }
    let lower = trimmed.to_lowercase();
    if PEOPLE.myself.contains(&lower) {
        return Who::Myself;
    }
    if lower == "they" || lower == "them" {
        return Who::They;
    }
    if PEOPLE.pronouns.contains(&lower) || is_role(&lower) {
        return Who::Other;
    }
    let capitalised = trimmed.chars().next().is_some_and(char::is_uppercase);
    if capitalised && PEOPLE.names.contains(&lower) && !PEOPLE.not_names.contains(trimmed) {
        return Who::Other;
    }
    // "Chris F." — a given name followed by an initial.
    if prev_is_name && trimmed.len() == 1 && capitalised {
        return Who::Other;
    }
    Who::Unknown
}

fn is_role(lower: &str) -> bool {
    let roles = &PEOPLE.roles;
    roles.contains(lower)
        || lower
            .strip_suffix('s')
            .is_some_and(|s| roles.contains(s) && !s.is_empty())
        || lower
            .rsplit_once('-')
            .is_some_and(|(_, tail)| roles.contains(tail))
}

/// "The developer creating the pull request misjudged …": when the word right before the
/// verb is not a person, look at the head of the clause's first noun phrase, provided what
/// follows it is a modifier rather than a verb of its own.
fn head_of_noun_phrase(words: &[&str]) -> Who {
    let mut i = 0;
    while i < words.len() && is_one_of(DETERMINERS, words[i]) {
        i += 1;
    }
    // Compound roles: "on-call engineer", "team member", "release manager".
    for head in i..(i + 2).min(words.len()) {
        let who = classify(words[head], false);
        if who == Who::Unknown {
            continue;
        }
        let rest = &words[head + 1..];
        let modifier_only = rest.len() <= 7
            && rest.iter().all(|w| {
                let l = w.to_lowercase();
                !FINITE.contains(&l.as_str()) && !l.ends_with("ed")
            });
        return if modifier_only { who } else { Who::Unknown };
    }
    Who::Unknown
}

/// Past participles that do not end in "-ed"/"-en".
const IRREGULAR_PARTICIPLES: &[&str] = &[
    "been",
    "done",
    "gone",
    "known",
    "seen",
    "run",
    "set",
    "put",
    "caught",
    "built",
    "sent",
    "spent",
    "kept",
    "left",
    "made",
    "told",
    "thought",
    "brought",
    "understood",
    "read",
    "paid",
    "said",
    "found",
    "got",
    "held",
    "led",
    "lost",
    "meant",
    "met",
    "shut",
    "split",
    "spread",
    "struck",
    "stuck",
    "taught",
    "won",
    "begun",
    "drawn",
    "shown",
    "thrown",
    "grown",
    "flown",
    "blown",
    "let",
    "hit",
    "cut",
    "hurt",
    "quit",
    "felt",
    "dealt",
    "slept",
    "swept",
    "sought",
    "bought",
    "fought",
    "heard",
    "sold",
    "sat",
    "stood",
    "rung",
    "sung",
    "drunk",
    "swum",
    "come",
    "become",
    "overcome",
];

/// Is this the past participle of a verb ("posted", "known") rather than a noun phrase
/// ("two replicas", "clear rules")?
pub fn is_participle(word: &str) -> bool {
    let w = word
        .trim_matches(|c: char| !c.is_alphabetic())
        .to_lowercase();
    if w.len() < 3 {
        return false;
    }
    IRREGULAR_PARTICIPLES.contains(&w.as_str())
        || (w.ends_with("ed")
            && !matches!(
                w.as_str(),
                "need" | "speed" | "feed" | "seed" | "red" | "bed"
            ))
        || (w.ends_with("en")
            && !matches!(
                w.as_str(),
                "token"
                    | "open"
                    | "even"
                    | "often"
                    | "screen"
                    | "when"
                    | "then"
                    | "kitchen"
                    | "garden"
            ))
}

/// The first word after byte `at`.
pub fn next_word(text: &str, at: usize) -> &str {
    let rest = text[at..].trim_start();
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .unwrap_or(rest.len());
    &rest[..end]
}

/// Does the match at `start` open a sentence or clause ("Obviously, …", "…; clearly the …")?
pub fn at_clause_start(text: &str, start: usize) -> bool {
    let before = window_before(text, start).trim_end();
    if before.is_empty() {
        return true;
    }
    if before.ends_with(['.', '!', '?', ';', ':', '—', '–', '(']) {
        return true;
    }
    let last = before
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .to_lowercase();
    matches!(last.as_str(), "and" | "but" | "so" | "because")
}

/// Is the wording negated or talked about rather than used: "not human error", "operator
/// error is never a root cause", "we avoid saying careless", "a blameless review"?
pub fn negated_or_meta(text: &str, start: usize, end: usize) -> bool {
    let before = window_before(text, start).to_lowercase();
    let window: Vec<&str> = before
        .split(|c: char| c.is_whitespace() || c == ',' || c == '"' || c == '“' || c == '(')
        .filter(|w| !w.is_empty())
        .rev()
        .take(5)
        .collect();
    let (clause, _) = clause_before(window_before(text, start));
    let clause_len = clause.split_whitespace().count();
    let near = &window[..window.len().min(clause_len.max(1) + 1)];
    let negators = [
        "not",
        "never",
        "no",
        "without",
        "rather",
        "instead",
        "avoid",
        "avoids",
        "blameless",
        "neither",
        "nor",
        "isn't",
        "wasn't",
        "aren't",
        "weren't",
        "don't",
        "doesn't",
        "didn't",
        "term",
        "word",
        "words",
        "phrase",
        "called",
        "calling",
        "label",
        "labels",
    ];
    if near.iter().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
        negators.contains(&w) || w.ends_with("n't")
    }) {
        return true;
    }
    let after = window_after(text, end).trim_start().to_lowercase();
    [
        "is never",
        "is not",
        "isn't",
        "was not",
        "wasn't",
        "are never",
        "are not",
        "aren't",
        "is rarely",
        "is almost never",
        "was never",
        "\"",
        "”",
    ]
    .iter()
    .any(|p| after.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who(sentence: &str, verb: &str) -> Who {
        subject_before(sentence, sentence.find(verb).unwrap())
    }

    #[test]
    fn people_and_systems() {
        assert_eq!(
            who("Kevin failed to follow the runbook.", "failed"),
            Who::Other
        );
        assert_eq!(
            who("The health check failed to respond.", "failed"),
            Who::Unknown
        );
        assert_eq!(
            who("he probably should have switched", "should"),
            Who::Other
        );
        assert_eq!(who("@ana did not alert others", "did not"), Who::Other);
        assert_eq!(who("we forgot to renew it", "forgot"), Who::Myself);
        assert_eq!(
            who(
                "The developer creating the pull request misjudged the impact",
                "misjudged"
            ),
            Who::Other
        );
        assert_eq!(
            who("Why did the developer forget to check", "forget"),
            Who::Other
        );
        assert_eq!(
            who(
                "The engineer deployed a config that failed to load",
                "failed"
            ),
            Who::Unknown
        );
        assert_eq!(
            who("Kevin's change failed to deploy", "failed"),
            Who::Unknown
        );
        assert_eq!(
            who("Traefik failed to route requests", "failed"),
            Who::Unknown
        );
        assert_eq!(
            who("The on-call engineer ignored the page", "ignored"),
            Who::Other
        );
    }

    #[test]
    fn participles() {
        assert!(is_participle("posted"));
        assert!(is_participle("known"));
        assert!(!is_participle("two"));
        assert!(!is_participle("clear"));
    }

    #[test]
    fn negation_and_meta() {
        let t = "Operator error is never a root cause.";
        assert!(negated_or_meta(t, 0, 14));
        let t = "This was not human error.";
        assert!(negated_or_meta(t, 13, 24));
        let t = "The outage was caused by human error.";
        assert!(!negated_or_meta(t, 25, 36));
    }
}
