//! Queries about a project's results framework: results, indicators and their targets.

use crate::Error;
use crate::db::Conn;
use crate::db::{db_error, now_text};
use rust_decimal::Decimal;
use shared::indicator::{Disaggregation, Unit};
use shared::results::{
    Frequency, Indicator, NewIndicator, NewResult, ResponsibleRole, ResultLevel, ResultNode, Target,
};
use sqlx::Connection;
use sqlx::Row;
use sqlx::any::AnyRow;
use std::collections::HashMap;
use std::str::FromStr;

fn corrupt(what: &str, value: &str) -> Error {
    tracing::error!(what, value, "unreadable results framework in the database");
    Error::Internal
}

fn result_from_row(row: &AnyRow) -> Result<ResultNode, Error> {
    let level: String = row.try_get("level").map_err(db_error)?;
    Ok(ResultNode {
        id: row.try_get("id").map_err(db_error)?,
        project_id: row.try_get("project_id").map_err(db_error)?,
        parent_id: row.try_get("parent_id").map_err(db_error)?,
        level: ResultLevel::from_code(&level).ok_or_else(|| corrupt("level", &level))?,
        code: row.try_get("code").map_err(db_error)?,
        statement: row.try_get("statement").map_err(db_error)?,
        position: row.try_get("position").map_err(db_error)?,
    })
}

fn indicator_from_row(row: &AnyRow, targets: Vec<Target>) -> Result<Indicator, Error> {
    let text = |name: &str| row.try_get::<String, _>(name).map_err(db_error);
    let unit = text("unit")?;
    let disaggregation = text("disaggregation")?;
    let frequency = text("frequency")?;
    let role = text("responsible_role")?;
    let baseline: Option<String> = row.try_get("baseline_value").map_err(db_error)?;
    let year: Option<i64> = row.try_get("baseline_year").map_err(db_error)?;
    Ok(Indicator {
        id: row.try_get("id").map_err(db_error)?,
        project_id: row.try_get("project_id").map_err(db_error)?,
        result_id: row.try_get("result_id").map_err(db_error)?,
        library_code: row.try_get("library_code").map_err(db_error)?,
        name: row.try_get("name").map_err(db_error)?,
        unit: Unit::from_code(&unit).ok_or_else(|| corrupt("unit", &unit))?,
        baseline_value: baseline
            .as_deref()
            .map(|v| Decimal::from_str(v).map_err(|_| corrupt("baseline", v)))
            .transpose()?,
        baseline_year: year.and_then(|y| i32::try_from(y).ok()),
        disaggregation: Disaggregation::from_code(&disaggregation)
            .ok_or_else(|| corrupt("disaggregation", &disaggregation))?,
        data_source: row.try_get("data_source").map_err(db_error)?,
        frequency: Frequency::from_code(&frequency)
            .ok_or_else(|| corrupt("frequency", &frequency))?,
        responsible_role: ResponsibleRole::from_code(&role)
            .ok_or_else(|| corrupt("responsible role", &role))?,
        description: row.try_get("description").map_err(db_error)?,
        targets,
    })
}

/// Adds a result at the end of its siblings.
pub async fn insert_result(
    conn: &mut Conn,
    project_id: i64,
    result: &NewResult,
) -> Result<i64, Error> {
    let now = now_text();
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO results (project_id, parent_id, level, code, statement, position, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, \
         (SELECT COALESCE(MAX(position), 0) + 1 FROM results WHERE project_id = $6), $7, $8) \
         RETURNING id",
    )
    .bind(project_id)
    .bind(result.parent_id)
    .bind(result.level.code())
    .bind(&result.code)
    .bind(&result.statement)
    .bind(project_id)
    .bind(&now)
    .bind(&now)
    .fetch_one(&mut *conn)
    .await
    .map_err(db_error)
}

/// Changes a result.
pub async fn update_result(conn: &mut Conn, id: i64, result: &NewResult) -> Result<(), Error> {
    sqlx::query(
        "UPDATE results SET parent_id = $1, level = $2, code = $3, statement = $4, \
         updated_at = $5 WHERE id = $6",
    )
    .bind(result.parent_id)
    .bind(result.level.code())
    .bind(&result.code)
    .bind(&result.statement)
    .bind(now_text())
    .bind(id)
    .execute(&mut *conn)
    .await
    .map_err(db_error)?;
    Ok(())
}

