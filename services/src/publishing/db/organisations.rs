//! Queries about organisations' publishing settings.

use crate::Error;
use crate::db::Conn;
use crate::db::db_error;
use shared::organisation::{Organisation, OrganisationSettings};
use sqlx::Row;

/// The organisation with this id (`can_edit` false: the service decides).
pub async fn get(conn: &mut Conn, id: i64) -> Result<Organisation, Error> {
    let row = sqlx::query(
        "SELECT id, name, iati_identifier, organisation_type FROM organisations WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_error)?
    .ok_or(Error::NotFound)?;
    let code: String = row.try_get("organisation_type").map_err(db_error)?;
    Ok(Organisation {
        id: row.try_get("id").map_err(db_error)?,
        name: row.try_get("name").map_err(db_error)?,
        iati_identifier: row.try_get("iati_identifier").map_err(db_error)?,
        organisation_type: crate::db::donors::organisation_type(&code)?,
        can_edit: false,
    })
}

/// Changes an organisation's publishing settings.
pub async fn update(
    conn: &mut Conn,
    id: i64,
    settings: &OrganisationSettings,
) -> Result<(), Error> {
    sqlx::query(
        "UPDATE organisations SET iati_identifier = $1, organisation_type = $2 WHERE id = $3",
    )
    .bind(&settings.iati_identifier)
    .bind(settings.organisation_type.code())
    .bind(id)
    .execute(&mut *conn)
    .await
    .map_err(db_error)?;
    Ok(())
}

/// A project's own IATI activity identifier, when one was set.
pub async fn project_iati_identifier(
    conn: &mut Conn,
    project_id: i64,
) -> Result<Option<String>, Error> {
    sqlx::query_scalar::<_, Option<String>>("SELECT iati_identifier FROM projects WHERE id = $1")
        .bind(project_id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_error)
        .map(Option::flatten)
}

/// The project of a program with this IATI activity identifier, if any: `(project, program)`.
pub async fn project_by_iati_identifier(
    conn: &mut Conn,
    identifier: &str,
) -> Result<Option<(i64, i64)>, Error> {
    let row = sqlx::query("SELECT id, program_id FROM projects WHERE iati_identifier = $1")
        .bind(identifier)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_error)?;
    row.map(|r| {
        Ok((
            r.try_get("id").map_err(db_error)?,
            r.try_get("program_id").map_err(db_error)?,
        ))
    })
    .transpose()
}

/// Sets a project's IATI activity identifier.
pub async fn set_project_iati_identifier(
    conn: &mut Conn,
    project_id: i64,
    identifier: &str,
) -> Result<(), Error> {
    sqlx::query("UPDATE projects SET iati_identifier = $1 WHERE id = $2")
        .bind(identifier)
        .bind(project_id)
        .execute(&mut *conn)
        .await
        .map_err(db_error)?;
    Ok(())
}

/// Whether a transaction with this external reference is stored for the organisation.
pub async fn transaction_reference_exists(
    conn: &mut Conn,
    organisation_id: i64,
    reference: &str,
) -> Result<bool, Error> {
    let found = sqlx::query_scalar::<_, i64>(
        "SELECT id FROM funding_transactions WHERE organisation_id = $1 AND external_ref = $2",
    )
    .bind(organisation_id)
    .bind(reference)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_error)?;
    Ok(found.is_some())
}

/// Keeps the external reference of a stored transaction.
pub async fn set_transaction_reference(
    conn: &mut Conn,
    transaction_id: i64,
    reference: &str,
) -> Result<(), Error> {
    sqlx::query("UPDATE funding_transactions SET external_ref = $1 WHERE id = $2")
        .bind(reference)
        .bind(transaction_id)
        .execute(&mut *conn)
        .await
        .map_err(db_error)?;
    Ok(())
}
