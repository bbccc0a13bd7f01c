//! The document model: Markdown parsed once into what rules need.

pub mod action_fields;
pub mod action_items;
pub mod front_matter;
pub mod markdown;
pub mod model;
pub mod sections;

pub use model::*;
pub use sections::{SectionCatalog, SectionKind};
