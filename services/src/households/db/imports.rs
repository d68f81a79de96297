//! Queries about imports of KoboToolbox and ODK exports and the column mappings remembered per
//! project and form.

use crate::Error;
use crate::db::Conn;
use crate::db::households::RecordedBy;
use crate::db::{db_error, now_text, parse_timestamp};
use shared::field_import::{
    FieldImport, ImportMapping, ImportStatus, RowIssue, Sheet, SheetSummary,
};
use sqlx::Row;
use sqlx::any::AnyRow;

fn corrupt(column: &str) -> Error {
    tracing::error!(column, "unreadable value in the imports tables");
    Error::Internal
}

fn json_of<T: serde::de::DeserializeOwned>(row: &AnyRow, column: &str) -> Result<T, Error> {
    let text: String = row.try_get(column).map_err(db_error)?;
    serde_json::from_str(&text).map_err(|_| corrupt(column))
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, Error> {
    serde_json::to_string(value).map_err(|_| Error::Internal)
}

fn count(row: &AnyRow, column: &str) -> Result<u32, Error> {
    let n: i64 = row.try_get(column).map_err(db_error)?;
    u32::try_from(n).map_err(|_| corrupt(column))
}

const SELECT: &str = "SELECT id, project_id, form_name, file_name, summary, mapping, \
     mapping_remembered, status, total, processed, imported, already_imported, issues, \
     created_by, created_by_name, created_at, finished_at FROM field_imports";

fn import_from_row(row: &AnyRow) -> Result<FieldImport, Error> {
    let status: String = row.try_get("status").map_err(db_error)?;
    let created_at: String = row.try_get("created_at").map_err(db_error)?;
    let finished_at: Option<String> = row.try_get("finished_at").map_err(db_error)?;
    let remembered: i64 = row.try_get("mapping_remembered").map_err(db_error)?;
    Ok(FieldImport {
        id: row.try_get("id").map_err(db_error)?,
        project_id: row.try_get("project_id").map_err(db_error)?,
        form_name: row.try_get("form_name").map_err(db_error)?,
        file_name: row.try_get("file_name").map_err(db_error)?,
        status: ImportStatus::from_code(&status).ok_or_else(|| corrupt("status"))?,
        sheets: json_of::<Vec<SheetSummary>>(row, "summary")?,
        mapping: json_of::<ImportMapping>(row, "mapping")?,
        mapping_remembered: remembered != 0,
        total: count(row, "total")?,
        processed: count(row, "processed")?,
        imported: count(row, "imported")?,
        already_imported: count(row, "already_imported")?,
        issues: json_of::<Vec<RowIssue>>(row, "issues")?,
        created_by: row.try_get("created_by_name").map_err(db_error)?,
        created_by_id: row.try_get("created_by").map_err(db_error)?,
        created_at: parse_timestamp(&created_at)?,
        finished_at: finished_at.as_deref().map(parse_timestamp).transpose()?,
    })
}

/// A new import waiting for its mapping: its sheets, their summary, and the mapping offered.
pub struct NewImport<'a> {
    /// The project.
    pub project_id: i64,
    /// The form's name.
    pub form_name: &'a str,
    /// The file's name.
    pub file_name: &'a str,
    /// The sheets read.
    pub sheets: &'a [Sheet],
    /// The mapping offered.
    pub mapping: &'a ImportMapping,
    /// Whether it is the form's remembered one.
    pub remembered: bool,
}

/// Stores a new import; answers its id.
pub async fn insert(
    conn: &mut Conn,
    new: &NewImport<'_>,
    by: &RecordedBy<'_>,
) -> Result<i64, Error> {
    let summary: Vec<SheetSummary> = new
        .sheets
        .iter()
        .map(|s| SheetSummary::of(s, true))
        .collect();
    sqlx::query_scalar(
        "INSERT INTO field_imports (project_id, form_name, file_name, sheets, summary, mapping, \
         mapping_remembered, status, total, processed, imported, already_imported, issues, \
         created_by, created_by_name, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'mapping', 0, 0, 0, 0, '[]', $8, $9, $10, $10) \
         RETURNING id",
    )
    .bind(new.project_id)
    .bind(new.form_name)
    .bind(new.file_name)
    .bind(to_json(&new.sheets)?)
    .bind(to_json(&summary)?)
    .bind(to_json(new.mapping)?)
    .bind(i64::from(new.remembered))
    .bind(by.user_id)
    .bind(by.name)
    .bind(now_text())
    .fetch_one(&mut *conn)
    .await
    .map_err(db_error)
}

