//! "Did you mean …?" for mistyped keys, rule ids and directives.

/// The candidate closest to `word`, if any is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&word, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// `"; did you mean `x`?"`, or nothing.
pub fn hint<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    did_you_mean(word, candidates)
        .map(|c| format!("; did you mean `{c}`?"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let ids = ["blame-language", "non-actionable", "missing-timeline"];
        assert_eq!(did_you_mean("blame-languag", ids), Some("blame-language"));
        assert_eq!(did_you_mean("Blame-Language", ids), Some("blame-language"));
        assert_eq!(did_you_mean("non-actionabel", ids), Some("non-actionable"));
        assert_eq!(did_you_mean("frobnicate", ids), None);
        assert_eq!(hint("frobnicate", ids), "");
    }
}
