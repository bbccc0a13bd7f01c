//! Declarative rules from TOML packs (format: rules/README.md). A pack rule flags phrases
//! or regexes (`existence`) or flags a phrase and suggests a replacement (`substitution`)
//! in the parts of the document its scope names. Each rule's patterns are compiled once,
//! into one size-limited regex, when the pack is loaded.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::{Arc, LazyLock};

use regex::{Regex, RegexBuilder};
use serde::Deserialize;
use toml::Spanned;

use super::{Context, Rule, RuleMeta};
use crate::config::error::{ConfigError, TomlText};
use crate::config::file::SectionsConfig;
use crate::diagnostic::{Edit, Fix, Severity, Span};
use crate::document::{BlockKind, Document};

/// Upper bound on one rule's compiled regex; a larger pattern is a pack error.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PackFile {
    #[serde(default)]
    #[allow(dead_code)] // `[pack]` documents the pack for people reading it
    pack: PackInfo,
    #[serde(default)]
    sections: SectionsConfig,
    #[serde(default)]
    rule: Vec<RuleSpec>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct PackInfo {
    name: Option<String>,
    description: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RuleSpec {
    id: Spanned<String>,
    #[serde(default = "default_severity")]
    severity: Severity,
    /// Off unless a configuration sets its level.
    #[serde(default = "yes")]
    enabled: bool,
    message: String,
    summary: Option<String>,
    help: Option<String>,
    docs: Option<String>,
    bad: Option<String>,
    good: Option<String>,
    #[serde(default = "default_scope")]
    scope: Vec<Scope>,
    #[serde(default)]
    case_sensitive: bool,
    #[serde(default)]
    unless_preceded_by: Vec<String>,
    #[serde(default)]
    unless_followed_by: Vec<String>,
    check: CheckSpec,
}

fn default_severity() -> Severity {
    Severity::Warning
}

fn yes() -> bool {
    true
}

fn default_scope() -> Vec<Scope> {
    vec![Scope::Prose]
}

/// Externally tagged (`[rule.check.existence]`) so that errors inside keep their spans.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
enum CheckSpec {
    Existence {
        #[serde(default)]
        phrases: Vec<Spanned<String>>,
        #[serde(default)]
        regexes: Vec<Spanned<String>>,
    },
    Substitution {
        swap: BTreeMap<Spanned<String>, String>,
    },
}

/// Where in a document a pack rule looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// Paragraphs, list items and table cells: everything but headings.
    Prose,
    Headings,
    ActionItems,
    Timeline,
    ListItems,
    TableCells,
}

impl Scope {
    fn as_str(self) -> &'static str {
        match self {
            Scope::Prose => "prose",
            Scope::Headings => "headings",
            Scope::ActionItems => "action-items",
            Scope::Timeline => "timeline",
            Scope::ListItems => "list-items",
            Scope::TableCells => "table-cells",
        }
    }
}

/// A loaded pack: its rules and the section synonyms it adds.
pub struct Pack {
    pub rules: Vec<Arc<dyn Rule>>,
    pub sections: SectionsConfig,
}

/// Load and compile the pack at `path`. `origin` names it in errors and in `pmlint rules`;
/// `taken` says whether a rule id is already used (a built-in rule, another pack).
pub fn load(path: &Path, origin: &str, taken: &dyn Fn(&str) -> bool) -> Result<Pack, ConfigError> {
    let file = TomlText::read(path, origin)?;
    from_text(&file, origin, taken)
}

