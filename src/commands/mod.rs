//! One module per subcommand; `main.rs` only dispatches.

pub mod check;
pub mod ci_summary;
pub mod rules;
pub mod selection;
