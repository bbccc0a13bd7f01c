//! Thin: parse the command line, run the subcommand, return its exit code
//! (0 clean, 1 findings, 2 usage/config/IO error).

use std::process::ExitCode;

use clap::Parser;

use pmlint::cli::{Cli, Command};
use pmlint::commands;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Command::Check(args) => {
            pmlint::engine::warm_up_in_background();
            commands::check::check(args)
        }
        Command::Rules { format, config } => commands::rules::list_rules(format, config.source()),
        Command::Explain { rule, config } => commands::rules::explain(&rule, config.source()),
        Command::Init { path, force } => commands::init::init(&path, force),
        Command::New(args) => commands::new::new(args),
        Command::Schema => commands::schema::schema(),
        Command::Stats(args) => commands::stats::stats(args),
        Command::CiSummary(args) => commands::ci_summary::ci_summary(args),
        Command::Lsp { .. } => pmlint::lsp::run(),
    }
}