/// Compile a pack from its text (`origin` names it).
pub fn from_text(
    file: &TomlText,
    origin: &str,
    taken: &dyn Fn(&str) -> bool,
) -> Result<Pack, ConfigError> {
    let spec: PackFile = file.parse()?;
    let mut rules: Vec<Arc<dyn Rule>> = Vec::new();
    let mut ids: Vec<&str> = Vec::new();
    for r in &spec.rule {
        let id = r.id.get_ref().as_str();
        let at = r.id.span().start;
        if !is_rule_id(id) {
            return Err(file.error_at(
                at,
                format!("rule id `{id}` must be lowercase words joined by hyphens, like `house-style-rockstar`"),
            ));
        }
        if ids.contains(&id) {
            return Err(file.error_at(at, format!("rule `{id}` is defined twice in this pack")));
        }
        if taken(id) {
            return Err(file.error_at(
                at,
                format!(
                    "rule id `{id}` is already used by another rule; prefix it with the pack's name"
                ),
            ));
        }
        ids.push(id);
        rules.push(Arc::new(PackRule::compile(file, origin, r)?));
    }
    Ok(Pack {
        rules,
        sections: spec.sections,
    })
}

fn is_rule_id(id: &str) -> bool {
    static ID: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[a-z0-9]+(-[a-z0-9]+)*$").expect("valid id regex"));
    ID.is_match(id)
}

pub struct PackRule {
    meta: RuleMeta,
    regex: Regex,
    message: String,
    help: Option<String>,
    scopes: Vec<Scope>,
    case_sensitive: bool,
    unless_preceded_by: Vec<String>,
    unless_followed_by: Vec<String>,
    /// Substitution rules: normalised phrase → replacement.
    swaps: Option<HashMap<String, String>>,
}

impl PackRule {
    fn compile(file: &TomlText, origin: &str, r: &RuleSpec) -> Result<PackRule, ConfigError> {
        let id = r.id.get_ref();
        let at_id = r.id.span().start;
        let mut alternatives: Vec<(String, usize)> = Vec::new();
        let mut swaps = None;
        let flags: String;
        match &r.check {
            CheckSpec::Existence { phrases, regexes } => {
                if phrases.is_empty() && regexes.is_empty() {
                    return Err(file.error_at(
                        at_id,
                        format!("rule `{id}` has neither `phrases` nor `regexes` to look for"),
                    ));
                }
                for p in phrases {
                    alternatives.push((phrase_pattern(file, p)?, p.get_ref().len()));
                }
                for re in regexes {
                    let pattern = re.get_ref();
                    let compiled = build(pattern, r.case_sensitive).map_err(|e| {
                        file.error_at(re.span().start, format!("invalid regex: {e}"))
                    })?;
                    if compiled.is_match("") {
                        return Err(file.error_at(
                            re.span().start,
                            "this regex matches the empty string, so it would match everywhere",
                        ));
                    }
                    alternatives.push((format!("(?:{pattern})"), usize::MAX));
                }
                let mut listed: Vec<String> = phrases
                    .iter()
                    .map(|p| format!("“{}”", p.get_ref()))
                    .collect();
                listed.extend(regexes.iter().map(|p| format!("`{}`", p.get_ref())));
                flags = format!("Flags {}.", listed.join(", "));
            }
            CheckSpec::Substitution { swap } => {
                if swap.is_empty() {
                    return Err(
                        file.error_at(at_id, format!("rule `{id}` has an empty `swap` table"))
                    );
                }
                let mut map = HashMap::new();
                for (phrase, replacement) in swap {
                    alternatives.push((phrase_pattern(file, phrase)?, phrase.get_ref().len()));
                    map.insert(
                        normalise(phrase.get_ref(), r.case_sensitive),
                        replacement.clone(),
                    );
                }
                swaps = Some(map);
                let listed: Vec<String> = swap
                    .iter()
                    .map(|(p, to)| format!("“{}” → “{to}”", p.get_ref()))
                    .collect();
                flags = format!("Suggests {}.", listed.join(", "));
            }
        }
        // Longest phrases first: at one position, "master branch" beats "master".
        alternatives.sort_by_key(|a| std::cmp::Reverse(a.1));
        let combined = alternatives
            .into_iter()
            .map(|(p, _)| p)
            .collect::<Vec<_>>()
            .join("|");
        let regex = build(&combined, r.case_sensitive)
            .map_err(|e| file.error_at(at_id, format!("rule `{id}`: {e}")))?;
        let summary = r.summary.clone().unwrap_or_else(|| {
            r.message
                .replace("{match}", "…")
                .replace("{replacement}", "…")
        });
        let meta = RuleMeta {
            id: id.clone(),
            severity: r.severity,
            default_enabled: r.enabled,
            summary,
            docs: docs(r, &flags),
            origin: origin.to_string(),
        };
        Ok(PackRule {
            meta,
            regex,
            message: r.message.clone(),
            help: r.help.clone(),
            scopes: r.scope.clone(),
            case_sensitive: r.case_sensitive,
            unless_preceded_by: r
                .unless_preceded_by
                .iter()
                .map(|w| fold(w, r.case_sensitive))
                .collect(),
            unless_followed_by: r
                .unless_followed_by
                .iter()
                .map(|w| fold(w, r.case_sensitive))
                .collect(),
            swaps,
        })
    }

