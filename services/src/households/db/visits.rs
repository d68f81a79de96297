//! Queries about monitoring visits. A visit is stored with its plot rows and what it saw growing
//! on each plot (into the plots' history) in one transaction; the same device entry (its client
//! id) is stored once. Visits come back with their GPS position; the service layer removes it for
//! readers who may not see personal data.

use crate::Error;
use crate::db::Conn;
use crate::db::households::RecordedBy;
use crate::db::{db_error, is_unique_violation, now_text, parse_date, parse_timestamp};
use rust_decimal::Decimal;
use shared::crop::{AlternativeCrop, IllicitCrop};
use shared::plot::PlotUse;
use shared::visit::{NewVisit, Production, SalesChannel, Visit, VisitPlot};
use sqlx::Connection;
use sqlx::Row;
use sqlx::any::AnyRow;
use std::str::FromStr;

fn corrupt(column: &str, value: &str) -> Error {
    tracing::error!(column, value, "unreadable value in the visits tables");
    Error::Internal
}

fn decimal(text: &str, column: &str) -> Result<Decimal, Error> {
    Decimal::from_str(text).map_err(|_| corrupt(column, text))
}

fn optional_decimal(row: &AnyRow, column: &str) -> Result<Option<Decimal>, Error> {
    match row.try_get::<Option<String>, _>(column).map_err(db_error)? {
        Some(text) => decimal(&text, column).map(Some),
        None => Ok(None),
    }
}

const SELECT: &str = "SELECT v.id, v.household_id, h.code AS household_code, h.project_id, \
     v.client_id, v.visited_on, v.longitude, v.latitude, v.crop, v.harvested_kg, v.sold_kg, \
     v.price_per_kg, v.currency, v.sales_channel, v.income, v.note, v.recorded_by_name, \
     v.recorded_at FROM monitoring_visits v JOIN households h ON h.id = v.household_id";

fn visit_from_row(row: &AnyRow, plots: Vec<VisitPlot>) -> Result<Visit, Error> {
    let text = |c: &str| row.try_get::<String, _>(c).map_err(db_error);
    let longitude: Option<f64> = row.try_get("longitude").map_err(db_error)?;
    let latitude: Option<f64> = row.try_get("latitude").map_err(db_error)?;
    let crop: Option<String> = row.try_get("crop").map_err(db_error)?;
    let production = match crop {
        Some(code) => {
            let channel = text("sales_channel")?;
            Some(Production {
                crop: AlternativeCrop::from_code(&code).ok_or_else(|| corrupt("crop", &code))?,
                harvested_kg: optional_decimal(row, "harvested_kg")?.unwrap_or_default(),
                sold_kg: optional_decimal(row, "sold_kg")?.unwrap_or_default(),
                price_per_kg: optional_decimal(row, "price_per_kg")?,
                currency: text("currency")?,
                sales_channel: SalesChannel::from_code(&channel)
                    .ok_or_else(|| corrupt("sales_channel", &channel))?,
                income: optional_decimal(row, "income")?.unwrap_or_default(),
            })
        }
        None => None,
    };
    Ok(Visit {
        id: row.try_get("id").map_err(db_error)?,
        household_id: row.try_get("household_id").map_err(db_error)?,
        household_code: text("household_code")?,
        project_id: row.try_get("project_id").map_err(db_error)?,
        visit: NewVisit {
            client_id: row.try_get("client_id").map_err(db_error)?,
            visited_on: parse_date(&text("visited_on")?)?,
            location: longitude.zip(latitude),
            plots,
            production,
            note: row.try_get("note").map_err(db_error)?,
        },
        recorded_by: text("recorded_by_name")?,
        recorded_at: parse_timestamp(&text("recorded_at")?)?,
    })
}

fn plot_from_row(row: &AnyRow) -> Result<(i64, VisitPlot), Error> {
    let text = |c: &str| row.try_get::<String, _>(c).map_err(db_error);
    let illicit: Option<String> = row.try_get("illicit_crop").map_err(db_error)?;
    let licit: Option<String> = row.try_get("licit_crop").map_err(db_error)?;
    Ok((
        row.try_get("visit_id").map_err(db_error)?,
        VisitPlot {
            plot_id: row.try_get("plot_id").map_err(db_error)?,
            illicit_crop: match illicit {
                Some(c) => {
                    Some(IllicitCrop::from_code(&c).ok_or_else(|| corrupt("illicit_crop", &c))?)
                }
                None => None,
            },
            illicit_hectares: decimal(&text("illicit_hectares")?, "illicit_hectares")?,
            licit_crop: match licit {
                Some(c) => {
                    Some(AlternativeCrop::from_code(&c).ok_or_else(|| corrupt("licit_crop", &c))?)
                }
                None => None,
            },
            established_hectares: decimal(&text("established_hectares")?, "established_hectares")?,
            surviving_hectares: decimal(&text("surviving_hectares")?, "surviving_hectares")?,
        },
    ))
}

/// The visit already stored for a device entry, if any.
pub async fn by_client_id(conn: &mut Conn, client_id: &str) -> Result<Option<i64>, Error> {
    sqlx::query_scalar("SELECT id FROM monitoring_visits WHERE client_id = $1")
        .bind(client_id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_error)
}

