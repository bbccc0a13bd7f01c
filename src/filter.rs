//! Which Markdown files are post-mortems. A path is judged first: an `exclude` glob rejects
//! it, an `include` glob accepts it; a path neither names is accepted only when the document
//! says what it is, in its front matter (`type: postmortem`, `tags: [incident]`, …) or its
//! title ("Postmortem: …", "Incident report …").
//!
//! The filter applies under `--only-postmortems` and `--changed-since`, to walked and to
//! explicitly named files alike: a pre-commit hook hands over every changed Markdown file,
//! and README.md must not fail it.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use std::collections::BTreeSet;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use regex::Regex;

use crate::document::{SectionCatalog, SectionKind};

/// Folders and file names that hold post-mortems in real repositories.
pub const DEFAULT_INCLUDE: &[&str] = &[
    "**/postmortems/**",
    "**/post-mortems/**",
    "**/postmortem/**",
    "**/post-mortem/**",
    "**/incidents/**",
    "**/incident-reports/**",
    "**/*postmortem*.md",
    "**/*post-mortem*.md",
    "**/*incident*.md",
];

/// Files that live beside post-mortems but are not post-mortems.
pub const DEFAULT_EXCLUDE: &[&str] = &[
    "**/README.md",
    "**/CHANGELOG.md",
    "**/index.md",
    "**/_index.md",
    "**/*template*.md",
];

/// What the path alone says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathVerdict {
    Excluded,
    Included,
    /// Neither glob list names it: the content decides.
    Unknown,
}

#[derive(Debug, Clone)]
pub struct PostmortemFilter {
    include: GlobSet,
    exclude: GlobSet,
    /// Globs are relative to this folder (the configuration's); `None`: the working directory.
    base: Option<PathBuf>,
    /// Section names, for documents recognised by their headings.
    catalog: SectionCatalog,
}

impl Default for PostmortemFilter {
    fn default() -> Self {
        let include = globs(DEFAULT_INCLUDE.iter().copied()).unwrap_or_else(|_| GlobSet::empty());
        let exclude = globs(DEFAULT_EXCLUDE.iter().copied()).unwrap_or_else(|_| GlobSet::empty());
        PostmortemFilter {
            include,
            exclude,
            base: None,
            catalog: SectionCatalog::builtin().clone(),
        }
    }
}

impl PostmortemFilter {
    /// Configured globs replace the defaults of their own list; an empty list keeps them.
    pub fn new(include: &[String], exclude: &[String]) -> Result<Self, String> {
        let include = if include.is_empty() {
            globs(DEFAULT_INCLUDE.iter().copied())?
        } else {
            globs(include.iter().map(String::as_str))?
        };
        let exclude = if exclude.is_empty() {
            globs(DEFAULT_EXCLUDE.iter().copied())?
        } else {
            globs(exclude.iter().map(String::as_str))?
        };
        Ok(PostmortemFilter {
            include,
            exclude,
            base: None,
            catalog: SectionCatalog::builtin().clone(),
        })
    }

    /// Match globs against paths relative to `base` instead of the working directory.
    pub fn with_base(mut self, base: Option<PathBuf>) -> Self {
        self.base = base;
        self
    }

    /// Recognise sections by the configuration's synonyms.
    pub fn with_catalog(mut self, catalog: SectionCatalog) -> Self {
        self.catalog = catalog;
        self
    }

    /// Globs are matched against the path relative to the base folder.
    pub fn path_verdict(&self, path: &str) -> PathVerdict {
        let rel = match &self.base {
            Some(base) => crate::paths::relative_to(path, base),
            None => crate::paths::relative_to_cwd(path),
        };
        let rel = Path::new(&rel);
        if self.exclude.is_match(rel) {
            PathVerdict::Excluded
        } else if self.include.is_match(rel) {
            PathVerdict::Included
        } else {
            PathVerdict::Unknown
        }
    }

