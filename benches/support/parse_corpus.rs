//! The parse-only baseline for `scripts/bench.sh`: read every Markdown file under the
//! given paths exactly as `pmlint check` does and build the document model (comrak + the
//! model), in parallel on rayon's pool (`RAYON_NUM_THREADS=1` for one thread), without
//! running any rule or printing any finding.
//!
//!     cargo run --release --example parse_corpus -- PATHS...

use std::process::ExitCode;

use pmlint::files::{self, Input};
use pmlint::{Settings, document::markdown};
use rayon::prelude::*;

fn main() -> ExitCode {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let (inputs, errors) = files::collect(&paths);
    let settings = Settings::default();
    let blocks: usize = inputs
        .par_iter()
        .filter_map(|input| match input {
            Input::File(p) => {
                let src = files::read(p, &p.display().to_string(), files::DEFAULT_MAX_FILE_SIZE);
                src.ok()
            }
            Input::Stdin => None,
        })
        .map(|src| markdown::parse(&src, &settings.catalog).blocks.len())
        .sum();
    println!("parsed {} files: {blocks} blocks", inputs.len());
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}
