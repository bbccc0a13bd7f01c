//! One module per subcommand; `main.rs` only dispatches.

pub mod check;
pub mod rules;
