//! Queries about funding agreements, their tranches and transactions, and the projects a donor
//! funds.

use crate::Error;
use crate::db::Conn;
use crate::db::households::RecordedBy;
use crate::db::{db_error, now_text, parse_date};
use rust_decimal::Decimal;
use shared::auth::Funded;
use shared::funding::TransactionKind;
use shared::funding_agreement::{
    Earmark, FundingAgreement, NewFundingAgreement, NewTranche, NewTransaction, ReportingFrequency,
    Tranche, Transaction,
};
use sqlx::Connection;
use sqlx::Row;
use sqlx::any::AnyRow;
use std::str::FromStr;

fn corrupt(column: &str, value: &str) -> Error {
    tracing::error!(column, value, "unreadable value in the funding records");
    Error::Internal
}

fn decimal(row: &AnyRow, column: &str) -> Result<Decimal, Error> {
    let text: String = row.try_get(column).map_err(db_error)?;
    Decimal::from_str(&text).map_err(|_| corrupt(column, &text))
}

fn day(row: &AnyRow, column: &str) -> Result<chrono::NaiveDate, Error> {
    parse_date(&row.try_get::<String, _>(column).map_err(db_error)?)
}

const AGREEMENT: &str = "SELECT a.id, a.organisation_id, a.donor_id, d.name AS donor_name, \
     a.title, a.reference, a.amount, a.currency, a.start_date, a.end_date, a.program_id, \
     g.name AS program_name, a.project_id, p.name AS project_name, a.component_id, \
     c.name AS component_name, a.long_term, a.flexible, a.reporting_frequency, \
     a.report_due_days, a.reporting_requirements \
     FROM funding_agreements a JOIN donors d ON d.id = a.donor_id \
     JOIN programs g ON g.id = a.program_id \
     LEFT JOIN projects p ON p.id = a.project_id \
     LEFT JOIN project_components c ON c.id = a.component_id";

fn agreement_from_row(row: &AnyRow) -> Result<FundingAgreement, Error> {
    let get_i64 = |c: &str| row.try_get::<i64, _>(c).map_err(db_error);
    let frequency: String = row.try_get("reporting_frequency").map_err(db_error)?;
    Ok(FundingAgreement {
        id: get_i64("id")?,
        organisation_id: get_i64("organisation_id")?,
        donor_id: get_i64("donor_id")?,
        donor_name: row.try_get("donor_name").map_err(db_error)?,
        title: row.try_get("title").map_err(db_error)?,
        reference: row.try_get("reference").map_err(db_error)?,
        amount: decimal(row, "amount")?,
        currency: row.try_get("currency").map_err(db_error)?,
        start_date: day(row, "start_date")?,
        end_date: day(row, "end_date")?,
        earmark: Earmark {
            program_id: get_i64("program_id")?,
            project_id: row.try_get("project_id").map_err(db_error)?,
            component_id: row.try_get("component_id").map_err(db_error)?,
        },
        program_name: row.try_get("program_name").map_err(db_error)?,
        project_name: row.try_get("project_name").map_err(db_error)?,
        component_name: row.try_get("component_name").map_err(db_error)?,
        long_term: get_i64("long_term")? != 0,
        flexible: get_i64("flexible")? != 0,
        reporting_frequency: ReportingFrequency::from_code(&frequency)
            .ok_or_else(|| corrupt("reporting_frequency", &frequency))?,
        report_due_days: u32::try_from(get_i64("report_due_days")?).unwrap_or(0),
        reporting_requirements: row.try_get("reporting_requirements").map_err(db_error)?,
    })
}

