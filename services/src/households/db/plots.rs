//! Queries about households' plots and what grows on them. Plots come back with their exact
//! place; the service layer removes it for readers who may not see personal data.

use crate::Error;
use crate::db::Conn;
use crate::db::households::RecordedBy;
use crate::db::{db_error, is_unique_violation, now_text, parse_date, parse_timestamp};
use rust_decimal::Decimal;
use shared::baseline::BaselineSource;
use shared::plot::{Plot, PlotCrop, PlotLocation, PlotUse, PlotUseRecord, plot_days};
use shared::validation::{FieldError, Problem};
use sqlx::Connection;
use sqlx::Row;
use sqlx::any::AnyRow;
use std::str::FromStr;

/// A plot to store: its fields, measured and placed.
#[derive(Clone, Debug)]
pub struct PlotRow<'a> {
    /// Its name.
    pub name: &'a str,
    /// The declared area.
    pub declared_hectares: Decimal,
    /// The boundary's geodesic area, when it has a boundary.
    pub measured_hectares: Option<Decimal>,
    /// The boundary as a GeoJSON MultiPolygon geometry.
    pub boundary: Option<String>,
    /// The point, or the boundary's centroid: (longitude, latitude).
    pub location: (f64, f64),
}

const SELECT: &str = "SELECT p.id, p.household_id, h.code AS household_code, h.project_id, \
     h.community_id, c.name AS community_name, p.name, p.declared_hectares, p.measured_hectares, \
     p.boundary, p.longitude, p.latitude, p.created_at \
     FROM plots p JOIN households h ON h.id = p.household_id \
     JOIN communities c ON c.id = h.community_id";

fn corrupt(column: &str, value: &str) -> Error {
    tracing::error!(column, value, "unreadable value in the plots tables");
    Error::Internal
}

fn decimal(column: &str, text: &str) -> Result<Decimal, Error> {
    Decimal::from_str(text).map_err(|_| corrupt(column, text))
}

fn plot_from_row(row: &AnyRow) -> Result<Plot, Error> {
    let text = |c: &str| row.try_get::<String, _>(c).map_err(db_error);
    let declared = decimal("declared_hectares", &text("declared_hectares")?)?;
    let measured = match row
        .try_get::<Option<String>, _>("measured_hectares")
        .map_err(db_error)?
    {
        Some(m) => Some(decimal("measured_hectares", &m)?),
        None => None,
    };
    let boundary = match row
        .try_get::<Option<String>, _>("boundary")
        .map_err(db_error)?
    {
        Some(b) => Some(serde_json::from_str(&b).map_err(|_| corrupt("boundary", &b))?),
        None => None,
    };
    Ok(Plot {
        id: row.try_get("id").map_err(db_error)?,
        household_id: row.try_get("household_id").map_err(db_error)?,
        household_code: text("household_code")?,
        project_id: row.try_get("project_id").map_err(db_error)?,
        community_id: row.try_get("community_id").map_err(db_error)?,
        community_name: text("community_name")?,
        name: text("name")?,
        declared_hectares: declared,
        areas_disagree: measured.is_some_and(|m| shared::plot::areas_disagree(declared, m)),
        measured_hectares: measured,
        location: Some(PlotLocation {
            boundary,
            longitude: row.try_get("longitude").map_err(db_error)?,
            latitude: row.try_get("latitude").map_err(db_error)?,
        }),
        latest: None,
        created_at: parse_timestamp(&text("created_at")?)?,
    })
}

fn use_from_row(row: &AnyRow) -> Result<PlotUseRecord, Error> {
    let text = |c: &str| row.try_get::<String, _>(c).map_err(db_error);
    let crop = text("crop")?;
    let source = text("source")?;
    Ok(PlotUseRecord {
        id: row.try_get("id").map_err(db_error)?,
        plot_id: row.try_get("plot_id").map_err(db_error)?,
        record: PlotUse {
            observed_on: parse_date(&text("observed_on")?)?,
            crop: PlotCrop::from_code(&crop).ok_or_else(|| corrupt("crop", &crop))?,
            hectares: decimal("hectares", &text("hectares")?)?,
            source: BaselineSource::from_code(&source).ok_or_else(|| corrupt("source", &source))?,
            note: row.try_get("note").map_err(db_error)?,
        },
        recorded_by: text("recorded_by_name")?,
        recorded_at: parse_timestamp(&text("recorded_at")?)?,
    })
}

