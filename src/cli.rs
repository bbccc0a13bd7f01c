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
    /// List every rule (built-in and from the configuration's packs) with its default
    /// level, origin and summary
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Annotations, job summary and outputs for GitHub Actions, from the JSON of
    /// `pmlint check --format json` (the GitHub Action's reporting step)
    CiSummary(CiSummaryArgs),
    /// Show a rule's full documentation with bad and good examples
    Explain {
        /// Rule id, e.g. blame-language
        rule: String,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Write a commented pmlint.toml with every setting at its default
    Init {
        /// Where to write it
        #[arg(default_value = "pmlint.toml")]
        path: std::path::PathBuf,
        /// Overwrite an existing file
        #[arg(long)]
        force: bool,
    },
    /// Write a post-mortem skeleton to fill in
    New(NewArgs),
    /// Print the JSON Schema of pmlint.toml (for editor completion)
    Schema,
    /// Incident metrics from the timelines: time to detect, acknowledge, mitigate and
    /// resolve per document, with medians across documents
    Stats(StatsArgs),
    /// Run the language server on standard input/output (for editors)
    Lsp {
        /// Accepted for clients that pass it; stdio is the only transport
        #[arg(long, hide = true)]
        stdio: bool,
    },
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files, directories or glob patterns; `-` reads standard input. Defaults to `.`
    pub paths: Vec<String>,
    /// Output format [default: human; under GitHub Actions (GITHUB_ACTIONS=true) human output
    /// is followed by workflow-command annotations]
    #[arg(long, value_enum)]
    pub format: Option<Format>,
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
    /// Use this configuration file for every input instead of the nearest pmlint.toml
    #[arg(long, value_name = "PATH", conflicts_with = "no_config")]
    pub config: Option<std::path::PathBuf>,
    /// Lint only post-mortems (by include/exclude globs, front matter or title), also among
    /// files named explicitly: for hooks that pass every changed Markdown file
    #[arg(long)]
    pub only_postmortems: bool,
    /// Lint only post-mortems changed since the merge base of REV and HEAD, including
    /// uncommitted and untracked files (implies --only-postmortems)
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
    /// Ignore the findings recorded in this baseline file
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<std::path::PathBuf>,
    /// Record the current findings in this baseline file and exit 0
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<std::path::PathBuf>,
    /// Lowest severity that makes the exit code 1
    #[arg(long, value_enum, value_name = "LEVEL", default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// The day due-date rules treat as today, YYYY-MM-DD, for reproducible runs (overrides
    /// `today` in pmlint.toml) [default: today]
    #[arg(long, value_name = "DATE")]
    pub today: Option<jiff::civil::Date>,
}

#[derive(clap::Args, Debug)]
pub struct CiSummaryArgs {
    /// The output of `pmlint check --format json`
    #[arg(long, value_name = "FILE")]
    pub report: std::path::PathBuf,
    /// Lowest severity that makes the exit code 1
    #[arg(long, value_enum, value_name = "LEVEL", default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// The output of `pmlint stats --format json` (by default it is run on the report's files)
    #[arg(long, value_name = "FILE")]
    pub stats: Option<std::path::PathBuf>,
    /// Leave action items and timeline metrics out of the summary
    #[arg(long, conflicts_with = "stats")]
    pub no_stats: bool,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    Error,
    Warning,
    Never,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    /// `path:line:col: severity[rule-id] message`
    Concise,
    /// GitHub Actions workflow commands (annotations)
    Github,
    /// SARIF 2.1.0 (GitHub code scanning)
    Sarif,
    /// GitLab Code Quality JSON
    Gitlab,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListFormat {
    Human,
    Json,
    /// The README's rule table (built-in rules)
    Markdown,
}

/// Which configuration `rules` and `explain` read (for the packs' rules).
#[derive(clap::Args, Debug)]
pub struct ConfigArgs {
    /// Use this configuration file instead of the nearest pmlint.toml
    #[arg(long, value_name = "PATH", conflicts_with = "no_config")]
    pub config: Option<std::path::PathBuf>,
    /// Ignore any pmlint.toml
    #[arg(long)]
    pub no_config: bool,
}

impl ConfigArgs {
    pub fn source(&self) -> crate::config::ConfigSource {
        crate::config::ConfigSource::from_flags(self.config.as_deref(), self.no_config)
    }
}

#[derive(clap::Args, Debug)]
pub struct StatsArgs {
    /// Files, directories or glob patterns; `-` reads standard input. Defaults to `.`
    pub paths: Vec<String>,
    #[arg(long, value_enum, default_value_t = StatsFormat::Human)]
    pub format: StatsFormat,
    /// The name to report for standard input
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<String>,
    /// Largest file to read, in bytes; larger files are reported as errors
    #[arg(long, value_name = "BYTES", default_value_t = crate::files::DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// The day that decides which action items are past due, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "DATE")]
    pub today: Option<jiff::civil::Date>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatsFormat {
    Human,
    Json,
}

#[derive(clap::Args, Debug)]
pub struct NewArgs {
    /// Where to write it [default: DATE-TITLE.md in the working directory]
    pub path: Option<std::path::PathBuf>,
    /// The incident's title
    #[arg(long)]
    pub title: Option<String>,
    /// The incident's date, YYYY-MM-DD [default: today]
    #[arg(long)]
    pub date: Option<String>,
    /// Overwrite an existing file
    #[arg(long)]
    pub force: bool,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}
