//! Run the rules over one document: severities, accepted phrases, suppression comments,
//! order.

use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::config::{Level, Settings};
use crate::diagnostic::Diagnostic;
use crate::document::{Document, markdown};
use crate::rules::{Context, Rule};
use crate::source::SourceFile;

/// Lint one parsed document with `rules`. Diagnostics come back sorted by position, then
/// rule id, without duplicates.
pub fn run(doc: &Document, settings: &Settings, rules: &[Box<dyn Rule>]) -> Vec<Diagnostic> {
    run_and(doc, settings, rules, |_| ()).0
}

/// [`run`], also handing the rules' context (the document, and its timeline and action
/// items as the rules analysed them) to `measure` before the diagnostics are finished.
pub fn run_and<T>(
    doc: &Document,
    settings: &Settings,
    rules: &[Box<dyn Rule>],
    measure: impl FnOnce(&Context) -> T,
) -> (Vec<Diagnostic>, T) {
    let mut cx = Context::new(doc, settings);
    // The configuration's pack rules run after the rules given.
    let all: Vec<&dyn Rule> = rules
        .iter()
        .map(|r| r.as_ref())
        .chain(settings.pack_rules.iter())
        .collect();
    for &rule in &all {
        let meta = rule.meta();
        if settings
            .level_of(&meta.id, meta.severity, meta.default_enabled)
            .is_none()
        {
            continue;
        }
        let before = cx.diagnostics.len();
        rule.check(doc, &mut cx);
        // A configured severity replaces whatever the rule chose for each finding.
        if let Some(Level::On(sev)) = settings.levels.get(&meta.id) {
            for d in &mut cx.diagnostics[before..] {
                d.severity = *sev;
            }
        }
    }
    let measured = measure(&cx);
    let mut out = cx.diagnostics;
    if !settings.accept.is_empty() {
        let text = doc.text();
        out.retain(|d| !accepted(&text[d.span.clone()], &settings.accept));
    }
    apply_suppressions(doc, settings, &all, &mut out);
    sort_and_dedup(&mut out);
    (out, measured)
}

fn apply_suppressions(
    doc: &Document,
    settings: &Settings,
    rules: &[&dyn Rule],
    out: &mut Vec<Diagnostic>,
) {
    let builtin = crate::builtin_rules().iter().map(|r| r.as_ref());
    let known: Vec<&str> = builtin
        .chain(rules.iter().copied())
        .map(|r| r.meta().id.as_str())
        .collect();
    let enabled: Vec<&str> = rules
        .iter()
        .map(|r| r.meta())
        .filter(|m| {
            settings
                .level_of(&m.id, m.severity, m.default_enabled)
                .is_some()
        })
        .map(|m| m.id.as_str())
        .collect();
    let unused = crate::rules::unused_suppression::ID;
    let ids = crate::suppress::RuleIds {
        known,
        enabled,
        unused_level: settings.level_of(unused, crate::Severity::Warning, true),
    };
    crate::suppress::apply(doc, out, &ids);
}

fn accepted(flagged: &str, accept: &[String]) -> bool {
    let flagged = flagged.to_lowercase();
    accept.iter().any(|a| flagged.contains(&a.to_lowercase()))
}

pub fn sort_and_dedup(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.rule, &a.message).cmp(&(
            b.span.start,
            b.span.end,
            &b.rule,
            &b.message,
        ))
    });
    // Same place, rule and message: the same finding. Different messages stay apart
    // (missing-section reports each missing kind at the title).
    diags.dedup_by(|a, b| a.span == b.span && a.rule == b.rule && a.message == b.message);
}

/// Compile the built-in rules' lexicons and regexes on a pool thread while the caller
/// reads and parses its first file: compiling them is most of a short run's time, and
/// a lint that needs one sooner simply waits for it. Heaviest and last-used first, so the
/// lint (which meets the timeline first) and this thread rarely wait on each other.
pub fn warm_up_in_background() {
    rayon::spawn(|| {
        crate::rules::warm_up_lexicons();
        crate::document::action_fields::warm_up();
        crate::timeline::milestones::warm_up();
    });
}

/// Parse and lint, turning a panic anywhere inside into an error for this file only.
pub fn lint_source(
    source: &SourceFile,
    settings: &Settings,
    rules: &[Box<dyn Rule>],
) -> Result<Vec<Diagnostic>, String> {
    lint_source_and(source, settings, rules, |_| ()).map(|(diagnostics, ())| diagnostics)
}

/// [`lint_source`], also handing the rules' context (see [`run_and`]) to `measure` under
/// the same panic guard, so that a caller who wants more from the document neither parses
/// nor analyses it again.
pub fn lint_source_and<T>(
    source: &SourceFile,
    settings: &Settings,
    rules: &[Box<dyn Rule>],
    measure: impl FnOnce(&Context) -> T,
) -> Result<(Vec<Diagnostic>, T), String> {
    catch_unwind(AssertUnwindSafe(|| {
        let doc = markdown::parse(source, &settings.catalog);
        run_and(&doc, settings, rules, measure)
    }))
    .map_err(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        format!("internal error while linting (please report): {what}")
    })
}
