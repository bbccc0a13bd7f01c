//! `pmlint stats`: incident metrics per document and across documents.

use std::process::ExitCode;

use rayon::prelude::*;

use crate::cli::{StatsArgs, StatsFormat};
use crate::config::Resolver;
use crate::files::{self, Input};
use crate::stats::{self, DocumentStats};

pub fn stats(args: StatsArgs) -> ExitCode {
    let paths = if args.paths.is_empty() {
        vec![".".to_string()]
    } else {
        args.paths.clone()
    };
    let (inputs, input_errors) = files::collect(&paths);
    let resolver = Resolver::new(args.config.source());
    let results: Vec<Result<DocumentStats, (String, String)>> = inputs
        .par_iter()
        .map(|input| measure(input, &args, &resolver))
        .collect();
    let mut docs = Vec::new();
    let mut errors: Vec<(String, String)> = Vec::new();
    for r in results {
        match r {
            Ok(d) => docs.push(d),
            Err(e) => errors.push(e),
        }
    }
    errors.extend(input_errors.into_iter().map(|e| (e.path, e.message)));
    let text = match args.format {
        StatsFormat::Human => {
            for (path, message) in &errors {
                eprintln!("pmlint: {path}: {message}");
            }
            stats::render_human(&docs)
        }
        StatsFormat::Json => stats::render_json(&docs, &errors),
    };
    let code = if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    };
    super::stdout::print_then(&text, code)
}

/// Read, parse (with the configuration that applies to the file) and measure one input.
fn measure(
    input: &Input,
    args: &StatsArgs,
    resolver: &Resolver,
) -> Result<DocumentStats, (String, String)> {
    let (name, loaded, settings) = match input {
        Input::Stdin => {
            let name = args
                .stdin_filename
                .clone()
                .unwrap_or_else(|| "<stdin>".into());
            let settings = match &args.stdin_filename {
                Some(n) => resolver.for_file(std::path::Path::new(n)),
                None => resolver.for_dir(std::path::Path::new(".")),
            };
            let loaded = files::read_stdin(&name, args.max_file_size);
            (name, loaded, settings)
        }
        Input::File(p) => {
            let name = p.display().to_string();
            let loaded = files::read(p, &name, args.max_file_size);
            (name, loaded, resolver.for_file(p))
        }
    };
    let settings = settings.map_err(|e| (e.location(), e.message.clone()))?;
    let src = loaded.map_err(|e| (name.clone(), e))?;
    let settings = match args.today {
        Some(today) => std::sync::Arc::new(crate::config::Settings {
            today: Some(today),
            ..(*settings).clone()
        }),
        None => settings,
    };
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        stats::of_source(&name, &src, &settings)
    }))
    .map_err(|_| {
        (
            name.clone(),
            "internal error while measuring (please report)".to_string(),
        )
    })
}
