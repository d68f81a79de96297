//! Queries about the household registry. Names and phone numbers arrive here already sealed
//! (see `crate::sealing`) and leave sealed; this module never sees them in clear.

use crate::Error;
use crate::db::Conn;
use crate::db::{db_error, is_unique_violation, now_text, parse_date, parse_timestamp};
use shared::household::{
    CooperativeCounts, Household, HouseholdStatus, LandTenure, Members, NewHousehold,
    NewStatusChange, StatusChange, TitleHolder, member_field,
};
use shared::indicator::{AgeBand, Sex};
use sqlx::Connection;
use sqlx::Row;
use sqlx::any::AnyRow;

/// A household as stored: the record with its personal data still sealed.
#[derive(Clone, Debug)]
pub struct StoredHousehold {
    /// The record (`personal` is `None`).
    pub household: Household,
    /// The sealed name, if any.
    pub name_sealed: Option<String>,
    /// The sealed phone number, if any.
    pub phone_sealed: Option<String>,
}

/// Sealed personal data to store.
#[derive(Clone, Debug, Default)]
pub struct Sealed {
    /// The sealed name.
    pub name: Option<String>,
    /// The sealed phone number.
    pub phone: Option<String>,
}

/// Who recorded a change: the account's id (if any) and name.
#[derive(Clone, Debug)]
pub struct RecordedBy<'a> {
    /// The account.
    pub user_id: Option<i64>,
    /// Its name, kept with the change.
    pub name: &'a str,
}

const MEMBER_COLUMNS: [&str; 8] = [
    "members_female_under_18",
    "members_female_18_29",
    "members_female_30_59",
    "members_female_60_plus",
    "members_male_under_18",
    "members_male_18_29",
    "members_male_30_59",
    "members_male_60_plus",
];

const SELECT: &str = "SELECT h.id, h.project_id, h.community_id, c.name AS community_name, h.code, \
     h.head_sex, h.head_age_band, h.members_female_under_18, h.members_female_18_29, \
     h.members_female_30_59, h.members_female_60_plus, h.members_male_under_18, \
     h.members_male_18_29, h.members_male_30_59, h.members_male_60_plus, h.indigenous, \
     h.cooperative, h.cooperative_members_female, h.cooperative_members_male, \
     h.cooperative_leaders_female, h.cooperative_leaders_male, h.land_tenure, h.title_holder, \
     h.enrolled_on, h.status, h.status_since, h.name_sealed, h.phone_sealed, h.created_at \
     FROM households h JOIN communities c ON c.id = h.community_id";

fn bad(column: &str, value: &str) -> Error {
    tracing::error!(column, value, "unknown code in the households table");
    Error::Internal
}

fn count(row: &AnyRow, column: &str) -> Result<u32, Error> {
    let n: i64 = row.try_get(column).map_err(db_error)?;
    Ok(u32::try_from(n).unwrap_or(0))
}

fn household_from_row(row: &AnyRow) -> Result<StoredHousehold, Error> {
    let text = |c: &str| row.try_get::<String, _>(c).map_err(db_error);
    let mut members = Members::default();
    for sex in Sex::ALL {
        for age in AgeBand::ALL {
            members.set(sex, age, count(row, &member_field(sex, age))?);
        }
    }
    let head_sex = text("head_sex")?;
    let head_age = text("head_age_band")?;
    let tenure = text("land_tenure")?;
    let status = text("status")?;
    let title: Option<String> = row.try_get("title_holder").map_err(db_error)?;
    let title_holder = match title {
        Some(code) => {
            Some(TitleHolder::from_code(&code).ok_or_else(|| bad("title_holder", &code))?)
        }
        None => None,
    };
    let household = Household {
        id: row.try_get("id").map_err(db_error)?,
        code: text("code")?,
        project_id: row.try_get("project_id").map_err(db_error)?,
        community_id: row.try_get("community_id").map_err(db_error)?,
        community_name: text("community_name")?,
        head_sex: Sex::from_code(&head_sex).ok_or_else(|| bad("head_sex", &head_sex))?,
        head_age_band: AgeBand::from_code(&head_age)
            .ok_or_else(|| bad("head_age_band", &head_age))?,
        members: members.cells(),
        member_total: members.total(),
        indigenous: row.try_get::<i64, _>("indigenous").map_err(db_error)? != 0,
        cooperative: row.try_get("cooperative").map_err(db_error)?,
        cooperative_counts: CooperativeCounts {
            members_female: count(row, "cooperative_members_female")?,
            members_male: count(row, "cooperative_members_male")?,
            leaders_female: count(row, "cooperative_leaders_female")?,
            leaders_male: count(row, "cooperative_leaders_male")?,
        },
        land_tenure: LandTenure::from_code(&tenure).ok_or_else(|| bad("land_tenure", &tenure))?,
        title_holder,
        enrolled_on: parse_date(&text("enrolled_on")?)?,
        status: HouseholdStatus::from_code(&status).ok_or_else(|| bad("status", &status))?,
        status_since: parse_date(&text("status_since")?)?,
        personal: None,
        created_at: parse_timestamp(&text("created_at")?)?,
    };
    Ok(StoredHousehold {
        household,
        name_sealed: row.try_get("name_sealed").map_err(db_error)?,
        phone_sealed: row.try_get("phone_sealed").map_err(db_error)?,
    })
}

