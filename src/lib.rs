//! pmlint: a linter for incident post-mortems. The CLI, the language server and the tests
//! all go through [`lint`].

pub mod baseline;
pub mod changed;
pub mod cli;
pub mod commands;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod engine;
pub mod files;
pub mod filter;
pub mod lsp;
pub mod output;
pub mod paths;
pub mod rules;
pub mod source;
pub mod stats;
pub mod suggest;
pub mod suppress;
pub mod timeline;

use std::sync::LazyLock;

pub use config::Settings;
pub use diagnostic::{Diagnostic, Severity};
pub use source::SourceFile;

static BUILTIN_RULES: LazyLock<Vec<Box<dyn rules::Rule>>> = LazyLock::new(rules::builtin);

/// Every built-in rule.
pub fn builtin_rules() -> &'static [Box<dyn rules::Rule>] {
    &BUILTIN_RULES
}

/// Lint one document with the built-in rules.
pub fn lint(source: &SourceFile, settings: &Settings) -> Vec<Diagnostic> {
    let doc = document::markdown::parse(source, &settings.catalog);
    engine::run(&doc, settings, builtin_rules())
}
