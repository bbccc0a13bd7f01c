//! Which inputs `pmlint check` lints: the paths given, narrowed by `--changed-since` to the
//! files git reports changed, and by `--only-postmortems` (implied by `--changed-since`)
//! to the post-mortems among them. Each file is judged by the `include`/`exclude` globs
//! of the configuration that applies to it (relative to that configuration's folder), or
//! by the built-in defaults when it sets none.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::cli::CheckArgs;
use crate::config::{ConfigSource, Resolver};
use crate::files::Input;
use crate::filter::{PathVerdict, PostmortemFilter};
use crate::output::FileReport;

pub struct Selection {
    pub paths: Vec<String>,
    filters: Option<Filters>,
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
    Ok(Selection { paths, filters })
}

impl Selection {
    /// Drop excluded paths before anything is read.
    pub fn retain_inputs(&self, inputs: &mut Vec<Input>, stdin_name: Option<&str>) {
        let Some(filters) = &self.filters else { return };
        inputs.retain(|input| {
            let name = match input {
                Input::File(p) => p.to_string_lossy().into_owned(),
                Input::Stdin => match stdin_name {
                    Some(n) => n.to_string(),
                    None => return true,
                },
            };
            match filters.for_path(&name) {
                Ok(f) => f.path_verdict(&name) != PathVerdict::Excluded,
                Err(_) => true,
            }
        });
    }

    /// Drop linted files that turn out not to be post-mortems. A file whose configuration
    /// has an invalid glob is kept, with that error.
    pub fn retain_reports(&self, reports: &mut Vec<FileReport>) {
        let Some(filters) = &self.filters else { return };
        reports.retain_mut(|r| match filters.for_path(&r.path) {
            Ok(f) => match &r.source {
                Some(src) => f.is_postmortem(&r.path, &src.text),
                None => true,
            },
            Err(e) => {
                r.diagnostics.clear();
                r.error = Some(e);
                true
            }
        });
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
