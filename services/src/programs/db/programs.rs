//! Queries about programs.

use crate::Error;
use crate::db::Conn;
use crate::db::{db_error, is_unique_violation, now_text, parse_timestamp};
use shared::program::{NewProgram, Program};
use shared::validation::{FieldError, Problem};
use sqlx::Row;
use sqlx::any::AnyRow;

const PROGRAM_COLUMNS: &str = "p.id, p.name, p.description, p.organisation_id, p.is_demo, \
     p.created_at, (SELECT COUNT(*) FROM projects j WHERE j.program_id = p.id) AS project_count";

fn program_from_row(row: &AnyRow) -> Result<Program, Error> {
    let read = |e: sqlx::Error| db_error(e);
    Ok(Program {
        id: row.try_get("id").map_err(read)?,
        name: row.try_get("name").map_err(read)?,
        description: row.try_get("description").map_err(read)?,
        organisation_id: row.try_get("organisation_id").map_err(read)?,
        is_demo: row.try_get::<i64, _>("is_demo").map_err(read)? != 0,
        project_count: row.try_get("project_count").map_err(read)?,
        created_at: parse_timestamp(&row.try_get::<String, _>("created_at").map_err(read)?)?,
    })
}

/// Every program, by name.
pub async fn list(conn: &mut Conn) -> Result<Vec<Program>, Error> {
    let sql = format!("SELECT {PROGRAM_COLUMNS} FROM programs p ORDER BY lower(p.name), p.id");
    let rows = sqlx::query(&sql)
        .fetch_all(&mut *conn)
        .await
        .map_err(db_error)?;
    rows.iter().map(program_from_row).collect()
}

/// One program, or `NotFound`.
pub async fn get(conn: &mut Conn, id: i64) -> Result<Program, Error> {
    let sql = format!("SELECT {PROGRAM_COLUMNS} FROM programs p WHERE p.id = $1");
    let row = sqlx::query(&sql)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_error)?
        .ok_or(Error::NotFound)?;
    program_from_row(&row)
}

/// Stores a valid program of an organisation; a name already in use is a field error on `name`.
pub async fn insert(
    conn: &mut Conn,
    organisation_id: i64,
    program: &NewProgram,
    is_demo: bool,
) -> Result<i64, Error> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO programs (name, description, organisation_id, is_demo, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(&program.name)
    .bind(&program.description)
    .bind(organisation_id)
    .bind(i64::from(is_demo))
    .bind(now_text())
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| {
        if is_unique_violation(&e, "programs_name_key") {
            Error::Invalid(vec![FieldError::new("name", Problem::NameTaken)])
        } else {
            db_error(e)
        }
    })
}

/// Every (program, project) pair, to work out what a reader may see.
pub async fn project_ids_by_program(conn: &mut Conn) -> Result<Vec<(i64, i64)>, Error> {
    let rows = sqlx::query("SELECT program_id, id FROM projects")
        .fetch_all(&mut *conn)
        .await
        .map_err(db_error)?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("program_id").map_err(db_error)?,
                r.try_get("id").map_err(db_error)?,
            ))
        })
        .collect()
}

/// How many programs there are.
pub async fn count(conn: &mut Conn) -> Result<i64, Error> {
    sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM programs")
        .fetch_one(&mut *conn)
        .await
        .map_err(db_error)
}
