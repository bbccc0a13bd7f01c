//! `pmlint init`: write a commented `pmlint.toml` with every setting at its default.

use std::path::Path;
use std::process::ExitCode;

use super::write::write_new;
use crate::builtin_rules;
use crate::config::template::init_toml;

pub fn init(path: &Path, force: bool) -> ExitCode {
    match write_new(path, &init_toml(builtin_rules()), force) {
        Ok(()) => {
            eprintln!("pmlint: wrote {}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("pmlint: {}: {e}", path.display());
            ExitCode::from(2)
        }
    }
}
