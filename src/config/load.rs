//! Build [`Settings`] from one configuration file and the packs it names.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use toml::Spanned;

use super::error::{ConfigError, TomlText};
use super::file::{ConfigFile, SectionMode, SectionsConfig};
use super::{PackRules, Settings};
use crate::document::sections::Synonyms;
use crate::document::{SectionCatalog, SectionKind};
use crate::rules::{Rule, pack};
use crate::suggest;

/// Load the configuration at `path`.
pub fn load(path: &Path) -> Result<Settings, ConfigError> {
    let file = TomlText::read(path, &display_path(path))?;
    from_text(&file, path)
}

/// Build settings from a configuration's text; `path` locates the packs it names.
pub fn from_text(file: &TomlText, path: &Path) -> Result<Settings, ConfigError> {
    let cfg: ConfigFile = file.parse()?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut settings = Settings::default();
    let builtin: Vec<&str> = crate::builtin_rules()
        .iter()
        .map(|r| r.meta().id.as_str())
        .collect();
    let mut pack_rules: Vec<Arc<dyn Rule>> = Vec::new();
    for entry in &cfg.packs {
        let pack_path = dir.join(entry.get_ref());
        let origin = display_path(&pack_path);
        let taken =
            |id: &str| builtin.contains(&id) || pack_rules.iter().any(|r| r.meta().id == id);
        let pack = pack::load(&pack_path, &origin, &taken).map_err(|e| {
            // A pack that cannot be read is reported at its entry in the configuration;
            // an error inside a pack points into the pack.
            if e.position.is_none() {
                file.error_at(
                    entry.span().start,
                    format!("pack `{}`: {}", entry.get_ref(), e.message),
                )
            } else {
                e
            }
        })?;
        apply_sections(&mut settings.catalog, &pack.sections);
        pack_rules.extend(pack.rules);
    }
    apply_sections(&mut settings.catalog, &cfg.sections);
    for (id, level) in &cfg.rules {
        let name = id.get_ref();
        let known =
            builtin.contains(&name.as_str()) || pack_rules.iter().any(|r| &r.meta().id == name);
        if !known {
            let candidates = builtin
                .iter()
                .copied()
                .chain(pack_rules.iter().map(|r| r.meta().id.as_str()));
            return Err(file.error_at(
                id.span().start,
                format!("unknown rule `{name}`{}", suggest::hint(name, candidates)),
            ));
        }
        settings.levels.insert(name.clone(), level.level());
    }
    if let Some(kinds) = &cfg.required_sections {
        settings.required_sections = required_sections(file, kinds)?;
    }
    if let Some(today) = &cfg.today {
        let date = today
            .get_ref()
            .trim()
            .parse::<jiff::civil::Date>()
            .map_err(|_| {
                file.error_at(
                    today.span().start,
                    format!("invalid date `{}`: expected YYYY-MM-DD", today.get_ref()),
                )
            })?;
        settings.today = Some(date);
    }
    settings.include = cfg.include;
    settings.exclude = cfg.exclude;
    settings.accept = cfg.accept;
    settings.owner_placeholders = cfg.owner_placeholders;
    settings.allow_no_action_items = cfg.allow_no_action_items;
    settings.config_path = Some(path.to_path_buf());
    settings.config_dir = Some(dir);
    settings.pack_rules = PackRules(Arc::new(pack_rules));
    Ok(settings)
}

