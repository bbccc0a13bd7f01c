//! `action-item-vague`: an action item too vague for anyone to tell when it is done.

use super::action_item_owner::first_line;
use super::{Context, Rule, RuleMeta, meta};
use crate::diagnostic::{Edit, Fix, Severity, Span};
use crate::document::Document;
use crate::document::action_data::DATA;
use crate::document::action_items::ActionItem;

pub struct ActionItemVague {
    meta: RuleMeta,
}

const DOCS: &str = r#"
An action item is worth writing down when someone can later say "this is done": it says
what will change (an alert, a test, a runbook page, a config key) and starts with what
someone will do. Items that are a couple of words ("Monitoring", "Fix DB"), that name no
action at all ("Rollback procedure documentation"), or that only ask to "investigate" or
"look into" something without a deliverable cannot be verified, so they are never closed —
or closed without anything changing.

An investigation is fine when it names its outcome: a decision, a proposal, a write-up or
a time box ("Investigate policy engines and decide on one by 2026-04-01"). Words that
stand for the owner, due date, ticket or priority are not counted. Items already reported
by `non-actionable` ("be more careful", "improve monitoring") are left to that rule, and
completed items are not checked. The word lists are in `rules/action_items.toml`.

Bad:

    ## Action items

    - [ ] Look into the Traefik API — @ana, due 2026-04-01, OPS-12

Good:

    ## Action items

    - [ ] Evaluate alerting on Traefik API route changes and decide whether to adopt it — @ana, due 2026-04-01, OPS-12
"#;

impl ActionItemVague {
    pub fn new() -> Self {
        ActionItemVague {
            meta: meta(
                "action-item-vague",
                Severity::Warning,
                "An action item is too vague to verify",
                DOCS,
            ),
        }
    }
}

/// Words that label a field ("owner:", "due", "by") rather than describe the action.
const LABEL_WORDS: [&str; 13] = [
    "owner", "owners", "assignee", "assigned", "dri", "who", "due", "eta", "deadline", "ticket",
    "priority", "prio", "status",
];

struct Finding {
    span: Span,
    message: String,
    help: &'static str,
    fix: Option<Fix>,
}

impl Rule for ActionItemVague {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, doc: &Document, cx: &mut Context) {
        let mut flagged_elsewhere: Vec<Span> = cx
            .diagnostics
            .iter()
            .filter(|d| d.rule == "non-actionable")
            .map(|d| d.span.clone())
            .collect();
        flagged_elsewhere.sort_by_key(|s| (s.start, s.end));
        let within_item = |i: &ActionItem| {
            let first = flagged_elsewhere.partition_point(|s| s.start < i.span.start);
            flagged_elsewhere[first..]
                .iter()
                .take_while(|s| s.start < i.span.end)
                .any(|s| s.end <= i.span.end)
        };
        let findings: Vec<Finding> = cx
            .action_items()
            .iter()
            .filter(|i| !i.done && !within_item(i))
            .filter_map(|i| vague(doc, i))
            .collect();
        for f in findings {
            let d = cx.report(&self.meta, f.span, f.message);
            d.help = Some(f.help.into());
            d.fix = f.fix;
        }
    }
}

/// A word of the action's own text: its span and its letters.
struct Word {
    span: Span,
    text: String,
}

