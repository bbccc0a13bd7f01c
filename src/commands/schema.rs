//! `pmlint schema`: print the JSON Schema of `pmlint.toml` (committed as
//! `pmlint.schema.json`; tests/docs.rs fails when that copy is stale).

use std::process::ExitCode;

pub fn schema() -> ExitCode {
    super::stdout::print_then(&crate::config::file::schema_json(), ExitCode::SUCCESS)
}
