//! Command-line interface (clap derive).

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(
    name = "pmlint",
    version,
    about = "Lint incident post-mortems: timelines, action items and blameless wording"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Lint post-mortems (files, directories, globs, or - for standard input)
    Check(CheckArgs),
    /// List every rule with its default severity and summary
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
    },
    /// Show a rule's full documentation with bad and good examples
    Explain {
        /// Rule id, e.g. blame-language
        rule: String,
    },
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files, directories or glob patterns; `-` reads standard input. Defaults to `.`
    pub paths: Vec<String>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// The name to report for standard input
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<String>,
    /// Largest file to read, in bytes; larger files are reported as errors
    #[arg(long, value_name = "BYTES", default_value_t = crate::files::DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,
    /// Ignore any pmlint.toml
    #[arg(long)]
    pub no_config: bool,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListFormat {
    Human,
    Json,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}
