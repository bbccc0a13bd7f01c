//! Lint arbitrary bytes as a document, render every output format, and check what the
//! library promises: spans and fix edits inside the text on character boundaries.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use pmlint::output::{self, FileReport};
use pmlint::{Settings, SourceFile};

static SETTINGS: LazyLock<Settings> = LazyLock::new(Settings::default);

fuzz_target!(|data: &[u8]| {
    let Ok(src) = SourceFile::from_bytes("fuzz.md", data.to_vec()) else {
        return;
    };
    let diagnostics = pmlint::lint(&src, &SETTINGS);
    let text = &src.text;
    for d in &diagnostics {
        assert!(d.span.start <= d.span.end && d.span.end <= text.len(), "{d:?}");
        assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
        for e in d.fix.iter().flat_map(|f| &f.edits) {
            assert!(e.span.start <= e.span.end && e.span.end <= text.len(), "{d:?}");
            assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
        }
    }
    let reports = [FileReport {
        path: "fuzz.md".into(),
        source: Some(src.clone()),
        diagnostics,
        error: None,
    }];
    let _ = output::human::render(&reports, false);
    let json = output::json::render(&reports);
    assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok());
    let _ = output::sarif::render(&reports);
    let _ = output::github::render(&reports);
    let _ = output::gitlab::render(&reports);
    let _ = output::concise::render(&reports);
});
