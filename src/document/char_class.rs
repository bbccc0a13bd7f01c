//! Small character classes for the bodies of `[...]` in static regexes, used instead of
//! `\p{Lu}`, `\p{L}` and `\w`.
//!
//! Each Unicode class compiles to an automaton of hundreds of UTF-8 ranges, and the regexes
//! are compiled in every process: a name pattern that repeats them cost ~8 ms to build, more
//! than linting a 10 KB post-mortem. Names, handles and tickets in post-mortems are written
//! in Latin, Greek, Cyrillic, CJK or Hangul script, which these few ranges cover (Latin
//! Extended-A mixes cases, so its lower-case letters also pass as capitals).

/// Capital letters: ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic.
pub const UPPER: &str = r"A-ZÀ-ÖØ-Þ\x{100}-\x{17F}\x{386}-\x{3AB}\x{400}-\x{42F}";

/// Letters: ASCII, Latin-1, Latin Extended-A/B, Greek, Cyrillic, kana, CJK, Hangul.
pub const LETTER: &str = r"A-Za-zªµºÀ-ÖØ-öø-\x{24F}\x{370}-\x{3FF}\x{400}-\x{4FF}\x{3040}-\x{30FF}\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{AC00}-\x{D7AF}";

/// Combining diacritical marks (a decomposed "é").
pub const MARK: &str = r"\x{300}-\x{36F}";

/// Word characters: letters, ASCII digits and `_`.
pub const WORD: &str = r"A-Za-zªµºÀ-ÖØ-öø-\x{24F}\x{370}-\x{3FF}\x{400}-\x{4FF}\x{3040}-\x{30FF}\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{AC00}-\x{D7AF}0-9_";

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    #[test]
    fn classes_accept_names_in_common_scripts_and_reject_punctuation() {
        let upper = Regex::new(&format!("^[{UPPER}]$")).unwrap();
        for c in ["A", "Ñ", "Ł", "Ω", "Ж"] {
            assert!(upper.is_match(c), "{c}");
        }
        for c in ["a", "é", "1", "-", "’"] {
            assert!(!upper.is_match(c), "{c}");
        }
        let word = Regex::new(&format!("^[{WORD}]+$")).unwrap();
        for w in ["ana_b2", "José", "Łukasz", "Дмитрий", "田中", "김민준"] {
            assert!(word.is_match(w), "{w}");
        }
        for w in ["a-b", "a.b", "–", "—", "’", " ", "😀"] {
            assert!(!word.is_match(w), "{w}");
        }
        assert!(WORD.starts_with(LETTER));
    }
}
