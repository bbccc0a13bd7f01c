//! Whether an action item is already done: a Status cell, a `[done]` / `(Done as of …)` tag,
//! a heading such as "Immediate actions (Completed)", or wording that reports finished work
//! ("Switched to pnpm 10", "We've tightened the release workflow").

use std::sync::LazyLock;

use regex::Regex;

use crate::document::action_data::DATA;

/// A Status-column value that means done ("Done", "✅", "[x]", "Closed 2026-03-02").
pub fn status_done(cell: &str) -> bool {
    let t = cell
        .trim()
        .trim_matches(|c: char| "*_~`".contains(c))
        .trim()
        .to_lowercase();
    if DATA.done_status.contains(&t) {
        return true;
    }
    // "Done 2026-03-02", "Completed (PR #12)": the first word decides.
    let first = t
        .split(|c: char| c.is_whitespace() || "(:,-–—".contains(c))
        .next()
        .unwrap_or("");
    first != t && DATA.done_status.contains(first) && first.chars().count() > 1
}

static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)[\[(]\s*(?:done|completed?|fixed|resolved|shipped|released|merged|deployed|implemented|already\s+[^\s()\[\]]+)(?-u:\b)[^\[\]()\n]*[\])]|✅|☑|✔|(?:^|\n)\s*(?:done|completed)\s*[:\-–—]|(?-u:\b)status\s*[:=]\s*[*_]*\s*(?:done|completed?|closed|fixed|resolved|shipped)(?-u:\b)",
    )
    .expect("static regex")
});

/// An explicit completion tag in an item's text: "[done]", "(DONE)", "**(Done during this
/// incident)**", "(already released)", "✅", "Status: done", "Done: …".
pub fn has_done_tag(text: &str) -> bool {
    // "[done criteria](https://…)" is a link, not a tag.
    TAG.find_iter(text)
        .any(|m| !(m.as_str().ends_with(']') && text[m.end()..].starts_with('(')))
}

/// `~~Whole item struck through~~`.
pub fn struck_through(text: &str) -> bool {
    let t = text.trim();
    t.len() > 4 && t.starts_with("~~") && t.ends_with("~~")
}

const NEGATIONS: [&str; 8] = [
    "not",
    "to be",
    "pending",
    "open",
    "remaining",
    "todo",
    "yet",
    "planned",
];

/// A heading or group label whose items are completed: "Immediate Actions (Completed)",
/// "Done", "Actions taken" — but not "Not yet done" or "To be completed".
pub fn heading_done(heading: &str) -> bool {
    let words = normal_words(heading);
    let has = |phrase: &str| contains_words(&words, phrase);
    DATA.done_headings.iter().any(|p| has(p)) && !NEGATIONS.iter().any(|n| has(n))
}

/// Item text that reports finished work rather than asking for it: a past tense first
/// ("Switched to pnpm 10", "Re-worked our secrets management"), possibly after an opener
/// ("We've significantly tightened …"). Adjective-like participles count only before a
/// determiner: "Increased the scrutiny of …" is done, "Automated tests for …" is not.
pub fn reports_past_work(text: &str) -> bool {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’' && c != '-')
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .take(8)
        .collect();
    let mut i = 0;
    if let Some(o) = DATA
        .past_openers
        .iter()
        .find(|o| words.len() > o.len() && words[..o.len()] == o[..])
    {
        i = o.len();
    }
    let opened = i > 0;
    // One adverb may sit between: "We've significantly tightened".
    if opened && words.get(i).is_some_and(|w| w.ends_with("ly")) {
        i += 1;
    }
    let Some(word) = words.get(i) else {
        return false;
    };
    if !DATA.is_past(word) {
        return false;
    }
    if opened || !DATA.adjectival.contains(word) {
        return true;
    }
    const DETERMINERS: [&str; 10] = [
        "the", "a", "an", "our", "all", "its", "their", "this", "these", "every",
    ];
    words
        .get(i + 1)
        .is_some_and(|next| DETERMINERS.contains(&next.as_str()))
}

fn normal_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn contains_words(words: &[String], phrase: &str) -> bool {
    let p: Vec<&str> = phrase.split_whitespace().collect();
    !p.is_empty()
        && words
            .windows(p.len())
            .any(|w| w.iter().zip(&p).all(|(a, b)| a == b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_cells() {
        for c in [
            "Done",
            "**DONE**",
            "✅",
            "[x]",
            "x",
            "Closed 2026-03-02",
            "Completed (PR #12)",
        ] {
            assert!(status_done(c), "{c:?}");
        }
        for c in ["", "Open", "In progress", "Not done", "todo", "Doneness"] {
            assert!(!status_done(c), "{c:?}");
        }
    }

    #[test]
    fn done_tags() {
        for t in [
            "Create a channel (#gsp-incident) [IBG] [done]",
            "Email everybody when the site goes down (DONE)",
            "Set up alarms. **(Done during this incident.)**",
            "Stop retrying flag requests (already released)",
            "Add guards (done)",
            "Add alert ✅",
            "Add alert — status: done",
            "Done: moved the cron job",
        ] {
            assert!(has_done_tag(t), "{t}");
        }
        for t in [
            "Add alert (owner: @ana)",
            "Decide when the work is done",
            "Document what to do once the incident is resolved",
            "Add a dashboard (see [done criteria](https://x.io))",
        ] {
            assert!(!has_done_tag(t), "{t}");
        }
    }

    #[test]
    fn done_headings() {
        for h in [
            "Immediate Actions (Completed)",
            "Done",
            "Actions taken",
            "Completed items",
        ] {
            assert!(heading_done(h), "{h}");
        }
        for h in [
            "Action items",
            "Not yet done",
            "To be completed",
            "Short-term (Q2)",
        ] {
            assert!(!heading_done(h), "{h}");
        }
    }

    #[test]
    fn past_work() {
        for t in [
            "Switched to pnpm 10 (to disable scripts)",
            "We've significantly tightened our package release workflows",
            "Increased the scrutiny any PR modifying a workflow file gets",
            "Re-worked our Github secrets management",
            "Added alerting on queue depth",
            "We added a canary stage",
        ] {
            assert!(reports_past_work(t), "{t}");
        }
        for t in [
            "Add a canary stage",
            "Need to devise a strategy for wiping the build cache",
            "Automated tests for the deploy script",
            "Increased monitoring of the queue",
            "We should have a talk with the platform team",
            "We need to streamline our pipelines",
            "Speed up the build",
            "Proceed with the migration",
        ] {
            assert!(!reports_past_work(t), "{t}");
        }
    }
}
