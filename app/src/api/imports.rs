//! Server functions for the imports of KoboToolbox and ODK exports.

use crate::api::projects::ProjectHead;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use shared::field_import::{FieldImport, ProjectImports};

/// A project's imports page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportsPage {
    /// The project and the reader's rights.
    pub head: ProjectHead,
    /// The imports the reader may see.
    pub imports: ProjectImports,
}

/// A project's imports.
#[server(prefix = "/rpc", endpoint = "get_project_imports")]
pub async fn get_project_imports(id: i64) -> Result<ImportsPage, AppError> {
    use crate::context::{answer, services_and_caller};
    let (services, caller) = services_and_caller()?;
    let head = crate::api::projects::project_head(&services, &caller, id).await?;
    let imports = answer(services.project_imports(&caller, id).await)?;
    Ok(ImportsPage { head, imports })
}

/// One import's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportPage {
    /// The project and the reader's rights.
    pub head: ProjectHead,
    /// The import.
    pub import: FieldImport,
}

/// One import of a project.
#[server(prefix = "/rpc", endpoint = "get_field_import")]
pub async fn get_field_import(id: i64, import_id: i64) -> Result<ImportPage, AppError> {
    use crate::context::{answer, services_and_caller};
    let (services, caller) = services_and_caller()?;
    let import = answer(services.field_import(&caller, import_id).await)?;
    if import.project_id != id {
        return answer(Err(AppError::NotFound));
    }
    let head = crate::api::projects::project_head(&services, &caller, id).await?;
    Ok(ImportPage { head, import })
}
