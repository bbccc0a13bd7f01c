//! The document model: Markdown parsed once into what rules need.

pub mod action_data;
pub mod action_fields;
pub mod action_items;
pub mod action_prose;
pub mod action_state;
pub mod char_class;
pub mod front_matter;
pub mod markdown;
pub mod model;
pub mod sections;
pub mod text;

pub use model::*;
pub use sections::{SectionCatalog, SectionKind};
