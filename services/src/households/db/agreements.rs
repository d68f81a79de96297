//! Queries about eradication agreements, their verifications, and the support delivered to
//! households. What an agreement's verifications make of it (status, replanting, sequencing) is
//! worked out in `shared::agreement`, not here.

use crate::Error;
use crate::db::Conn;
use crate::db::households::RecordedBy;
use crate::db::records::Scope;
use crate::db::{db_error, now_text, parse_date, parse_timestamp};
use rust_decimal::Decimal;
use shared::agreement::{
    NewAgreement, NewSupport, NewVerification, Support, SupportKind, Verification,
    VerificationMethod,
};
use shared::crop::IllicitCrop;
use sqlx::Row;
use sqlx::any::AnyRow;
use std::str::FromStr;

/// An agreement as stored, with where its household is.
#[derive(Clone, Debug)]
pub struct StoredAgreement {
    /// Its id.
    pub id: i64,
    /// The household.
    pub household_id: i64,
    /// The household's code.
    pub household_code: String,
    /// The household's project.
    pub project_id: i64,
    /// The household's community.
    pub community_id: i64,
    /// What was agreed.
    pub agreement: NewAgreement,
    /// When it was recorded.
    pub created_at: chrono::DateTime<chrono::Utc>,
}

fn corrupt(column: &str, value: &str) -> Error {
    tracing::error!(column, value, "unreadable value in the agreements tables");
    Error::Internal
}

fn decimal(row: &AnyRow, column: &str) -> Result<Decimal, Error> {
    let text: String = row.try_get(column).map_err(db_error)?;
    Decimal::from_str(&text).map_err(|_| corrupt(column, &text))
}

fn day(row: &AnyRow, column: &str) -> Result<chrono::NaiveDate, Error> {
    parse_date(&row.try_get::<String, _>(column).map_err(db_error)?)
}

fn when(row: &AnyRow, column: &str) -> Result<chrono::DateTime<chrono::Utc>, Error> {
    parse_timestamp(&row.try_get::<String, _>(column).map_err(db_error)?)
}

/// Rows read and grouped by an id, each group in row order.
fn grouped<T>(
    rows: &[AnyRow],
    read: fn(&AnyRow) -> Result<T, Error>,
    key: fn(&T) -> i64,
) -> Result<std::collections::HashMap<i64, Vec<T>>, Error> {
    let mut groups: std::collections::HashMap<i64, Vec<T>> = Default::default();
    for row in rows {
        let item = read(row)?;
        groups.entry(key(&item)).or_default().push(item);
    }
    Ok(groups)
}

const SELECT_AGREEMENT: &str = "SELECT a.id, a.household_id, h.code AS household_code, \
     h.project_id, h.community_id, a.signed_on, a.crop, a.committed_hectares, a.eradicate_by, \
     a.note, a.created_at FROM eradication_agreements a \
     JOIN households h ON h.id = a.household_id";

fn agreement_from_row(row: &AnyRow) -> Result<StoredAgreement, Error> {
    let crop: String = row.try_get("crop").map_err(db_error)?;
    Ok(StoredAgreement {
        id: row.try_get("id").map_err(db_error)?,
        household_id: row.try_get("household_id").map_err(db_error)?,
        household_code: row.try_get("household_code").map_err(db_error)?,
        project_id: row.try_get("project_id").map_err(db_error)?,
        community_id: row.try_get("community_id").map_err(db_error)?,
        agreement: NewAgreement {
            signed_on: day(row, "signed_on")?,
            crop: IllicitCrop::from_code(&crop).ok_or_else(|| corrupt("crop", &crop))?,
            committed_hectares: decimal(row, "committed_hectares")?,
            eradicate_by: day(row, "eradicate_by")?,
            note: row.try_get("note").map_err(db_error)?,
        },
        created_at: when(row, "created_at")?,
    })
}