    /// Exceptions: a listed word right before or after the match.
    fn excepted(&self, text: &str, start: usize, end: usize) -> bool {
        let before = fold(text[..start].trim_end(), self.case_sensitive);
        let after = fold(text[end..].trim_start(), self.case_sensitive);
        self.unless_preceded_by.iter().any(|w| {
            before
                .strip_suffix(w.as_str())
                .is_some_and(|rest| !rest.ends_with(|c: char| c.is_alphanumeric()))
        }) || self.unless_followed_by.iter().any(|w| {
            after
                .strip_prefix(w.as_str())
                .is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric()))
        })
    }
}

fn fold(s: &str, case_sensitive: bool) -> String {
    if case_sensitive {
        s.to_string()
    } else {
        s.to_lowercase()
    }
}

/// A phrase's key in the swap table: case-folded (unless case-sensitive), spaces collapsed.
fn normalise(s: &str, case_sensitive: bool) -> String {
    fold(
        &s.split_whitespace().collect::<Vec<_>>().join(" "),
        case_sensitive,
    )
}

fn build(pattern: &str, case_sensitive: bool) -> Result<Regex, String> {
    RegexBuilder::new(pattern)
        .case_insensitive(!case_sensitive)
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|e| match e {
            regex::Error::CompiledTooBig(limit) => {
                format!("pattern too large (its compiled form exceeds {limit} bytes)")
            }
            other => other
                .to_string()
                .lines()
                .last()
                .unwrap_or_default()
                .trim()
                .to_string(),
        })
}

/// A literal phrase as a regex: words may be separated by any whitespace (a line break in
/// a paragraph), and a phrase that starts or ends with a word character only matches
/// whole words.
fn phrase_pattern(file: &TomlText, phrase: &Spanned<String>) -> Result<String, ConfigError> {
    let text = phrase.get_ref().trim();
    if text.is_empty() {
        return Err(file.error_at(phrase.span().start, "empty phrase"));
    }
    let body = text
        .split_whitespace()
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join(r"\s+");
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let start = if word(text.chars().next()) { r"\b" } else { "" };
    let end = if word(text.chars().last()) { r"\b" } else { "" };
    Ok(format!("{start}{body}{end}"))
}

