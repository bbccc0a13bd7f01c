//! Commitments written as prose — "we'll add a manual override to our db healthchecks",
//! "To start with, all SDKs will stop retrying flag requests" — one action item per clause,
//! for documents that keep their action items in sentences rather than lists.

use std::sync::LazyLock;

use regex::Regex;

use super::char_class::WORD;
use crate::diagnostic::Span;

const VERBS: &str = "add|build|create|move|make|introduce|implement|improve|set up|change|update|write|deploy|migrate|remove|automate|monitor|alert|document|review|ensure|enforce|split|separate|limit|require|rewrite|replace|fix|stop|start|extend|expand|increase|reduce|investigate|work|roll out|publish|switch|adopt|run|test|upgrade|audit";

/// "we'll add", "we are going to build", "we plan to move" …
static PROMISE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?:we(?:'|’)ll|we will|we are going to|we're going to|we plan to|we intend to|we(?:'|’)re planning to)\s+(?:also\s+)?(?:be\s+)?(?:{VERBS})[A-Za-z]*(?-u:\b)"
    ))
    .expect("static regex")
});

/// An enumerated commitment with any subject: "To start with, all SDKs will stop …",
/// "Secondly, the deploy job will require …". The subject is capture group 1.
static ENUMERATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:^|[.!?]\s+)(?:to start with|to begin with|first(?:ly)?|second(?:ly)?|third(?:ly)?|next|finally|lastly|also|additionally|in addition|further(?:more)?|moreover)\s*,?\s+((?:[{WORD}’'/-]+\s+){{1,3}}?)will\s+(?:also\s+)?(?:now\s+)?(?:{VERBS})[A-Za-z]*(?-u:\b)"
    ))
    .expect("static regex")
});

/// A commitment found in a block of prose (`text` is the block's prose view).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Promise {
    /// The clause that makes the commitment, relative to `text`.
    pub clause: Span,
    /// The whole sentence, where its owner, due date or ticket may be written.
    pub sentence: Span,
}

/// Commitments in `text`, left to right, without overlaps.
pub fn promises(text: &str) -> Vec<Promise> {
    let mut starts: Vec<(usize, usize)> = PROMISE
        .find_iter(text)
        .map(|m| (m.start(), m.end()))
        .chain(ENUMERATED.captures_iter(text).filter_map(|c| {
            let subject = c.get(1)?;
            Some((subject.start(), c.get(0)?.end()))
        }))
        .collect();
    starts.sort();
    let mut out: Vec<Promise> = Vec::new();
    for (start, end) in starts {
        let clause_start = text[..start]
            .rfind(['.', '!', '?', '\n', ':', ';', ','])
            .map_or(0, |i| i + 1);
        let sentence_start = text[..start]
            .rfind(['.', '!', '?', '\n'])
            .map_or(0, |i| i + 1);
        let stop = text[end..]
            .find(['.', '!', '?', ';', '\n'])
            .map_or(text.len(), |i| end + i);
        if out.last().is_some_and(|p| p.clause.end > clause_start) {
            continue;
        }
        out.push(Promise {
            clause: trim(text, clause_start..stop),
            sentence: trim(text, sentence_start..stop),
        });
    }
    out
}

fn trim(text: &str, span: Span) -> Span {
    let s = &text[span.clone()];
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.end - (s.len() - s.trim_end().len());
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clauses(text: &str) -> Vec<&str> {
        promises(text)
            .into_iter()
            .map(|p| &text[p.clause])
            .collect()
    }

    #[test]
    fn we_will_clauses() {
        let t = "Secondly, we’ll add a manual override to our db healthchecks, so we can respond.";
        assert_eq!(
            clauses(t),
            ["we’ll add a manual override to our db healthchecks, so we can respond"]
        );
        let p = &promises("As a long term solution (Q2 2024), we’ll move out flags.")[0];
        assert_eq!(p.sentence.start, 0);
    }

    #[test]
    fn enumerated_commitments_with_any_subject() {
        let t =
            "To start with, all SDKs will stop retrying feature flag requests, and have timeouts.";
        assert_eq!(
            clauses(t),
            ["all SDKs will stop retrying feature flag requests, and have timeouts"]
        );
        assert_eq!(
            clauses("Finally, we will add an alert."),
            ["we will add an alert"]
        );
    }

    #[test]
    fn descriptions_are_not_commitments() {
        for t in [
            "The service will stop responding when the pool is full.",
            "We spent too much time; we’ll be making several changes to make sure this doesn’t happen again.",
            "It would add latency.",
        ] {
            assert!(promises(t).is_empty(), "{t}");
        }
    }
}
