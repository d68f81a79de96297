//! Queries about indicator actuals and the steps of their approval workflow. Which step is
//! allowed is decided in `shared::actuals`; this module stores what was decided.

use crate::Error;
use crate::db::Conn;
use crate::db::households::RecordedBy;
use crate::db::{db_error, is_unique_violation, now_text, parse_timestamp};
use rust_decimal::Decimal;
use shared::actuals::{Actual, ActualEvent, ActualStatus, ActualStep, CellValue, NewActual};
use shared::validation::{FieldError, Problem};
use sqlx::Connection;
use sqlx::Row;
use sqlx::any::AnyRow;
use std::str::FromStr;

fn corrupt(column: &str, value: &str) -> Error {
    tracing::error!(column, value, "unreadable value in the actuals tables");
    Error::Internal
}

fn actual_from_row(row: &AnyRow) -> Result<Actual, Error> {
    let text = |c: &str| row.try_get::<String, _>(c).map_err(db_error);
    let status = text("status")?;
    let total = text("total")?;
    let cells = text("cells")?;
    let revision: i64 = row.try_get("revision").map_err(db_error)?;
    Ok(Actual {
        id: row.try_get("id").map_err(db_error)?,
        indicator_id: row.try_get("indicator_id").map_err(db_error)?,
        revision: u32::try_from(revision).unwrap_or(1),
        status: ActualStatus::from_code(&status).ok_or_else(|| corrupt("status", &status))?,
        actual: NewActual {
            period: text("period")?,
            total: Decimal::from_str(&total).map_err(|_| corrupt("total", &total))?,
            cells: serde_json::from_str::<Vec<CellValue>>(&cells)
                .map_err(|_| corrupt("cells", &cells))?,
            note: row.try_get("note").map_err(db_error)?,
        },
        superseded: false,
        events: Vec::new(),
    })
}

fn event_from_row(row: &AnyRow) -> Result<(i64, ActualEvent), Error> {
    let text = |c: &str| row.try_get::<String, _>(c).map_err(db_error);
    let step = text("step")?;
    let status = text("status")?;
    Ok((
        row.try_get("actual_id").map_err(db_error)?,
        ActualEvent {
            step: ActualStep::from_code(&step).ok_or_else(|| corrupt("step", &step))?,
            status: ActualStatus::from_code(&status).ok_or_else(|| corrupt("status", &status))?,
            comment: row.try_get("comment").map_err(db_error)?,
            by: text("recorded_by_name")?,
            at: parse_timestamp(&text("recorded_at")?)?,
        },
    ))
}

