//! `non-actionable`: outcomes that ask people to try harder instead of changing the system.

use std::sync::LazyLock;

use super::lexicon::{Lexicon, render};
use super::{Context, Rule, RuleMeta, meta};
use crate::diagnostic::{Severity, Span};
use crate::document::{Document, SectionKind};

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    Lexicon::from_toml(include_str!("../../rules/non_actionable.toml"))
        .expect("built-in rules/non_actionable.toml is valid")
});

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
        let mut spans: Vec<Span> = cx
            .action_items()
            .iter()
            .map(|i| i.text_span.clone())
            .collect();
        for item in &doc.items {
            let lesson = item
                .section
                .is_some_and(|s| doc.sections[s].kind == Some(SectionKind::LessonsLearned));
            if lesson {
                spans.push(item.content.clone());
            }
        }
        spans.sort_by_key(|s| (s.start, s.end));
        spans.dedup();
        let mut last_end = 0;
        for span in spans {
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
