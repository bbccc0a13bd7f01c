//! Phrase lexicons kept as data (`rules/*.toml`): all of a lexicon's patterns are compiled
//! into one regex so a block of prose is scanned once, whatever the number of phrases.

use regex::Regex;
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

/// One lexicon: its entries and the single regex that finds all of them.
#[derive(Debug)]
pub struct Lexicon {
    pub entries: Vec<Entry>,
    regex: Regex,
    /// Capture group index of each entry in `regex`.
    groups: Vec<usize>,
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
        let mut alternatives = Vec::with_capacity(entries.len());
        let mut groups = Vec::with_capacity(entries.len());
        let mut next_group = 1;
        for entry in &entries {
            let alt = entry.patterns.join("|");
            // Validate each entry alone so an error names the entry, and count its own
            // groups so the combined regex's group numbers stay known.
            let own = Regex::new(&alt)
                .map_err(|e| format!("invalid pattern in family {:?}: {e}", entry.family))?;
            groups.push(next_group);
            next_group += own.captures_len();
            alternatives.push(format!("({alt})"));
        }
        let combined = format!(r"(?i)\b(?:{})\b", alternatives.join("|"));
        let regex = regex::RegexBuilder::new(&combined)
            .size_limit(1 << 24)
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Lexicon {
            entries,
            regex,
            groups,
        })
    }

    /// Every match in `text`, left to right, without overlaps.
    pub fn find<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Hit> + 't {
        self.regex.captures_iter(text).filter_map(|caps| {
            let whole = caps.get(0)?;
            let entry = self.groups.iter().position(|&g| caps.get(g).is_some())?;
            Some(Hit {
                entry,
                start: whole.start(),
                end: whole.end(),
            })
        })
    }
}

/// Fill `{match}` in a message template.
pub fn render(template: &str, matched: &str) -> String {
    template.replace("{match}", matched)
}
