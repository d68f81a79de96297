//! Queries about organisations' publishing settings.

use super::{Db, db_error};
use app::error::AppError;
use shared::organisation::{Organisation, OrganisationSettings};
use sqlx::Row;

/// The organisation with this id (`can_edit` false: the service decides).
pub async fn get(db: &Db, id: i64) -> Result<Organisation, AppError> {
    let row = sqlx::query(
        "SELECT id, name, iati_identifier, organisation_type FROM organisations WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await
    .map_err(db_error)?
    .ok_or(AppError::NotFound)?;
    let code: String = row.try_get("organisation_type").map_err(db_error)?;
    Ok(Organisation {
        id: row.try_get("id").map_err(db_error)?,
        name: row.try_get("name").map_err(db_error)?,
        iati_identifier: row.try_get("iati_identifier").map_err(db_error)?,
        organisation_type: super::donors::organisation_type(&code)?,
        can_edit: false,
    })
}

/// Changes an organisation's publishing settings.
pub async fn update(db: &Db, id: i64, settings: &OrganisationSettings) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE organisations SET iati_identifier = $1, organisation_type = $2 WHERE id = $3",
    )
    .bind(&settings.iati_identifier)
    .bind(settings.organisation_type.code())
    .bind(id)
    .execute(&db.pool)
    .await
    .map_err(db_error)?;
    Ok(())
}

/// A project's own IATI activity identifier, when one was set.
pub async fn project_iati_identifier(db: &Db, project_id: i64) -> Result<Option<String>, AppError> {
    sqlx::query_scalar::<_, Option<String>>("SELECT iati_identifier FROM projects WHERE id = $1")
        .bind(project_id)
        .fetch_optional(&db.pool)
        .await
        .map_err(db_error)
        .map(Option::flatten)
}
