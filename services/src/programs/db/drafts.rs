//! Queries about drafts of project forms. A draft belongs to the user who saved it.

use crate::Error;
use crate::db::Conn;
use crate::db::{db_error, now_text, parse_timestamp};
use shared::draft::{Draft, DraftKind};
use shared::project::ProjectForm;
use sqlx::Row;
use sqlx::any::AnyRow;

fn draft_from_row(row: &AnyRow) -> Result<Draft, Error> {
    let kind: String = row.try_get("kind").map_err(db_error)?;
    let form: String = row.try_get("form_json").map_err(db_error)?;
    let created: String = row.try_get("created_at").map_err(db_error)?;
    let updated: String = row.try_get("updated_at").map_err(db_error)?;
    let corrupt = |what: &str| {
        tracing::error!(what, "unreadable draft");
        Error::Internal
    };
    Ok(Draft {
        id: row.try_get("id").map_err(db_error)?,
        kind: DraftKind::from_code(&kind).ok_or_else(|| corrupt("kind"))?,
        program_id: row.try_get("program_id").map_err(db_error)?,
        project_id: row.try_get("project_id").map_err(db_error)?,
        form: serde_json::from_str::<ProjectForm>(&form).map_err(|_| corrupt("form"))?,
        created_at: parse_timestamp(&created)?,
        updated_at: parse_timestamp(&updated)?,
    })
}

const COLUMNS: &str = "id, kind, program_id, project_id, form_json, created_at, updated_at";

/// Stores a new draft of `user_id`.
pub async fn insert(
    conn: &mut Conn,
    user_id: i64,
    kind: DraftKind,
    program_id: i64,
    project_id: Option<i64>,
    form: &ProjectForm,
) -> Result<i64, Error> {
    let json = serde_json::to_string(form).map_err(|_| Error::Internal)?;
    let now = now_text();
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO drafts (user_id, kind, program_id, project_id, form_json, created_at, \
         updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(user_id)
    .bind(kind.code())
    .bind(program_id)
    .bind(project_id)
    .bind(json)
    .bind(&now)
    .bind(&now)
    .fetch_one(&mut *conn)
    .await
    .map_err(db_error)
}

/// Replaces the form of a draft of `user_id`; `NotFound` when it is not theirs.
pub async fn update(
    conn: &mut Conn,
    user_id: i64,
    id: i64,
    form: &ProjectForm,
) -> Result<(), Error> {
    let json = serde_json::to_string(form).map_err(|_| Error::Internal)?;
    let done = sqlx::query(
        "UPDATE drafts SET form_json = $1, updated_at = $2 WHERE id = $3 AND user_id = $4",
    )
    .bind(json)
    .bind(now_text())
    .bind(id)
    .bind(user_id)
    .execute(&mut *conn)
    .await
    .map_err(db_error)?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    Ok(())
}

/// One draft of `user_id`, or `NotFound` (also when it is someone else's).
pub async fn get(conn: &mut Conn, user_id: i64, id: i64) -> Result<Draft, Error> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM drafts WHERE id = $1 AND user_id = $2"
    ))
    .bind(id)
    .bind(user_id)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_error)?
    .ok_or(Error::NotFound)?;
    draft_from_row(&row)
}

/// The drafts of `user_id`, newest first.
pub async fn list(conn: &mut Conn, user_id: i64) -> Result<Vec<Draft>, Error> {
    sqlx::query(&format!(
        "SELECT {COLUMNS} FROM drafts WHERE user_id = $1 ORDER BY updated_at DESC, id DESC"
    ))
    .bind(user_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?
    .iter()
    .map(draft_from_row)
    .collect()
}

/// Deletes a draft of `user_id`; `NotFound` when it is not theirs.
pub async fn delete(conn: &mut Conn, user_id: i64, id: i64) -> Result<(), Error> {
    let done = sqlx::query("DELETE FROM drafts WHERE id = $1 AND user_id = $2")
        .bind(id)
        .bind(user_id)
        .execute(&mut *conn)
        .await
        .map_err(db_error)?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    Ok(())
}