fn name_taken(error: sqlx::Error) -> Error {
    if is_unique_violation(&error, "plots_household_name_key") {
        Error::Invalid(vec![FieldError::new("name", Problem::NameTaken)])
    } else {
        db_error(error)
    }
}

/// Stores a new plot of a household; a name the household already uses is a field error.
pub async fn insert(conn: &mut Conn, household_id: i64, plot: &PlotRow<'_>) -> Result<i64, Error> {
    let now = now_text();
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO plots (household_id, name, declared_hectares, measured_hectares, boundary, \
         longitude, latitude, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(household_id)
    .bind(plot.name)
    .bind(plot.declared_hectares.to_string())
    .bind(plot.measured_hectares.map(|m| m.to_string()))
    .bind(&plot.boundary)
    .bind(plot.location.0)
    .bind(plot.location.1)
    .bind(&now)
    .bind(&now)
    .fetch_one(&mut *conn)
    .await
    .map_err(name_taken)
}

/// Replaces a plot's fields.
pub async fn update(conn: &mut Conn, id: i64, plot: &PlotRow<'_>) -> Result<(), Error> {
    sqlx::query(
        "UPDATE plots SET name = $1, declared_hectares = $2, measured_hectares = $3, \
         boundary = $4, longitude = $5, latitude = $6, updated_at = $7 WHERE id = $8",
    )
    .bind(plot.name)
    .bind(plot.declared_hectares.to_string())
    .bind(plot.measured_hectares.map(|m| m.to_string()))
    .bind(&plot.boundary)
    .bind(plot.location.0)
    .bind(plot.location.1)
    .bind(now_text())
    .bind(id)
    .execute(&mut *conn)
    .await
    .map_err(name_taken)?;
    Ok(())
}

/// The plots with their latest days, read with one query for all their records; `filter` is
/// the condition on `p` (a plot's or a household's plots) that selected them.
async fn with_latest(
    conn: &mut Conn,
    plots: Vec<Plot>,
    filter: &str,
    id: i64,
) -> Result<Vec<Plot>, Error> {
    let rows = sqlx::query(&format!(
        "SELECT u.id, u.plot_id, u.observed_on, u.crop, u.hectares, u.source, u.note, \
         u.recorded_by_name, u.recorded_at FROM plot_uses u \
         JOIN plots p ON p.id = u.plot_id JOIN households h ON h.id = p.household_id \
         WHERE {filter} = $1"
    ))
    .bind(id)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;
    let mut by_plot: std::collections::HashMap<i64, Vec<PlotUse>> =
        std::collections::HashMap::new();
    for row in &rows {
        let record = use_from_row(row)?;
        by_plot
            .entry(record.plot_id)
            .or_default()
            .push(record.record);
    }
    Ok(plots
        .into_iter()
        .map(|mut p| {
            p.latest = by_plot.get(&p.id).and_then(|uses| plot_days(uses).pop());
            p
        })
        .collect())
}

/// One plot with its latest day, or `NotFound`.
pub async fn get(conn: &mut Conn, id: i64) -> Result<Plot, Error> {
    let row = sqlx::query(&format!("{SELECT} WHERE p.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_error)?
        .ok_or(Error::NotFound)?;
    let plot = plot_from_row(&row)?;
    Ok(with_latest(conn, vec![plot], "p.id", id).await?.remove(0))
}

/// A household's plots by name, with their latest days.
pub async fn list_for_household(conn: &mut Conn, household_id: i64) -> Result<Vec<Plot>, Error> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE p.household_id = $1 ORDER BY p.name, p.id"
    ))
    .bind(household_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;
    let plots = rows.iter().map(plot_from_row).collect::<Result<_, _>>()?;
    with_latest(conn, plots, "p.household_id", household_id).await
}

/// A project's plots (for its map), with their latest days.
pub async fn list_for_project(conn: &mut Conn, project_id: i64) -> Result<Vec<Plot>, Error> {
    let rows = sqlx::query(&format!("{SELECT} WHERE h.project_id = $1 ORDER BY p.id"))
        .bind(project_id)
        .fetch_all(&mut *conn)
        .await
        .map_err(db_error)?;
    let plots = rows.iter().map(plot_from_row).collect::<Result<_, _>>()?;
    with_latest(conn, plots, "h.project_id", project_id).await
}

/// A community's plots' points (id, longitude, latitude), for maps that colour them by their
/// records: no names, no days.
pub async fn points_for_community(
    conn: &mut Conn,
    community_id: i64,
) -> Result<Vec<(i64, f64, f64)>, Error> {
    let rows = sqlx::query(
        "SELECT p.id, p.longitude, p.latitude FROM plots p \
         JOIN households h ON h.id = p.household_id WHERE h.community_id = $1",
    )
    .bind(community_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;
    rows.iter()
        .map(|row| {
            Ok((
                row.try_get("id").map_err(db_error)?,
                row.try_get("longitude").map_err(db_error)?,
                row.try_get("latitude").map_err(db_error)?,
            ))
        })
        .collect()
}

/// What grew on a plot, newest day first (crops by code within a day).
pub async fn uses(conn: &mut Conn, plot_id: i64) -> Result<Vec<PlotUseRecord>, Error> {
    let rows = sqlx::query(
        "SELECT id, plot_id, observed_on, crop, hectares, source, note, recorded_by_name, \
         recorded_at FROM plot_uses WHERE plot_id = $1 ORDER BY observed_on DESC, crop, id",
    )
    .bind(plot_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;
    rows.iter().map(use_from_row).collect()
}

/// Records what grew on a plot on a day; a figure for the same crop on the same day replaces
/// the one stored. Answers the record's id.
pub async fn record_use(
    conn: &mut Conn,
    plot_id: i64,
    record: &PlotUse,
    by: &RecordedBy<'_>,
) -> Result<i64, Error> {
    let mut tx = conn.begin().await.map_err(db_error)?;
    let id = record_use_in(&mut tx, plot_id, record, by).await?;
    tx.commit().await.map_err(db_error)?;
    Ok(id)
}

/// [`record_use`] within a transaction the caller holds.
pub async fn record_use_in(
    tx: &mut Conn,
    plot_id: i64,
    record: &PlotUse,
    by: &RecordedBy<'_>,
) -> Result<i64, Error> {
    let day = record.observed_on.to_string();
    let existing: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM plot_uses WHERE plot_id = $1 AND observed_on = $2 AND crop = $3",
    )
    .bind(plot_id)
    .bind(&day)
    .bind(record.crop.code())
    .fetch_optional(&mut *tx)
    .await
    .map_err(db_error)?;
    let now = now_text();
    let id = match existing {
        Some(id) => {
            sqlx::query(
                "UPDATE plot_uses SET hectares = $1, source = $2, note = $3, recorded_by = $4, \
                 recorded_by_name = $5, recorded_at = $6 WHERE id = $7",
            )
            .bind(record.hectares.to_string())
            .bind(record.source.code())
            .bind(&record.note)
            .bind(by.user_id)
            .bind(by.name)
            .bind(&now)
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(db_error)?;
            id
        }
        None => sqlx::query_scalar::<_, i64>(
            "INSERT INTO plot_uses (plot_id, observed_on, crop, hectares, source, note, \
             recorded_by, recorded_by_name, recorded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(plot_id)
        .bind(&day)
        .bind(record.crop.code())
        .bind(record.hectares.to_string())
        .bind(record.source.code())
        .bind(&record.note)
        .bind(by.user_id)
        .bind(by.name)
        .bind(&now)
        .fetch_one(&mut *tx)
        .await
        .map_err(db_error)?,
    };
    Ok(id)
}

/// Deletes one record of a plot; `NotFound` when the plot has no such record.
pub async fn delete_use(
    conn: &mut Conn,
    plot_id: i64,
    use_id: i64,
) -> Result<PlotUseRecord, Error> {
    let record = uses(conn, plot_id)
        .await?
        .into_iter()
        .find(|u| u.id == use_id)
        .ok_or(Error::NotFound)?;
    sqlx::query("DELETE FROM plot_uses WHERE id = $1 AND plot_id = $2")
        .bind(use_id)
        .bind(plot_id)
        .execute(&mut *conn)
        .await
        .map_err(db_error)?;
    Ok(record)
}