/// The indicator an actual belongs to, or `NotFound`.
pub async fn indicator_of(conn: &mut Conn, id: i64) -> Result<i64, Error> {
    sqlx::query_scalar("SELECT indicator_id FROM indicator_actuals WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_error)?
        .ok_or(Error::NotFound)
}

/// The value that counts for every indicator and period of a project: the latest approved
/// revision's total.
pub async fn approved_for_project(
    conn: &mut Conn,
    project_id: i64,
) -> Result<Vec<shared::results::ApprovedActual>, Error> {
    let rows = sqlx::query(
        "SELECT a.indicator_id, a.period, a.revision, a.total FROM indicator_actuals a \
         JOIN indicators i ON i.id = a.indicator_id \
         WHERE i.project_id = $1 AND a.status = 'approved' \
         AND a.revision = (SELECT MAX(b.revision) FROM indicator_actuals b \
             WHERE b.indicator_id = a.indicator_id AND b.period = a.period \
             AND b.status = 'approved') \
         ORDER BY a.indicator_id, a.period",
    )
    .bind(project_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;
    rows.iter()
        .map(|row| {
            let total: String = row.try_get("total").map_err(db_error)?;
            let revision: i64 = row.try_get("revision").map_err(db_error)?;
            Ok(shared::results::ApprovedActual {
                indicator_id: row.try_get("indicator_id").map_err(db_error)?,
                period: row.try_get("period").map_err(db_error)?,
                value: Decimal::from_str(&total).map_err(|_| corrupt("total", &total))?,
                revision: u32::try_from(revision).unwrap_or(1),
            })
        })
        .collect()
}

const SELECT: &str = "SELECT a.id, a.indicator_id, a.period, a.revision, a.status, a.total, \
     a.cells, a.note FROM indicator_actuals a";

/// An indicator's actuals, every revision, by period and revision, with their steps; a revision
/// is superseded when a later one of its period is approved.
pub async fn list_for_indicator(conn: &mut Conn, indicator_id: i64) -> Result<Vec<Actual>, Error> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE a.indicator_id = $1 ORDER BY a.period, a.revision"
    ))
    .bind(indicator_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;
    let mut actuals: Vec<Actual> = rows.iter().map(actual_from_row).collect::<Result<_, _>>()?;
    let events = sqlx::query(
        "SELECT e.actual_id, e.step, e.status, e.comment, e.recorded_by_name, e.recorded_at \
         FROM indicator_actual_events e JOIN indicator_actuals a ON a.id = e.actual_id \
         WHERE a.indicator_id = $1 ORDER BY e.id",
    )
    .bind(indicator_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;
    for row in &events {
        let (actual, event) = event_from_row(row)?;
        if let Some(a) = actuals.iter_mut().find(|a| a.id == actual) {
            a.events.push(event);
        }
    }
    let approved: Vec<(String, u32)> = actuals
        .iter()
        .filter(|a| a.status == ActualStatus::Approved)
        .map(|a| (a.actual.period.clone(), a.revision))
        .collect();
    for a in &mut actuals {
        a.superseded = approved
            .iter()
            .any(|(p, r)| *p == a.actual.period && *r > a.revision);
    }
    Ok(actuals)
}

async fn event(
    tx: &mut Conn,
    actual_id: i64,
    step: ActualStep,
    status: ActualStatus,
    comment: Option<&str>,
    by: &RecordedBy<'_>,
) -> Result<(), Error> {
    sqlx::query(
        "INSERT INTO indicator_actual_events \
         (actual_id, step, status, comment, recorded_by, recorded_by_name, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(actual_id)
    .bind(step.code())
    .bind(status.code())
    .bind(comment)
    .bind(by.user_id)
    .bind(by.name)
    .bind(now_text())
    .execute(&mut *tx)
    .await
    .map_err(db_error)?;
    Ok(())
}

/// Stores a new revision of a period as a draft, with its first step (`save` or `revise`).
pub async fn insert(
    conn: &mut Conn,
    indicator_id: i64,
    revision: u32,
    actual: &NewActual,
    first: ActualStep,
    by: &RecordedBy<'_>,
) -> Result<i64, Error> {
    let mut tx = conn.begin().await.map_err(db_error)?;
    let now = now_text();
    let cells = serde_json::to_string(&actual.cells).map_err(|_| Error::Internal)?;
    let id = sqlx::query_scalar::<_, i64>(
        "INSERT INTO indicator_actuals (indicator_id, period, revision, status, total, cells, \
         note, created_at, updated_at) VALUES ($1, $2, $3, 'draft', $4, $5, $6, $7, $8) \
         RETURNING id",
    )
    .bind(indicator_id)
    .bind(&actual.period)
    .bind(i64::from(revision))
    .bind(actual.total.to_string())
    .bind(cells)
    .bind(&actual.note)
    .bind(&now)
    .bind(&now)
    .fetch_one(&mut *tx)
    .await
    .map_err(|e| {
        if is_unique_violation(&e, "indicator_actuals_revision_key") {
            // Someone else started this revision meanwhile.
            Error::Invalid(vec![FieldError::new("period", Problem::NotAllowedNow)])
        } else {
            db_error(e)
        }
    })?;
    event(&mut tx, id, first, ActualStatus::Draft, None, by).await?;
    tx.commit().await.map_err(db_error)?;
    Ok(id)
}

/// Replaces a draft's values (it stays or becomes a draft).
pub async fn update_values(
    conn: &mut Conn,
    id: i64,
    actual: &NewActual,
    by: &RecordedBy<'_>,
) -> Result<(), Error> {
    let mut tx = conn.begin().await.map_err(db_error)?;
    let cells = serde_json::to_string(&actual.cells).map_err(|_| Error::Internal)?;
    sqlx::query(
        "UPDATE indicator_actuals SET total = $1, cells = $2, note = $3, status = 'draft', \
         updated_at = $4 WHERE id = $5",
    )
    .bind(actual.total.to_string())
    .bind(cells)
    .bind(&actual.note)
    .bind(now_text())
    .bind(id)
    .execute(&mut *tx)
    .await
    .map_err(db_error)?;
    event(&mut tx, id, ActualStep::Save, ActualStatus::Draft, None, by).await?;
    tx.commit().await.map_err(db_error)?;
    Ok(())
}

/// Moves an actual to `status` by `step`, only if it is still in `from` (answers whether it
/// was).
pub async fn set_status(
    conn: &mut Conn,
    id: i64,
    from: ActualStatus,
    step: ActualStep,
    status: ActualStatus,
    comment: Option<&str>,
    by: &RecordedBy<'_>,
) -> Result<bool, Error> {
    let mut tx = conn.begin().await.map_err(db_error)?;
    let changed = sqlx::query(
        "UPDATE indicator_actuals SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4",
    )
    .bind(status.code())
    .bind(now_text())
    .bind(id)
    .bind(from.code())
    .execute(&mut *tx)
    .await
    .map_err(db_error)?
    .rows_affected();
    if changed == 0 {
        return Ok(false);
    }
    event(&mut tx, id, step, status, comment, by).await?;
    tx.commit().await.map_err(db_error)?;
    Ok(true)
}
