//! Queries about a project's components, activities, milestones and budget lines.

use crate::Error;
use crate::db::Conn;
use crate::db::{db_error, is_unique_violation, now_text, parse_date};
use rust_decimal::Decimal;
use shared::timeline::{
    Activity, ActivityStatus, BudgetLine, BudgetOrigin, Component, ComponentKind, Milestone,
    MilestoneStatus, NewActivity, NewBudgetLine, NewComponent, NewMilestone, PartnerKind,
};
use shared::validation::{FieldError, Problem};
use sqlx::Connection;
use sqlx::Row;
use sqlx::any::AnyRow;
use std::str::FromStr;

fn corrupt(what: &str, value: &str) -> Error {
    tracing::error!(what, value, "unreadable plan record in the database");
    Error::Internal
}

fn text(row: &AnyRow, name: &str) -> Result<String, Error> {
    row.try_get::<String, _>(name).map_err(db_error)
}

fn optional_date(row: &AnyRow, name: &str) -> Result<Option<chrono::NaiveDate>, Error> {
    let value: Option<String> = row.try_get(name).map_err(db_error)?;
    value.as_deref().map(parse_date).transpose()
}

fn component_from_row(row: &AnyRow) -> Result<Component, Error> {
    let kind = text(row, "kind")?;
    Ok(Component {
        id: row.try_get("id").map_err(db_error)?,
        project_id: row.try_get("project_id").map_err(db_error)?,
        kind: ComponentKind::from_code(&kind).ok_or_else(|| corrupt("component kind", &kind))?,
        name: text(row, "name")?,
        description: row.try_get("description").map_err(db_error)?,
        position: row.try_get("position").map_err(db_error)?,
    })
}

fn activity_from_row(row: &AnyRow) -> Result<Activity, Error> {
    let partner = text(row, "partner_kind")?;
    let status = text(row, "status")?;
    Ok(Activity {
        id: row.try_get("id").map_err(db_error)?,
        component_id: row.try_get("component_id").map_err(db_error)?,
        name: text(row, "name")?,
        description: row.try_get("description").map_err(db_error)?,
        start_date: parse_date(&text(row, "start_date")?)?,
        end_date: parse_date(&text(row, "end_date")?)?,
        partner_kind: PartnerKind::from_code(&partner)
            .ok_or_else(|| corrupt("partner kind", &partner))?,
        partner_name: row.try_get("partner_name").map_err(db_error)?,
        budget_line_id: row.try_get("budget_line_id").map_err(db_error)?,
        status: ActivityStatus::from_code(&status)
            .ok_or_else(|| corrupt("activity status", &status))?,
    })
}

fn milestone_from_row(row: &AnyRow) -> Result<Milestone, Error> {
    let status = text(row, "status")?;
    Ok(Milestone {
        id: row.try_get("id").map_err(db_error)?,
        project_id: row.try_get("project_id").map_err(db_error)?,
        component_id: row.try_get("component_id").map_err(db_error)?,
        name: text(row, "name")?,
        due_date: parse_date(&text(row, "due_date")?)?,
        status: MilestoneStatus::from_code(&status)
            .ok_or_else(|| corrupt("milestone status", &status))?,
        reached_on: optional_date(row, "reached_on")?,
    })
}

fn budget_line_from_row(row: &AnyRow) -> Result<BudgetLine, Error> {
    let amount = text(row, "amount")?;
    let origin = text(row, "origin")?;
    let year: Option<i64> = row.try_get("year").map_err(db_error)?;
    Ok(BudgetLine {
        id: row.try_get("id").map_err(db_error)?,
        project_id: row.try_get("project_id").map_err(db_error)?,
        component_id: row.try_get("component_id").map_err(db_error)?,
        code: text(row, "code")?,
        description: text(row, "description")?,
        year: year.and_then(|y| i32::try_from(y).ok()),
        amount: Decimal::from_str(&amount).map_err(|_| corrupt("amount", &amount))?,
        currency: text(row, "currency")?,
        origin: BudgetOrigin::from_code(&origin).ok_or_else(|| corrupt("origin", &origin))?,
        livelihood_plan_id: row.try_get("livelihood_plan_id").map_err(db_error)?,
    })
}

