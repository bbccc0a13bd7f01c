//! One module per subcommand; `main.rs` only dispatches.

pub mod check;
pub mod ci_summary;
pub mod init;
pub mod new;
pub mod rules;
pub mod schema;
pub mod selection;
pub mod stats;
pub mod stdout;
pub mod write;
