//! `file:` URIs to paths and back. The language server only needs local files; any other
//! scheme (untitled:, vscode-notebook-cell:, …) has no path and gets default settings.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types::Uri;

/// The local path of a `file:` URI, percent-decoded.
pub fn to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file://host/path`: only an empty host or localhost name a local file.
    let path = if rest.starts_with('/') {
        rest
    } else {
        rest.strip_prefix("localhost")?
    };
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let decoded = percent_decode(path)?;
    // `/C:/dir` on Windows is `C:/dir`.
    let b = decoded.as_bytes();
    if cfg!(windows) && b.len() >= 3 && b[0] == b'/' && b[1].is_ascii_alphabetic() && b[2] == b':' {
        return Some(PathBuf::from(&decoded[1..]));
    }
    Some(PathBuf::from(decoded))
}

/// A `file:` URI for an absolute path.
pub fn from_path(path: &Path) -> Option<Uri> {
    let text = path.to_str()?.replace('\\', "/");
    let mut out = String::from("file://");
    if !text.starts_with('/') {
        out.push('/');
    }
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~:".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Uri::from_str(&out).ok()
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_paths_with_spaces_and_unicode() {
        let p = Path::new("/tmp/post mortems/café #1.md");
        let uri = from_path(p).unwrap();
        assert_eq!(
            uri.as_str(),
            "file:///tmp/post%20mortems/caf%C3%A9%20%231.md"
        );
        assert_eq!(to_path(&uri).unwrap(), p);
    }

    #[test]
    fn other_schemes_have_no_path() {
        assert!(to_path(&Uri::from_str("untitled:Untitled-1").unwrap()).is_none());
        assert!(to_path(&Uri::from_str("file://server/share/x.md").unwrap()).is_none());
        assert_eq!(
            to_path(&Uri::from_str("file://localhost/x.md").unwrap()).unwrap(),
            Path::new("/x.md")
        );
    }
}
