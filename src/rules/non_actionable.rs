//! `non-actionable`: outcomes that ask people to try harder instead of changing the system.

use std::sync::LazyLock;

use super::lexicon::{Lexicon, render};
use super::subject;
use super::{Context, Rule, RuleMeta, meta};
use crate::diagnostic::{Severity, Span};
use crate::document::{BlockKind, Document, SectionKind};

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    Lexicon::from_toml(include_str!("../../rules/non_actionable.toml"))
        .expect("built-in rules/non_actionable.toml is valid")
});

/// Compile the lexicon now (see `engine::warm_up_in_background`).
pub(crate) fn warm_up() {
    LazyLock::force(&LEXICON);
}

pub struct NonActionable {
    meta: RuleMeta,
}

const DOCS: &str = r#"
"Be more careful", "pay attention", "double-check" and "remember to" ask people to be
better instead of making the system safer. Vigilance fails exactly when people are busy,
tired or new — the conditions of most incidents. Good outcomes change tooling or process so
the failure is hard to repeat, and can be verified as done.

The rule reads action items and lessons-learned items. "Make sure" about a system object
("make sure user pods run in a separate node pool") is a concrete change and is fine.

Bad:

    ## Action items

    - [ ] Be more careful when running migrations

Good:

    ## Action items

    - [ ] Run migrations through the deploy pipeline with a dry-run step — @li, due 2026-05-01
"#;

/// Families that read as outcomes even inside a paragraph.
const PROSE_FAMILIES: &[&str] = &["vigilance", "manual-repetition", "exhortation", "memory"];

/// Is the match part of a resolution: "we should / need to / must / will …"?
fn resolves(text: &str, at: usize) -> bool {
    let before = subject::window_before(text, at).to_lowercase();
    let clause = before
        .rsplit(['.', '!', '?', ';'])
        .next()
        .unwrap_or_default();
    [
        "should", "need to", "needs to", "must", "have to", "has to", "will ", "going to", "let's",
        "ought to", "we'll", "we’ll",
    ]
    .iter()
    .any(|m| clause.contains(m))
}

impl NonActionable {
    pub fn new() -> Self {
        NonActionable {
            meta: meta(
                "non-actionable",
                Severity::Error,
                "An action item or lesson asks people to try harder instead of changing the system",
                DOCS,
            ),
        }
    }
}

impl Rule for NonActionable {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, doc: &Document, cx: &mut Context) {
        // (span, is it free prose rather than an item?)
        let mut spans: Vec<(Span, bool)> = cx
            .action_items()
            .iter()
            .map(|i| (i.text_span.clone(), false))
            .collect();
        let lesson = |s: Option<usize>| {
            s.is_some_and(|s| doc.sections[s].kind == Some(SectionKind::LessonsLearned))
        };
        for item in doc.items.iter().filter(|i| lesson(i.section)) {
            spans.push((item.content.clone(), false));
        }
        for block in &doc.blocks {
            if block.kind == BlockKind::Paragraph && block.item.is_none() && lesson(block.section) {
                spans.push((block.span.clone(), true));
            }
        }
        spans.sort_by_key(|(s, _)| (s.start, s.end));
        spans.dedup_by(|a, b| a.0 == b.0);
        let mut last_end = 0;
        for (span, prose) in spans {
            if span.start < last_end {
                continue;
            }
            last_end = span.end;
            let text = doc.prose(&span);
            let words = text.split_whitespace().count();
            for hit in LEXICON.find(text) {
                let entry = &LEXICON.entries[hit.entry];
                if entry.max_words.is_some_and(|max| words > max) {
                    continue;
                }
                // In a lessons paragraph only a resolution counts ("we need to be more
                // careful"), not a description ("engineers double-checked each replica").
                if prose
                    && !(PROSE_FAMILIES.contains(&entry.family.as_str())
                        && resolves(text, hit.start))
                {
                    continue;
                }
                let start = span.start + hit.start;
                let end = span.start + hit.end;
                let msg = render(&entry.message, &doc.text()[start..end]);
                let d = cx.report(&self.meta, start..end, msg);
                d.help = Some(entry.help.clone());
                d.severity = entry.severity;
                break;
            }
        }
    }
}
