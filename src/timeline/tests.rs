//! Entry extraction and resolution on small documents.

use super::*;
use crate::SourceFile;
use crate::document::{SectionCatalog, markdown};

/// Each entry as "line: date time zone [flags]", or "line: -" without a resolved time.
fn resolved(md: &str) -> Vec<String> {
    let src = SourceFile::new("t.md", md);
    let doc = markdown::parse(&src, SectionCatalog::builtin());
    let tl = analyse(&doc);
    tl.entries
        .iter()
        .map(|e| {
            let line = src.line_col(e.time_span.start).line;
            let Some(w) = &e.when else {
                return format!("{line}: -");
            };
            let time = w
                .time
                .map_or("-".into(), |t| t.strftime("%H:%M").to_string());
            let zone = match &w.zone {
                None => "-".to_string(),
                Some(z) => zone_name(z),
            };
            let date = if w.dated {
                w.date.to_string()
            } else {
                format!("?{}", w.date)
            };
            let mut s = format!("{line}: {date} {time} {zone} run{}", e.run);
            if w.rolled {
                s.push_str(" rolled");
            }
            s
        })
        .collect()
}

#[test]
fn time_only_entries_take_the_front_matter_day_and_roll_over_midnight() {
    let md = "---\ndate: 2026-03-14\n---\n# X\n\n## Timeline\n\nAll times are UTC.\n\n\
              - 22:40 alert fired\n- 23:55 consumers restarted\n- 00:10 queue drained\n\
              - 00:12 resolved\n";
    assert_eq!(
        resolved(md),
        [
            "10: 2026-03-14 22:40 UTC run1",
            "11: 2026-03-14 23:55 UTC run1",
            "12: 2026-03-15 00:10 UTC run1 rolled",
            "13: 2026-03-15 00:12 UTC run1",
        ]
    );
}

#[test]
fn a_step_back_in_the_afternoon_is_not_a_roll_over() {
    let md = "# X\n\n## Timeline (UTC)\n\n- 14:05 alert\n- 13:58 rollback\n";
    assert_eq!(
        resolved(md),
        [
            "5: ?2000-01-01 14:05 UTC run1",
            "6: ?2000-01-01 13:58 UTC run1"
        ]
    );
}

#[test]
fn date_headings_and_labels_reset_the_day() {
    let md = "# X\n\n## Timeline\n\n### 2023-07-19\n\n- 17:41 UTC – merged\n\n\
              ### 2023-07-20\n\n- 10:00 UTC – opened\n\n**March 3, 2024**\n\n- 09:00 UTC – x\n";
    assert_eq!(
        resolved(md),
        [
            "7: 2023-07-19 17:41 UTC run1",
            "11: 2023-07-20 10:00 UTC run1",
            "15: 2024-03-03 09:00 UTC run1",
        ]
    );
}

#[test]
fn table_header_zone_and_statement_day() {
    let md = "# X\n\n## Timeline\n\nAll times in UTC, 2026-06-20.\n\n\
              | Time (CET) | Event |\n|---|---|\n| 07:58 | deploy |\n| 2026-06-21 08:03 | next day |\n";
    assert_eq!(
        resolved(md),
        [
            "9: 2026-06-20 07:58 CET run1",
            "10: 2026-06-21 08:03 CET run1"
        ]
    );
}

#[test]
fn unless_otherwise_noted_keeps_the_stated_day() {
    let md = "# X\n\n## Timeline\n\nUnless otherwise noted all events happened on 2019-10-21, \
              and all times are in UTC.\n\n- 2019-10-20 00:55: builds failing\n- 01:38: alert fired\n";
    assert_eq!(
        resolved(md),
        [
            "7: 2019-10-20 00:55 UTC run1",
            "8: 2019-10-21 01:38 UTC run1"
        ]
    );
}

#[test]
fn relative_times_anchor_to_the_first_entry() {
    let md = "# X\n\n## Timeline\n\n- 2026-03-14 13:40 UTC deploy\n- T+25m alert fired\n\
              - +01:00 rolled back\n";
    assert_eq!(
        resolved(md),
        [
            "5: 2026-03-14 13:40 UTC run1",
            "6: 2026-03-14 14:05 UTC run1",
            "7: 2026-03-14 14:40 UTC run1",
        ]
    );
}

#[test]
fn heading_entries_own_their_details() {
    let md = "# X\n\n## Timeline\n\nAll times in PST\n\n### 2018-03-13 07:28\n\nProblem found\n\n\
              - 10:00 a detail bullet\n- another\n\n12:00 a detail line\n\n### 07:33\n\n\
              ```\n2018-03-13T01:00:00Z log line\n```\n\n> 09:00 quoted\n";
    assert_eq!(
        resolved(md),
        [
            "7: 2018-03-13 07:28 PST run1",
            "16: 2018-03-13 07:33 PST run1"
        ]
    );
}

#[test]
fn lists_without_times_are_notes_unless_nothing_has_a_time() {
    let md = "# X\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| 13:40 | x |\n\n\
              - a note\n- another note\n";
    assert_eq!(resolved(md), ["7: ?2000-01-01 13:40 - run1"]);
    let md = "# X\n\n## Timeline\n\n- alert fired\n- rolled back\n";
    assert_eq!(resolved(md), ["5: -", "6: -"]);
}

