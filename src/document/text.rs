//! Small text helpers shared by the document model and the reports.

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