/// Stores an agreement; a project it is earmarked for names the donor among its donors.
pub async fn insert_agreement(
    conn: &mut Conn,
    organisation_id: i64,
    agreement: &NewFundingAgreement,
) -> Result<i64, Error> {
    let mut tx = conn.begin().await.map_err(db_error)?;
    let now = now_text();
    let id = sqlx::query_scalar::<_, i64>(
        "INSERT INTO funding_agreements (organisation_id, donor_id, title, reference, amount, \
         currency, start_date, end_date, program_id, project_id, component_id, long_term, \
         flexible, reporting_frequency, report_due_days, reporting_requirements, created_at, \
         updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, \
         $16, $17, $17) RETURNING id",
    )
    .bind(organisation_id)
    .bind(agreement.donor_id)
    .bind(&agreement.title)
    .bind(&agreement.reference)
    .bind(agreement.amount.normalize().to_string())
    .bind(&agreement.currency)
    .bind(agreement.start_date.to_string())
    .bind(agreement.end_date.to_string())
    .bind(agreement.earmark.program_id)
    .bind(agreement.earmark.project_id)
    .bind(agreement.earmark.component_id)
    .bind(i64::from(agreement.long_term))
    .bind(i64::from(agreement.flexible))
    .bind(agreement.reporting_frequency.code())
    .bind(i64::from(agreement.report_due_days))
    .bind(&agreement.reporting_requirements)
    .bind(&now)
    .fetch_one(&mut *tx)
    .await
    .map_err(db_error)?;
    if let Some(project) = agreement.earmark.project_id {
        sqlx::query(
            "INSERT INTO project_donors (project_id, donor_id) VALUES ($1, $2) \
             ON CONFLICT (project_id, donor_id) DO NOTHING",
        )
        .bind(project)
        .bind(agreement.donor_id)
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
    }
    tx.commit().await.map_err(db_error)?;
    Ok(id)
}

/// Changes an agreement (the donor stays); a project it is now earmarked for names the donor.
pub async fn update_agreement(
    conn: &mut Conn,
    id: i64,
    agreement: &NewFundingAgreement,
) -> Result<(), Error> {
    let mut tx = conn.begin().await.map_err(db_error)?;
    sqlx::query(
        "UPDATE funding_agreements SET title = $1, reference = $2, amount = $3, currency = $4, \
         start_date = $5, end_date = $6, program_id = $7, project_id = $8, component_id = $9, \
         long_term = $10, flexible = $11, reporting_frequency = $12, report_due_days = $13, \
         reporting_requirements = $14, updated_at = $15 WHERE id = $16",
    )
    .bind(&agreement.title)
    .bind(&agreement.reference)
    .bind(agreement.amount.normalize().to_string())
    .bind(&agreement.currency)
    .bind(agreement.start_date.to_string())
    .bind(agreement.end_date.to_string())
    .bind(agreement.earmark.program_id)
    .bind(agreement.earmark.project_id)
    .bind(agreement.earmark.component_id)
    .bind(i64::from(agreement.long_term))
    .bind(i64::from(agreement.flexible))
    .bind(agreement.reporting_frequency.code())
    .bind(i64::from(agreement.report_due_days))
    .bind(&agreement.reporting_requirements)
    .bind(now_text())
    .bind(id)
    .execute(&mut *tx)
    .await
    .map_err(db_error)?;
    if let Some(project) = agreement.earmark.project_id {
        sqlx::query(
            "INSERT INTO project_donors (project_id, donor_id) \
             SELECT $1, donor_id FROM funding_agreements WHERE id = $2 \
             ON CONFLICT (project_id, donor_id) DO NOTHING",
        )
        .bind(project)
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
    }
    tx.commit().await.map_err(db_error)?;
    Ok(())
}