/// An import, or `NotFound`.
pub async fn get(conn: &mut Conn, id: i64) -> Result<FieldImport, Error> {
    let row = sqlx::query(&format!("{SELECT} WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_error)?
        .ok_or(Error::NotFound)?;
    import_from_row(&row)
}

/// The sheets read from an import's file (empty once it is done).
pub async fn sheets(conn: &mut Conn, id: i64) -> Result<Vec<Sheet>, Error> {
    let row = sqlx::query("SELECT sheets FROM field_imports WHERE id = $1")
        .bind(id)
        .fetch_one(&mut *conn)
        .await
        .map_err(db_error)?;
    json_of(&row, "sheets")
}

/// Removes the contents (the sheets as read from the file: names, places, notes typed in the
/// field) of every import not done and untouched since `before`: it stays listed with its
/// summary, and starting it asks for the file again. Answers how many were emptied.
pub async fn purge_abandoned(conn: &mut Conn, before: &str) -> Result<u64, Error> {
    sqlx::query(
        "UPDATE field_imports SET sheets = '[]' \
         WHERE status <> 'done' AND updated_at < $1 AND sheets <> '[]'",
    )
    .bind(before)
    .execute(&mut *conn)
    .await
    .map(|done| done.rows_affected())
    .map_err(db_error)
}

/// A project's imports, newest first.
pub async fn list_for_project(conn: &mut Conn, project_id: i64) -> Result<Vec<FieldImport>, Error> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE project_id = $1 ORDER BY created_at DESC, id DESC"
    ))
    .bind(project_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;
    rows.iter().map(import_from_row).collect()
}

/// Starts an import with its mapping and number of submissions, unless it is already running
/// or done; answers whether it was started.
pub async fn start(
    conn: &mut Conn,
    id: i64,
    mapping: &ImportMapping,
    total: u32,
) -> Result<bool, Error> {
    let done = sqlx::query(
        "UPDATE field_imports SET status = 'running', mapping = $2, total = $3, processed = 0, \
         imported = 0, already_imported = 0, issues = '[]', finished_at = NULL, updated_at = $4 \
         WHERE id = $1 AND status IN ('mapping', 'interrupted')",
    )
    .bind(id)
    .bind(to_json(mapping)?)
    .bind(i64::from(total))
    .bind(now_text())
    .execute(&mut *conn)
    .await
    .map_err(db_error)?;
    Ok(done.rows_affected() == 1)
}

/// Records how far a running import has gone.
pub async fn progress(
    conn: &mut Conn,
    id: i64,
    processed: u32,
    imported: u32,
    already: u32,
) -> Result<(), Error> {
    sqlx::query(
        "UPDATE field_imports SET processed = $2, imported = $3, already_imported = $4, \
         updated_at = $5 WHERE id = $1",
    )
    .bind(id)
    .bind(i64::from(processed))
    .bind(i64::from(imported))
    .bind(i64::from(already))
    .bind(now_text())
    .execute(&mut *conn)
    .await
    .map_err(db_error)?;
    Ok(())
}

/// Finishes an import with its figures and issues; the sheets read from its file (which may
/// hold what a form asked beyond the visit) are dropped, and so are the first rows its summary
/// showed to map the columns.
pub async fn finish(
    conn: &mut Conn,
    import: &FieldImport,
    processed: u32,
    imported: u32,
    already: u32,
    issues: &[RowIssue],
) -> Result<(), Error> {
    let summary: Vec<SheetSummary> = import
        .sheets
        .iter()
        .cloned()
        .map(|mut s| {
            s.sample.clear();
            s
        })
        .collect();
    sqlx::query(
        "UPDATE field_imports SET status = 'done', processed = $2, imported = $3, \
         already_imported = $4, issues = $5, sheets = '[]', summary = $6, finished_at = $7, \
         updated_at = $7 WHERE id = $1",
    )
    .bind(import.id)
    .bind(i64::from(processed))
    .bind(i64::from(imported))
    .bind(i64::from(already))
    .bind(to_json(&issues)?)
    .bind(to_json(&summary)?)
    .bind(now_text())
    .execute(&mut *conn)
    .await
    .map_err(db_error)?;
    Ok(())
}

/// Marks an import left running by a server that stopped (silent since `before`) as
/// interrupted: it can be started again, and what it stored is not stored twice.
pub async fn interrupt_if_silent_since(
    conn: &mut Conn,
    id: i64,
    before: &str,
) -> Result<(), Error> {
    sqlx::query(
        "UPDATE field_imports SET status = 'interrupted' \
         WHERE id = $1 AND status = 'running' AND updated_at < $2",
    )
    .bind(id)
    .bind(before)
    .execute(&mut *conn)
    .await
    .map_err(db_error)?;
    Ok(())
}

/// The mapping remembered for a project's form.
pub async fn mapping_for(
    conn: &mut Conn,
    project_id: i64,
    form_name: &str,
) -> Result<Option<ImportMapping>, Error> {
    let row =
        sqlx::query("SELECT mapping FROM import_mappings WHERE project_id = $1 AND form_name = $2")
            .bind(project_id)
            .bind(form_name)
            .fetch_optional(&mut *conn)
            .await
            .map_err(db_error)?;
    row.map(|r| json_of(&r, "mapping")).transpose()
}

/// Remembers a form's mapping for the project's next imports of it.
pub async fn remember_mapping(
    conn: &mut Conn,
    project_id: i64,
    form_name: &str,
    mapping: &ImportMapping,
) -> Result<(), Error> {
    sqlx::query(
        "INSERT INTO import_mappings (project_id, form_name, mapping, updated_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (project_id, form_name) \
         DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at",
    )
    .bind(project_id)
    .bind(form_name)
    .bind(to_json(mapping)?)
    .bind(now_text())
    .execute(&mut *conn)
    .await
    .map_err(db_error)?;
    Ok(())
}
