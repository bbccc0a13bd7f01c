//! `pmlint lsp`: a language server on stdio that lints open post-mortems with the same
//! engine, rules and configuration as `pmlint check`.
//!
//! - `server.rs`: lifecycle, message loop, state; `handlers.rs`: one function per method.
//! - `transport.rs`: Content-Length framing that survives malformed input.
//! - `documents.rs`: open documents kept in sync by incremental edits.
//! - `worker.rs`: debounced linting off the message loop.
//! - `position.rs`: LSP positions in the negotiated encoding (counting is in source.rs).
//! - `diagnostics.rs`, `actions.rs`, `hover.rs`: what the client sees.
//! - `config.rs`: the nearest pmlint.toml per document; `scope.rs`: which documents to lint.

pub mod actions;
pub mod config;
pub mod diagnostics;
pub mod documents;
pub mod handlers;
pub mod hover;
pub mod position;
pub mod scope;
pub mod server;
pub mod transport;
pub mod uri;
pub mod worker;

use std::process::ExitCode;

/// Serve on standard input and output until the client says `exit`.
pub fn run() -> ExitCode {
    server::serve(transport::Transport::stdio())
}
