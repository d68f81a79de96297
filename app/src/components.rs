//! Components shared by several pages.

pub mod agreements;
pub mod area_editor;
pub mod dashboard;
pub mod error_view;
pub mod field;
pub mod form;
pub mod funding;
pub mod gender;
pub mod grants;
pub mod layout;
pub mod locate;
pub mod project_form;
pub mod project_header;
pub mod table;
pub mod tokens;