/// `required-sections`: section kinds by name, each once; an unknown name is an error at
/// its place.
fn required_sections(
    file: &TomlText,
    names: &[Spanned<String>],
) -> Result<Vec<SectionKind>, ConfigError> {
    let mut kinds = Vec::new();
    for name in names {
        let Some(kind) = SectionKind::parse(name.get_ref()) else {
            let all = SectionKind::ALL.map(SectionKind::as_str);
            let hint = suggest::hint(name.get_ref(), all);
            let hint = if hint.is_empty() {
                format!(" (expected one of {})", all.join(", "))
            } else {
                hint
            };
            return Err(file.error_at(
                name.span().start,
                format!("unknown section kind `{}`{hint}", name.get_ref()),
            ));
        };
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    Ok(kinds)
}

fn apply_sections(catalog: &mut SectionCatalog, sections: &SectionsConfig) {
    for (kind, c) in sections.entries() {
        let syn = Synonyms {
            names: c.names.clone(),
            prefixes: c.prefixes.clone(),
        };
        match c.mode {
            SectionMode::Extend => catalog.extend(kind, &syn),
            SectionMode::Replace => catalog.replace(kind, &syn),
        }
    }
}

/// A path as people should see it: relative to the working directory when it is inside it.
pub fn display_path(path: &Path) -> String {
    let rel = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf));
    match rel {
        Some(r) if !r.as_os_str().is_empty() => r.display().to_string(),
        _ => path.display().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Level;
    use crate::diagnostic::Severity;
    use crate::document::SectionKind;

    fn settings(text: &str) -> Result<Settings, ConfigError> {
        from_text(
            &TomlText::new("pmlint.toml", text),
            Path::new("pmlint.toml"),
        )
    }

    #[test]
    fn every_key_is_read() {
        let s = settings(
            r#"
include = ["postmortems/**/*.md"]
exclude = ["postmortems/templates/*"]
accept = ["just"]
owner-placeholders = ["someone"]
allow-no-action-items = true
required-sections = ["impact", "summary", "impact"]
today = "2026-01-31"

[rules]
blame-language = "warning"
non-actionable = "off"

[sections.action-items]
names = ["Homework"]

[sections.timeline]
names = ["Story"]
mode = "replace"
"#,
        )
        .unwrap();
        assert_eq!(s.levels["blame-language"], Level::On(Severity::Warning));
        assert_eq!(s.levels["non-actionable"], Level::Off);
        assert_eq!(s.include, ["postmortems/**/*.md"]);
        assert_eq!(s.exclude, ["postmortems/templates/*"]);
        assert_eq!(s.accept, ["just"]);
        assert_eq!(s.owner_placeholders, ["someone"]);
        assert!(s.allow_no_action_items);
        assert_eq!(
            s.required_sections,
            [SectionKind::Impact, SectionKind::Summary]
        );
        assert_eq!(s.today, Some(jiff::civil::date(2026, 1, 31)));
        assert_eq!(
            s.catalog.classify("Homework"),
            Some(SectionKind::ActionItems)
        );
        assert_eq!(
            s.catalog.classify("Action items"),
            Some(SectionKind::ActionItems)
        );
        assert_eq!(s.catalog.classify("Story"), Some(SectionKind::Timeline));
        assert_eq!(s.catalog.classify("Timeline"), None);
    }

    #[test]
    fn packs_bring_rules_and_section_synonyms_and_ids_stay_unique() {
        let dir = tempfile::tempdir().unwrap();
        let pack = "[sections.timeline]\nnames = [\"Story\"]\n\n[[rule]]\nid = \"house-x\"\nmessage = \"m\"\n[rule.check.existence]\nphrases = [\"x\"]\n";
        std::fs::write(dir.path().join("a.toml"), pack).unwrap();
        std::fs::write(dir.path().join("b.toml"), pack).unwrap();
        let config = dir.path().join("pmlint.toml");
        std::fs::write(
            &config,
            "packs = [\"a.toml\"]\n[rules]\nhouse-x = \"error\"\n",
        )
        .unwrap();
        let s = load(&config).unwrap();
        assert_eq!(s.catalog.classify("Story"), Some(SectionKind::Timeline));
        assert_eq!(
            s.pack_rules
                .iter()
                .map(|r| r.meta().id.as_str())
                .collect::<Vec<_>>(),
            ["house-x"]
        );
        assert_eq!(s.levels["house-x"], Level::On(Severity::Error));
        std::fs::write(&config, "packs = [\"a.toml\", \"b.toml\"]\n").unwrap();
        let e = load(&config).unwrap_err();
        assert!(e.to_string().ends_with("b.toml:5:6: rule id `house-x` is already used by another rule; prefix it with the pack's name"), "{e}");
    }

    #[test]
    fn mistakes_are_errors_with_positions_and_suggestions() {
        let e = settings("[rules]\nblame-languag = \"off\"\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "pmlint.toml:2:1: unknown rule `blame-languag`; did you mean `blame-language`?"
        );
        let e = settings("[rules]\nblame-language = \"warn\"\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "pmlint.toml:2:18: unknown value `warn`; did you mean `warning`?"
        );
        let e = settings("[sections.timelines]\nnames = []\n").unwrap_err();
        assert!(e.to_string().contains("did you mean `timeline`"), "{e}");
        let e = settings("[rules]\nblame-language = \"off\"\ninclude = [\"pm/**\"]\n").unwrap_err();
        assert_eq!(e.location(), "pmlint.toml:3:11");
        assert!(e.message.contains("belongs to that table"), "{e}");
        let e = settings("required-sections = [\"summary\", \"impakt\"]\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "pmlint.toml:1:33: unknown section kind `impakt`; did you mean `impact`?"
        );
        let e = settings("required-sections = [\"postmortem\"]\n").unwrap_err();
        assert!(
            e.message.contains("(expected one of summary, impact,"),
            "{e}"
        );
        let e = settings("today = \"31/01/2026\"\n").unwrap_err();
        assert_eq!(e.location(), "pmlint.toml:1:9");
        let e = settings("packs = [\"nope.toml\"]\n").unwrap_err();
        assert_eq!(e.location(), "pmlint.toml:1:10");
        assert!(e.message.contains("no such file"), "{e}");
    }
}