/// `pmlint explain` text: the pack's docs, what it flags, where, and its examples.
fn docs(r: &RuleSpec, flags: &str) -> String {
    let mut out = String::new();
    if let Some(d) = &r.docs {
        out.push_str(d.trim());
        out.push_str("\n\n");
    } else if let Some(h) = &r.help {
        out.push_str(h.trim());
        out.push_str("\n\n");
    }
    let scopes: Vec<&str> = r.scope.iter().map(|s| s.as_str()).collect();
    out.push_str(&format!("{flags} Scope: {}.", scopes.join(", ")));
    if !r.unless_preceded_by.is_empty() {
        out.push_str(&format!(
            " Not when preceded by: {}.",
            r.unless_preceded_by.join(", ")
        ));
    }
    if !r.unless_followed_by.is_empty() {
        out.push_str(&format!(
            " Not when followed by: {}.",
            r.unless_followed_by.join(", ")
        ));
    }
    for (label, example) in [("Bad:", &r.bad), ("Good:", &r.good)] {
        if let Some(example) = example {
            out.push_str(&format!("\n\n{label}\n\n"));
            let indented: Vec<String> = example
                .trim_end()
                .lines()
                .map(|l| {
                    if l.is_empty() {
                        String::new()
                    } else {
                        format!("    {l}")
                    }
                })
                .collect();
            out.push_str(&indented.join("\n"));
        }
    }
    out
}

/// The spans a rule with `scopes` reads, without any span inside another.
fn scope_spans(doc: &Document, cx: &Context, scopes: &[Scope]) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    for scope in scopes {
        match scope {
            Scope::ActionItems => {
                spans.extend(cx.action_items().iter().map(|i| i.text_span.clone()))
            }
            Scope::Timeline => spans.extend(cx.timeline().entries.iter().map(|e| e.span.clone())),
            _ => spans.extend(
                doc.blocks
                    .iter()
                    .filter(|b| match scope {
                        Scope::Prose => b.kind != BlockKind::Heading,
                        Scope::Headings => b.kind == BlockKind::Heading,
                        Scope::ListItems => b.kind != BlockKind::Heading && b.item.is_some(),
                        Scope::TableCells => b.kind == BlockKind::TableCell,
                        Scope::ActionItems | Scope::Timeline => false,
                    })
                    .map(|b| b.span.clone()),
            ),
        }
    }
    spans.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        if out.last().is_some_and(|last| s.end <= last.end) {
            continue;
        }
        out.push(s);
    }
    out
}

/// Keep a replacement's case in line with the matched text ("Blacklist" → "Denylist").
fn match_case(matched: &str, replacement: &str) -> String {
    let letters: Vec<char> = matched.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return replacement.to_uppercase();
    }
    let mut chars = replacement.chars();
    match (matched.chars().next(), chars.next()) {
        (Some(m), Some(r)) if m.is_uppercase() && r.is_lowercase() => {
            r.to_uppercase().chain(chars).collect()
        }
        _ => replacement.to_string(),
    }
}

