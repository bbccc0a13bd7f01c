//! The examples in a rule's documentation: Markdown indented by four spaces after a line
//! that is exactly `Bad:` or `Good:`. tests/docs.rs checks that every rule's bad examples
//! trigger it and its good examples do not; `pmlint explain` prints them as they are.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Bad,
    Good,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    pub verdict: Verdict,
    /// The snippet with its indentation removed, ending in a newline.
    pub markdown: String,
}

pub fn examples(docs: &str) -> Vec<Example> {
    let mut out: Vec<Example> = Vec::new();
    let mut current: Option<(Verdict, Vec<&str>)> = None;
    let finish = |current: &mut Option<(Verdict, Vec<&str>)>, out: &mut Vec<Example>| {
        if let Some((verdict, mut lines)) = current.take() {
            while lines.last().is_some_and(|l| l.is_empty()) {
                lines.pop();
            }
            if !lines.is_empty() {
                out.push(Example {
                    verdict,
                    markdown: lines.join("\n") + "\n",
                });
            }
        }
    };
    for line in docs.lines() {
        let verdict = match line.trim_end() {
            "Bad:" => Some(Verdict::Bad),
            "Good:" => Some(Verdict::Good),
            _ => None,
        };
        if let Some(v) = verdict {
            finish(&mut current, &mut out);
            current = Some((v, Vec::new()));
            continue;
        }
        let Some((_, lines)) = current.as_mut() else {
            continue;
        };
        if let Some(code) = line.strip_prefix("    ") {
            lines.push(code);
        } else if line.trim().is_empty() {
            // Blank lines inside a snippet belong to it; leading ones are dropped.
            if !lines.is_empty() {
                lines.push("");
            }
        } else {
            finish(&mut current, &mut out);
        }
    }
    finish(&mut current, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_indented_snippets_after_bad_and_good() {
        let docs = "Why.\n\nBad:\n\n    ## Timeline\n\n    - 14:00 x\n\nGood:\n\n    fine\n\nMore prose.\n";
        let ex = examples(docs);
        assert_eq!(ex.len(), 2);
        assert_eq!(ex[0].verdict, Verdict::Bad);
        assert_eq!(ex[0].markdown, "## Timeline\n\n- 14:00 x\n");
        assert_eq!(ex[1].markdown, "fine\n");
    }
}
