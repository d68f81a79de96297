//! Queries about projects, their crops and their donors.

use crate::Error;
use crate::db::Conn;
use crate::db::{db_error, is_unique_violation, now_text, parse_date, parse_timestamp};
use rust_decimal::Decimal;
use shared::crop::{AlternativeCrop, IllicitCrop};
use shared::project::{
    DonorRef, NewProject, PlannedCrop, Project, ProjectKind, ProjectStatus, ProjectSummary,
};
use shared::validation::{FieldError, Problem};
use sqlx::Connection;
use sqlx::Row;
use sqlx::any::AnyRow;
use std::collections::HashMap;
use std::str::FromStr;

fn corrupt(what: &str, value: &str) -> Error {
    tracing::error!(what, value, "unreadable value in the database");
    Error::Internal
}

fn kind(code: &str) -> Result<ProjectKind, Error> {
    ProjectKind::from_code(code).ok_or_else(|| corrupt("project kind", code))
}

fn status(code: &str) -> Result<ProjectStatus, Error> {
    ProjectStatus::from_code(code).ok_or_else(|| corrupt("project status", code))
}

fn hectares(text: &str) -> Result<Decimal, Error> {
    Decimal::from_str(text).map_err(|_| corrupt("hectares", text))
}

fn name_taken(e: sqlx::Error) -> Error {
    if is_unique_violation(&e, "projects_program_name_key") {
        Error::Invalid(vec![FieldError::new("name", Problem::NameTaken)])
    } else {
        db_error(e)
    }
}

