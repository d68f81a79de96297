//! Queries about saved donor reports. The request, the narratives and the issued report are
//! stored as JSON: an issued report is kept whole, exactly as it was issued.

use crate::Error;
use crate::db::Conn;
use crate::db::{db_error, now_text, parse_timestamp};
use shared::donor_report::{DonorReport, Narrative, ReportSpec};
use sqlx::Row;

/// A saved report as stored.
#[derive(Clone, Debug)]
pub struct Stored {
    /// Its id.
    pub id: i64,
    /// Its organisation.
    pub organisation_id: i64,
    /// What was asked for.
    pub spec: ReportSpec,
    /// Its donor, when it has one (a donor's or an agreement's report).
    pub donor_id: Option<i64>,
    /// The projects it covered when last saved (issued: when issued).
    pub project_ids: Vec<i64>,
    /// The narratives.
    pub narratives: Vec<Narrative>,
    /// The report as issued.
    pub issued: Option<DonorReport>,
    /// Who made it.
    pub created_by_name: String,
}

fn corrupt(what: &str, error: serde_json::Error) -> Error {
    tracing::error!(what, %error, "a stored donor report could not be read");
    Error::Internal
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, Error> {
    serde_json::to_string(value).map_err(|e| corrupt("json", e))
}

const COLUMNS: &str = "id, organisation_id, spec, donor_id, project_ids, narratives, issued_report, \
                       created_by_name";

fn stored(row: &sqlx::any::AnyRow) -> Result<Stored, Error> {
    let text = |name: &str| row.try_get::<String, _>(name).map_err(db_error);
    let issued: Option<String> = row.try_get("issued_report").map_err(db_error)?;
    Ok(Stored {
        id: row.try_get("id").map_err(db_error)?,
        organisation_id: row.try_get("organisation_id").map_err(db_error)?,
        spec: serde_json::from_str(&text("spec")?).map_err(|e| corrupt("spec", e))?,
        donor_id: row.try_get("donor_id").map_err(db_error)?,
        project_ids: serde_json::from_str(&text("project_ids")?)
            .map_err(|e| corrupt("project_ids", e))?,
        narratives: serde_json::from_str(&text("narratives")?)
            .map_err(|e| corrupt("narratives", e))?,
        issued: issued
            .map(|t| serde_json::from_str(&t).map_err(|e| corrupt("issued_report", e)))
            .transpose()?,
        created_by_name: text("created_by_name")?,
    })
}

/// Stores a new draft report.
pub async fn insert(
    conn: &mut Conn,
    organisation_id: i64,
    spec: &ReportSpec,
    donor_id: Option<i64>,
    project_ids: &[i64],
    created_by: Option<i64>,
    created_by_name: &str,
) -> Result<i64, Error> {
    let now = now_text();
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO donor_reports (organisation_id, title, spec, donor_id, project_ids, \
         narratives, created_by, created_by_name, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, '[]', $6, $7, $8, $8) RETURNING id",
    )
    .bind(organisation_id)
    .bind(&spec.title)
    .bind(to_json(spec)?)
    .bind(donor_id)
    .bind(to_json(&project_ids)?)
    .bind(created_by)
    .bind(created_by_name)
    .bind(&now)
    .fetch_one(&mut *conn)
    .await
    .map_err(db_error)
}

/// One report.
pub async fn get(conn: &mut Conn, id: i64) -> Result<Stored, Error> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM donor_reports WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_error)?
    .ok_or(Error::NotFound)?;
    stored(&row)
}

/// An organisation's reports, newest first, with when each was issued.
pub async fn list(
    conn: &mut Conn,
    organisation_id: i64,
) -> Result<Vec<(Stored, Option<chrono::DateTime<chrono::Utc>>)>, Error> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS}, issued_at FROM donor_reports WHERE organisation_id = $1 \
         ORDER BY id DESC"
    ))
    .bind(organisation_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;
    rows.iter()
        .map(|row| {
            let at: Option<String> = row.try_get("issued_at").map_err(db_error)?;
            Ok((stored(row)?, at.map(|t| parse_timestamp(&t)).transpose()?))
        })
        .collect()
}

/// Saves a draft's narratives and the projects it now covers; `false` when it was issued
/// meanwhile (an issued report never changes).
pub async fn save_narratives(
    conn: &mut Conn,
    id: i64,
    narratives: &[Narrative],
    project_ids: &[i64],
) -> Result<bool, Error> {
    let done = sqlx::query(
        "UPDATE donor_reports SET narratives = $1, project_ids = $2, updated_at = $3 \
         WHERE id = $4 AND issued_report IS NULL",
    )
    .bind(to_json(&narratives)?)
    .bind(to_json(&project_ids)?)
    .bind(now_text())
    .bind(id)
    .execute(&mut *conn)
    .await
    .map_err(db_error)?;
    Ok(done.rows_affected() == 1)
}

/// Issues a draft: keeps the report as it is now; `false` when it was issued already.
pub async fn issue(
    conn: &mut Conn,
    id: i64,
    report: &DonorReport,
    by: &str,
) -> Result<bool, Error> {
    let at = report
        .issued
        .as_ref()
        .map(|i| i.at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true))
        .unwrap_or_else(now_text);
    let project_ids: Vec<i64> = report.projects.iter().map(|p| p.id).collect();
    let done = sqlx::query(
        "UPDATE donor_reports SET issued_report = $1, issued_at = $2, issued_by = $3, \
         project_ids = $4, narratives = $5, updated_at = $2 WHERE id = $6 AND issued_report IS NULL",
    )
    .bind(to_json(report)?)
    .bind(&at)
    .bind(by)
    .bind(to_json(&project_ids)?)
    .bind(to_json(&report.narratives)?)
    .bind(id)
    .execute(&mut *conn)
    .await
    .map_err(db_error)?;
    Ok(done.rows_affected() == 1)
}