    /// Whether a document at `path` with `text` is a post-mortem.
    pub fn is_postmortem(&self, path: &str, text: &str) -> bool {
        match self.path_verdict(path) {
            PathVerdict::Excluded => false,
            PathVerdict::Included => true,
            PathVerdict::Unknown => looks_like_postmortem_in(text, &self.catalog),
        }
    }
}

fn globs<'a>(patterns: impl Iterator<Item = &'a str>) -> Result<GlobSet, String> {
    let mut set = GlobSetBuilder::new();
    for p in patterns {
        let glob = GlobBuilder::new(p)
            .case_insensitive(true)
            .literal_separator(true)
            .build()
            .map_err(|e| format!("invalid post-mortem glob {p:?}: {e}"))?;
        set.add(glob);
    }
    set.build().map_err(|e| e.to_string())
}

/// Words in a title or a front-matter `title` that name a post-mortem.
static TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:post[- ]?mortem|post[- ]incident (?:review|report)|incident (?:review|report|retrospective))s?\b",
    )
    .expect("valid regex")
});

/// Values of type-like front-matter keys that name a post-mortem.
static KIND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:post[-_ ]?mortems?|incidents?|incident[-_ ](?:review|report)s?)\b")
        .expect("valid regex")
});

const KIND_KEYS: &[&str] = &[
    "type",
    "kind",
    "layout",
    "template",
    "category",
    "categories",
    "tags",
    "doc_type",
    "document_type",
];

/// Front matter or title says this is a post-mortem, or its headings name at least
/// [`SECTIONS_NEEDED`] of a post-mortem's sections besides the summary (impact, timeline,
/// contributing factors, detection, resolution, lessons learned, action items), as named
/// in `catalog`. Many real post-mortems have a plain title ("Total node failure").
pub fn looks_like_postmortem(text: &str) -> bool {
    looks_like_postmortem_in(text, SectionCatalog::builtin())
}

/// [`looks_like_postmortem`] with a configuration's section names.
pub fn looks_like_postmortem_in(text: &str, catalog: &SectionCatalog) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let body_start = match crate::document::front_matter::detect(text) {
        Some(fm) => {
            if front_matter_says_so(&text[fm.span.clone()]) {
                return true;
            }
            fm.span.end
        }
        None => 0,
    };
    let headings = headings(&text[body_start..]);
    if headings.first().is_some_and(|h| TITLE.is_match(h)) {
        return true;
    }
    let kinds: BTreeSet<SectionKind> = headings
        .iter()
        .filter_map(|h| catalog.classify(h))
        .filter(|k| *k != SectionKind::Summary)
        .collect();
    kinds.len() >= SECTIONS_NEEDED
}

/// A roadmap has a timeline and next steps; a post-mortem has more.
pub const SECTIONS_NEEDED: usize = 3;

/// Reads `key: value`, `key = value` and YAML list entries under a key.
fn front_matter_says_so(raw: &str) -> bool {
    let mut key = String::new();
    for line in raw.lines().skip(1) {
        let trimmed = line.trim();
        if let Some(item) = trimmed.strip_prefix("- ") {
            if KIND_KEYS.contains(&key.as_str()) && KIND.is_match(item) {
                return true;
            }
            continue;
        }
        let Some(at) = trimmed.find([':', '=']) else {
            continue;
        };
        key = trimmed[..at].trim().to_ascii_lowercase();
        let value = &trimmed[at + 1..];
        if (key == "title" && TITLE.is_match(value))
            || (KIND_KEYS.contains(&key.as_str()) && KIND.is_match(value))
        {
            return true;
        }
    }
    false
}