/// Stores a new household, enrolled on its enrolment date, with that first status in its
/// history, in one transaction; `None` (and nothing stored) when the code is already taken.
pub async fn insert(
    conn: &mut Conn,
    project_id: i64,
    code: &str,
    household: &NewHousehold,
    sealed: &Sealed,
    by: &RecordedBy<'_>,
) -> Result<Option<i64>, Error> {
    let mut tx = conn.begin().await.map_err(db_error)?;
    let id = insert_in(&mut tx, project_id, code, household, sealed, by).await?;
    if id.is_some() {
        tx.commit().await.map_err(db_error)?;
    }
    Ok(id)
}

/// [`insert`] within a transaction the caller holds (the demo seed writes all its households in
/// one). On PostgreSQL a code already taken spoils that transaction: callers that batch must
/// draw distinct codes themselves.
pub async fn insert_in(
    tx: &mut Conn,
    project_id: i64,
    code: &str,
    household: &NewHousehold,
    sealed: &Sealed,
    by: &RecordedBy<'_>,
) -> Result<Option<i64>, Error> {
    let now = now_text();
    let members = &household.members;
    let cells: Vec<i64> = Sex::ALL
        .iter()
        .flat_map(|s| {
            AgeBand::ALL
                .iter()
                .map(move |a| i64::from(members.get(*s, *a)))
        })
        .collect();
    let sql = format!(
        "INSERT INTO households (project_id, community_id, code, head_sex, head_age_band, {}, \
         indigenous, cooperative, cooperative_members_female, cooperative_members_male, \
         cooperative_leaders_female, cooperative_leaders_male, land_tenure, title_holder, \
         enrolled_on, status, status_since, name_sealed, phone_sealed, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, \
         $18, $19, $20, $21, $22, 'enrolled', $23, $24, $25, $26, $27) RETURNING id",
        MEMBER_COLUMNS.join(", ")
    );
    let mut query = sqlx::query_scalar::<_, i64>(&sql)
        .bind(project_id)
        .bind(household.community_id)
        .bind(code)
        .bind(household.head_sex.code())
        .bind(household.head_age_band.code());
    for cell in &cells {
        query = query.bind(*cell);
    }
    let coop = household.cooperative_counts;
    let inserted = query
        .bind(i64::from(household.indigenous))
        .bind(&household.cooperative)
        .bind(i64::from(coop.members_female))
        .bind(i64::from(coop.members_male))
        .bind(i64::from(coop.leaders_female))
        .bind(i64::from(coop.leaders_male))
        .bind(household.land_tenure.code())
        .bind(household.title_holder.map(|t| t.code()))
        .bind(household.enrolled_on.to_string())
        .bind(household.enrolled_on.to_string())
        .bind(&sealed.name)
        .bind(&sealed.phone)
        .bind(&now)
        .bind(&now)
        .fetch_one(&mut *tx)
        .await;
    let id = match inserted {
        Ok(id) => id,
        Err(error) if is_unique_violation(&error, "households_code_key") => return Ok(None),
        Err(error) => return Err(db_error(error)),
    };
    sqlx::query(
        "INSERT INTO household_status_changes \
         (household_id, status, changed_on, reason, recorded_by, recorded_by_name, recorded_at) \
         VALUES ($1, 'enrolled', $2, NULL, $3, $4, $5)",
    )
    .bind(id)
    .bind(household.enrolled_on.to_string())
    .bind(by.user_id)
    .bind(by.name)
    .bind(&now)
    .execute(&mut *tx)
    .await
    .map_err(db_error)?;
    Ok(Some(id))
}

