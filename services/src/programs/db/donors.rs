//! Queries about donors.

use crate::Error;
use crate::db::Conn;
use crate::db::{db_error, is_unique_violation, now_text};
use shared::donor::{Donor, NewDonor, OrganisationType};
use shared::validation::{FieldError, Problem};
use sqlx::Row;
use sqlx::any::AnyRow;

/// An organisation type read back from the database.
pub(crate) fn organisation_type(code: &str) -> Result<OrganisationType, Error> {
    OrganisationType::from_code(code).ok_or_else(|| {
        tracing::error!(code, "unreadable organisation type");
        Error::Internal
    })
}

fn donor_from_row(row: &AnyRow) -> Result<Donor, Error> {
    let code: String = row.try_get("organisation_type").map_err(db_error)?;
    Ok(Donor {
        id: row.try_get("id").map_err(db_error)?,
        organisation_id: row.try_get("organisation_id").map_err(db_error)?,
        name: row.try_get("name").map_err(db_error)?,
        iati_identifier: row.try_get("iati_identifier").map_err(db_error)?,
        organisation_type: organisation_type(&code)?,
        is_demo: row.try_get::<i64, _>("is_demo").map_err(db_error)? != 0,
    })
}

const COLUMNS: &str = "id, organisation_id, name, iati_identifier, organisation_type, is_demo";

/// Stores a donor of an organisation; a name already in its list is a field error on `name`.
pub async fn insert(
    conn: &mut Conn,
    organisation_id: i64,
    donor: &NewDonor,
    is_demo: bool,
) -> Result<i64, Error> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO donors (organisation_id, name, iati_identifier, organisation_type, is_demo, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(organisation_id)
    .bind(&donor.name)
    .bind(&donor.iati_identifier)
    .bind(donor.organisation_type.code())
    .bind(i64::from(is_demo))
    .bind(now_text())
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| {
        if is_unique_violation(&e, "donors_organisation_name_key") {
            Error::Invalid(vec![FieldError::new("name", Problem::NameTaken)])
        } else {
            db_error(e)
        }
    })
}

/// The donors of an organisation (all when `None`), by name.
pub async fn list(conn: &mut Conn, organisation_id: Option<i64>) -> Result<Vec<Donor>, Error> {
    let sql = match organisation_id {
        Some(_) => {
            format!(
                "SELECT {COLUMNS} FROM donors WHERE organisation_id = $1 ORDER BY lower(name), id"
            )
        }
        None => format!("SELECT {COLUMNS} FROM donors ORDER BY lower(name), id"),
    };
    let mut query = sqlx::query(&sql);
    if let Some(id) = organisation_id {
        query = query.bind(id);
    }
    query
        .fetch_all(&mut *conn)
        .await
        .map_err(db_error)?
        .iter()
        .map(donor_from_row)
        .collect()
}

/// One donor, or `NotFound`.
pub async fn get(conn: &mut Conn, id: i64) -> Result<Donor, Error> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM donors WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_error)?
        .ok_or(Error::NotFound)?;
    donor_from_row(&row)
}

/// The ids of the projects a donor funds.
pub async fn project_ids(conn: &mut Conn, donor_id: i64) -> Result<Vec<i64>, Error> {
    let rows = sqlx::query("SELECT project_id FROM project_donors WHERE donor_id = $1")
        .bind(donor_id)
        .fetch_all(&mut *conn)
        .await
        .map_err(db_error)?;
    rows.iter()
        .map(|r| r.try_get("project_id").map_err(db_error))
        .collect()
}