impl Rule for PackRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, doc: &Document, cx: &mut Context) {
        for span in scope_spans(doc, cx, &self.scopes) {
            let text = doc.prose(&span);
            for m in self.regex.find_iter(text) {
                if m.is_empty() || self.excepted(text, m.start(), m.end()) {
                    continue;
                }
                let range = span.start + m.start()..span.start + m.end();
                let matched = &doc.text()[range.clone()];
                let replacement = self.swaps.as_ref().and_then(|swaps| {
                    swaps
                        .get(&normalise(m.as_str(), self.case_sensitive))
                        .map(|r| match_case(m.as_str(), r))
                });
                let message = self
                    .message
                    .replace("{match}", matched)
                    .replace("{replacement}", replacement.as_deref().unwrap_or(""));
                // Offer the rewrite only when the source holds exactly the prose matched
                // (no emphasis markers or line prefixes inside).
                let fix = replacement.filter(|_| matched == m.as_str()).map(|r| Fix {
                    message: format!("replace “{matched}” with “{r}”"),
                    edits: vec![Edit {
                        span: range.clone(),
                        replacement: r,
                    }],
                });
                let d = cx.report(&self.meta, range, message);
                d.help = self.help.clone();
                d.fix = fix;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::source::SourceFile;

    fn pack(text: &str) -> Result<Pack, ConfigError> {
        from_text(&TomlText::new("pack.toml", text), "pack.toml", &|id| {
            id == "blame-language"
        })
    }

    fn run(pack: &Pack, md: &str) -> Vec<(String, String, Option<String>)> {
        let src = SourceFile::new("x.md", md);
        let settings = Settings::default();
        let doc = crate::document::markdown::parse(&src, &settings.catalog);
        let mut cx = Context::new(&doc, &settings);
        for r in &pack.rules {
            r.check(&doc, &mut cx);
        }
        cx.diagnostics
            .iter()
            .map(|d| {
                (
                    src.text[d.span.clone()].to_string(),
                    d.message.clone(),
                    d.fix.as_ref().map(|f| f.edits[0].replacement.clone()),
                )
            })
            .collect()
    }

    const ROCKSTAR: &str = r#"
[[rule]]
id = "house-rockstar"
message = "Avoid “{match}”"
unless-preceded-by = ["the"]
[rule.check.existence]
phrases = ["rockstar", "10x engineer"]
regexes = ['\bninjas?\b']
"#;

    #[test]
    fn existence_flags_phrases_and_regexes_but_not_code_or_exceptions() {
        let p = pack(ROCKSTAR).unwrap();
        let got = run(
            &p,
            "Our Rockstar and a 10x\nengineer, two ninjas.\n\n`rockstar` and the rockstar band.\n",
        );
        let matched: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(matched, ["Rockstar", "10x\nengineer", "ninjas"]);
        assert_eq!(got[0].1, "Avoid “Rockstar”");
    }

    #[test]
    fn substitution_suggests_a_replacement_in_the_matched_case() {
        let p = pack(
            r#"
[[rule]]
id = "house-allowlist"
message = "Say “{replacement}” instead of “{match}”"
scope = ["headings", "prose"]
[rule.check.substitution]
swap = { "blacklist" = "denylist", "master branch" = "main branch" }
"#,
        )
        .unwrap();
        let got = run(&p, "# Blacklist\n\nPushed to the master branch.\n");
        assert_eq!(got[0].2.as_deref(), Some("Denylist"));
        assert_eq!(got[1].0, "master branch");
        assert_eq!(got[1].1, "Say “main branch” instead of “master branch”");
    }

    #[test]
    fn scope_limits_where_rules_look() {
        let p = pack(
            r#"
[[rule]]
id = "house-heading"
message = "x"
scope = ["headings"]
[rule.check.existence]
phrases = ["stuff"]
"#,
        )
        .unwrap();
        assert_eq!(run(&p, "# Stuff\n\nstuff\n").len(), 1);
    }

    #[test]
    fn errors_point_into_the_pack() {
        let e = pack("[[rule]]\nid = \"x\"\nmessage = \"m\"\n[rule.check.existence]\nregexes = ['(unclosed']\n")
            .err()
            .unwrap();
        assert_eq!(e.location(), "pack.toml:5:12");
        assert!(e.message.starts_with("invalid regex"), "{e}");
        let e = pack(
            "[[rule]]\nid = \"x\"\nmessage = \"m\"\n[rule.check.existance]\nphrases = ['a']\n",
        )
        .err()
        .unwrap();
        assert!(e.message.contains("did you mean `existence`"), "{e}");
        let e = pack("[[rule]]\nid = \"blame-language\"\nmessage = \"m\"\n[rule.check.existence]\nphrases = ['a']\n")
            .err()
            .unwrap();
        assert_eq!(e.location(), "pack.toml:2:6");
        let huge = "[[rule]]\nid = \"x\"\nmessage = \"m\"\n[rule.check.existence]\nregexes = ['\\w{1000}\\w{1000}\\w{1000}']\n";
        let e = pack(huge).err().unwrap();
        assert!(e.message.contains("too large"), "{e}");
        let e = pack(
            "[[rule]]\nid = \"x\"\nmessage = \"m\"\n[rule.check.existence]\nregexes = ['a*']\n",
        )
        .err()
        .unwrap();
        assert!(e.message.contains("empty string"), "{e}");
    }
}