fn verification_from_row(row: &AnyRow) -> Result<Verification, Error> {
    let method: String = row.try_get("method").map_err(db_error)?;
    Ok(Verification {
        id: row.try_get("id").map_err(db_error)?,
        agreement_id: row.try_get("agreement_id").map_err(db_error)?,
        verification: NewVerification {
            visited_on: day(row, "visited_on")?,
            method: VerificationMethod::from_code(&method)
                .ok_or_else(|| corrupt("method", &method))?,
            eradicated_hectares: decimal(row, "eradicated_hectares")?,
            illicit_hectares_found: decimal(row, "illicit_hectares_found")?,
            note: row.try_get("note").map_err(db_error)?,
        },
        replanting: false,
        recorded_by: row.try_get("recorded_by_name").map_err(db_error)?,
        recorded_at: when(row, "recorded_at")?,
    })
}

fn support_from_row(row: &AnyRow) -> Result<Support, Error> {
    let kind: String = row.try_get("kind").map_err(db_error)?;
    Ok(Support {
        id: row.try_get("id").map_err(db_error)?,
        household_id: row.try_get("household_id").map_err(db_error)?,
        support: NewSupport {
            kind: SupportKind::from_code(&kind).ok_or_else(|| corrupt("kind", &kind))?,
            delivered_on: day(row, "delivered_on")?,
            value: decimal(row, "value")?,
            currency: row.try_get("currency").map_err(db_error)?,
            description: row.try_get("description").map_err(db_error)?,
        },
        recorded_by: row.try_get("recorded_by_name").map_err(db_error)?,
        recorded_at: when(row, "recorded_at")?,
    })
}

/// Stores an agreement of a household.
pub async fn insert(
    conn: &mut Conn,
    household_id: i64,
    agreement: &NewAgreement,
) -> Result<i64, Error> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO eradication_agreements \
         (household_id, signed_on, crop, committed_hectares, eradicate_by, note, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(household_id)
    .bind(agreement.signed_on.to_string())
    .bind(agreement.crop.code())
    .bind(agreement.committed_hectares.to_string())
    .bind(agreement.eradicate_by.to_string())
    .bind(&agreement.note)
    .bind(now_text())
    .fetch_one(&mut *conn)
    .await
    .map_err(db_error)
}

