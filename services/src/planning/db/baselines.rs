//! Queries about illicit-crop baselines.

use crate::Error;
use crate::db::Conn;
use crate::db::{db_error, now_text, parse_timestamp};
use rust_decimal::Decimal;
use shared::baseline::BaselineSource;
use shared::baseline_record::{Baseline, NewBaseline, StoredFigure, place_key};
use shared::crop::IllicitCrop;
use sqlx::Row;
use sqlx::any::AnyRow;
use std::str::FromStr;

fn corrupt(what: &str, value: &str) -> Error {
    tracing::error!(what, value, "unreadable baseline in the database");
    Error::Internal
}

fn baseline_from_row(row: &AnyRow) -> Result<Baseline, Error> {
    let text = |name: &str| row.try_get::<String, _>(name).map_err(db_error);
    let crop = text("crop")?;
    let source = text("source")?;
    let hectares = text("hectares")?;
    Ok(Baseline {
        id: row.try_get("id").map_err(db_error)?,
        project_id: row.try_get("project_id").map_err(db_error)?,
        community_id: row.try_get("community_id").map_err(db_error)?,
        place: text("place")?,
        crop: IllicitCrop::from_code(&crop).ok_or_else(|| corrupt("crop", &crop))?,
        year: i32::try_from(row.try_get::<i64, _>("year").map_err(db_error)?)
            .map_err(|_| corrupt("year", "out of range"))?,
        hectares: Decimal::from_str(&hectares).map_err(|_| corrupt("hectares", &hectares))?,
        source: BaselineSource::from_code(&source).ok_or_else(|| corrupt("source", &source))?,
        note: row.try_get("note").map_err(db_error)?,
        updated_at: parse_timestamp(&text("updated_at")?)?,
    })
}

const COLUMNS: &str =
    "id, project_id, community_id, place, crop, year, hectares, source, note, updated_at";

/// Stores a figure, or replaces the hectares and note of the stored one for the same place,
/// crop, year and source. Answers its id and the hectares it replaced, if any.
pub async fn upsert(
    tx: &mut Conn,
    project_id: i64,
    figure: &NewBaseline,
) -> Result<(i64, Option<Decimal>), Error> {
    let key = place_key(&figure.place);
    let existing = sqlx::query(
        "SELECT id, hectares FROM illicit_crop_baselines WHERE project_id = $1 AND place_key = $2 \
         AND crop = $3 AND year = $4 AND source = $5",
    )
    .bind(project_id)
    .bind(&key)
    .bind(figure.crop.code())
    .bind(i64::from(figure.year))
    .bind(figure.source.code())
    .fetch_optional(&mut *tx)
    .await
    .map_err(db_error)?;
    let now = now_text();
    if let Some(row) = existing {
        let id: i64 = row.try_get("id").map_err(db_error)?;
        let old: String = row.try_get("hectares").map_err(db_error)?;
        sqlx::query(
            "UPDATE illicit_crop_baselines SET hectares = $1, note = $2, community_id = $3, \
             place = $4, updated_at = $5 WHERE id = $6",
        )
        .bind(figure.hectares.to_string())
        .bind(&figure.note)
        .bind(figure.community_id)
        .bind(&figure.place)
        .bind(&now)
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
        return Ok((id, Decimal::from_str(&old).ok()));
    }
    let id = sqlx::query_scalar::<_, i64>(
        "INSERT INTO illicit_crop_baselines (project_id, community_id, place, place_key, crop, \
         year, hectares, source, note, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(project_id)
    .bind(figure.community_id)
    .bind(&figure.place)
    .bind(&key)
    .bind(figure.crop.code())
    .bind(i64::from(figure.year))
    .bind(figure.hectares.to_string())
    .bind(figure.source.code())
    .bind(&figure.note)
    .bind(&now)
    .bind(&now)
    .fetch_one(&mut *tx)
    .await
    .map_err(db_error)?;
    Ok((id, None))
}

/// The figures of a project: newest year first, then crop and place.
pub async fn list(conn: &mut Conn, project_id: i64) -> Result<Vec<Baseline>, Error> {
    sqlx::query(&format!(
        "SELECT {COLUMNS} FROM illicit_crop_baselines WHERE project_id = $1 \
         ORDER BY year DESC, crop, place_key, source"
    ))
    .bind(project_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?
    .iter()
    .map(baseline_from_row)
    .collect()
}

/// One figure, or `NotFound`.
pub async fn get(conn: &mut Conn, id: i64) -> Result<Baseline, Error> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM illicit_crop_baselines WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_error)?
    .ok_or(Error::NotFound)?;
    baseline_from_row(&row)
}

/// Deletes one figure.
pub async fn delete(conn: &mut Conn, id: i64) -> Result<(), Error> {
    sqlx::query("DELETE FROM illicit_crop_baselines WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await
        .map_err(db_error)?;
    Ok(())
}

/// The project's stored figures as an import compares them.
pub async fn stored_figures(conn: &mut Conn, project_id: i64) -> Result<Vec<StoredFigure>, Error> {
    let rows = sqlx::query(
        "SELECT place_key, crop, year, source, hectares FROM illicit_crop_baselines \
         WHERE project_id = $1",
    )
    .bind(project_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;
    rows.iter()
        .map(|row| {
            let text = |name: &str| row.try_get::<String, _>(name).map_err(db_error);
            let crop = text("crop")?;
            let source = text("source")?;
            let hectares = text("hectares")?;
            Ok(StoredFigure {
                place_key: text("place_key")?,
                crop: IllicitCrop::from_code(&crop).ok_or_else(|| corrupt("crop", &crop))?,
                year: i32::try_from(row.try_get::<i64, _>("year").map_err(db_error)?)
                    .map_err(|_| corrupt("year", "out of range"))?,
                source: BaselineSource::from_code(&source)
                    .ok_or_else(|| corrupt("source", &source))?,
                hectares: Decimal::from_str(&hectares)
                    .map_err(|_| corrupt("hectares", &hectares))?,
            })
        })
        .collect()
}