fn component_name_taken(e: sqlx::Error) -> Error {
    if is_unique_violation(&e, "project_components_project_name_key") {
        Error::Invalid(vec![FieldError::new("name", Problem::NameTaken)])
    } else {
        db_error(e)
    }
}

fn budget_code_taken(e: sqlx::Error) -> Error {
    if is_unique_violation(&e, "budget_lines_project_code_key") {
        Error::Invalid(vec![FieldError::new("code", Problem::NameTaken)])
    } else {
        db_error(e)
    }
}

const COMPONENT_COLUMNS: &str = "id, project_id, kind, name, description, position";
const ACTIVITY_COLUMNS: &str = "a.id, a.component_id, a.name, a.description, a.start_date, \
     a.end_date, a.partner_kind, a.partner_name, a.budget_line_id, a.status";
const MILESTONE_COLUMNS: &str = "id, project_id, component_id, name, due_date, status, reached_on";
const BUDGET_COLUMNS: &str = "id, project_id, component_id, code, description, year, amount, \
     currency, origin, livelihood_plan_id";

/// Adds a component at the end of the project's list.
pub async fn insert_component(
    conn: &mut Conn,
    project_id: i64,
    component: &NewComponent,
) -> Result<i64, Error> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO project_components (project_id, kind, name, description, position, \
         created_at) VALUES ($1, $2, $3, $4, \
         (SELECT COALESCE(MAX(position), 0) + 1 FROM project_components WHERE project_id = $5), \
         $6) RETURNING id",
    )
    .bind(project_id)
    .bind(component.kind.code())
    .bind(&component.name)
    .bind(&component.description)
    .bind(project_id)
    .bind(now_text())
    .fetch_one(&mut *conn)
    .await
    .map_err(component_name_taken)
}

/// Changes a component.
pub async fn update_component(
    conn: &mut Conn,
    id: i64,
    component: &NewComponent,
) -> Result<(), Error> {
    sqlx::query(
        "UPDATE project_components SET kind = $1, name = $2, description = $3 WHERE id = $4",
    )
    .bind(component.kind.code())
    .bind(&component.name)
    .bind(&component.description)
    .bind(id)
    .execute(&mut *conn)
    .await
    .map_err(component_name_taken)?;
    Ok(())
}

