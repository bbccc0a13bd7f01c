//! Which inputs `pmlint check` lints: the paths given, narrowed by `--changed-since` to the
//! files git reports changed, and by `--only-postmortems` (implied by `--changed-since`)
//! to the post-mortems among them.

use crate::cli::CheckArgs;
use crate::files::Input;
use crate::filter::PostmortemFilter;
use crate::output::FileReport;

pub struct Selection {
    pub paths: Vec<String>,
    filter: Option<PostmortemFilter>,
}

pub fn select(args: &CheckArgs, paths: Vec<String>) -> Result<Selection, String> {
    let paths = match &args.changed_since {
        Some(rev) => crate::changed::changed_files(rev, &paths)?,
        None => paths,
    };
    let filter = if args.only_postmortems || args.changed_since.is_some() {
        let (include, exclude) = configured_globs(args);
        Some(PostmortemFilter::new(&include, &exclude)?)
    } else {
        None
    };
    Ok(Selection { paths, filter })
}

/// The `include`/`exclude` globs of the configuration; empty lists keep the defaults.
fn configured_globs(_args: &CheckArgs) -> (Vec<String>, Vec<String>) {
    (Vec::new(), Vec::new())
}

impl Selection {
    /// Drop excluded paths before anything is read.
    pub fn retain_inputs(&self, inputs: &mut Vec<Input>, stdin_name: Option<&str>) {
        if let Some(f) = &self.filter {
            f.retain_inputs(inputs, stdin_name);
        }
    }

    /// Drop linted files that turn out not to be post-mortems.
    pub fn retain_reports(&self, reports: &mut Vec<FileReport>) {
        if let Some(f) = &self.filter {
            reports.retain(|r| f.keeps(r));
        }
    }
}