/// The results of a project, in the order they were added.
pub async fn list_results(conn: &mut Conn, project_id: i64) -> Result<Vec<ResultNode>, Error> {
    sqlx::query(
        "SELECT id, project_id, parent_id, level, code, statement, position FROM results \
         WHERE project_id = $1 ORDER BY position, id",
    )
    .bind(project_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?
    .iter()
    .map(result_from_row)
    .collect()
}

/// The project a result belongs to, or `NotFound`.
pub async fn result_project(conn: &mut Conn, id: i64) -> Result<i64, Error> {
    sqlx::query_scalar::<_, i64>("SELECT project_id FROM results WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_error)?
        .ok_or(Error::NotFound)
}

/// Adds an indicator.
pub async fn insert_indicator(
    conn: &mut Conn,
    project_id: i64,
    indicator: &NewIndicator,
) -> Result<i64, Error> {
    let now = now_text();
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO indicators (project_id, result_id, library_code, name, unit, \
         baseline_value, baseline_year, disaggregation, data_source, frequency, \
         responsible_role, description, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
    )
    .bind(project_id)
    .bind(indicator.result_id)
    .bind(&indicator.library_code)
    .bind(&indicator.name)
    .bind(indicator.unit.code())
    .bind(indicator.baseline_value.map(|v| v.to_string()))
    .bind(indicator.baseline_year.map(i64::from))
    .bind(indicator.disaggregation.code())
    .bind(&indicator.data_source)
    .bind(indicator.frequency.code())
    .bind(indicator.responsible_role.code())
    .bind(&indicator.description)
    .bind(&now)
    .bind(&now)
    .fetch_one(&mut *conn)
    .await
    .map_err(db_error)
}

/// Changes an indicator (its targets stay).
pub async fn update_indicator(
    conn: &mut Conn,
    id: i64,
    indicator: &NewIndicator,
) -> Result<(), Error> {
    sqlx::query(
        "UPDATE indicators SET result_id = $1, library_code = $2, name = $3, unit = $4, \
         baseline_value = $5, baseline_year = $6, disaggregation = $7, data_source = $8, \
         frequency = $9, responsible_role = $10, description = $11, updated_at = $12 \
         WHERE id = $13",
    )
    .bind(indicator.result_id)
    .bind(&indicator.library_code)
    .bind(&indicator.name)
    .bind(indicator.unit.code())
    .bind(indicator.baseline_value.map(|v| v.to_string()))
    .bind(indicator.baseline_year.map(i64::from))
    .bind(indicator.disaggregation.code())
    .bind(&indicator.data_source)
    .bind(indicator.frequency.code())
    .bind(indicator.responsible_role.code())
    .bind(&indicator.description)
    .bind(now_text())
    .bind(id)
    .execute(&mut *conn)
    .await
    .map_err(db_error)?;
    Ok(())
}

/// Replaces an indicator's targets in one transaction.
pub async fn set_targets(
    conn: &mut Conn,
    indicator_id: i64,
    targets: &[Target],
) -> Result<(), Error> {
    let mut tx = conn.begin().await.map_err(db_error)?;
    sqlx::query("DELETE FROM indicator_targets WHERE indicator_id = $1")
        .bind(indicator_id)
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
    for target in targets {
        sqlx::query(
            "INSERT INTO indicator_targets (indicator_id, period, value) VALUES ($1, $2, $3)",
        )
        .bind(indicator_id)
        .bind(&target.period)
        .bind(target.value.to_string())
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
    }
    sqlx::query("UPDATE indicators SET updated_at = $1 WHERE id = $2")
        .bind(now_text())
        .bind(indicator_id)
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
    tx.commit().await.map_err(db_error)?;
    Ok(())
}

const INDICATOR_COLUMNS: &str = "id, project_id, result_id, library_code, name, unit, \
     baseline_value, baseline_year, disaggregation, data_source, frequency, responsible_role, \
     description";

/// The indicators of a project with their targets, in the order they were added.
pub async fn list_indicators(conn: &mut Conn, project_id: i64) -> Result<Vec<Indicator>, Error> {
    let mut targets: HashMap<i64, Vec<Target>> = HashMap::new();
    let rows = sqlx::query(
        "SELECT t.indicator_id, t.period, t.value FROM indicator_targets t \
         JOIN indicators i ON i.id = t.indicator_id WHERE i.project_id = $1 \
         ORDER BY t.indicator_id, t.period",
    )
    .bind(project_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;
    for row in rows {
        let id: i64 = row.try_get("indicator_id").map_err(db_error)?;
        let value: String = row.try_get("value").map_err(db_error)?;
        targets.entry(id).or_default().push(Target {
            period: row.try_get("period").map_err(db_error)?,
            value: Decimal::from_str(&value).map_err(|_| corrupt("target", &value))?,
        });
    }
    sqlx::query(&format!(
        "SELECT {INDICATOR_COLUMNS} FROM indicators WHERE project_id = $1 ORDER BY id"
    ))
    .bind(project_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?
    .iter()
    .map(|row| {
        let id: i64 = row.try_get("id").map_err(db_error)?;
        indicator_from_row(row, targets.remove(&id).unwrap_or_default())
    })
    .collect()
}

/// The project an indicator belongs to, or `NotFound`.
pub async fn indicator_project(conn: &mut Conn, id: i64) -> Result<i64, Error> {
    sqlx::query_scalar::<_, i64>("SELECT project_id FROM indicators WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_error)?
        .ok_or(Error::NotFound)
}

/// Deletes a result that has no results and no indicators under it, in one statement; answers
/// whether it was deleted (`false`: something is still under it, or it does not exist).
pub async fn delete_empty_result(conn: &mut Conn, id: i64) -> Result<bool, Error> {
    let done = sqlx::query(
        "DELETE FROM results WHERE id = $1 \
         AND NOT EXISTS (SELECT 1 FROM results c WHERE c.parent_id = $1) \
         AND NOT EXISTS (SELECT 1 FROM indicators i WHERE i.result_id = $1)",
    )
    .bind(id)
    .execute(&mut *conn)
    .await
    .map_err(db_error)?;
    Ok(done.rows_affected() == 1)
}

/// Deletes an indicator; its targets go with it (the schema cascades).
pub async fn delete_indicator(conn: &mut Conn, id: i64) -> Result<(), Error> {
    sqlx::query("DELETE FROM indicators WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await
        .map_err(db_error)?;
    Ok(())
}
