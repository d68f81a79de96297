//! A project's field records gathered in a few queries for the actuals worked out from them
//! (see [`shared::computed`]): households with their status history, every plot record,
//! agreements with their verifications, support, visits' sales and trainings.

use crate::Error;
use crate::db::Conn;
use crate::db::{db_error, parse_date};
use rust_decimal::Decimal;
use shared::activity::ActivityKind;
use shared::computed::{
    AgreementFacts, HouseholdFacts, PlotRecord, RecordFacts, TrainingFacts, VisitFacts,
};
use shared::household::{HouseholdStatus, Members};
use shared::indicator::{AgeBand, Sex};
use shared::plot::PlotCrop;
use sqlx::Row;
use std::collections::HashMap;
use std::str::FromStr;

fn corrupt(column: &str, value: &str) -> Error {
    tracing::error!(column, value, "unreadable value in a project's records");
    Error::Internal
}

fn decimal(column: &str, text: &str) -> Result<Decimal, Error> {
    Decimal::from_str(text).map_err(|_| corrupt(column, text))
}

/// Whose records: a project's households', or one community's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// A project.
    Project(i64),
    /// A community.
    Community(i64),
}

impl Scope {
    /// The condition on households `h` (the id is `$1`).
    pub(crate) fn households(self) -> &'static str {
        match self {
            Scope::Project(_) => "h.project_id = $1",
            Scope::Community(_) => "h.community_id = $1",
        }
    }

    /// The project's or the community's id.
    pub(crate) fn id(self) -> i64 {
        match self {
            Scope::Project(id) | Scope::Community(id) => id,
        }
    }
}

/// Every record of a project the computed actuals rest on; money figures are in `currency`.
pub async fn for_project(
    conn: &mut Conn,
    project_id: i64,
    currency: &str,
) -> Result<RecordFacts, Error> {
    let mut facts = for_scope(conn, Scope::Project(project_id), currency).await?;
    facts.trainings = crate::db::activity::list_for_project(conn, project_id)
        .await?
        .into_iter()
        .map(|r| TrainingFacts {
            held_on: r.report.held_on,
            training: r.report.kind == ActivityKind::Training,
            attendance: Members::from_cells(&r.report.attendance),
        })
        .collect();
    Ok(facts)
}

/// The household records of a project or a community (no trainings: those are the project's);
/// money figures are in `currency`.
pub async fn for_scope(
    conn: &mut Conn,
    scope: Scope,
    currency: &str,
) -> Result<RecordFacts, Error> {
    let mut history: HashMap<i64, Vec<(chrono::NaiveDate, HouseholdStatus)>> = HashMap::new();
    let rows = sqlx::query(&format!(
        "SELECT s.household_id, s.status, s.changed_on FROM household_status_changes s \
         JOIN households h ON h.id = s.household_id WHERE {}",
        scope.households()
    ))
    .bind(scope.id())
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;
    for row in &rows {
        let status: String = row.try_get("status").map_err(db_error)?;
        let changed_on: String = row.try_get("changed_on").map_err(db_error)?;
        history
            .entry(row.try_get("household_id").map_err(db_error)?)
            .or_default()
            .push((
                parse_date(&changed_on)?,
                HouseholdStatus::from_code(&status).ok_or_else(|| corrupt("status", &status))?,
            ));
    }
    let rows = sqlx::query(&format!(
        "SELECT h.id, h.community_id, h.head_sex, h.head_age_band, h.indigenous, h.enrolled_on, \
         h.members_female_under_18, h.members_female_18_29, h.members_female_30_59, \
         h.members_female_60_plus, h.members_male_under_18, h.members_male_18_29, \
         h.members_male_30_59, h.members_male_60_plus FROM households h WHERE {} ORDER BY h.id",
        scope.households()
    ))
    .bind(scope.id())
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;
    let households = rows
        .iter()
        .map(|row| {
            let text = |c: &str| row.try_get::<String, _>(c).map_err(db_error);
            let id: i64 = row.try_get("id").map_err(db_error)?;
            let (sex, age) = (text("head_sex")?, text("head_age_band")?);
            let mut members = Members::default();
            for s in Sex::ALL {
                for a in AgeBand::ALL {
                    let count: i64 = row
                        .try_get(format!("members_{}_{}", s.code(), a.code()).as_str())
                        .map_err(db_error)?;
                    members.set(s, a, u32::try_from(count).unwrap_or(0));
                }
            }
            Ok(HouseholdFacts {
                id,
                community_id: row.try_get("community_id").map_err(db_error)?,
                head_sex: Sex::from_code(&sex).ok_or_else(|| corrupt("head_sex", &sex))?,
                head_age_band: AgeBand::from_code(&age)
                    .ok_or_else(|| corrupt("head_age_band", &age))?,
                indigenous: row.try_get::<i64, _>("indigenous").map_err(db_error)? != 0,
                members,
                enrolled_on: parse_date(&text("enrolled_on")?)?,
                history: history.remove(&id).unwrap_or_default(),
            })
        })
        .collect::<Result<_, Error>>()?;

    let rows = sqlx::query(&format!(
        "SELECT u.plot_id, p.household_id, u.observed_on, u.crop, u.hectares FROM plot_uses u \
         JOIN plots p ON p.id = u.plot_id JOIN households h ON h.id = p.household_id \
         WHERE {}",
        scope.households()
    ))
    .bind(scope.id())
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;
    let plots = rows
        .iter()
        .map(|row| {
            let text = |c: &str| row.try_get::<String, _>(c).map_err(db_error);
            let crop = text("crop")?;
            Ok(PlotRecord {
                plot_id: row.try_get("plot_id").map_err(db_error)?,
                household_id: row.try_get("household_id").map_err(db_error)?,
                observed_on: parse_date(&text("observed_on")?)?,
                crop: PlotCrop::from_code(&crop).ok_or_else(|| corrupt("crop", &crop))?,
                hectares: decimal("hectares", &text("hectares")?)?,
            })
        })
        .collect::<Result<_, Error>>()?;

    let mut verifications = crate::db::agreements::verifications_in(conn, scope).await?;
    let agreements = crate::db::agreements::list_in(conn, scope)
        .await?
        .into_iter()
        .map(|a| AgreementFacts {
            household_id: a.household_id,
            signed_on: a.agreement.signed_on,
            committed_hectares: a.agreement.committed_hectares,
            verifications: verifications.remove(&a.id).unwrap_or_default(),
        })
        .collect();
    let support = crate::db::agreements::support_in(conn, scope)
        .await?
        .into_values()
        .flatten()
        .collect();

    let rows = sqlx::query(&format!(
        "SELECT v.household_id, v.visited_on, v.currency, v.income FROM monitoring_visits v \
         JOIN households h ON h.id = v.household_id WHERE {}",
        scope.households()
    ))
    .bind(scope.id())
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;
    let visits = rows
        .iter()
        .map(|row| {
            let visited_on: String = row.try_get("visited_on").map_err(db_error)?;
            let currency: Option<String> = row.try_get("currency").map_err(db_error)?;
            let income: Option<String> = row.try_get("income").map_err(db_error)?;
            let sales = match (currency, income) {
                (Some(c), Some(i)) => Some((c, decimal("income", &i)?)),
                _ => None,
            };
            Ok(VisitFacts {
                household_id: row.try_get("household_id").map_err(db_error)?,
                visited_on: parse_date(&visited_on)?,
                sales,
            })
        })
        .collect::<Result<_, Error>>()?;

    Ok(RecordFacts {
        currency: currency.to_owned(),
        households,
        plots,
        agreements,
        support,
        visits,
        trainings: Vec::new(),
    })
}
