//! Queries about community activity reports.

use crate::Error;
use crate::db::Conn;
use crate::db::households::RecordedBy;
use crate::db::{db_error, now_text, parse_date, parse_timestamp};
use shared::activity::{ActivityKind, ActivityReport, NewReport, attendance_field};
use shared::household::Members;
use shared::indicator::{AgeBand, Sex};
use sqlx::Row;
use sqlx::any::AnyRow;

fn cells() -> Vec<String> {
    Sex::ALL
        .iter()
        .flat_map(|s| AgeBand::ALL.iter().map(move |a| attendance_field(*s, *a)))
        .collect()
}

fn select() -> String {
    format!(
        "SELECT r.id, c.project_id, r.community_id, c.name AS community_name, r.kind, r.held_on, \
         r.title, {}, r.progress_percent, r.note, r.recorded_by_name, r.recorded_at \
         FROM activity_reports r JOIN communities c ON c.id = r.community_id",
        cells()
            .iter()
            .map(|c| format!("r.{c}"))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

fn report_from_row(row: &AnyRow) -> Result<ActivityReport, Error> {
    let text = |c: &str| row.try_get::<String, _>(c).map_err(db_error);
    let kind = text("kind")?;
    let mut attendance = Members::default();
    for sex in Sex::ALL {
        for age in AgeBand::ALL {
            let n: i64 = row
                .try_get(attendance_field(sex, age).as_str())
                .map_err(db_error)?;
            attendance.set(sex, age, u32::try_from(n).unwrap_or(0));
        }
    }
    let progress: Option<i64> = row.try_get("progress_percent").map_err(db_error)?;
    Ok(ActivityReport {
        id: row.try_get("id").map_err(db_error)?,
        project_id: row.try_get("project_id").map_err(db_error)?,
        community_name: text("community_name")?,
        report: NewReport {
            community_id: row.try_get("community_id").map_err(db_error)?,
            kind: ActivityKind::from_code(&kind).ok_or_else(|| {
                tracing::error!(kind, "unknown kind in activity_reports");
                Error::Internal
            })?,
            held_on: parse_date(&text("held_on")?)?,
            title: text("title")?,
            attendance: attendance.cells(),
            progress_percent: progress.and_then(|p| u8::try_from(p).ok()),
            note: row.try_get("note").map_err(db_error)?,
        },
        attendance_total: attendance.total(),
        recorded_by: text("recorded_by_name")?,
        recorded_at: parse_timestamp(&text("recorded_at")?)?,
    })
}

/// Stores a report; answers its id.
pub async fn insert(
    conn: &mut Conn,
    report: &NewReport,
    by: &RecordedBy<'_>,
) -> Result<i64, Error> {
    let columns = cells();
    let placeholders: Vec<String> = (0..columns.len()).map(|i| format!("${}", i + 5)).collect();
    let n = columns.len() + 5;
    let sql = format!(
        "INSERT INTO activity_reports (community_id, kind, held_on, title, {}, \
         progress_percent, note, recorded_by, recorded_by_name, recorded_at) \
         VALUES ($1, $2, $3, $4, {}, ${n}, ${}, ${}, ${}, ${}) RETURNING id",
        columns.join(", "),
        placeholders.join(", "),
        n + 1,
        n + 2,
        n + 3,
        n + 4
    );
    let attendance = Members::from_cells(&report.attendance);
    let mut query = sqlx::query_scalar::<_, i64>(&sql)
        .bind(report.community_id)
        .bind(report.kind.code())
        .bind(report.held_on.to_string())
        .bind(&report.title);
    for sex in Sex::ALL {
        for age in AgeBand::ALL {
            query = query.bind(i64::from(attendance.get(sex, age)));
        }
    }
    query
        .bind(report.progress_percent.map(i64::from))
        .bind(&report.note)
        .bind(by.user_id)
        .bind(by.name)
        .bind(now_text())
        .fetch_one(&mut *conn)
        .await
        .map_err(db_error)
}

/// One report, or `NotFound`.
pub async fn get(conn: &mut Conn, id: i64) -> Result<ActivityReport, Error> {
    let row = sqlx::query(&format!("{} WHERE r.id = $1", select()))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_error)?
        .ok_or(Error::NotFound)?;
    report_from_row(&row)
}

/// A project's reports, newest first.
pub async fn list_for_project(
    conn: &mut Conn,
    project_id: i64,
) -> Result<Vec<ActivityReport>, Error> {
    let rows = sqlx::query(&format!(
        "{} WHERE c.project_id = $1 ORDER BY r.held_on DESC, r.id DESC",
        select()
    ))
    .bind(project_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;
    rows.iter().map(report_from_row).collect()
}