#[test]
fn sub_headings_and_tables_start_new_runs() {
    let md = "# X\n\n## Timeline\n\n- 10:00 UTC a\n\n### Aftermath\n\n- 09:00 UTC b\n\n\
              | Time | Event |\n|---|---|\n| 08:00 | c |\n";
    let runs: Vec<String> = resolved(md)
        .iter()
        .map(|s| s.rsplit(' ').next().unwrap_or("").to_string())
        .collect();
    assert_eq!(runs, ["run1", "run2", "run3"]);
}

#[test]
fn day_headings_beside_the_timeline_heading_join_its_timeline() {
    // The year comes from the title; the zone stated under "## Timeline" covers the days.
    let md = "# Outage of June 9 2025\n\n## Timeline\n\n_All times in EEST_\n\n## June 9\n\n\
              ### 22:10\n\nalert\n\n### 00:20\n\npaged\n\n## June 10\n\n### 07:45\n\nfixed\n\n\
              ## Action items\n\n- 08:00 not an entry\n";
    assert_eq!(
        resolved(md),
        [
            "9: 2025-06-09 22:10 EEST run1",
            "13: 2025-06-10 00:20 EEST run1 rolled",
            "19: 2025-06-10 07:45 EEST run1",
        ]
    );
    let src = SourceFile::new("t.md", md);
    let doc = markdown::parse(&src, SectionCatalog::builtin());
    assert_eq!(analyse(&doc).timelines.len(), 1);
}

#[test]
fn month_names_order_entries_when_no_year_is_written() {
    let md = "# X\n\n## Timeline\n\n| Time (UTC) | Event |\n|---|---|\n\
              | Feb 3, 6:20 PM | a |\n| Feb 4, 2:05 AM | b |\n| 9:00 AM | c |\n";
    assert_eq!(
        resolved(md),
        [
            "7: ?2000-02-03 18:20 UTC run1",
            "8: ?2000-02-04 02:05 UTC run1",
            "9: ?2000-02-04 09:00 UTC run1",
        ]
    );
}

#[test]
fn date_labels_followed_by_prose_are_date_only_entries() {
    let md = "# X\n\n## Timeline\n\n### 2024-02-05\n\nWarning mail received.\n\n\
              ### 2024-02-06\n\n- 10:00 UTC restarted\n\n**2024-02-09**\nChecked again: fine.\n\n\
              ### 2024-02-12\n\nNotes.\n\n### 2024-02-12 15:00\n\nClosed.\n";
    assert_eq!(
        resolved(md),
        [
            "5: 2024-02-05 - - run1",
            "11: 2024-02-06 10:00 UTC run1",
            "13: 2024-02-09 - UTC run1",
            "16: 2024-02-12 - UTC run1",
            "20: 2024-02-12 15:00 UTC run1",
        ]
    );
    let src = SourceFile::new("t.md", md);
    let doc = markdown::parse(&src, SectionCatalog::builtin());
    let tl = analyse(&doc);
    let said: Vec<String> = tl
        .entries
        .iter()
        .map(|e| milestones::description(&doc, e).trim().to_string())
        .collect();
    assert_eq!(said[0], "Warning mail received.");
    assert_eq!(said[2], "Checked again: fine.");
}

#[test]
fn hhmm_cells_are_times_only_under_a_time_header() {
    let md = "# X\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| 1000 | a |\n| 2359 | b |\n\n\
              | When | Event |\n|---|---|\n| 2019 | c |\n";
    assert_eq!(
        resolved(md),
        [
            "7: ?2000-01-01 10:00 - run1",
            "8: ?2000-01-01 23:59 - run1",
            "12: -"
        ]
    );
}

#[test]
fn instants_compare_across_zones() {
    let at = |h, m, z: Zone| When {
        date: jiff::civil::date(2026, 3, 14),
        time: Some(jiff::civil::time(h, m, 0, 0)),
        zone: Some(z),
        dated: true,
        relative: false,
        rolled: false,
    };
    let cet = at(14, 0, Zone::Named("CET".into()));
    let utc = at(13, 10, Zone::Utc);
    assert_eq!(compare(&utc, &cet), Some(Ordering::Greater));
    assert_eq!(minutes_between(&cet, &utc), Some(10));
    let ist = at(20, 52, Zone::Named("IST".into()));
    assert_eq!(compare(&ist, &utc), None);
    assert!(!convertible(&Zone::Named("IST".into()), &Zone::Utc));
    assert!(convertible(&Zone::Named("US/Pacific".into()), &Zone::Utc));
}

#[test]
fn crlf_and_bom_resolve_like_lf() {
    let lf = "# X\n\n## Timeline\n\nAll times are UTC.\n\n- 13:40 deploy\n- 14:05 alert fired\n\n\
              09:12 line entry\ncontinued\n";
    let crlf = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
    assert_eq!(resolved(lf), resolved(&crlf));
    assert_eq!(resolved(lf).len(), 3);
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn on_timeline_like_text(body in r"(?s)([0-9:|\-#*_~+T .\n]|UTC|PM|am|Z|CET|IST|Day 2|### |- |\| |2026-03-14|Sep 27|é|🙂|\r){0,120}") {
            let md = format!("# X\n\n## Timeline\n\n{body}\n");
            let src = SourceFile::new("t.md", md);
            let doc = markdown::parse(&src, SectionCatalog::builtin());
            let tl = analyse(&doc);
            for e in &tl.entries {
                prop_assert!(e.time_span.start <= e.time_span.end && e.time_span.end <= src.text.len());
                prop_assert!(src.text.is_char_boundary(e.time_span.start));
                let _ = milestones::of_entry(&doc, e);
            }
            let _ = crate::stats::timeline::metrics(&doc, &tl);
        }
    }
}
