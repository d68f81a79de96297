//! Queries about a project's safeguards.

use crate::Error;
use crate::db::Conn;
use crate::db::{db_error, now_text, parse_date};
use shared::safeguard::{Safeguard, SafeguardKind, SafeguardStatus};
use sqlx::Row;

/// Records (or replaces) one safeguard's status and evidence.
pub async fn upsert(
    conn: &mut Conn,
    project_id: i64,
    safeguard: &Safeguard,
    user_id: Option<i64>,
) -> Result<(), Error> {
    sqlx::query(
        "INSERT INTO safeguards (project_id, kind, status, evidence, assessed_on, updated_at, \
         updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (project_id, kind) DO UPDATE SET status = excluded.status, \
         evidence = excluded.evidence, assessed_on = excluded.assessed_on, \
         updated_at = excluded.updated_at, updated_by = excluded.updated_by",
    )
    .bind(project_id)
    .bind(safeguard.kind.code())
    .bind(safeguard.status.code())
    .bind(&safeguard.evidence)
    .bind(safeguard.assessed_on.map(|d| d.to_string()))
    .bind(now_text())
    .bind(user_id)
    .execute(&mut *conn)
    .await
    .map_err(db_error)?;
    Ok(())
}

/// The safeguards recorded for a project (kinds never recorded are absent).
pub async fn list(conn: &mut Conn, project_id: i64) -> Result<Vec<Safeguard>, Error> {
    let rows = sqlx::query(
        "SELECT kind, status, evidence, assessed_on FROM safeguards WHERE project_id = $1",
    )
    .bind(project_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;
    rows.iter()
        .map(|row| {
            let kind: String = row.try_get("kind").map_err(db_error)?;
            let status: String = row.try_get("status").map_err(db_error)?;
            let assessed: Option<String> = row.try_get("assessed_on").map_err(db_error)?;
            let corrupt = |what: &str, value: &str| {
                tracing::error!(what, value, "unreadable safeguard");
                Error::Internal
            };
            Ok(Safeguard {
                kind: SafeguardKind::from_code(&kind).ok_or_else(|| corrupt("kind", &kind))?,
                status: SafeguardStatus::from_code(&status)
                    .ok_or_else(|| corrupt("status", &status))?,
                evidence: row.try_get("evidence").map_err(db_error)?,
                assessed_on: assessed.as_deref().map(parse_date).transpose()?,
            })
        })
        .collect()
}
