//! YAML (`---`) and TOML (`+++`) front matter: found by its delimiters, read as flat
//! `key: value` / `key = value` pairs (nested structure is not needed by any rule).

use crate::document::model::{Field, FrontMatter};

pub fn detect(text: &str) -> Option<FrontMatter> {
    let mut lines = line_spans(text);
    let (first_start, first_end) = lines.next()?;
    let delim = text[first_start..first_end].trim_end();
    let closers: &[&str] = match delim {
        "---" => &["---", "..."],
        "+++" => &["+++"],
        _ => return None,
    };
    let toml = delim == "+++";
    let mut fields = Vec::new();
    for (start, end) in lines {
        let line = &text[start..end];
        if closers.contains(&line.trim_end()) {
            let mut close = end;
            while close < text.len() && matches!(text.as_bytes()[close], b'\r' | b'\n') {
                close += 1;
                if text.as_bytes()[close - 1] == b'\n' {
                    break;
                }
            }
            return Some(FrontMatter {
                span: 0..close,
                fields,
            });
        }
        if let Some(f) = field(line, start, toml) {
            fields.push(f);
        }
    }
    None
}

fn field(line: &str, start: usize, toml: bool) -> Option<Field> {
    if line.starts_with([' ', '\t', '#', '-']) {
        return None;
    }
    let sep = if toml { '=' } else { ':' };
    let at = line.find(sep)?;
    let key = line[..at].trim();
    if key.is_empty()
        || !key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
    {
        return None;
    }
    let raw = &line[at + 1..];
    let lead = raw.len() - raw.trim_start().len();
    let value = raw.trim();
    let (value, skip) = match value.as_bytes().first() {
        Some(b'"') | Some(b'\'') if value.len() >= 2 && value.ends_with(&value[..1]) => {
            (&value[1..value.len() - 1], 1)
        }
        _ => (value, 0),
    };
    let vstart = start + at + 1 + lead + skip;
    Some(Field {
        key: key.to_string(),
        value: value.to_string(),
        value_span: vstart..vstart + value.len(),
    })
}

/// (start, end-without-terminator) of each line.
fn line_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= text.len() {
            return None;
        }
        let start = pos;
        let rest = &text[pos..];
        let (end, next) = match rest.find(['\n', '\r']) {
            Some(i) => {
                let nl = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                (pos + i, pos + i + nl)
            }
            None => (text.len(), text.len()),
        };
        pos = next;
        Some((start, end))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_and_toml_front_matter() {
        let t = "---\ntitle: \"DB outage\"\ndate: 2026-03-14\n---\n# Hi\n";
        let fm = detect(t).unwrap();
        assert_eq!(
            &t[fm.span.clone()],
            "---\ntitle: \"DB outage\"\ndate: 2026-03-14\n---\n"
        );
        assert_eq!(fm.fields[0].value, "DB outage");
        assert_eq!(&t[fm.fields[1].value_span.clone()], "2026-03-14");
        let t = "+++\r\ntitle = 'x'\r\n+++\r\nbody";
        assert_eq!(detect(t).unwrap().fields[0].value, "x");
    }

    #[test]
    fn unterminated_front_matter_is_not_front_matter() {
        assert!(detect("---\ntitle: x\n# Heading\n").is_none());
        assert!(detect("# Title\n---\n").is_none());
    }
}
