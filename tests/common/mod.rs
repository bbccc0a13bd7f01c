//! Helpers shared by the test binaries that run the real `pmlint` (`mod common;`).

// Each test binary compiles this module on its own and uses only some of it.
#![allow(dead_code)]

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

/// The real binary, outside GitHub Actions and without colour, so its output is the same
/// wherever the tests run.
pub fn pmlint() -> Command {
    let mut c = Command::cargo_bin("pmlint").unwrap();
    c.env_remove("GITHUB_ACTIONS").env("NO_COLOR", "1");
    c
}

/// `pmlint()` run in `dir` (where it looks for pmlint.toml and resolves relative paths).
pub fn pmlint_in(dir: &Path) -> Command {
    let mut c = pmlint();
    c.current_dir(dir);
    c
}

/// A command's standard output, which must be JSON.
pub fn json_of(out: &[u8]) -> Value {
    serde_json::from_slice(out).expect("valid JSON")
}