/// One component, or `NotFound`.
pub async fn get_component(conn: &mut Conn, id: i64) -> Result<Component, Error> {
    let row = sqlx::query(&format!(
        "SELECT {COMPONENT_COLUMNS} FROM project_components WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_error)?
    .ok_or(Error::NotFound)?;
    component_from_row(&row)
}

/// The components of a project, in order.
pub async fn list_components(conn: &mut Conn, project_id: i64) -> Result<Vec<Component>, Error> {
    sqlx::query(&format!(
        "SELECT {COMPONENT_COLUMNS} FROM project_components WHERE project_id = $1 \
         ORDER BY position, id"
    ))
    .bind(project_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?
    .iter()
    .map(component_from_row)
    .collect()
}

/// Deletes a component; its activities go with it (the schema cascades), its milestones and
/// budget lines stay under no component.
pub async fn delete_component(conn: &mut Conn, id: i64) -> Result<(), Error> {
    sqlx::query("DELETE FROM project_components WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await
        .map_err(db_error)?;
    Ok(())
}

/// Adds an activity to a component.
pub async fn insert_activity(conn: &mut Conn, activity: &NewActivity) -> Result<i64, Error> {
    let now = now_text();
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO activities (component_id, name, description, start_date, end_date, \
         partner_kind, partner_name, budget_line_id, status, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(activity.component_id)
    .bind(&activity.name)
    .bind(&activity.description)
    .bind(activity.start_date.to_string())
    .bind(activity.end_date.to_string())
    .bind(activity.partner_kind.code())
    .bind(&activity.partner_name)
    .bind(activity.budget_line_id)
    .bind(activity.status.code())
    .bind(&now)
    .bind(&now)
    .fetch_one(&mut *conn)
    .await
    .map_err(db_error)
}

/// Changes an activity.
pub async fn update_activity(
    conn: &mut Conn,
    id: i64,
    activity: &NewActivity,
) -> Result<(), Error> {
    sqlx::query(
        "UPDATE activities SET component_id = $1, name = $2, description = $3, start_date = $4, \
         end_date = $5, partner_kind = $6, partner_name = $7, budget_line_id = $8, status = $9, \
         updated_at = $10 WHERE id = $11",
    )
    .bind(activity.component_id)
    .bind(&activity.name)
    .bind(&activity.description)
    .bind(activity.start_date.to_string())
    .bind(activity.end_date.to_string())
    .bind(activity.partner_kind.code())
    .bind(&activity.partner_name)
    .bind(activity.budget_line_id)
    .bind(activity.status.code())
    .bind(now_text())
    .bind(id)
    .execute(&mut *conn)
    .await
    .map_err(db_error)?;
    Ok(())
}

/// One activity with its project, or `NotFound`.
pub async fn get_activity(conn: &mut Conn, id: i64) -> Result<(Activity, i64), Error> {
    let row = sqlx::query(&format!(
        "SELECT {ACTIVITY_COLUMNS}, c.project_id FROM activities a \
         JOIN project_components c ON c.id = a.component_id WHERE a.id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_error)?
    .ok_or(Error::NotFound)?;
    Ok((
        activity_from_row(&row)?,
        row.try_get("project_id").map_err(db_error)?,
    ))
}

/// The activities of a project's components.
pub async fn list_activities(conn: &mut Conn, project_id: i64) -> Result<Vec<Activity>, Error> {
    sqlx::query(&format!(
        "SELECT {ACTIVITY_COLUMNS} FROM activities a \
         JOIN project_components c ON c.id = a.component_id WHERE c.project_id = $1 \
         ORDER BY a.start_date, a.end_date, a.id"
    ))
    .bind(project_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?
    .iter()
    .map(activity_from_row)
    .collect()
}

/// Deletes an activity.
pub async fn delete_activity(conn: &mut Conn, id: i64) -> Result<(), Error> {
    sqlx::query("DELETE FROM activities WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await
        .map_err(db_error)?;
    Ok(())
}

/// Adds a milestone.
pub async fn insert_milestone(
    conn: &mut Conn,
    project_id: i64,
    milestone: &NewMilestone,
) -> Result<i64, Error> {
    let now = now_text();
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO milestones (project_id, component_id, name, due_date, status, reached_on, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(project_id)
    .bind(milestone.component_id)
    .bind(&milestone.name)
    .bind(milestone.due_date.to_string())
    .bind(milestone.status.code())
    .bind(milestone.reached_on.map(|d| d.to_string()))
    .bind(&now)
    .bind(&now)
    .fetch_one(&mut *conn)
    .await
    .map_err(db_error)
}

/// Changes a milestone.
pub async fn update_milestone(
    conn: &mut Conn,
    id: i64,
    milestone: &NewMilestone,
) -> Result<(), Error> {
    sqlx::query(
        "UPDATE milestones SET component_id = $1, name = $2, due_date = $3, status = $4, \
         reached_on = $5, updated_at = $6 WHERE id = $7",
    )
    .bind(milestone.component_id)
    .bind(&milestone.name)
    .bind(milestone.due_date.to_string())
    .bind(milestone.status.code())
    .bind(milestone.reached_on.map(|d| d.to_string()))
    .bind(now_text())
    .bind(id)
    .execute(&mut *conn)
    .await
    .map_err(db_error)?;
    Ok(())
}

/// One milestone, or `NotFound`.
pub async fn get_milestone(conn: &mut Conn, id: i64) -> Result<Milestone, Error> {
    let row = sqlx::query(&format!(
        "SELECT {MILESTONE_COLUMNS} FROM milestones WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_error)?
    .ok_or(Error::NotFound)?;
    milestone_from_row(&row)
}

/// The milestones of a project, by due date.
pub async fn list_milestones(conn: &mut Conn, project_id: i64) -> Result<Vec<Milestone>, Error> {
    sqlx::query(&format!(
        "SELECT {MILESTONE_COLUMNS} FROM milestones WHERE project_id = $1 ORDER BY due_date, id"
    ))
    .bind(project_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?
    .iter()
    .map(milestone_from_row)
    .collect()
}

/// Deletes a milestone.
pub async fn delete_milestone(conn: &mut Conn, id: i64) -> Result<(), Error> {
    sqlx::query("DELETE FROM milestones WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await
        .map_err(db_error)?;
    Ok(())
}

/// Adds a budget line.
pub async fn insert_budget_line(
    conn: &mut Conn,
    project_id: i64,
    line: &NewBudgetLine,
) -> Result<i64, Error> {
    let now = now_text();
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO budget_lines (project_id, component_id, code, description, year, amount, \
         currency, origin, livelihood_plan_id, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(project_id)
    .bind(line.component_id)
    .bind(&line.code)
    .bind(&line.description)
    .bind(line.year.map(i64::from))
    .bind(line.amount.to_string())
    .bind(&line.currency)
    .bind(line.origin.code())
    .bind(line.livelihood_plan_id)
    .bind(&now)
    .bind(&now)
    .fetch_one(&mut *conn)
    .await
    .map_err(budget_code_taken)
}

/// Replaces the budget lines made from a livelihood plan with `lines`, in one transaction: when
/// one cannot be stored (its code is taken, say), nothing changes. Answers the new lines' ids.
pub async fn replace_plan_budget_lines(
    conn: &mut Conn,
    project_id: i64,
    plan_id: i64,
    lines: &[NewBudgetLine],
) -> Result<Vec<i64>, Error> {
    let mut tx = conn.begin().await.map_err(db_error)?;
    sqlx::query("DELETE FROM budget_lines WHERE project_id = $1 AND livelihood_plan_id = $2")
        .bind(project_id)
        .bind(plan_id)
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
    let mut ids = Vec::new();
    let now = now_text();
    for line in lines {
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO budget_lines (project_id, component_id, code, description, year, \
             amount, currency, origin, livelihood_plan_id, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        )
        .bind(project_id)
        .bind(line.component_id)
        .bind(&line.code)
        .bind(&line.description)
        .bind(line.year.map(i64::from))
        .bind(line.amount.to_string())
        .bind(&line.currency)
        .bind(line.origin.code())
        .bind(line.livelihood_plan_id)
        .bind(&now)
        .bind(&now)
        .fetch_one(&mut *tx)
        .await
        .map_err(budget_code_taken)?;
        ids.push(id);
    }
    tx.commit().await.map_err(db_error)?;
    Ok(ids)
}

/// Changes a budget line (its origin stays).
pub async fn update_budget_line(
    conn: &mut Conn,
    id: i64,
    line: &NewBudgetLine,
) -> Result<(), Error> {
    sqlx::query(
        "UPDATE budget_lines SET component_id = $1, code = $2, description = $3, year = $4, \
         amount = $5, updated_at = $6 WHERE id = $7",
    )
    .bind(line.component_id)
    .bind(&line.code)
    .bind(&line.description)
    .bind(line.year.map(i64::from))
    .bind(line.amount.to_string())
    .bind(now_text())
    .bind(id)
    .execute(&mut *conn)
    .await
    .map_err(budget_code_taken)?;
    Ok(())
}

/// One budget line, or `NotFound`.
pub async fn get_budget_line(conn: &mut Conn, id: i64) -> Result<BudgetLine, Error> {
    let row = sqlx::query(&format!(
        "SELECT {BUDGET_COLUMNS} FROM budget_lines WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_error)?
    .ok_or(Error::NotFound)?;
    budget_line_from_row(&row)
}

/// The budget lines of a project.
pub async fn list_budget_lines(conn: &mut Conn, project_id: i64) -> Result<Vec<BudgetLine>, Error> {
    sqlx::query(&format!(
        "SELECT {BUDGET_COLUMNS} FROM budget_lines WHERE project_id = $1 ORDER BY code, id"
    ))
    .bind(project_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?
    .iter()
    .map(budget_line_from_row)
    .collect()
}

/// Deletes a budget line (activities that named it keep no line).
pub async fn delete_budget_line(conn: &mut Conn, id: i64) -> Result<(), Error> {
    sqlx::query("DELETE FROM budget_lines WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await
        .map_err(db_error)?;
    Ok(())
}
