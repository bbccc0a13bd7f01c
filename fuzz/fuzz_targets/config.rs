//! Parse arbitrary text as a `pmlint.toml` and as a rule pack; a pack that compiles is
//! then run over a small document. Errors are fine; panics and hangs are not.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use pmlint::config::error::TomlText;
use pmlint::rules::pack;
use pmlint::{Settings, SourceFile};

const DOC: &str = "# Outage\n\n## Timeline\n\n- 10:00 Kevin failed to check the rockstar ninja dashboard\n\n## Action items\n\n| Action | Owner |\n|---|---|\n| Be more careful | TBD |\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let file = TomlText::new("fuzz.toml", text);
    // A configuration naming packs would read them relative to this (nonexistent) folder.
    if let Ok(settings) = pmlint::config::load::from_text(&file, Path::new("/nonexistent/pmlint.toml")) {
        let src = SourceFile::new("fuzz.md", DOC);
        let doc = pmlint::document::markdown::parse(&src, &settings.catalog);
        let _ = pmlint::engine::run(&doc, &settings, pmlint::builtin_rules());
    }
    if let Ok(pack) = pack::from_text(&file, "fuzz.toml", &|_| false) {
        let settings = Settings::default();
        let src = SourceFile::new("fuzz.md", DOC);
        let doc = pmlint::document::markdown::parse(&src, &settings.catalog);
        let mut cx = pmlint::rules::Context::new(&doc, &settings);
        for rule in &pack.rules {
            rule.check(&doc, &mut cx);
        }
        for d in &cx.diagnostics {
            assert!(d.span.end <= src.text.len() && src.text.is_char_boundary(d.span.start));
        }
    }
});