/// Replaces a household's facts (its code, status and history stay). The enrolment date also
/// moves its first history entry, which is the enrolment.
pub async fn update(
    conn: &mut Conn,
    id: i64,
    household: &NewHousehold,
    sealed: &Sealed,
) -> Result<(), Error> {
    let mut tx = conn.begin().await.map_err(db_error)?;
    let assignments = MEMBER_COLUMNS
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ${}", i + 4))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "UPDATE households SET community_id = $1, head_sex = $2, head_age_band = $3, \
         {assignments}, indigenous = $12, cooperative = $13, cooperative_members_female = $14, \
         cooperative_members_male = $15, cooperative_leaders_female = $16, \
         cooperative_leaders_male = $17, land_tenure = $18, title_holder = $19, \
         enrolled_on = $20, name_sealed = $21, phone_sealed = $22, updated_at = $23, \
         status_since = CASE WHEN status = 'enrolled' THEN $20 ELSE status_since END \
         WHERE id = $24"
    );
    let mut query = sqlx::query(&sql)
        .bind(household.community_id)
        .bind(household.head_sex.code())
        .bind(household.head_age_band.code());
    for sex in Sex::ALL {
        for age in AgeBand::ALL {
            query = query.bind(i64::from(household.members.get(sex, age)));
        }
    }
    let coop = household.cooperative_counts;
    query
        .bind(i64::from(household.indigenous))
        .bind(&household.cooperative)
        .bind(i64::from(coop.members_female))
        .bind(i64::from(coop.members_male))
        .bind(i64::from(coop.leaders_female))
        .bind(i64::from(coop.leaders_male))
        .bind(household.land_tenure.code())
        .bind(household.title_holder.map(|t| t.code()))
        .bind(household.enrolled_on.to_string())
        .bind(&sealed.name)
        .bind(&sealed.phone)
        .bind(now_text())
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
    sqlx::query(
        "UPDATE household_status_changes SET changed_on = $1 WHERE id = \
         (SELECT MIN(id) FROM household_status_changes WHERE household_id = $2) \
         AND status = 'enrolled'",
    )
    .bind(household.enrolled_on.to_string())
    .bind(id)
    .execute(&mut *tx)
    .await
    .map_err(db_error)?;
    tx.commit().await.map_err(db_error)?;
    Ok(())
}

/// One household, or `NotFound`.
pub async fn get(conn: &mut Conn, id: i64) -> Result<StoredHousehold, Error> {
    let row = sqlx::query(&format!("{SELECT} WHERE h.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_error)?
        .ok_or(Error::NotFound)?;
    household_from_row(&row)
}

/// The households of a project (of one community, in one status, with one code, when given),
/// by community name and code.
pub async fn list(
    conn: &mut Conn,
    project_id: i64,
    community: Option<i64>,
    status: Option<HouseholdStatus>,
    code: Option<&str>,
) -> Result<Vec<StoredHousehold>, Error> {
    let sql = format!(
        "{SELECT} WHERE h.project_id = $1 AND ($2 = 0 OR h.community_id = $2) \
         AND ($3 = '' OR h.status = $3) AND ($4 = '' OR h.code = $4) \
         ORDER BY lower(c.name), h.code"
    );
    let rows = sqlx::query(&sql)
        .bind(project_id)
        .bind(community.unwrap_or(0))
        .bind(status.map_or("", |s| s.code()))
        .bind(code.unwrap_or(""))
        .fetch_all(&mut *conn)
        .await
        .map_err(db_error)?;
    rows.iter().map(household_from_row).collect()
}

/// A household's status history, oldest first.
pub async fn history(conn: &mut Conn, id: i64) -> Result<Vec<StatusChange>, Error> {
    let rows = sqlx::query(
        "SELECT status, changed_on, reason, recorded_by_name, recorded_at \
         FROM household_status_changes WHERE household_id = $1 ORDER BY changed_on, id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;
    rows.iter()
        .map(|row| {
            let status: String = row.try_get("status").map_err(db_error)?;
            let changed_on: String = row.try_get("changed_on").map_err(db_error)?;
            let recorded_at: String = row.try_get("recorded_at").map_err(db_error)?;
            Ok(StatusChange {
                status: HouseholdStatus::from_code(&status)
                    .ok_or_else(|| bad("status", &status))?,
                changed_on: parse_date(&changed_on)?,
                reason: row.try_get("reason").map_err(db_error)?,
                recorded_by: row.try_get("recorded_by_name").map_err(db_error)?,
                recorded_at: parse_timestamp(&recorded_at)?,
            })
        })
        .collect()
}

/// Records a status change and makes it the household's status, in one transaction.
pub async fn change_status(
    conn: &mut Conn,
    id: i64,
    change: &NewStatusChange,
    by: &RecordedBy<'_>,
) -> Result<(), Error> {
    let mut tx = conn.begin().await.map_err(db_error)?;
    change_status_in(&mut tx, id, change, by).await?;
    tx.commit().await.map_err(db_error)?;
    Ok(())
}

/// [`change_status`] within a transaction the caller holds.
pub async fn change_status_in(
    tx: &mut Conn,
    id: i64,
    change: &NewStatusChange,
    by: &RecordedBy<'_>,
) -> Result<(), Error> {
    let now = now_text();
    sqlx::query(
        "INSERT INTO household_status_changes \
         (household_id, status, changed_on, reason, recorded_by, recorded_by_name, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(change.status.code())
    .bind(change.changed_on.to_string())
    .bind(&change.reason)
    .bind(by.user_id)
    .bind(by.name)
    .bind(&now)
    .execute(&mut *tx)
    .await
    .map_err(db_error)?;
    sqlx::query(
        "UPDATE households SET status = $1, status_since = $2, updated_at = $3 WHERE id = $4",
    )
    .bind(change.status.code())
    .bind(change.changed_on.to_string())
    .bind(&now)
    .bind(id)
    .execute(&mut *tx)
    .await
    .map_err(db_error)?;
    Ok(())
}
