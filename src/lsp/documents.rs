//! Open documents: text as the client has it, kept in sync by incremental edits.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use lsp_types::{TextDocumentContentChangeEvent, Uri};

use super::position::Encoding;
use super::uri;
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

pub struct Document {
    pub version: i32,
    pub language_id: String,
    /// The local file, for configuration lookup; `None` for unsaved buffers.
    pub path: Option<PathBuf>,
    /// Shared with the lint worker, which reads it while the next edit arrives.
    pub source: Arc<SourceFile>,
    /// The last lint of this document and the version it belongs to.
    pub lint: Option<(i32, Arc<Vec<Diagnostic>>)>,
}

impl Document {
    /// Diagnostics for the current version, if the last lint is still current.
    pub fn current_lint(&self) -> Option<Arc<Vec<Diagnostic>>> {
        match &self.lint {
            Some((v, d)) if *v == self.version => Some(d.clone()),
            _ => None,
        }
    }
}

#[derive(Default)]
pub struct Documents {
    docs: HashMap<Uri, Document>,
}

impl Documents {
    pub fn open(&mut self, uri: Uri, language_id: String, version: i32, text: String) {
        let path = uri::to_path(&uri);
        let name = display_name(&uri, &path);
        self.docs.insert(
            uri,
            Document {
                version,
                language_id,
                path,
                source: Arc::new(SourceFile::new(name, text)),
                lint: None,
            },
        );
    }

    pub fn close(&mut self, uri: &Uri) -> Option<Document> {
        self.docs.remove(uri)
    }

    pub fn get(&self, uri: &Uri) -> Option<&Document> {
        self.docs.get(uri)
    }

    pub fn get_mut(&mut self, uri: &Uri) -> Option<&mut Document> {
        self.docs.get_mut(uri)
    }

    pub fn uris(&self) -> Vec<Uri> {
        self.docs.keys().cloned().collect()
    }

    /// Apply `didChange` edits in order. Ranges outside the text clamp to it (the client
    /// is the source of truth; a bad range must not take the server down).
    pub fn change(
        &mut self,
        uri: &Uri,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        enc: Encoding,
    ) -> Result<(), String> {
        let doc = self.docs.get_mut(uri).ok_or_else(|| {
            format!(
                "didChange for a document that is not open: {}",
                uri.as_str()
            )
        })?;
        let mut edited: Option<SourceFile> = None;
        for change in changes {
            edited = Some(apply(edited.as_ref().unwrap_or(&doc.source), change, enc));
        }
        if let Some(source) = edited {
            doc.source = Arc::new(source);
        }
        doc.version = version;
        Ok(())
    }
}

/// One content change applied to `src`: a range replacement, or the whole text.
pub fn apply(
    src: &SourceFile,
    change: TextDocumentContentChangeEvent,
    enc: Encoding,
) -> SourceFile {
    let text = match change.range {
        None => change.text,
        Some(range) => {
            let span = enc.span(src, range);
            let mut text = String::with_capacity(src.text.len() + change.text.len());
            text.push_str(&src.text[..span.start]);
            text.push_str(&change.text);
            text.push_str(&src.text[span.end..]);
            text
        }
    };
    let mut next = SourceFile::new(src.path.clone(), text);
    next.had_bom |= src.had_bom;
    next
}

fn display_name(uri: &Uri, path: &Option<PathBuf>) -> String {
    match path {
        Some(p) => p.display().to_string(),
        None => uri.as_str().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};

    fn edit(l1: u32, c1: u32, l2: u32, c2: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l1, c1), Position::new(l2, c2))),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn incremental_edits_use_utf16_columns() {
        let s = SourceFile::new("t.md", "# 😀 x\nline two\n");
        let s = apply(&s, edit(0, 5, 0, 5, "human error "), Encoding::Utf16);
        assert_eq!(s.text, "# 😀 human error x\nline two\n");
        let s = apply(&s, edit(1, 0, 1, 5, ""), Encoding::Utf16);
        assert_eq!(s.text, "# 😀 human error x\ntwo\n");
    }

    #[test]
    fn out_of_range_edits_clamp_instead_of_panicking() {
        let s = SourceFile::new("t.md", "ab\ncd");
        let s = apply(&s, edit(7, 3, 9, 0, "!"), Encoding::Utf16);
        assert_eq!(s.text, "ab\ncd!");
        let s = apply(&s, edit(1, 50, 0, 1, ""), Encoding::Utf16);
        assert_eq!(s.text, "a");
    }

    #[test]
    fn full_replacement_and_crlf() {
        let s = SourceFile::new("t.md", "old");
        let full = TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: "a\r\nb".into(),
        };
        let s = apply(&s, full, Encoding::Utf8);
        let s = apply(&s, edit(1, 0, 1, 1, "c"), Encoding::Utf8);
        assert_eq!(s.text, "a\r\nc");
    }
}
