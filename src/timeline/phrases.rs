//! Word-sequence phrases ("roll back", "customer impact began") found by walking a text's
//! words. Milestone phrases with every inflected form of every word compiled to a regex
//! automaton took a sixth of a short run's start-up; a map from first words to phrases
//! costs nothing to build and finds the same matches.

// Looked up once per word of every timeline entry: a fast non-keyed hash (the keys are
// our own phrase words) instead of SipHash.
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

/// A list of phrases, each a sequence of words with the forms each word may take.
#[derive(Debug, Default)]
pub struct PhraseSet {
    phrases: Vec<Vec<Vec<String>>>,
    /// Phrase indices by every form of their first word (its bytes: words are ASCII),
    /// in list order.
    by_first: HashMap<Vec<u8>, Vec<usize>>,
    /// Words may be split by any ASCII whitespace or one hyphen ("rolled-back"); otherwise
    /// by exactly one space, as written.
    loose: bool,
}

impl PhraseSet {
    /// `phrases[i][k]` lists the lower-case forms word `k` of phrase `i` may take.
    pub fn new(phrases: Vec<Vec<Vec<String>>>, loose: bool) -> PhraseSet {
        let mut by_first: HashMap<Vec<u8>, Vec<usize>> = HashMap::default();
        for (i, words) in phrases.iter().enumerate() {
            for form in words.first().into_iter().flatten() {
                let list = by_first.entry(form.as_bytes().to_vec()).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        PhraseSet {
            phrases,
            by_first,
            loose,
        }
    }

    #[cfg(test)]
    fn is_match(&self, text: &str) -> bool {
        self.is_match_in(text, &words(text))
    }

    /// Whether a phrase occurs in `text`, whose [`words`] are `words`.
    pub fn is_match_in(&self, text: &str, words: &[Range<usize>]) -> bool {
        self.find_in(text, words).next().is_some()
    }

    #[cfg(test)]
    fn find_iter<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
        let words = words(text);
        self.find_in(text, &words).collect::<Vec<_>>().into_iter()
    }

    /// Matches left to right, without overlaps; at each word the first phrase in list
    /// order that matches wins (as a regex alternation would). Case is ignored (ASCII);
    /// `words` are the text's [`words`], computed once for every set a text is tried on.
    pub fn find_in<'a>(
        &'a self,
        text: &'a str,
        words: &'a [Range<usize>],
    ) -> impl Iterator<Item = Range<usize>> + 'a {
        let mut i = 0;
        std::iter::from_fn(move || {
            while i < words.len() {
                let hit = self
                    .first_candidates(&text[words[i].clone()])
                    .and_then(|candidates| {
                        candidates
                            .iter()
                            .find_map(|&p| self.matches_at(text, words, i, &self.phrases[p]))
                    });
                match hit {
                    Some(last) => {
                        let range = words[i].start..words[last].end;
                        i = last + 1;
                        return Some(range);
                    }
                    None => i += 1,
                }
            }
            None
        })
    }

    /// The phrases whose first word can be `word` (any case), without allocating for the
    /// short words phrases are made of.
    fn first_candidates(&self, word: &str) -> Option<&Vec<usize>> {
        let mut buf = [0u8; 32];
        match buf.get_mut(..word.len()) {
            Some(lower) => {
                lower.copy_from_slice(word.as_bytes());
                lower.make_ascii_lowercase();
                self.by_first.get(&*lower)
            }
            None => self.by_first.get(word.to_ascii_lowercase().as_bytes()),
        }
    }

    /// The index of the phrase's last word when `phrase` matches from word `i`.
    fn matches_at(
        &self,
        text: &str,
        words: &[Range<usize>],
        i: usize,
        phrase: &[Vec<String>],
    ) -> Option<usize> {
        for (k, forms) in phrase.iter().enumerate().skip(1) {
            let (prev, word) = (words.get(i + k - 1)?, words.get(i + k)?);
            if !self.separates(&text[prev.end..word.start]) {
                return None;
            }
            let written = &text[word.clone()];
            if !forms.iter().any(|f| f.eq_ignore_ascii_case(written)) {
                return None;
            }
        }
        Some(i + phrase.len() - 1)
    }

    fn separates(&self, gap: &str) -> bool {
        if self.loose {
            gap == "-" || (!gap.is_empty() && gap.bytes().all(|b| b.is_ascii_whitespace()))
        } else {
            gap == " "
        }
    }
}

/// Byte ranges of the maximal runs of ASCII word characters: the words phrases match.
pub fn words(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if is_word(bytes[i]) {
            let start = i;
            while i < bytes.len() && is_word(bytes[i]) {
                i += 1;
            }
            out.push(start..i);
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(phrases: &[&[&[&str]]], loose: bool) -> PhraseSet {
        let phrases = phrases
            .iter()
            .map(|p| {
                p.iter()
                    .map(|forms| forms.iter().map(|f| f.to_string()).collect())
                    .collect()
            })
            .collect();
        PhraseSet::new(phrases, loose)
    }

    #[test]
    fn finds_phrases_by_word_form_across_line_breaks_and_hyphens() {
        let s = set(
            &[
                &[&["roll", "rolled", "rolling"], &["back"]],
                &[&["restored"]],
            ],
            true,
        );
        let text = "We Rolled-back at 10:00, then rolling\n  back again; service restored.";
        let hits: Vec<&str> = s.find_iter(text).map(|r| &text[r]).collect();
        assert_eq!(hits, ["Rolled-back", "rolling\n  back", "restored"]);
        // Word boundaries: no match inside a longer word, or across other punctuation.
        assert!(!s.is_match("unrolled back; roll--back; roll, back; rollback; restoredx"));
    }

    #[test]
    fn the_first_phrase_in_list_order_wins_and_matches_do_not_overlap() {
        let s = set(
            &[&[&["impact"]], &[&["impact"], &["began"]], &[&["began"]]],
            true,
        );
        let text = "impact began";
        let hits: Vec<&str> = s.find_iter(text).map(|r| &text[r]).collect();
        assert_eq!(hits, ["impact", "began"]);
    }

    #[test]
    fn exact_phrases_need_one_space() {
        let s = set(&[&[&["decision"], &["to"]]], false);
        assert!(s.is_match("the Decision to roll back"));
        assert!(!s.is_match("decision  to"));
        assert!(!s.is_match("decision-to"));
    }
}