/// Writes a project's crops and donors (after deleting the old ones) inside `tx`.
async fn write_lists(tx: &mut Conn, id: i64, project: &NewProject) -> Result<(), Error> {
    for table in [
        "project_illicit_crops",
        "project_planned_crops",
        "project_donors",
    ] {
        sqlx::query(&format!("DELETE FROM {table} WHERE project_id = $1"))
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(db_error)?;
    }
    for crop in &project.illicit_crops {
        sqlx::query("INSERT INTO project_illicit_crops (project_id, crop) VALUES ($1, $2)")
            .bind(id)
            .bind(crop.code())
            .execute(&mut *tx)
            .await
            .map_err(db_error)?;
    }
    for (position, planned) in project.planned_crops.iter().enumerate() {
        sqlx::query(
            "INSERT INTO project_planned_crops (project_id, position, crop, hectares) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(i64::try_from(position).unwrap_or(i64::MAX))
        .bind(planned.crop.code())
        .bind(planned.hectares.to_string())
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
    }
    for donor in &project.donors {
        sqlx::query("INSERT INTO project_donors (project_id, donor_id) VALUES ($1, $2)")
            .bind(id)
            .bind(donor)
            .execute(&mut *tx)
            .await
            .map_err(db_error)?;
    }
    Ok(())
}

/// Stores a valid project with its crops and donors in one transaction; a name already used in
/// the program is a field error on `name`. The caller has checked that the donors exist.
pub async fn insert(conn: &mut Conn, program_id: i64, project: &NewProject) -> Result<i64, Error> {
    let mut tx = conn.begin().await.map_err(db_error)?;
    let id = sqlx::query_scalar::<_, i64>(
        "INSERT INTO projects \
         (program_id, name, kind, country, start_date, end_date, description, status, currency, \
          created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(program_id)
    .bind(&project.name)
    .bind(project.kind.code())
    .bind(project.country)
    .bind(project.start_date.to_string())
    .bind(project.end_date.to_string())
    .bind(&project.description)
    .bind(project.status.code())
    .bind(project.currency)
    .bind(now_text())
    .fetch_one(&mut *tx)
    .await
    .map_err(name_taken)?;
    write_lists(&mut tx, id, project).await?;
    tx.commit().await.map_err(db_error)?;
    Ok(id)
}

/// Replaces a project's fields, crops and donors in one transaction.
pub async fn update(conn: &mut Conn, id: i64, project: &NewProject) -> Result<(), Error> {
    let mut tx = conn.begin().await.map_err(db_error)?;
    let changed = sqlx::query(
        "UPDATE projects SET name = $1, kind = $2, country = $3, start_date = $4, end_date = $5, \
         description = $6, status = $7, currency = $8, updated_at = $9 WHERE id = $10",
    )
    .bind(&project.name)
    .bind(project.kind.code())
    .bind(project.country)
    .bind(project.start_date.to_string())
    .bind(project.end_date.to_string())
    .bind(&project.description)
    .bind(project.status.code())
    .bind(project.currency)
    .bind(now_text())
    .bind(id)
    .execute(&mut *tx)
    .await
    .map_err(name_taken)?;
    if changed.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    write_lists(&mut tx, id, project).await?;
    tx.commit().await.map_err(db_error)?;
    Ok(())
}

const PROJECT_COLUMNS: &str = "j.id, j.program_id, p.name AS program_name, p.organisation_id, \
     p.is_demo, j.name, j.kind, j.country, j.start_date, j.end_date, j.description, j.status, \
     j.currency, j.created_at, j.updated_at";

/// The crops and donors of some projects (all when `project` is `None`), by project.
#[derive(Default)]
struct Lists {
    illicit: HashMap<i64, Vec<IllicitCrop>>,
    planned: HashMap<i64, Vec<PlannedCrop>>,
    donors: HashMap<i64, Vec<DonorRef>>,
}

async fn lists(conn: &mut Conn, project: Option<i64>) -> Result<Lists, Error> {
    let filter = if project.is_some() {
        "WHERE project_id = $1"
    } else {
        ""
    };
    let mut out = Lists::default();
    let illicit_sql = format!(
        "SELECT project_id, crop FROM project_illicit_crops {filter} ORDER BY project_id, crop"
    );
    let planned_sql = format!(
        "SELECT project_id, crop, hectares FROM project_planned_crops {filter} \
         ORDER BY project_id, position"
    );
    let donors_sql = format!(
        "SELECT d.project_id, o.id, o.name FROM project_donors d JOIN donors o ON o.id = d.donor_id \
         {} ORDER BY d.project_id, lower(o.name), o.id",
        if project.is_some() {
            "WHERE d.project_id = $1"
        } else {
            ""
        }
    );
    for r in crate::db::query_for(&illicit_sql, project)
        .fetch_all(&mut *conn)
        .await
        .map_err(db_error)?
    {
        let id: i64 = r.try_get("project_id").map_err(db_error)?;
        let code: String = r.try_get("crop").map_err(db_error)?;
        let crop = IllicitCrop::from_code(&code).ok_or_else(|| corrupt("illicit crop", &code))?;
        out.illicit.entry(id).or_default().push(crop);
    }
    for r in crate::db::query_for(&planned_sql, project)
        .fetch_all(&mut *conn)
        .await
        .map_err(db_error)?
    {
        let id: i64 = r.try_get("project_id").map_err(db_error)?;
        let code: String = r.try_get("crop").map_err(db_error)?;
        let ha: String = r.try_get("hectares").map_err(db_error)?;
        out.planned.entry(id).or_default().push(PlannedCrop {
            crop: AlternativeCrop::from_code(&code)
                .ok_or_else(|| corrupt("alternative crop", &code))?,
            hectares: hectares(&ha)?,
        });
    }
    for r in crate::db::query_for(&donors_sql, project)
        .fetch_all(&mut *conn)
        .await
        .map_err(db_error)?
    {
        let id: i64 = r.try_get("project_id").map_err(db_error)?;
        out.donors.entry(id).or_default().push(DonorRef {
            id: r.try_get("id").map_err(db_error)?,
            name: r.try_get("name").map_err(db_error)?,
        });
    }
    for crops in out.illicit.values_mut() {
        crops.sort();
    }
    Ok(out)
}

fn project_from_row(row: &AnyRow, lists: &mut Lists) -> Result<Project, Error> {
    let text = |name: &str| row.try_get::<String, _>(name).map_err(db_error);
    let id: i64 = row.try_get("id").map_err(db_error)?;
    let updated: Option<String> = row.try_get("updated_at").map_err(db_error)?;
    Ok(Project {
        id,
        program_id: row.try_get("program_id").map_err(db_error)?,
        program_name: text("program_name")?,
        organisation_id: row.try_get("organisation_id").map_err(db_error)?,
        name: text("name")?,
        kind: kind(&text("kind")?)?,
        country: text("country")?,
        start_date: parse_date(&text("start_date")?)?,
        end_date: parse_date(&text("end_date")?)?,
        illicit_crops: lists.illicit.remove(&id).unwrap_or_default(),
        planned_crops: lists.planned.remove(&id).unwrap_or_default(),
        description: row.try_get("description").map_err(db_error)?,
        status: status(&text("status")?)?,
        currency: text("currency")?,
        donors: lists.donors.remove(&id).unwrap_or_default(),
        is_demo: row.try_get::<i64, _>("is_demo").map_err(db_error)? != 0,
        created_at: parse_timestamp(&text("created_at")?)?,
        updated_at: updated.as_deref().map(parse_timestamp).transpose()?,
    })
}

/// One project with its crops and donors, or `NotFound`.
pub async fn get(conn: &mut Conn, id: i64) -> Result<Project, Error> {
    let row = sqlx::query(&format!(
        "SELECT {PROJECT_COLUMNS} FROM projects j JOIN programs p ON p.id = j.program_id \
         WHERE j.id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_error)?
    .ok_or(Error::NotFound)?;
    let mut lists = lists(conn, Some(id)).await?;
    project_from_row(&row, &mut lists)
}

/// Projects as lists show them (all of one program, or every project), by name, with their
/// planned hectares added up exactly and their area's hectares.
async fn summaries(conn: &mut Conn, program_id: Option<i64>) -> Result<Vec<ProjectSummary>, Error> {
    let mut sql = format!(
        "SELECT {PROJECT_COLUMNS}, a.hectares AS area_hectares FROM projects j \
         JOIN programs p ON p.id = j.program_id \
         LEFT JOIN project_areas a ON a.project_id = j.id"
    );
    if program_id.is_some() {
        sql.push_str(" WHERE j.program_id = $1");
    }
    sql.push_str(" ORDER BY lower(j.name), j.id");
    let mut query = sqlx::query(&sql);
    if let Some(id) = program_id {
        query = query.bind(id);
    }
    let rows = query.fetch_all(&mut *conn).await.map_err(db_error)?;
    let mut lists = lists(conn, None).await?;
    rows.iter()
        .map(|row| {
            let area: Option<String> = row.try_get("area_hectares").map_err(db_error)?;
            let project = project_from_row(row, &mut lists)?;
            Ok(ProjectSummary {
                id: project.id,
                total_planned_hectares: project.total_planned_hectares().normalize(),
                name: project.name,
                kind: project.kind,
                country: project.country,
                start_date: project.start_date,
                end_date: project.end_date,
                status: project.status,
                program_id: project.program_id,
                program_name: project.program_name,
                illicit_crops: project.illicit_crops,
                planned_crops: project.planned_crops.iter().map(|c| c.crop).collect(),
                donors: project.donors,
                area_hectares: area.as_deref().map(hectares).transpose()?,
            })
        })
        .collect()
}

/// The projects of a program, by name.
pub async fn list_for_program(
    conn: &mut Conn,
    program_id: i64,
) -> Result<Vec<ProjectSummary>, Error> {
    summaries(conn, Some(program_id)).await
}

/// Every project, by name.
pub async fn list_all(conn: &mut Conn) -> Result<Vec<ProjectSummary>, Error> {
    summaries(conn, None).await
}
