//! Phrase lexicons kept as data (`rules/*.toml`): all of a lexicon's patterns are compiled
//! into one multi-pattern regex so a block of prose is scanned once, whatever the number
//! of phrases. The match's pattern id names the entry, so no capture groups are needed.
//!
//! The lazy DFA cannot check Unicode word boundaries once it meets a non-ASCII character
//! (an em dash, a curly quote, an accent), and the regex then falls back to a much slower
//! engine for the whole block. So a second regex, the same patterns without the word
//! boundaries, finds with the DFA where a match may start; the bounded regex only runs
//! anchored at those places. Every bounded match is also a match of the unbounded
//! patterns, so this finds exactly what the bounded regex alone would.

use regex_automata::meta::Regex;
use regex_automata::{Anchored, Input};
use serde::Deserialize;

use crate::diagnostic::Severity;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum SubjectRule {
    #[default]
    Any,
    Person,
    OtherPerson,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NextWord {
    Participle,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub family: String,
    pub severity: Severity,
    #[serde(default)]
    pub self_severity: Option<Severity>,
    #[serde(default)]
    pub subject: SubjectRule,
    #[serde(default)]
    pub next: Option<NextWord>,
    #[serde(default)]
    pub clause_start: bool,
    pub patterns: Vec<String>,
    #[serde(default)]
    pub unless_followed_by: Vec<String>,
    #[serde(default)]
    pub unless_preceded_by: Vec<String>,
    /// Only flag when the whole text (an action item) has at most this many words.
    #[serde(default)]
    pub max_words: Option<usize>,
    pub message: String,
    pub help: String,
    /// A rewrite offered as a suggestion; "" means "delete the words".
    #[serde(default)]
    pub replacement: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    entry: Vec<Entry>,
}

/// One lexicon: its entries and the single regex that finds all of them (pattern `i` is
/// entry `i`).
#[derive(Debug)]
pub struct Lexicon {
    pub entries: Vec<Entry>,
    regex: Regex,
    /// All patterns without word boundaries, as one alternation.
    starts: Regex,
}

/// A match: which entry, and where in the scanned text.
#[derive(Debug, Clone)]
pub struct Hit {
    pub entry: usize,
    pub start: usize,
    pub end: usize,
}

impl Lexicon {
    pub fn from_toml(source: &str) -> Result<Lexicon, String> {
        let file: File = toml::from_str(source).map_err(|e| e.to_string())?;
        Lexicon::new(file.entry)
    }

    pub fn new(entries: Vec<Entry>) -> Result<Lexicon, String> {
        // Leftmost-first over patterns in order is the same as one alternation
        // `\b(?:(e0)|(e1)|…)\b`: at each position the first entry that matches wins.
        let patterns: Vec<String> = entries
            .iter()
            .map(|e| format!(r"(?i)\b(?:{})\b", e.patterns.join("|")))
            .collect();
        let config = Regex::config()
            .nfa_size_limit(Some(1 << 24))
            .which_captures(regex_automata::nfa::thompson::WhichCaptures::Implicit);
        let regex = Regex::builder()
            .configure(config.clone())
            .build_many(&patterns)
            .map_err(|e| match e.pattern() {
                Some(p) => format!(
                    "invalid pattern in family {:?}: {e}",
                    entries[p.as_usize()].family
                ),
                None => e.to_string(),
            })?;
        let all: Vec<String> = entries.iter().map(|e| e.patterns.join("|")).collect();
        let starts = Regex::builder()
            .configure(config)
            .build(&format!("(?i)(?:{})", all.join("|")))
            .map_err(|e| e.to_string())?;
        Ok(Lexicon {
            entries,
            regex,
            starts,
        })
    }

    /// Every match in `text`, left to right, without overlaps.
    pub fn find<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Hit> + 't {
        let mut from = 0;
        std::iter::from_fn(move || {
            while from <= text.len() {
                // The leftmost place at or after `from` where an unbounded pattern matches:
                // no bounded match can start before it.
                let at = self.starts.search(&Input::new(text).range(from..))?.start();
                let here = Input::new(text).range(at..).anchored(Anchored::Yes);
                match self.regex.search(&here) {
                    Some(m) => {
                        // After an empty match, the next one starts further on (as in
                        // `find_iter`).
                        from = if m.is_empty() {
                            next_char(text, m.end())
                        } else {
                            m.end()
                        };
                        return Some(Hit {
                            entry: m.pattern().as_usize(),
                            start: m.start(),
                            end: m.end(),
                        });
                    }
                    None => from = next_char(text, at),
                }
            }
            None
        })
    }
}

/// The offset after the character at `at` (past the end when `at` is the end).
fn next_char(text: &str, at: usize) -> usize {
    at + text[at..].chars().next().map_or(1, char::len_utf8)
}

/// Fill `{match}` in a message template.
pub fn render(template: &str, matched: &str) -> String {
    template.replace("{match}", matched)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The two-regex search finds exactly what the bounded regex finds on its own,
    /// including next to non-ASCII letters, where only the Unicode word boundary tells.
    #[test]
    fn finds_exactly_what_the_bounded_regex_finds() {
        let lexicon = Lexicon::from_toml(include_str!("../../rules/blame.toml")).unwrap();
        let texts = [
            "The outage was caused by human error — obviously.",
            "éhuman error, human errorë, 人human error, “human error”, human errors😀",
            "Kevin shouldn’t have; he clearly should have known. Careless—careless!",
            "carelessly careless carelessness éclearly clearlyé clearly",
            "",
            "😀",
        ];
        for text in texts {
            let ours: Vec<(usize, usize, usize)> = lexicon
                .find(text)
                .map(|h| (h.entry, h.start, h.end))
                .collect();
            let plain: Vec<(usize, usize, usize)> = lexicon
                .regex
                .find_iter(text)
                .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                .collect();
            assert_eq!(ours, plain, "{text}");
        }
        assert!(!lexicon.find("éhuman error").any(|_| true));
    }
}
