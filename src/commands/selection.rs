//! Which inputs `pmlint check` lints: the paths given, narrowed by `--changed-since` to the
//! files git reports changed, and by `--only-postmortems` (implied by `--changed-since`)
//! to the post-mortems among them. Each file is judged by the `include`/`exclude` globs
//! of the configuration that applies to it (relative to that configuration's folder), or
//! by the built-in defaults when it sets none.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::cli::CheckArgs;
use crate::config::{ConfigSource, Resolver};
use crate::files::Input;
use crate::filter::{PathVerdict, PostmortemFilter};
use crate::output::FileReport;

pub struct Selection {
    pub paths: Vec<String>,
    filters: Option<Filters>,
    max_file_size: u64,
}

pub fn select(args: &CheckArgs, paths: Vec<String>) -> Result<Selection, String> {
    let paths = match &args.changed_since {
        Some(rev) => crate::changed::changed_files(rev, &paths)?,
        None => paths,
    };
    let filters = (args.only_postmortems || args.changed_since.is_some()).then(|| Filters {
        resolver: Resolver::new(ConfigSource::from_flags(
            args.config.as_deref(),
            args.no_config,
        )),
        by_config: Mutex::new(HashMap::new()),
    });
    Ok(Selection {
        paths,
        filters,
        max_file_size: args.max_file_size,
    })
}

impl Selection {
    /// Drop the inputs that are not post-mortems before they are linted: excluded paths
    /// at once, paths no glob names once their text is judged (read here, read again by
    /// the lint: far cheaper than linting a README). Unreadable files are kept so that
    /// the lint reports them.
    pub fn retain_inputs(&self, inputs: &mut Vec<Input>, stdin_name: Option<&str>) {
        let Some(filters) = &self.filters else { return };
        let keep: Vec<bool> = inputs
            .par_iter()
            .map(|input| {
                let name = match input {
                    Input::File(p) => p.to_string_lossy().into_owned(),
                    Input::Stdin => match stdin_name {
                        Some(n) => n.to_string(),
                        None => return true,
                    },
                };
                let Ok(f) = filters.for_path(&name) else {
                    return true;
                };
                match (f.path_verdict(&name), input) {
                    (PathVerdict::Excluded, _) => false,
                    (PathVerdict::Unknown, Input::File(p)) => {
                        // Only regular files within the size limit: a FIFO would block,
                        // and what the lint refuses it must still report.
                        let readable = std::fs::metadata(p)
                            .is_ok_and(|m| m.is_file() && m.len() <= self.max_file_size);
                        if !readable {
                            return true;
                        }
                        match std::fs::read(p) {
                            Ok(bytes) => f.is_postmortem(&name, &String::from_utf8_lossy(&bytes)),
                            Err(_) => true,
                        }
                    }
                    _ => true,
                }
            })
            .collect();
        let mut keep = keep.into_iter();
        inputs.retain(|_| keep.next().unwrap_or(true));
    }

    /// Drop linted files that turn out not to be post-mortems. A file whose configuration
    /// has an invalid glob is kept, with that error.
    pub fn retain_reports(&self, reports: &mut Vec<FileReport>) {
        reports.retain_mut(|r| self.keeps_report(r));
    }

    /// [`Selection::retain_reports`] for one report, as reports stream in.
    pub fn keeps_report(&self, r: &mut FileReport) -> bool {
        let Some(filters) = &self.filters else {
            return true;
        };
        match filters.for_path(&r.path) {
            Ok(f) => match &r.source {
                Some(src) => f.is_postmortem(&r.path, &src.text),
                None => true,
            },
            Err(e) => {
                r.diagnostics.clear();
                r.error = Some(e);
                true
            }
        }
    }
}

/// A filter, or why the configuration's globs do not compile.
type Built = Result<Arc<PostmortemFilter>, String>;

struct Filters {
    resolver: Resolver,
    /// Configuration file (`None`: defaults) → its filter, built once.
    by_config: Mutex<HashMap<Option<PathBuf>, Built>>,
}

impl Filters {
    fn for_path(&self, path: &str) -> Result<Arc<PostmortemFilter>, String> {
        // A configuration that does not load is reported by the lint itself; judge the
        // file by the defaults meanwhile.
        let settings = self.resolver.for_file(Path::new(path)).ok();
        let key = settings.as_ref().and_then(|s| s.config_path.clone());
        let mut cache = self
            .by_config
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        cache
            .entry(key.clone())
            .or_insert_with(|| match &settings {
                Some(s) => PostmortemFilter::new(&s.include, &s.exclude)
                    .map(|f| {
                        Arc::new(
                            f.with_base(s.config_dir.clone())
                                .with_catalog(s.catalog.clone()),
                        )
                    })
                    .map_err(|e| match &key {
                        Some(config) => format!("{}: {e}", config.display()),
                        None => e,
                    }),
                None => Ok(Arc::new(PostmortemFilter::default())),
            })
            .clone()
    }
}
