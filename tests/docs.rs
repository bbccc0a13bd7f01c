//! Documentation generated from one source, and checked against it:
//!
//! * the README's rule table is generated from the rules' metadata;
//! * `pmlint.schema.json` is generated from the configuration's Rust types, accepts the
//!   `pmlint init` file and rejects typical mistakes;
//! * every rule's documented `Bad:` example triggers it and its `Good:` example does not
//!   (built-in rules and the example pack alike);
//! * the pack format documented in rules/README.md loads.
//!
//! Regenerate the README table and the schema with `PMLINT_BLESS=1 cargo test --test docs`.

use std::fs;
use std::path::{Path, PathBuf};

use pmlint::config::error::TomlText;
use pmlint::config::{Level, PackRules, Settings};
use pmlint::rules::examples::{Verdict, examples};
use pmlint::rules::{Rule, pack};
use pmlint::{SourceFile, builtin_rules, engine};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bless() -> bool {
    std::env::var_os("PMLINT_BLESS").is_some_and(|v| v == "1")
}

/// Compare a generated file (or part of one) with its committed copy; with PMLINT_BLESS=1,
/// write the generated text instead.
fn check_generated(path: &Path, committed: &str, generated: &str, write: impl FnOnce()) {
    if committed == generated {
        return;
    }
    if bless() {
        write();
        return;
    }
    panic!(
        "{} is stale: it differs from what the code generates.\nRegenerate it with: PMLINT_BLESS=1 cargo test --test docs",
        path.display()
    );
}

#[test]
fn readme_rule_table_matches_the_rules() {
    let path = root().join("README.md");
    let readme = fs::read_to_string(&path).unwrap();
    let (start, end) = ("<!-- rules:start -->\n", "<!-- rules:end -->");
    let from = readme.find(start).expect("README has <!-- rules:start -->") + start.len();
    let to = readme[from..]
        .find(end)
        .expect("README has <!-- rules:end -->")
        + from;
    let table = pmlint::commands::rules::markdown_table(builtin_rules());
    check_generated(&path, &readme[from..to], &table, || {
        let updated = format!("{}{}{}", &readme[..from], table, &readme[to..]);
        fs::write(&path, updated).unwrap();
    });
}

#[test]
fn json_schema_matches_the_configuration_types() {
    let path = root().join("pmlint.schema.json");
    let committed = fs::read_to_string(&path).unwrap_or_default();
    let generated = pmlint::config::file::schema_json();
    check_generated(&path, &committed, &generated, || {
        fs::write(&path, &generated).unwrap()
    });
}

fn example_pack() -> pack::Pack {
    let path = root().join("rules/packs/house-style.example.toml");
    let taken = |id: &str| builtin_rules().iter().any(|r| r.meta().id == id);
    pack::load(&path, "rules/packs/house-style.example.toml", &taken).unwrap()
}

/// Every rule on, the example pack loaded.
fn settings(pack: &pack::Pack) -> Settings {
    let mut s = Settings {
        pack_rules: PackRules(std::sync::Arc::new(pack.rules.clone())),
        ..Settings::default()
    };
    let all = builtin_rules()
        .iter()
        .map(|r| r.meta())
        .chain(pack.rules.iter().map(|r| r.meta()));
    for m in all {
        s.levels.insert(m.id.clone(), Level::On(m.severity));
    }
    s
}

#[test]
fn every_rules_bad_example_triggers_it_and_good_example_does_not() {
    let pack = example_pack();
    let settings = settings(&pack);
    let rules: Vec<&dyn Rule> = builtin_rules()
        .iter()
        .map(|r| r.as_ref())
        .chain(pack.rules.iter().map(|r| r.as_ref()))
        .collect();
    let mut failures = Vec::new();
    for rule in rules {
        let m = rule.meta();
        let ex = examples(&m.docs);
        for verdict in [Verdict::Bad, Verdict::Good] {
            if !ex.iter().any(|e| e.verdict == verdict) {
                failures.push(format!(
                    "{}: no `{verdict:?}:` example (Markdown indented by 4 spaces after a `{verdict:?}:` line)",
                    m.id
                ));
            }
        }
        for e in ex {
            let src = SourceFile::new("example.md", e.markdown.clone());
            let found: Vec<String> = engine::lint_source(&src, &settings, builtin_rules())
                .unwrap()
                .into_iter()
                .filter(|d| d.rule == m.id)
                .map(|d| d.message)
                .collect();
            match e.verdict {
                Verdict::Bad if found.is_empty() => failures.push(format!(
                    "{}: the Bad example gives no finding:\n{}",
                    m.id, e.markdown
                )),
                Verdict::Good if !found.is_empty() => failures.push(format!(
                    "{}: the Good example gives {found:?}:\n{}",
                    m.id, e.markdown
                )),
                _ => {}
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

#[test]
fn the_pack_format_documented_in_rules_readme_loads() {
    let readme = fs::read_to_string(root().join("rules/README.md")).unwrap();
    let start = readme
        .find("```toml\n[pack]")
        .expect("a ```toml block with a whole pack")
        + 8;
    let len = readme[start..].find("```").unwrap();
    let text = &readme[start..start + len];
    let pack = pack::from_text(&TomlText::new("README pack", text), "README pack", &|_| {
        false
    })
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(pack.rules.len(), 3);
}

#[test]
fn the_configuration_example_in_the_readme_loads() {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let section = &readme[readme
        .find("## Configuration")
        .expect("a Configuration section")..];
    let start = section.find("```toml\n").expect("a ```toml example") + 8;
    let len = section[start..].find("```").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("pmlint.toml");
    fs::write(&config, &section[start..start + len]).unwrap();
    // The example names a pack: give it the example pack.
    fs::create_dir_all(dir.path().join("docs/pmlint")).unwrap();
    fs::copy(
        root().join("rules/packs/house-style.example.toml"),
        dir.path().join("docs/pmlint/house-style.toml"),
    )
    .unwrap();
    let settings = pmlint::config::load::load(&config).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        settings.levels.get("blame-language"),
        Some(&Level::On(pmlint::Severity::Warning))
    );
    assert!(settings.pack_rules.iter().count() >= 3);
}

/// TOML text as the JSON value an editor's schema check sees.
fn toml_as_json(text: &str) -> serde_json::Value {
    let value: toml::Value = toml::from_str(text).unwrap();
    serde_json::to_value(value).unwrap()
}

#[test]
fn the_schema_accepts_real_configurations_and_rejects_mistakes() {
    let schema: serde_json::Value =
        serde_json::from_str(&pmlint::config::file::schema_json()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let init = pmlint::config::template::init_toml(builtin_rules());
    assert!(
        validator.is_valid(&toml_as_json(&init)),
        "the `pmlint init` file"
    );
    let full = "include = [\"pm/**\"]\nrequired-sections = [\"summary\", \"impact\"]\ntoday = \"2026-01-31\"\npacks = [\"p.toml\"]\n[rules]\nhouse-x = \"off\"\n[sections.action-items]\nnames = [\"Homework\"]\nmode = \"replace\"\n";
    assert!(validator.is_valid(&toml_as_json(full)));
    for wrong in [
        "includes = []\n",
        "[rules]\nblame-language = \"warn\"\n",
        "[sections.timelines]\nnames = []\n",
        "[sections.timeline]\nmode = \"merge\"\n",
        "today = \"31/01/2026\"\n",
        "required-sections = [\"impakt\"]\n",
    ] {
        assert!(!validator.is_valid(&toml_as_json(wrong)), "{wrong}");
    }
}
