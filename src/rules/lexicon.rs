//! Phrase lexicons kept as data (`rules/*.toml`): all of a lexicon's patterns are compiled
//! into one multi-pattern regex so a block of prose is scanned once, whatever the number
//! of phrases. The match's pattern id names the entry, so no capture groups are needed.
//!
//! The regex folds case and finds word boundaries in ASCII only: Unicode case folding and
//! Unicode word boundaries make the automaton several times larger to build (at every
//! start-up), and the lazy DFA gives up on Unicode word boundaries at the first non-ASCII
//! character (an em dash, a curly quote), falling back to a much slower engine. Each match
//! is then checked for Unicode word boundaries at both ends, so "éhuman error" or
//! "human error人" are not matches, exactly as with Unicode `\b`.

use regex_automata::Input;
use regex_automata::meta::Regex;
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
            .map(|e| format!(r"(?i-u)\b(?:{})\b", e.patterns.join("|")))
            .collect();
        // No literal prefilter: prose has a hit every few hundred bytes, where it saves
        // nothing, and building it doubled the lexicon's start-up cost.
        let config = Regex::config()
            .auto_prefilter(false)
            .nfa_size_limit(Some(1 << 24))
            .which_captures(regex_automata::nfa::thompson::WhichCaptures::Implicit);
        let regex = Regex::builder()
            .configure(config)
            .build_many(&patterns)
            .map_err(|e| match e.pattern() {
                Some(p) => format!(
                    "invalid pattern in family {:?}: {e}",
                    entries[p.as_usize()].family
                ),
                None => e.to_string(),
            })?;
        Ok(Lexicon { entries, regex })
    }

    /// Every match in `text`, left to right, without overlaps.
    pub fn find<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Hit> + 't {
        let mut from = 0;
        std::iter::from_fn(move || {
            while from <= text.len() {
                let m = self.regex.search(&Input::new(text).range(from..))?;
                if !(unicode_boundary(text, m.start()) && unicode_boundary(text, m.end())) {
                    from = next_char(text, m.start());
                    continue;
                }
                // After an empty match, the next one starts further on (as in `find_iter`).
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
            None
        })
    }
}

/// Whether `at` is a word boundary in the Unicode sense (a word character on exactly one
/// side). The regex already found an ASCII boundary there; this rejects the ones next to
/// non-ASCII letters.
fn unicode_boundary(text: &str, at: usize) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let before = text[..at].chars().next_back().is_some_and(is_word);
    let after = text[at..].chars().next().is_some_and(is_word);
    before != after
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

    /// The ASCII regex with its boundary check finds exactly what the regex with Unicode
    /// word boundaries finds, including next to non-ASCII letters.
    #[test]
    fn finds_exactly_what_the_bounded_regex_finds() {
        let lexicon = Lexicon::from_toml(include_str!("../../rules/blame.toml")).unwrap();
        let patterns: Vec<String> = lexicon
            .entries
            .iter()
            .map(|e| format!(r"(?i)\b(?:{})\b", e.patterns.join("|")))
            .collect();
        let unicode = Regex::new_many(&patterns).unwrap();
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
            let plain: Vec<(usize, usize, usize)> = unicode
                .find_iter(text)
                .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                .collect();
            assert_eq!(ours, plain, "{text}");
        }
        assert!(!lexicon.find("éhuman error").any(|_| true));
    }
}