/// Stores a visit of a household with its plot rows and what it saw growing (`grows`: plot and
/// record), in one transaction. Answers the new id, or — when the device entry was stored
/// meanwhile — the stored one's with `false`.
pub async fn insert(
    conn: &mut Conn,
    household_id: i64,
    visit: &NewVisit,
    grows: &[(i64, PlotUse)],
    by: &RecordedBy<'_>,
) -> Result<(i64, bool), Error> {
    let mut tx = conn.begin().await.map_err(db_error)?;
    let production = visit.production.as_ref();
    let inserted = sqlx::query_scalar::<_, i64>(
        "INSERT INTO monitoring_visits (household_id, client_id, visited_on, longitude, latitude, \
         crop, harvested_kg, sold_kg, price_per_kg, currency, sales_channel, income, note, \
         recorded_by, recorded_by_name, recorded_at) \
         VALUES ($1, $2, $3, CAST($4 AS DOUBLE PRECISION), CAST($5 AS DOUBLE PRECISION), $6, $7, \
         $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id",
    )
    .bind(household_id)
    .bind(&visit.client_id)
    .bind(visit.visited_on.to_string())
    // Degrees travel as text (see `db::communities::insert`).
    .bind(visit.location.map(|l| l.0.to_string()))
    .bind(visit.location.map(|l| l.1.to_string()))
    .bind(production.map(|p| p.crop.code()))
    .bind(production.map(|p| p.harvested_kg.to_string()))
    .bind(production.map(|p| p.sold_kg.to_string()))
    .bind(
        production
            .and_then(|p| p.price_per_kg)
            .map(|p| p.to_string()),
    )
    .bind(production.map(|p| p.currency.clone()))
    .bind(production.map(|p| p.sales_channel.code()))
    .bind(production.map(|p| p.income.to_string()))
    .bind(&visit.note)
    .bind(by.user_id)
    .bind(by.name)
    .bind(now_text())
    .fetch_one(&mut *tx)
    .await;
    let id = match inserted {
        Ok(id) => id,
        Err(error) if is_unique_violation(&error, "monitoring_visits_client_key") => {
            drop(tx);
            let client = visit.client_id.as_deref().unwrap_or_default();
            return Ok((
                by_client_id(conn, client).await?.ok_or(Error::Internal)?,
                false,
            ));
        }
        Err(error) => return Err(db_error(error)),
    };
    for plot in &visit.plots {
        sqlx::query(
            "INSERT INTO monitoring_visit_plots (visit_id, plot_id, illicit_crop, \
             illicit_hectares, licit_crop, established_hectares, surviving_hectares) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(plot.plot_id)
        .bind(plot.illicit_crop.map(|c| c.code()))
        .bind(plot.illicit_hectares.to_string())
        .bind(plot.licit_crop.map(|c| c.code()))
        .bind(plot.established_hectares.to_string())
        .bind(plot.surviving_hectares.to_string())
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
    }
    for (plot_id, record) in grows {
        crate::db::plots::record_use_in(&mut tx, *plot_id, record, by).await?;
    }
    tx.commit().await.map_err(db_error)?;
    Ok((id, true))
}

async fn plot_rows(
    conn: &mut Conn,
    filter: &str,
    id: i64,
) -> Result<std::collections::HashMap<i64, Vec<VisitPlot>>, Error> {
    let rows = sqlx::query(&format!(
        "SELECT r.visit_id, r.plot_id, r.illicit_crop, r.illicit_hectares, r.licit_crop, \
         r.established_hectares, r.surviving_hectares FROM monitoring_visit_plots r \
         JOIN monitoring_visits v ON v.id = r.visit_id WHERE {filter} = $1 ORDER BY r.plot_id"
    ))
    .bind(id)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;
    let mut by_visit: std::collections::HashMap<i64, Vec<VisitPlot>> = Default::default();
    for row in &rows {
        let (visit, plot) = plot_from_row(row)?;
        by_visit.entry(visit).or_default().push(plot);
    }
    Ok(by_visit)
}

/// One visit, or `NotFound`.
pub async fn get(conn: &mut Conn, id: i64) -> Result<Visit, Error> {
    let row = sqlx::query(&format!("{SELECT} WHERE v.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_error)?
        .ok_or(Error::NotFound)?;
    let mut plots = plot_rows(conn, "v.id", id).await?;
    visit_from_row(&row, plots.remove(&id).unwrap_or_default())
}

/// A household's visits, newest first.
pub async fn list_for_household(conn: &mut Conn, household_id: i64) -> Result<Vec<Visit>, Error> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE v.household_id = $1 ORDER BY v.visited_on DESC, v.id DESC"
    ))
    .bind(household_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;
    let mut plots = plot_rows(conn, "v.household_id", household_id).await?;
    rows.iter()
        .map(|row| {
            let id: i64 = row.try_get("id").map_err(db_error)?;
            visit_from_row(row, plots.remove(&id).unwrap_or_default())
        })
        .collect()
}

/// The income recorded on a project's visits: (household, currency, amount).
pub async fn income_for_project(
    conn: &mut Conn,
    project_id: i64,
) -> Result<Vec<(i64, String, Decimal)>, Error> {
    let rows = sqlx::query(
        "SELECT v.household_id, v.currency, v.income FROM monitoring_visits v \
         JOIN households h ON h.id = v.household_id \
         WHERE h.project_id = $1 AND v.income IS NOT NULL AND v.currency IS NOT NULL",
    )
    .bind(project_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;
    rows.iter()
        .map(|row| {
            let income: String = row.try_get("income").map_err(db_error)?;
            Ok((
                row.try_get("household_id").map_err(db_error)?,
                row.try_get("currency").map_err(db_error)?,
                decimal(&income, "income")?,
            ))
        })
        .collect()
}
