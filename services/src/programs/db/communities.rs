//! Queries about communities.

use crate::Error;
use crate::db::Conn;
use crate::db::{db_error, is_unique_violation, now_text, parse_timestamp};
use shared::community::{Community, NewCommunity};
use shared::validation::{FieldError, Problem};
use sqlx::Row;
use sqlx::any::AnyRow;

fn community_from_row(row: &AnyRow) -> Result<Community, Error> {
    let created: String = row.try_get("created_at").map_err(db_error)?;
    Ok(Community {
        id: row.try_get("id").map_err(db_error)?,
        project_id: row.try_get("project_id").map_err(db_error)?,
        name: row.try_get("name").map_err(db_error)?,
        municipality: row.try_get("municipality").map_err(db_error)?,
        longitude: row.try_get("longitude").map_err(db_error)?,
        latitude: row.try_get("latitude").map_err(db_error)?,
        outside_project_area: None,
        indigenous: row.try_get::<i64, _>("indigenous").map_err(db_error)? != 0,
        created_at: parse_timestamp(&created)?,
    })
}

/// Stores a valid community of a project; a name already used in the project is a field error.
pub async fn insert(
    conn: &mut Conn,
    project_id: i64,
    community: &NewCommunity,
) -> Result<i64, Error> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO communities \
         (project_id, name, municipality, longitude, latitude, indigenous, created_at) \
         VALUES ($1, $2, $3, CAST($4 AS DOUBLE PRECISION), CAST($5 AS DOUBLE PRECISION), $6, $7) \
         RETURNING id",
    )
    .bind(project_id)
    .bind(&community.name)
    .bind(&community.municipality)
    // Degrees travel as text: sqlx's `Any` driver sends a missing `f64` as a single-precision
    // NULL, and PostgreSQL then keeps that type for the statement, refusing later real values
    // on the same connection. Text is exact (the shortest decimal that reads back the same).
    .bind(community.location.map(|l| l.0.to_string()))
    .bind(community.location.map(|l| l.1.to_string()))
    .bind(i64::from(community.indigenous))
    .bind(now_text())
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| {
        if is_unique_violation(&e, "communities_project_name_key") {
            Error::Invalid(vec![FieldError::new("name", Problem::NameTaken)])
        } else {
            db_error(e)
        }
    })
}

/// Sets a community's location (and municipality, when given).
pub async fn set_location(
    conn: &mut Conn,
    id: i64,
    location: (f64, f64),
    municipality: Option<&str>,
) -> Result<(), Error> {
    sqlx::query(
        "UPDATE communities SET longitude = $1, latitude = $2, \
         municipality = COALESCE($3, municipality) WHERE id = $4",
    )
    .bind(location.0)
    .bind(location.1)
    .bind(municipality)
    .bind(id)
    .execute(&mut *conn)
    .await
    .map_err(db_error)?;
    Ok(())
}

/// One community, or `NotFound`.
pub async fn get(conn: &mut Conn, id: i64) -> Result<Community, Error> {
    let row = sqlx::query(
        "SELECT id, project_id, name, municipality, longitude, latitude, indigenous, created_at \
         FROM communities WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_error)?
    .ok_or(Error::NotFound)?;
    community_from_row(&row)
}

/// The communities of a project, by name.
pub async fn list_for_project(conn: &mut Conn, project_id: i64) -> Result<Vec<Community>, Error> {
    let rows = sqlx::query(
        "SELECT id, project_id, name, municipality, longitude, latitude, indigenous, created_at \
         FROM communities WHERE project_id = $1 ORDER BY lower(name), id",
    )
    .bind(project_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;
    rows.iter().map(community_from_row).collect()
}

/// Every (program, project, community) triple, to work out what a reader may see.
pub async fn all_ids(conn: &mut Conn) -> Result<Vec<(i64, i64, i64)>, Error> {
    let rows = sqlx::query(
        "SELECT j.program_id, c.project_id, c.id FROM communities c \
         JOIN projects j ON j.id = c.project_id",
    )
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("program_id").map_err(db_error)?,
                r.try_get("project_id").map_err(db_error)?,
                r.try_get("id").map_err(db_error)?,
            ))
        })
        .collect()
}
