//! Queries about projects and their crops.

use super::{Db, db_error, is_unique_violation, now_text, parse_date, parse_timestamp};
use app::error::AppError;
use rust_decimal::Decimal;
use shared::crop::{AlternativeCrop, IllicitCrop};
use shared::project::{NewProject, PlannedCrop, Project, ProjectKind, ProjectSummary};
use shared::validation::{FieldError, Problem};
use sqlx::Row;
use std::collections::HashMap;
use std::str::FromStr;

fn corrupt(what: &str, value: &str) -> AppError {
    tracing::error!(what, value, "unreadable value in the database");
    AppError::Internal
}

fn kind(code: &str) -> Result<ProjectKind, AppError> {
    ProjectKind::from_code(code).ok_or_else(|| corrupt("project kind", code))
}

fn hectares(text: &str) -> Result<Decimal, AppError> {
    Decimal::from_str(text).map_err(|_| corrupt("hectares", text))
}

/// Stores a valid project and its crops in one transaction; a name already used in the program
/// is a field error on `name`.
pub async fn insert(db: &Db, program_id: i64, project: &NewProject) -> Result<i64, AppError> {
    let mut tx = db.pool.begin().await.map_err(db_error)?;
    let id = sqlx::query_scalar::<_, i64>(
        "INSERT INTO projects \
         (program_id, name, kind, country, start_date, end_date, description, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(program_id)
    .bind(&project.name)
    .bind(project.kind.code())
    .bind(project.country)
    .bind(project.start_date.to_string())
    .bind(project.end_date.to_string())
    .bind(&project.description)
    .bind(now_text())
    .fetch_one(&mut *tx)
    .await
    .map_err(|e| {
        if is_unique_violation(&e, "projects_program_name_key") {
            AppError::Invalid(vec![FieldError::new("name", Problem::NameTaken)])
        } else {
            db_error(e)
        }
    })?;
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
    tx.commit().await.map_err(db_error)?;
    Ok(id)
}

/// One project with its crops, or `NotFound`.
pub async fn get(db: &Db, id: i64) -> Result<Project, AppError> {
    let row = sqlx::query(
        "SELECT j.id, j.program_id, p.name AS program_name, p.organisation_id, p.is_demo, \
         j.name, j.kind, \
         j.country, j.start_date, j.end_date, j.description, j.created_at \
         FROM projects j JOIN programs p ON p.id = j.program_id WHERE j.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await
    .map_err(db_error)?
    .ok_or(AppError::NotFound)?;
    let text = |name: &str| row.try_get::<String, _>(name).map_err(db_error);

    let illicit_rows =
        sqlx::query("SELECT crop FROM project_illicit_crops WHERE project_id = $1 ORDER BY crop")
            .bind(id)
            .fetch_all(&db.pool)
            .await
            .map_err(db_error)?;
    let mut illicit_crops = illicit_rows
        .iter()
        .map(|r| {
            let code: String = r.try_get("crop").map_err(db_error)?;
            IllicitCrop::from_code(&code).ok_or_else(|| corrupt("illicit crop", &code))
        })
        .collect::<Result<Vec<_>, _>>()?;
    illicit_crops.sort();

    let planned_rows = sqlx::query(
        "SELECT crop, hectares FROM project_planned_crops WHERE project_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await
    .map_err(db_error)?;
    let planned_crops = planned_rows
        .iter()
        .map(|r| {
            let code: String = r.try_get("crop").map_err(db_error)?;
            let ha: String = r.try_get("hectares").map_err(db_error)?;
            Ok(PlannedCrop {
                crop: AlternativeCrop::from_code(&code)
                    .ok_or_else(|| corrupt("alternative crop", &code))?,
                hectares: hectares(&ha)?,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;

    Ok(Project {
        id: row.try_get("id").map_err(db_error)?,
        program_id: row.try_get("program_id").map_err(db_error)?,
        program_name: text("program_name")?,
        organisation_id: row.try_get("organisation_id").map_err(db_error)?,
        name: text("name")?,
        kind: kind(&text("kind")?)?,
        country: text("country")?,
        start_date: parse_date(&text("start_date")?)?,
        end_date: parse_date(&text("end_date")?)?,
        illicit_crops,
        planned_crops,
        description: row.try_get("description").map_err(db_error)?,
        is_demo: row.try_get::<i64, _>("is_demo").map_err(db_error)? != 0,
        created_at: parse_timestamp(&text("created_at")?)?,
    })
}

/// The projects of a program, by name, with their planned hectares added up exactly.
pub async fn list_for_program(db: &Db, program_id: i64) -> Result<Vec<ProjectSummary>, AppError> {
    let rows = sqlx::query(
        "SELECT id, name, kind, country, start_date, end_date FROM projects \
         WHERE program_id = $1 ORDER BY lower(name), id",
    )
    .bind(program_id)
    .fetch_all(&db.pool)
    .await
    .map_err(db_error)?;
    // Hectares are decimal text: add them in Rust, exactly, rather than as floats in SQL.
    let crop_rows = sqlx::query(
        "SELECT c.project_id, c.hectares FROM project_planned_crops c \
         JOIN projects j ON j.id = c.project_id WHERE j.program_id = $1",
    )
    .bind(program_id)
    .fetch_all(&db.pool)
    .await
    .map_err(db_error)?;
    let mut totals: HashMap<i64, Decimal> = HashMap::new();
    for r in &crop_rows {
        let project_id: i64 = r.try_get("project_id").map_err(db_error)?;
        let ha: String = r.try_get("hectares").map_err(db_error)?;
        *totals.entry(project_id).or_default() += hectares(&ha)?;
    }
    rows.iter()
        .map(|r| {
            let text = |name: &str| r.try_get::<String, _>(name).map_err(db_error);
            let id: i64 = r.try_get("id").map_err(db_error)?;
            Ok(ProjectSummary {
                id,
                name: text("name")?,
                kind: kind(&text("kind")?)?,
                country: text("country")?,
                start_date: parse_date(&text("start_date")?)?,
                end_date: parse_date(&text("end_date")?)?,
                total_planned_hectares: totals.get(&id).copied().unwrap_or_default().normalize(),
            })
        })
        .collect()
}
