//! `pmlint new`: write a post-mortem skeleton (templates/postmortem.md) that passes
//! `pmlint check` once its placeholders are filled: `[bracketed prompts]`, `TBD`,
//! `HH:MM` and `YYYY-MM-DD`. Left unfilled, they are findings (an owner "TBD" is no owner).

use std::path::PathBuf;
use std::process::ExitCode;

use super::write::write_new;
use crate::cli::NewArgs;

const TEMPLATE: &str = include_str!("../../templates/postmortem.md");

/// The skeleton for an incident titled `title` (a placeholder when `None`) on `date`.
pub fn skeleton(title: Option<&str>, date: jiff::civil::Date) -> String {
    let heading = title.unwrap_or("[Incident title]");
    let quoted = heading.replace('\\', "\\\\").replace('"', "\\\"");
    TEMPLATE
        .replace("{title}", &quoted)
        .replace("{heading}", heading)
        .replace("{date}", &date.to_string())
}

/// `2026-03-14-checkout-latency.md` from a date and a title.
pub fn default_file_name(title: Option<&str>, date: jiff::civil::Date) -> String {
    let mut slug = String::new();
    for c in title.unwrap_or("incident").to_lowercase().chars() {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
        if slug.chars().count() >= 60 {
            break;
        }
    }
    let slug = slug.trim_matches('-');
    let slug = if slug.is_empty() { "incident" } else { slug };
    format!("{date}-{slug}.md")
}

pub fn new(args: NewArgs) -> ExitCode {
    let date = match &args.date {
        Some(d) => match d.trim().parse::<jiff::civil::Date>() {
            Ok(d) => d,
            Err(_) => {
                eprintln!("pmlint: invalid --date `{d}`: expected YYYY-MM-DD");
                return ExitCode::from(2);
            }
        },
        None => jiff::ZonedDateTime::now().date(),
    };
    let title = args
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    let path = args
        .path
        .clone()
        .unwrap_or_else(|| PathBuf::from(default_file_name(title, date)));
    match write_new(&path, &skeleton(title, date), args.force) {
        Ok(()) => {
            eprintln!(
                "pmlint: wrote {}; fill in the [bracketed] prompts and the TBD, HH:MM and YYYY-MM-DD placeholders, then run `pmlint check {}`",
                path.display(),
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("pmlint: {}: {e}", path.display());
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_dated_slugs() {
        let d = jiff::civil::date(2026, 3, 14);
        assert_eq!(
            default_file_name(Some("Checkout latency & timeouts!"), d),
            "2026-03-14-checkout-latency-timeouts.md"
        );
        assert_eq!(default_file_name(None, d), "2026-03-14-incident.md");
        assert_eq!(default_file_name(Some("???"), d), "2026-03-14-incident.md");
    }

    #[test]
    fn titles_are_quoted_in_front_matter() {
        let s = skeleton(Some("The \"big\" one"), jiff::civil::date(2026, 1, 2));
        assert!(s.contains("title: \"The \\\"big\\\" one\""));
        assert!(s.contains("# The \"big\" one"));
        assert!(s.contains("| 2026-01-02 HH:MM |"));
    }
}