/// One agreement, or `NotFound`.
pub async fn agreement(conn: &mut Conn, id: i64) -> Result<FundingAgreement, Error> {
    let row = sqlx::query(&format!("{AGREEMENT} WHERE a.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_error)?
        .ok_or(Error::NotFound)?;
    agreement_from_row(&row)
}

/// Which agreements to list.
#[derive(Clone, Copy, Debug, Default)]
pub struct AgreementFilter {
    /// Only this donor's.
    pub donor: Option<i64>,
    /// Only those counted in this program.
    pub program: Option<i64>,
    /// Only those earmarked for this project (or for its whole program).
    pub project: Option<i64>,
}

/// An organisation's agreements that pass the filter, newest first.
pub async fn agreements(
    conn: &mut Conn,
    organisation_id: i64,
    filter: AgreementFilter,
) -> Result<Vec<FundingAgreement>, Error> {
    let mut sql = format!("{AGREEMENT} WHERE a.organisation_id = $1");
    let mut binds = Vec::new();
    if let Some(donor) = filter.donor {
        binds.push(donor);
        sql.push_str(&format!(" AND a.donor_id = ${}", binds.len() + 1));
    }
    if let Some(program) = filter.program {
        binds.push(program);
        sql.push_str(&format!(" AND a.program_id = ${}", binds.len() + 1));
    }
    if let Some(project) = filter.project {
        binds.push(project);
        sql.push_str(&format!(" AND a.project_id = ${}", binds.len() + 1));
    }
    sql.push_str(" ORDER BY a.start_date DESC, a.id DESC");
    let mut query = sqlx::query(&sql).bind(organisation_id);
    for b in binds {
        query = query.bind(b);
    }
    query
        .fetch_all(&mut *conn)
        .await
        .map_err(db_error)?
        .iter()
        .map(agreement_from_row)
        .collect()
}

/// Stores a tranche.
pub async fn insert_tranche(
    conn: &mut Conn,
    agreement_id: i64,
    tranche: &NewTranche,
) -> Result<i64, Error> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO funding_tranches (agreement_id, due_date, amount, condition, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(agreement_id)
    .bind(tranche.due_date.to_string())
    .bind(tranche.amount.normalize().to_string())
    .bind(&tranche.condition)
    .bind(now_text())
    .fetch_one(&mut *conn)
    .await
    .map_err(db_error)
}

/// An agreement's tranches, by due day.
pub async fn tranches(conn: &mut Conn, agreement_id: i64) -> Result<Vec<Tranche>, Error> {
    sqlx::query(
        "SELECT id, agreement_id, due_date, amount, condition FROM funding_tranches \
         WHERE agreement_id = $1 ORDER BY due_date, id",
    )
    .bind(agreement_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?
    .iter()
    .map(|row| {
        Ok(Tranche {
            id: row.try_get("id").map_err(db_error)?,
            agreement_id: row.try_get("agreement_id").map_err(db_error)?,
            due_date: day(row, "due_date")?,
            amount: decimal(row, "amount")?,
            condition: row.try_get("condition").map_err(db_error)?,
        })
    })
    .collect()
}

/// Where a transaction counts: its program and project.
#[derive(Clone, Copy, Debug)]
pub struct Counted {
    /// The program.
    pub program_id: i64,
    /// The project.
    pub project_id: Option<i64>,
}

/// Stores a transaction where it counts.
pub async fn insert_transaction(
    conn: &mut Conn,
    organisation_id: i64,
    transaction: &NewTransaction,
    counted: Counted,
    by: &RecordedBy<'_>,
) -> Result<i64, Error> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO funding_transactions (organisation_id, kind, value_date, amount, currency, \
         description, agreement_id, program_id, project_id, component_id, budget_line_id, \
         recorded_by, recorded_by_name, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
    )
    .bind(organisation_id)
    .bind(transaction.kind.code())
    .bind(transaction.value_date.to_string())
    .bind(transaction.amount.normalize().to_string())
    .bind(&transaction.currency)
    .bind(&transaction.description)
    .bind(transaction.agreement_id)
    .bind(counted.program_id)
    .bind(counted.project_id)
    .bind(transaction.component_id)
    .bind(transaction.budget_line_id)
    .bind(by.user_id)
    .bind(by.name)
    .bind(now_text())
    .fetch_one(&mut *conn)
    .await
    .map_err(db_error)
}

const TRANSACTION: &str = "SELECT t.id, t.kind, t.value_date, t.amount, t.currency, \
     t.description, t.agreement_id, a.title AS agreement_title, a.donor_id, \
     d.name AS donor_name, t.program_id, t.project_id, p.name AS project_name, t.component_id, \
     c.name AS component_name, t.budget_line_id, b.code AS budget_line_code \
     FROM funding_transactions t \
     LEFT JOIN funding_agreements a ON a.id = t.agreement_id \
     LEFT JOIN donors d ON d.id = a.donor_id \
     LEFT JOIN projects p ON p.id = t.project_id \
     LEFT JOIN project_components c ON c.id = t.component_id \
     LEFT JOIN budget_lines b ON b.id = t.budget_line_id";

fn transaction_from_row(row: &AnyRow) -> Result<Transaction, Error> {
    let kind: String = row.try_get("kind").map_err(db_error)?;
    Ok(Transaction {
        id: row.try_get("id").map_err(db_error)?,
        kind: TransactionKind::from_code(&kind).ok_or_else(|| corrupt("kind", &kind))?,
        value_date: day(row, "value_date")?,
        amount: decimal(row, "amount")?,
        currency: row.try_get("currency").map_err(db_error)?,
        description: row.try_get("description").map_err(db_error)?,
        agreement_id: row.try_get("agreement_id").map_err(db_error)?,
        agreement_title: row.try_get("agreement_title").map_err(db_error)?,
        donor_id: row.try_get("donor_id").map_err(db_error)?,
        donor_name: row.try_get("donor_name").map_err(db_error)?,
        program_id: row.try_get("program_id").map_err(db_error)?,
        project_id: row.try_get("project_id").map_err(db_error)?,
        project_name: row.try_get("project_name").map_err(db_error)?,
        component_id: row.try_get("component_id").map_err(db_error)?,
        component_name: row.try_get("component_name").map_err(db_error)?,
        budget_line_id: row.try_get("budget_line_id").map_err(db_error)?,
        budget_line_code: row.try_get("budget_line_code").map_err(db_error)?,
    })
}

/// One transaction, or `NotFound`.
pub async fn transaction(conn: &mut Conn, id: i64) -> Result<Transaction, Error> {
    let row = sqlx::query(&format!("{TRANSACTION} WHERE t.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_error)?
        .ok_or(Error::NotFound)?;
    transaction_from_row(&row)
}

/// Which transactions to list.
#[derive(Clone, Copy, Debug, Default)]
pub struct TransactionFilter {
    /// Only this agreement's.
    pub agreement: Option<i64>,
    /// Only those of this donor's agreements.
    pub donor: Option<i64>,
    /// Only those counted in this program.
    pub program: Option<i64>,
    /// Only those counted in this project.
    pub project: Option<i64>,
}

/// An organisation's transactions that pass the filter, newest value day first.
pub async fn transactions(
    conn: &mut Conn,
    organisation_id: i64,
    filter: TransactionFilter,
) -> Result<Vec<Transaction>, Error> {
    let mut sql = format!("{TRANSACTION} WHERE t.organisation_id = $1");
    let mut binds = Vec::new();
    for (value, column) in [
        (filter.agreement, "t.agreement_id"),
        (filter.donor, "a.donor_id"),
        (filter.program, "t.program_id"),
        (filter.project, "t.project_id"),
    ] {
        if let Some(value) = value {
            binds.push(value);
            sql.push_str(&format!(" AND {column} = ${}", binds.len() + 1));
        }
    }
    sql.push_str(" ORDER BY t.value_date DESC, t.id DESC");
    let mut query = sqlx::query(&sql).bind(organisation_id);
    for b in binds {
        query = query.bind(b);
    }
    query
        .fetch_all(&mut *conn)
        .await
        .map_err(db_error)?
        .iter()
        .map(transaction_from_row)
        .collect()
}

/// The projects each of `donors` funds: named among a project's donors, or of a program one
/// of the donor's agreements is earmarked for as a whole.
pub async fn funded_projects(conn: &mut Conn, donors: &[i64]) -> Result<Vec<Funded>, Error> {
    let mut out = Vec::new();
    for donor in donors {
        let rows = sqlx::query(
            "SELECT p.program_id, p.id AS project_id FROM project_donors j \
             JOIN projects p ON p.id = j.project_id WHERE j.donor_id = $1 \
             UNION SELECT p.program_id, p.id AS project_id FROM funding_agreements a \
             JOIN projects p ON p.program_id = a.program_id \
             WHERE a.donor_id = $1 AND a.project_id IS NULL",
        )
        .bind(*donor)
        .fetch_all(&mut *conn)
        .await
        .map_err(db_error)?;
        for row in rows {
            out.push(Funded {
                donor: *donor,
                program: row.try_get("program_id").map_err(db_error)?,
                project: row.try_get("project_id").map_err(db_error)?,
            });
        }
    }
    out.sort_by_key(|f| (f.donor, f.project));
    out.dedup();
    Ok(out)
}
