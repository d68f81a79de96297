//! Imports of monitoring visits from KoboToolbox and ODK exports. Importing needs
//! `edit_households` in the project or in one of its communities; each visit is then checked
//! like one typed in the form, with the rights of who imports it (a household of a community
//! they do not work in is not found).

use crate::error::AppError;
use shared::auth::Caller;
use shared::field_import::{FieldImport, ImportMapping, ProjectImports};
use shared::i18n::Locale;

/// Imports.
#[async_trait::async_trait]
pub trait ImportsBackend {
    /// A project's imports the reader may see (their own, or all of them for who may edit
    /// households in the whole project), newest first.
    async fn project_imports(
        &self,
        caller: &Caller,
        project_id: i64,
    ) -> Result<ProjectImports, AppError>;
    /// One import, with its progress and the rows it could not import.
    async fn field_import(&self, caller: &Caller, id: i64) -> Result<FieldImport, AppError>;
    /// Reads an uploaded export (one XLSX workbook, a ZIP of CSV files, or CSV files) into
    /// sheets, and offers the mapping remembered for its form, else one its headings suggest.
    /// Nothing is imported yet.
    async fn upload_import(
        &self,
        caller: &Caller,
        project_id: i64,
        files: Vec<(String, Vec<u8>)>,
        locale: Locale,
    ) -> Result<FieldImport, AppError>;
    /// Checks the mapping, remembers it for the form, and starts importing in the background;
    /// answers at once. Starting an interrupted import again stores nothing twice.
    async fn start_import(
        &self,
        caller: &Caller,
        id: i64,
        mapping: ImportMapping,
        locale: Locale,
    ) -> Result<FieldImport, AppError>;
}
