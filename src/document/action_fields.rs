//! TEMPORARY stub, replaced by the real field parsers.
use std::ops::Range;
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found { pub text: String, pub span: Range<usize> }
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column { Action, Owner, Due, Ticket, Priority, Type, Status }
pub fn classify_column(header: &str) -> Option<Column> {
    let h = header.trim().to_lowercase();
    if h.contains("owner") || h == "who" || h.contains("assignee") { Some(Column::Owner) }
    else if h.contains("action") || h.contains("task") { Some(Column::Action) }
    else if h.contains("due") { Some(Column::Due) }
    else if h.contains("ticket") || h.contains("issue") { Some(Column::Ticket) }
    else if h.contains("status") { Some(Column::Status) } else { None }
}
pub fn is_placeholder(value: &str, _extra: &[String]) -> bool {
    matches!(value.trim().to_lowercase().as_str(), "" | "tbd" | "?" | "n/a" | "-" | "none")
}
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner { pub found: Found, pub team: bool }
pub fn find_owner(text: &str, _extra: &[String]) -> Option<Owner> {
    let at = text.find('@')?;
    let end = text[at..].find(|c: char| c.is_whitespace() || c == ',').map_or(text.len(), |e| at + e);
    Some(Owner { found: Found { text: text[at..end].to_string(), span: at..end }, team: false })
}
pub fn owner_label_placeholder(_text: &str, _extra: &[String]) -> Option<Found> { None }
pub fn owner_from_cell(cell: &str, extra: &[String]) -> Option<Owner> {
    if is_placeholder(cell, extra) { return None; }
    let start = cell.len() - cell.trim_start().len();
    Some(Owner { found: Found { text: cell.trim().to_string(), span: start..start + cell.trim().len() }, team: false })
}
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Due { Date(jiff::civil::Date), Quarter { year: Option<i16>, quarter: u8 } }
pub fn find_due(_text: &str, _year_hint: Option<i16>) -> Option<(Found, Due)> { None }
pub fn due_from_cell(_cell: &str, _year_hint: Option<i16>) -> Option<(Found, Due)> { None }
pub fn find_ticket(_text: &str) -> Option<Found> { None }
pub fn find_priority(_text: &str) -> Option<Found> { None }
