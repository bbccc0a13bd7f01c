//! Which open documents get diagnostics: post-mortems, by the CLI's own filter (include /
//! exclude globs, then front matter or title). Everything else in the server asks
//! `should_lint`, so this is the one place to change what counts.

use std::path::Path;

use super::config::Profile;
use crate::files::is_markdown;
use crate::source::SourceFile;

/// Whether an open document is a post-mortem to lint. `workspace` is the folder that
/// holds the document, the base for globs when no config file gives one.
pub fn should_lint(
    path: Option<&Path>,
    language_id: &str,
    source: &SourceFile,
    profile: &Profile,
    workspace: Option<&Path>,
    all_markdown: bool,
) -> bool {
    let markdown = language_id.eq_ignore_ascii_case("markdown") || path.is_some_and(is_markdown);
    if !markdown {
        return false;
    }
    if all_markdown {
        return true;
    }
    let Some(path) = path else {
        // An unsaved buffer has no path for the globs: its title, front matter or
        // headings decide.
        return crate::filter::looks_like_postmortem_in(&source.text, &profile.settings.catalog);
    };
    // With a config file, globs are relative to its folder (the filter knows it); without
    // one, to the workspace folder rather than the server's working directory.
    let name = match (&profile.settings.config_dir, workspace) {
        (None, Some(ws)) => match path.strip_prefix(ws) {
            Ok(rel) => rel.to_string_lossy().replace('\\', "/"),
            Err(_) => path.to_string_lossy().into_owned(),
        },
        _ => path.to_string_lossy().into_owned(),
    };
    profile.filter.is_postmortem(&name, &source.text)
}