/// One agreement, or `NotFound`.
pub async fn get(conn: &mut Conn, id: i64) -> Result<StoredAgreement, Error> {
    let row = sqlx::query(&format!("{SELECT_AGREEMENT} WHERE a.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_error)?
        .ok_or(Error::NotFound)?;
    agreement_from_row(&row)
}

/// A household's agreements, oldest first.
pub async fn list_for_household(
    conn: &mut Conn,
    household_id: i64,
) -> Result<Vec<StoredAgreement>, Error> {
    let rows = sqlx::query(&format!(
        "{SELECT_AGREEMENT} WHERE a.household_id = $1 ORDER BY a.signed_on, a.id"
    ))
    .bind(household_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;
    rows.iter().map(agreement_from_row).collect()
}

/// A project's agreements, by household code and signing day.
pub async fn list_for_project(
    conn: &mut Conn,
    project_id: i64,
) -> Result<Vec<StoredAgreement>, Error> {
    list_in(conn, Scope::Project(project_id)).await
}

/// Every agreement of a project's or a community's households.
pub async fn list_in(conn: &mut Conn, scope: Scope) -> Result<Vec<StoredAgreement>, Error> {
    let rows = sqlx::query(&format!(
        "{SELECT_AGREEMENT} WHERE {} ORDER BY h.code, a.signed_on, a.id",
        scope.households()
    ))
    .bind(scope.id())
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;
    rows.iter().map(agreement_from_row).collect()
}

const SELECT_VERIFICATION: &str = "SELECT v.id, v.agreement_id, v.visited_on, v.method, \
     v.eradicated_hectares, v.illicit_hectares_found, v.note, v.recorded_by_name, v.recorded_at \
     FROM agreement_verifications v";

/// An agreement's verifications, oldest first (replanting not yet marked).
pub async fn verifications(conn: &mut Conn, agreement_id: i64) -> Result<Vec<Verification>, Error> {
    let rows = sqlx::query(&format!(
        "{SELECT_VERIFICATION} WHERE v.agreement_id = $1 ORDER BY v.visited_on, v.id"
    ))
    .bind(agreement_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;
    rows.iter().map(verification_from_row).collect()
}

/// Every verification of a project's agreements, by agreement.
pub async fn verifications_for_project(
    conn: &mut Conn,
    project_id: i64,
) -> Result<std::collections::HashMap<i64, Vec<Verification>>, Error> {
    verifications_in(conn, Scope::Project(project_id)).await
}

/// Every verification of the agreements of a project's or a community's households, by
/// agreement.
pub async fn verifications_in(
    conn: &mut Conn,
    scope: Scope,
) -> Result<std::collections::HashMap<i64, Vec<Verification>>, Error> {
    let rows = sqlx::query(&format!(
        "{SELECT_VERIFICATION} JOIN eradication_agreements a ON a.id = v.agreement_id \
         JOIN households h ON h.id = a.household_id WHERE {} \
         ORDER BY v.visited_on, v.id",
        scope.households()
    ))
    .bind(scope.id())
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;
    grouped(&rows, verification_from_row, |v| v.agreement_id)
}

/// Records a verification visit; answers its id.
pub async fn insert_verification(
    conn: &mut Conn,
    agreement_id: i64,
    verification: &NewVerification,
    by: &RecordedBy<'_>,
) -> Result<i64, Error> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO agreement_verifications (agreement_id, visited_on, method, \
         eradicated_hectares, illicit_hectares_found, note, recorded_by, recorded_by_name, \
         recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(agreement_id)
    .bind(verification.visited_on.to_string())
    .bind(verification.method.code())
    .bind(verification.eradicated_hectares.to_string())
    .bind(verification.illicit_hectares_found.to_string())
    .bind(&verification.note)
    .bind(by.user_id)
    .bind(by.name)
    .bind(now_text())
    .fetch_one(&mut *conn)
    .await
    .map_err(db_error)
}

const SELECT_SUPPORT: &str = "SELECT s.id, s.household_id, s.kind, s.delivered_on, s.value, \
     s.currency, s.description, s.recorded_by_name, s.recorded_at FROM support_deliveries s";

/// The support a household received, oldest first.
pub async fn support_for_household(
    conn: &mut Conn,
    household_id: i64,
) -> Result<Vec<Support>, Error> {
    let rows = sqlx::query(&format!(
        "{SELECT_SUPPORT} WHERE s.household_id = $1 ORDER BY s.delivered_on, s.id"
    ))
    .bind(household_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;
    rows.iter().map(support_from_row).collect()
}

/// The support delivered in a project, by household.
pub async fn support_for_project(
    conn: &mut Conn,
    project_id: i64,
) -> Result<std::collections::HashMap<i64, Vec<Support>>, Error> {
    support_in(conn, Scope::Project(project_id)).await
}

/// The support delivered to a project's or a community's households, by household.
pub async fn support_in(
    conn: &mut Conn,
    scope: Scope,
) -> Result<std::collections::HashMap<i64, Vec<Support>>, Error> {
    let rows = sqlx::query(&format!(
        "{SELECT_SUPPORT} JOIN households h ON h.id = s.household_id WHERE {} \
         ORDER BY s.delivered_on, s.id",
        scope.households()
    ))
    .bind(scope.id())
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;
    grouped(&rows, support_from_row, |s| s.household_id)
}

/// Records support delivered to a household; answers its id.
pub async fn insert_support(
    conn: &mut Conn,
    household_id: i64,
    support: &NewSupport,
    by: &RecordedBy<'_>,
) -> Result<i64, Error> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO support_deliveries (household_id, kind, delivered_on, value, currency, \
         description, recorded_by, recorded_by_name, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(household_id)
    .bind(support.kind.code())
    .bind(support.delivered_on.to_string())
    .bind(support.value.to_string())
    .bind(&support.currency)
    .bind(&support.description)
    .bind(by.user_id)
    .bind(by.name)
    .bind(now_text())
    .fetch_one(&mut *conn)
    .await
    .map_err(db_error)
}
