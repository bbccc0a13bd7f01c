//! `missing-section`: the sections the configuration requires (`required-sections`).

use super::{Context, Rule, RuleMeta, meta};
use crate::diagnostic::Severity;
use crate::document::{BlockKind, Document, SectionCatalog, SectionKind};

pub struct MissingSection {
    meta: RuleMeta,
}

const DOCS: &str = r#"
Readers of a post-mortem look for the same parts in every report: what happened in short,
who was affected, why it happened. This rule reports each section kind listed in
`required-sections` (in `pmlint.toml`) that the document lacks, one finding per kind, at
the title. The default list is `["summary"]`, the one section besides the timeline and
the action items that nearly every real post-mortem has; a team whose template has more
lists them, e.g. `required-sections = ["summary", "impact", "contributing-factors"]`.
The kinds are summary, impact, timeline, contributing-factors, detection, resolution,
lessons-learned and action-items.

A section counts as present when a heading names it (Summary, Overview, TL;DR, What
happened; Impact, Customer impact; Root cause, Contributing factors, Five whys, … — see
`rules/sections.toml`, extendable with `[sections.<kind>]` in `pmlint.toml`), a bold label
does (`**Impact:** 40 minutes of errors`), a field line does (`Root cause: …`, or a table
row whose first cell is `Impact`), or a front-matter key does (`summary: …`). Untitled
paragraphs between the title and the first section are a summary, as in blog posts.

`timeline` and `action-items` are always checked by their own rules, `missing-timeline`
and `missing-action-items`, which also look inside the section; this rule ignores them
when they are listed. Set those rules to `off` not to require them.

Bad:

    # Post-mortem: cache stampede

    ## Timeline (UTC)
    | Time  | Event                      |
    |-------|----------------------------|
    | 13:40 | Cache keys expire together |

Good:

    # Post-mortem: cache stampede

    ## Summary
    The product cache expired for every key at once; the database saturated for 20 minutes.

    ## Timeline (UTC)
    | Time  | Event                      |
    |-------|----------------------------|
    | 13:40 | Cache keys expire together |
"#;

impl MissingSection {
    pub fn new() -> Self {
        MissingSection {
            meta: meta(
                "missing-section",
                Severity::Warning,
                "A section the configuration requires (`required-sections`) is missing",
                DOCS,
            ),
        }
    }
}

/// Kinds with a rule of their own, which checks more than the heading.
const OWN_RULE: [SectionKind; 2] = [SectionKind::Timeline, SectionKind::ActionItems];

impl Rule for MissingSection {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, doc: &Document, cx: &mut Context) {
        // Where missing-timeline and missing-action-items report: the title, or the start.
        let span = doc
            .headings
            .first()
            .filter(|h| h.level == 1)
            .map_or(0..0, |h| h.span.clone());
        let catalog = &cx.settings.catalog;
        let missing: Vec<SectionKind> = cx
            .settings
            .required_sections
            .iter()
            .copied()
            .filter(|k| !OWN_RULE.contains(k) && !present(doc, catalog, *k))
            .collect();
        for kind in missing {
            let names = example_headings(catalog, kind);
            let message = format!(
                "No {} section found (headings that count: {})",
                kind.as_str(),
                names.join(", ")
            );
            let first = names.first().map_or(kind.as_str(), String::as_str);
            cx.report(&self.meta, span.clone(), message).help = Some(format!(
                "Add a `## {first}` section (or a bold label `**{first}:**`). `required-sections` in pmlint.toml lists the sections every post-mortem must have; remove `{}` from it if your team does not need one.",
                kind.as_str()
            ));
        }
    }
}

/// A heading, a pseudo-heading, a bold label, a field line or table row, or a
/// front-matter key names the kind; an untitled introduction is a summary.
fn present(doc: &Document, catalog: &SectionCatalog, kind: SectionKind) -> bool {
    doc.has_section(kind)
        || doc.front_matter.as_ref().is_some_and(|fm| {
            fm.fields
                .iter()
                .any(|f| !f.value.trim().is_empty() && catalog.classify(&f.key) == Some(kind))
        })
        || has_field(doc, catalog, kind)
        || (kind == SectionKind::Summary && has_introduction(doc))
}

/// "Impact: 4% of checkouts failed" on a line of its own, or a table row whose first cell
/// names the kind: impact and root cause are often fields of the summary.
fn has_field(doc: &Document, catalog: &SectionCatalog, kind: SectionKind) -> bool {
    let in_paragraph = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Paragraph)
        .flat_map(|b| doc.text()[b.span.clone()].lines())
        .any(|line| {
            line.split_once(':').is_some_and(|(name, value)| {
                is_field_name(name)
                    && !value.trim().is_empty()
                    && catalog.classify(name) == Some(kind)
            })
        });
    let in_table = doc.tables.iter().any(|t| {
        std::iter::once(&t.header).chain(&t.rows).any(|row| {
            row.cells
                .first()
                .is_some_and(|c| catalog.classify(&c.text) == Some(kind))
                && row.cells.iter().skip(1).any(|c| !c.text.trim().is_empty())
        })
    });
    in_paragraph || in_table
}

/// Words of prose, outside field lines ("Date: …"), that a report needs before its first
/// section to have an introduction that summarises it.
const INTRODUCTION_WORDS: usize = 20;

/// Blog-style reports open with an untitled summary: plain paragraphs between the title
/// (or the start) and the first section heading.
fn has_introduction(doc: &Document) -> bool {
    let title = doc
        .headings
        .first()
        .is_some_and(|h| h.level == 1)
        .then_some(0);
    let words: usize = doc
        .blocks
        .iter()
        .filter(|b| {
            b.kind == BlockKind::Paragraph && !b.in_quote && b.item.is_none() && b.section == title
        })
        .flat_map(|b| doc.prose(&b.span).lines())
        .filter(|line| !is_field_line(line))
        .map(|line| line.split_whitespace().count())
        .sum();
    words >= INTRODUCTION_WORDS
}

/// "Date: 2026-08-09", "Internal post-mortem: https://…": a short name, then a colon.
fn is_field_line(line: &str) -> bool {
    line.split_once(':')
        .is_some_and(|(name, _)| is_field_name(name))
}

/// At most four words and no digits ("At 09:15 UTC we …" is prose, not a field).
fn is_field_name(name: &str) -> bool {
    let words = name.split_whitespace().count();
    (1..=4).contains(&words) && !name.chars().any(|c| c.is_ascii_digit())
}

/// Up to three headings that would count, as people write them ("Root cause").
fn example_headings(catalog: &SectionCatalog, kind: SectionKind) -> Vec<String> {
    let syn = catalog.synonyms(kind);
    let names = syn
        .map(|s| {
            if s.names.is_empty() {
                &s.prefixes
            } else {
                &s.names
            }
        })
        .into_iter()
        .flatten();
    // Spread the examples: "Root cause, Contributing factors, Trigger" rather than three
    // spellings of "root cause".
    let mut out: Vec<String> = Vec::new();
    let mut starts: Vec<String> = Vec::new();
    for name in names {
        let start: String = name.chars().take(5).collect();
        if !starts.contains(&start) {
            starts.push(start);
            out.push(capitalise(name));
        }
        if out.len() == 3 {
            break;
        }
    }
    if out.is_empty() {
        out.push(capitalise(&kind.as_str().replace('-', " ")));
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
