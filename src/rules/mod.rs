//! The rule trait and the registry of built-in rules.

use std::cell::OnceCell;

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::document::Document;
use crate::document::action_items::{self, ActionItem};

mod action_item_due_date;
mod action_item_owner;
mod action_item_past_due;
mod action_item_tracking;
mod action_item_vague;
mod blame_language;
pub mod examples;
mod follow_up_review;
pub mod lexicon;
mod missing_action_items;
mod missing_section;
mod missing_timeline;
mod non_actionable;
pub mod pack;
pub mod subject;
mod timeline_milestones;
mod timeline_order;
mod timeline_timestamp;
mod timeline_timezone;
pub mod unused_suppression;

/// What `pmlint rules`, `pmlint explain`, SARIF and the language server show about a rule.
#[derive(Debug, Clone)]
pub struct RuleMeta {
    pub id: String,
    pub severity: Severity,
    /// Off unless a configuration turns it on.
    pub default_enabled: bool,
    pub summary: String,
    /// Markdown: why it matters, then `Bad:` and `Good:` examples.
    pub docs: String,
    /// "built-in" or the pack it came from.
    pub origin: String,
}

pub trait Rule: Send + Sync {
    fn meta(&self) -> &RuleMeta;
    fn check(&self, doc: &Document, cx: &mut Context);
}

/// What a rule sees besides the document: settings and analyses shared between rules.
pub struct Context<'d, 's> {
    pub settings: &'d Settings,
    pub diagnostics: Vec<Diagnostic>,
    doc: &'d Document<'s>,
    action_items: OnceCell<Vec<ActionItem>>,
    timeline: OnceCell<crate::timeline::Timeline>,
}

impl<'d, 's> Context<'d, 's> {
    pub fn new(doc: &'d Document<'s>, settings: &'d Settings) -> Self {
        Context {
            settings,
            diagnostics: Vec::new(),
            doc,
            action_items: OnceCell::new(),
            timeline: OnceCell::new(),
        }
    }

    /// Report a finding at `span` with the rule's default severity.
    pub fn report(
        &mut self,
        meta: &RuleMeta,
        span: Span,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.diagnostics.push(Diagnostic::new(
            meta.id.clone(),
            meta.severity,
            span,
            message,
        ));
        let last = self.diagnostics.len() - 1;
        &mut self.diagnostics[last]
    }

    /// The document's action items, extracted once for all rules.
    pub fn action_items(&self) -> &[ActionItem] {
        self.action_items
            .get_or_init(|| action_items::extract(self.doc, &self.settings.owner_placeholders))
    }

    /// The document the rules read.
    pub fn doc(&self) -> &'d Document<'s> {
        self.doc
    }

    /// The document's timelines with resolved entries, analysed once for all rules.
    pub fn timeline(&self) -> &crate::timeline::Timeline {
        self.timeline
            .get_or_init(|| crate::timeline::analyse(self.doc))
    }
}

/// Every built-in rule, in the order `pmlint rules` lists them.
pub fn builtin() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(missing_section::MissingSection::new()),
        Box::new(missing_timeline::MissingTimeline::new()),
        Box::new(timeline_order::TimelineOrder::new()),
        Box::new(timeline_timezone::TimelineTimezone::new()),
        Box::new(timeline_timestamp::TimelineTimestamp::new()),
        Box::new(timeline_milestones::TimelineMilestones::new()),
        Box::new(missing_action_items::MissingActionItems::new()),
        Box::new(action_item_owner::ActionItemOwner::new()),
        Box::new(action_item_due_date::ActionItemDueDate::new()),
        Box::new(action_item_tracking::ActionItemTracking::new()),
        Box::new(action_item_past_due::ActionItemPastDue::new()),
        Box::new(blame_language::BlameLanguage::new()),
        Box::new(non_actionable::NonActionable::new()),
        // After non-actionable: it leaves the items that rule reports alone.
        Box::new(action_item_vague::ActionItemVague::new()),
        Box::new(follow_up_review::FollowUpReview::new()),
        Box::new(unused_suppression::UnusedSuppression::new()),
    ]
}

/// Compile the prose lexicons now (see `engine::warm_up_in_background`).
pub(crate) fn warm_up_lexicons() {
    non_actionable::warm_up();
    blame_language::warm_up();
}

/// Build a rule's metadata; `docs` is its long documentation.
pub fn meta(id: &str, severity: Severity, summary: &str, docs: &str) -> RuleMeta {
    RuleMeta {
        id: id.to_string(),
        severity,
        default_enabled: true,
        summary: summary.to_string(),
        docs: docs.trim().to_string(),
        origin: "built-in".to_string(),
    }
}
