//! `unused-suppression`: suppression comments that hide nothing. The engine reports these
//! after applying suppressions (src/suppress.rs); the rule itself only carries the
//! metadata, so that the id can be configured, listed and explained like any other.

use super::{Context, Rule, RuleMeta, meta};
use crate::diagnostic::Severity;
use crate::document::Document;

pub const ID: &str = "unused-suppression";

pub struct UnusedSuppression {
    meta: RuleMeta,
}

const DOCS: &str = r#"
A suppression comment (`<!-- pmlint-disable-next-line blame-language -->`, see the README's
Suppressions section) that no longer hides any finding should go: left in place, it
silently hides the next real finding on that line or in that range. This rule also reports
a suppression that names an unknown rule id or is not a pmlint directive at all
(`pmlint-disabel`), with the closest match. Suppressions naming a rule that is turned off
in the configuration are not reported.

Bad:

    <!-- pmlint-disable-next-line blame-language -->
    The cache expired at 14:02 and requests went to the database.

Good:

    <!-- pmlint-disable-next-line blame-language -- the status page text as published -->
    Obviously, the cache was stale: see the status page update of 14:20.
"#;

impl UnusedSuppression {
    pub fn new() -> Self {
        UnusedSuppression {
            meta: meta(
                ID,
                Severity::Warning,
                "A suppression comment hides no finding, or names an unknown rule",
                DOCS,
            ),
        }
    }
}

impl Default for UnusedSuppression {
    fn default() -> Self {
        Self::new()
    }
}

impl Rule for UnusedSuppression {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    /// Nothing to do here: the engine knows which suppressions were used only after every
    /// other rule ran.
    fn check(&self, _doc: &Document, _cx: &mut Context) {}
}