/// The text of every ATX or setext heading outside fenced code, in order.
fn headings(body: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut fence: Option<&str> = None;
    let mut previous: Option<&str> = None;
    for line in body.lines() {
        let t = line.trim_start_matches(' ');
        let indent = line.len() - t.len();
        if let Some(open) = fence {
            if t.trim_end().starts_with(open) {
                fence = None;
            }
            continue;
        }
        if indent <= 3 && (t.starts_with("```") || t.starts_with("~~~")) {
            fence = Some(&t[..3]);
            previous = None;
            continue;
        }
        if indent <= 3 && t.starts_with('#') {
            let hashes = t.len() - t.trim_start_matches('#').len();
            let rest = &t[hashes..];
            if hashes <= 6 && (rest.is_empty() || rest.starts_with([' ', '\t'])) {
                out.push(rest.trim().trim_end_matches('#').trim_end());
                previous = None;
                continue;
            }
        }
        let underline = t.trim_end();
        if indent <= 3
            && !underline.is_empty()
            && (underline.bytes().all(|b| b == b'=') || underline.bytes().all(|b| b == b'-'))
            && let Some(p) = previous.filter(|p| !p.trim().is_empty())
        {
            out.push(p.trim());
            previous = None;
            continue;
        }
        previous = Some(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(path: &str) -> PathVerdict {
        PostmortemFilter::default().path_verdict(path)
    }

    #[test]
    fn default_globs_recognise_post_mortem_folders_and_names() {
        assert_eq!(verdict("postmortems/2024-db.md"), PathVerdict::Included);
        assert_eq!(
            verdict("docs/Post-Mortems/2024/db.md"),
            PathVerdict::Included
        );
        assert_eq!(verdict("docs/incidents/x.md"), PathVerdict::Included);
        assert_eq!(
            verdict("notes/2024-03-db-postmortem.md"),
            PathVerdict::Included
        );
        assert_eq!(verdict("INCIDENT-42.md"), PathVerdict::Included);
        assert_eq!(verdict("README.md"), PathVerdict::Excluded);
        assert_eq!(verdict("postmortems/README.md"), PathVerdict::Excluded);
        assert_eq!(
            verdict("postmortems/postmortem-template.md"),
            PathVerdict::Excluded
        );
        assert_eq!(verdict("docs/guide.md"), PathVerdict::Unknown);
        // `*` does not cross folders: a README in an incident folder is not an incident file.
        assert_eq!(verdict("incident-notes/guide.md"), PathVerdict::Unknown);
    }

    #[test]
    fn configured_globs_replace_the_defaults() {
        let f = PostmortemFilter::new(&["reviews/*.md".into()], &[]).unwrap();
        assert_eq!(f.path_verdict("reviews/a.md"), PathVerdict::Included);
        assert_eq!(f.path_verdict("postmortems/a.md"), PathVerdict::Unknown);
        assert!(PostmortemFilter::new(&["a[".into()], &[]).is_err());
    }

    fn looks_like(text: &str) -> bool {
        looks_like_postmortem(text)
    }

    #[test]
    fn titles_and_front_matter_name_post_mortems() {
        assert!(looks_like("# Postmortem: DB outage\n"));
        assert!(looks_like("<!-- c -->\n\n## Post-mortem — queue backlog\n"));
        assert!(looks_like("Incident Report 2024-03\n===\n"));
        assert!(looks_like("# Post-incident review of INC-4\n"));
        assert!(looks_like(
            "---\ntitle: \"Incident review: DNS\"\n---\n# DNS\n"
        ));
        assert!(looks_like(
            "---\ntags:\n  - dns\n  - postmortem\n---\n# DNS\n"
        ));
        assert!(looks_like("+++\ntype = \"incident\"\n+++\n# DNS\n"));
        assert!(!looks_like("# Project README\n\nA postmortem linter.\n"));
        assert!(!looks_like("```\n# Postmortem\n```\n# Guide\n"));
        assert!(!looks_like("---\ntitle: Release notes\n---\n# Notes\n"));
        assert!(!looks_like("# Incident response runbook\n"));
    }

    #[test]
    fn three_post_mortem_sections_make_a_post_mortem() {
        let pm = "# Total node failure\n\n## Summary\n\n## Impact\n\n## Timeline\n\n### 10:00\n\n## Root cause\n";
        assert!(looks_like(pm));
        let roadmap = "# Roadmap\n\n## Summary\n\n## Timeline\n\n## Next steps\n";
        assert!(!looks_like(roadmap));
        assert!(!looks_like(
            "# Guide\n\n```\n## Impact\n## Timeline\n## Root cause\n```\n"
        ));
    }
}
