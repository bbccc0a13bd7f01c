//! Configuration and pack errors: one line, `path:line:col: message`, with a suggestion
//! for a mistyped key, value or rule id.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::source::SourceFile;
use crate::suggest;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file as people should see it (relative to the working directory when under it).
    pub path: String,
    /// 1-based line and character column, when the error is at a place in the file.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl ConfigError {
    /// An error about the file as a whole (cannot be read, …).
    pub fn file(path: impl Into<String>, message: impl Into<String>) -> Self {
        ConfigError {
            path: path.into(),
            position: None,
            message: message.into(),
        }
    }

    /// `path:line:col`, or `path` when the error has no position.
    pub fn location(&self) -> String {
        match self.position {
            Some((line, col)) => format!("{}:{line}:{col}", self.path),
            None => self.path.clone(),
        }
    }
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.location(), self.message)
    }
}

impl std::error::Error for ConfigError {}

/// Largest configuration or pack file read.
const MAX_TOML_SIZE: u64 = 4 * 1024 * 1024;

/// A TOML file being loaded: its text and how to point into it.
pub struct TomlText {
    pub source: SourceFile,
}

impl TomlText {
    /// Read `path`; `display` is how errors name it. Only a regular file of reasonable
    /// size is read: a FIFO would block forever, and no configuration is megabytes long.
    pub fn read(path: &Path, display: &str) -> Result<TomlText, ConfigError> {
        let cannot = |e: std::io::Error| {
            let why = match e.kind() {
                std::io::ErrorKind::NotFound => "no such file".to_string(),
                std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
                _ => e.to_string(),
            };
            ConfigError::file(display, format!("cannot read: {why}"))
        };
        let meta = std::fs::metadata(path).map_err(cannot)?;
        if !meta.is_file() {
            return Err(ConfigError::file(
                display,
                "cannot read: not a regular file",
            ));
        }
        if meta.len() > MAX_TOML_SIZE {
            return Err(ConfigError::file(
                display,
                format!("cannot read: larger than {MAX_TOML_SIZE} bytes"),
            ));
        }
        let bytes = std::fs::read(path).map_err(cannot)?;
        let source = SourceFile::from_bytes(display, bytes)
            .map_err(|e| ConfigError::file(display, e.to_string()))?;
        Ok(TomlText { source })
    }

    pub fn new(display: &str, text: &str) -> TomlText {
        TomlText {
            source: SourceFile::new(display, text),
        }
    }

    /// An error at byte `offset` of the file.
    pub fn error_at(&self, offset: usize, message: impl Into<String>) -> ConfigError {
        let lc = self.source.line_col(offset.min(self.source.text.len()));
        ConfigError {
            path: self.source.path.clone(),
            position: Some((lc.line, lc.column)),
            message: message.into(),
        }
    }

    /// Deserialize the file; a syntax or schema error points at its place, with a
    /// suggestion when a key or value looks mistyped.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, ConfigError> {
        toml::from_str(&self.source.text).map_err(|e| {
            let message = with_suggestion(e.message());
            match e.span() {
                Some(span) => self.error_at(span.start, message),
                None => ConfigError::file(self.source.path.clone(), message),
            }
        })
    }
}

/// Turn serde's and toml's "unknown field/variant" messages into a short message with a
/// "did you mean" when one of the expected names is close.
fn with_suggestion(message: &str) -> String {
    let message = message.trim().replace('\n', " ");
    // serde: "unknown field `includ`, expected one of `include`, `exclude`"
    //        "unknown variant `warn`, expected one of `error`, `warning`, …"
    for (prefix, what) in [("unknown field `", "key"), ("unknown variant `", "value")] {
        if let Some(rest) = message.strip_prefix(prefix) {
            let Some((word, expected)) = rest.split_once('`') else {
                break;
            };
            let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
            let hint = suggest::hint(word, candidates.iter().copied());
            let hint = if hint.is_empty() && !candidates.is_empty() {
                format!(" (expected {})", quote_list(&candidates))
            } else {
                hint
            };
            return format!("unknown {what} `{word}`{hint}");
        }
    }
    // toml, for tables of enum variants: "unexpected keys in table: foo, available keys: a, b"
    if let Some((keys, available)) = message
        .strip_prefix("unexpected keys in table: ")
        .and_then(|rest| rest.split_once(", available keys: "))
    {
        let word = keys.split(", ").next().unwrap_or(keys);
        let candidates: Vec<&str> = available.split(", ").collect();
        let hint = suggest::hint(word, candidates.iter().copied());
        let hint = if hint.is_empty() {
            format!(" (expected {})", quote_list(&candidates))
        } else {
            hint
        };
        return format!("unknown key `{word}`{hint}");
    }
    message
}

fn quote_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_field_gets_a_suggestion() {
        assert_eq!(
            with_suggestion("unknown field `includ`, expected one of `rules`, `include`"),
            "unknown key `includ`; did you mean `include`?"
        );
        assert_eq!(
            with_suggestion("unknown variant `warn`, expected one of `error`, `warning`"),
            "unknown value `warn`; did you mean `warning`?"
        );
        assert_eq!(
            with_suggestion("unknown variant `zz`, expected `existence` or `substitution`"),
            "unknown value `zz` (expected `existence`, `substitution`)"
        );
        assert_eq!(
            with_suggestion("unexpected keys in table: phrase, available keys: phrases, regexes"),
            "unknown key `phrase`; did you mean `phrases`?"
        );
        assert_eq!(
            with_suggestion("invalid type: integer `1`, expected a boolean"),
            "invalid type: integer `1`, expected a boolean"
        );
    }

    #[test]
    fn only_regular_files_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let e = TomlText::read(dir.path(), "dir").err().unwrap();
        assert_eq!(e.to_string(), "dir: cannot read: not a regular file");
        let e = TomlText::read(&dir.path().join("none.toml"), "none.toml")
            .err()
            .unwrap();
        assert_eq!(e.to_string(), "none.toml: cannot read: no such file");
    }

    #[test]
    fn errors_point_at_line_and_column() {
        let t = TomlText::new("pmlint.toml", "accept = []\nincld = []\n");
        let e = t.parse::<super::super::file::ConfigFile>().unwrap_err();
        assert_eq!(e.location(), "pmlint.toml:2:1");
        assert!(e.message.contains("did you mean `include`"), "{e}");
    }
}
