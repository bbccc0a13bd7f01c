//! Small text helpers shared by the document model and the reports.

use regex::{Captures, Regex};

/// The words of `text` joined by single spaces, in one buffer.
pub fn single_spaced(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// `rx.captures(text)` after a plain search: most candidates do not match, and the search
/// allocates none of the capture slots `captures` sets up first.
pub fn captures<'h>(rx: &Regex, text: &'h str) -> Option<Captures<'h>> {
    if rx.is_match(text) {
        rx.captures(text)
    } else {
        None
    }
}

/// `rx.captures_iter(text)`, without setting up the iterator when a plain search finds
/// nothing.
pub fn captures_iter<'h>(rx: &Regex, text: &'h str) -> impl Iterator<Item = Captures<'h>> {
    rx.is_match(text)
        .then(|| rx.captures_iter(text))
        .into_iter()
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::single_spaced;

    #[test]
    fn collapses_and_trims_whitespace() {
        assert_eq!(single_spaced("  a \t b\n\nc  "), "a b c");
        assert_eq!(single_spaced(" \n "), "");
        assert_eq!(single_spaced("héllo  wörld"), "héllo wörld");
    }
}