/// The action's words: the item text without its fields, URLs and Markdown punctuation.
fn action_words(doc: &Document, item: &ActionItem) -> Vec<Word> {
    let base = item.text_span.start;
    let mut text = doc.prose(&item.text_span).as_bytes().to_vec();
    // Inline code is part of the action ("Run `terraform plan` in CI"): keep it.
    let raw = doc.text()[item.text_span.clone()].as_bytes();
    let mut in_code = false;
    for (i, &b) in raw.iter().enumerate() {
        if b == b'`' {
            in_code = !in_code;
        } else if in_code {
            text[i] = b;
        }
    }
    for s in item.field_spans() {
        text[s.start - base..s.end - base].fill(b' ');
    }
    let text = String::from_utf8(text).unwrap_or_default();
    let mut out = Vec::new();
    let mut offset = 0;
    for token in text.split(' ') {
        let start = offset;
        offset += token.len() + 1;
        for piece in token.split(['\n', '\r', '\t']) {
            let trimmed = piece.trim_matches(|c: char| !c.is_alphanumeric());
            let lower = trimmed.to_lowercase();
            if trimmed.is_empty()
                || trimmed.contains("://")
                || LABEL_WORDS.contains(&lower.as_str())
            {
                continue;
            }
            let at = start + token.find(trimmed).unwrap_or(0);
            out.push(Word {
                span: base + at..base + at + trimmed.len(),
                text: lower,
            });
        }
    }
    out
}

fn vague(doc: &Document, item: &ActionItem) -> Option<Finding> {
    let words = action_words(doc, item);
    let at = first_line(doc, &item.text_span);
    if words.is_empty() {
        return Some(Finding {
            span: at,
            message: "Action item is only a reference: it does not say what will change".into(),
            help: "Write the action next to the reference, e.g. “Add an alert on queue depth (#2127)”, so readers of the post-mortem see what was agreed.",
            fix: None,
        });
    }
    let phrase: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
    let written = words
        .first()
        .zip(words.last())
        .map_or("", |(a, b)| &doc.text()[a.span.start..b.span.end]);
    let content = phrase
        .iter()
        .filter(|w| !["a", "an", "the"].contains(w))
        .count();
    if content < DATA.min_words {
        return Some(Finding {
            span: at,
            message: format!("“{written}” is too short to verify"),
            help: "Say what will change and how to tell it is done: the system object (alert, dashboard, test, runbook page, config key) and its done state, e.g. “Add an alert on queue depth above 50,000 for 5 minutes”.",
            fix: None,
        });
    }
    // Whole words in a row, without building a string per deliverable.
    let has_words = |d: &str| {
        let n = d.split(' ').count();
        phrase
            .windows(n)
            .any(|w| w.iter().copied().eq(d.split(' ')))
    };
    let text = phrase.join(" ");
    if let Some(open) = DATA
        .open_ended
        .iter()
        .find(|o| text.starts_with(o.as_str()) && text[o.len()..].starts_with(' '))
        && !DATA.deliverables.iter().any(|d| has_words(d))
    {
        let n = open.split_whitespace().count();
        let span = words[0].span.start..words[n - 1].span.end;
        return Some(Finding {
            message: format!(
                "“{}” without a deliverable cannot be finished",
                &doc.text()[span.clone()]
            ),
            span,
            help: "Name the outcome and a time box: “Investigate X and decide between A and B by 2026-04-01”, or “Write a proposal for …”.",
            fix: None,
        });
    }
    let has_verb = words.iter().any(|w| {
        DATA.is_verb(&w.text) || w.text.strip_prefix("re-").is_some_and(|v| DATA.is_verb(v))
    });
    if has_verb {
        return None;
    }
    let fix = nominalisation_fix(doc, &words);
    Some(Finding {
        span: at,
        message: format!(
            "“{written}” names no action: it says what should exist, not what someone will do"
        ),
        help: "Start with a verb that says what will change, e.g. “Add …”, “Automate …”, “Remove …”.",
        fix,
    })
}

/// "Development of tooling …" → "Develop tooling …".
fn nominalisation_fix(doc: &Document, words: &[Word]) -> Option<Fix> {
    let (first, of) = (words.first()?, words.get(1)?);
    if of.text != "of" {
        return None;
    }
    let verb = DATA.nominalisations.get(&first.text)?;
    let written = &doc.text()[first.span.clone()];
    let verb = if written.starts_with(char::is_uppercase) {
        verb.clone()
    } else {
        verb.to_lowercase()
    };
    Some(Fix {
        message: format!("start with the verb “{verb}”"),
        edits: vec![Edit {
            span: first.span.start..of.span.end,
            replacement: verb,
        }],
    })
}
