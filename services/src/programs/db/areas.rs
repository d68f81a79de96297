//! Queries about project areas.

use crate::Error;
use crate::db::Conn;
use crate::db::{db_error, now_text, parse_timestamp};
use rust_decimal::Decimal;
use shared::project::ProjectArea;
use sqlx::Row;
use std::str::FromStr;

/// Stores (or replaces) a project's area.
pub async fn upsert(
    conn: &mut Conn,
    project_id: i64,
    geojson: &str,
    hectares: Decimal,
) -> Result<(), Error> {
    sqlx::query(
        "INSERT INTO project_areas (project_id, geojson, hectares, updated_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (project_id) DO UPDATE SET geojson = excluded.geojson, \
         hectares = excluded.hectares, updated_at = excluded.updated_at",
    )
    .bind(project_id)
    .bind(geojson)
    .bind(hectares.to_string())
    .bind(now_text())
    .execute(&mut *conn)
    .await
    .map(|_| ())
    .map_err(db_error)
}

/// A project's area, if it has one.
pub async fn get(conn: &mut Conn, project_id: i64) -> Result<Option<ProjectArea>, Error> {
    let row = sqlx::query(
        "SELECT geojson, hectares, updated_at FROM project_areas WHERE project_id = $1",
    )
    .bind(project_id)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_error)?;
    let Some(row) = row else { return Ok(None) };
    let geojson: String = row.try_get("geojson").map_err(db_error)?;
    let hectares: String = row.try_get("hectares").map_err(db_error)?;
    let updated: String = row.try_get("updated_at").map_err(db_error)?;
    let corrupt = |what: &str| {
        tracing::error!(project_id, what, "unreadable project area");
        Error::Internal
    };
    Ok(Some(ProjectArea {
        project_id,
        hectares: Decimal::from_str(&hectares).map_err(|_| corrupt("hectares"))?,
        geometry: serde_json::from_str(&geojson).map_err(|_| corrupt("geojson"))?,
        updated_at: parse_timestamp(&updated)?,
    }))
}
