//! Queries about livelihood plans and their value chains.

use crate::Error;
use crate::db::Conn;
use crate::db::{db_error, is_unique_violation, now_text, parse_date};
use rust_decimal::Decimal;
use shared::crop::AlternativeCrop;
use shared::livelihood::{LivelihoodPlan, MarketChannel, NewLivelihoodPlan, ValueChain};
use shared::validation::{FieldError, Problem};
use sqlx::Connection;
use sqlx::Row;
use sqlx::any::AnyRow;
use std::collections::HashMap;
use std::str::FromStr;

fn corrupt(what: &str, value: &str) -> Error {
    tracing::error!(what, value, "unreadable livelihood plan in the database");
    Error::Internal
}

fn decimal(text: &str) -> Result<Decimal, Error> {
    Decimal::from_str(text).map_err(|_| corrupt("decimal", text))
}

fn name_taken(e: sqlx::Error) -> Error {
    if is_unique_violation(&e, "livelihood_plans_project_name_key") {
        Error::Invalid(vec![FieldError::new("name", Problem::NameTaken)])
    } else {
        db_error(e)
    }
}

async fn write_chains(tx: &mut Conn, plan_id: i64, plan: &NewLivelihoodPlan) -> Result<(), Error> {
    sqlx::query("DELETE FROM livelihood_value_chains WHERE plan_id = $1")
        .bind(plan_id)
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
    for (position, chain) in plan.value_chains.iter().enumerate() {
        let curve: Vec<String> = chain.yield_curve.iter().map(Decimal::to_string).collect();
        sqlx::query(
            "INSERT INTO livelihood_value_chains (plan_id, position, crop, hectares, \
             planting_month, yield_curve, price_per_kg, market_channel, certification) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(plan_id)
        .bind(i64::try_from(position).unwrap_or(i64::MAX))
        .bind(chain.crop.code())
        .bind(chain.hectares.to_string())
        .bind(chain.planting_month.to_string())
        .bind(serde_json::to_string(&curve).map_err(|_| Error::Internal)?)
        .bind(chain.price_per_kg.to_string())
        .bind(chain.market_channel.code())
        .bind(&chain.certification)
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
    }
    Ok(())
}

/// Stores a plan and its value chains in one transaction.
pub async fn insert(
    conn: &mut Conn,
    project_id: i64,
    plan: &NewLivelihoodPlan,
) -> Result<i64, Error> {
    let mut tx = conn.begin().await.map_err(db_error)?;
    let now = now_text();
    let id = sqlx::query_scalar::<_, i64>(
        "INSERT INTO livelihood_plans (project_id, community_id, name, households, \
         illicit_income_monthly, currency, eradication_month, horizon_months, created_at, \
         updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(project_id)
    .bind(plan.community_id)
    .bind(&plan.name)
    .bind(plan.households)
    .bind(plan.illicit_income_monthly.to_string())
    .bind(plan.currency)
    .bind(plan.eradication_month.to_string())
    .bind(plan.horizon_months)
    .bind(&now)
    .bind(&now)
    .fetch_one(&mut *tx)
    .await
    .map_err(name_taken)?;
    write_chains(&mut tx, id, plan).await?;
    tx.commit().await.map_err(db_error)?;
    Ok(id)
}

/// Replaces a plan and its value chains in one transaction.
pub async fn update(conn: &mut Conn, id: i64, plan: &NewLivelihoodPlan) -> Result<(), Error> {
    let mut tx = conn.begin().await.map_err(db_error)?;
    sqlx::query(
        "UPDATE livelihood_plans SET community_id = $1, name = $2, households = $3, \
         illicit_income_monthly = $4, currency = $5, eradication_month = $6, \
         horizon_months = $7, updated_at = $8 WHERE id = $9",
    )
    .bind(plan.community_id)
    .bind(&plan.name)
    .bind(plan.households)
    .bind(plan.illicit_income_monthly.to_string())
    .bind(plan.currency)
    .bind(plan.eradication_month.to_string())
    .bind(plan.horizon_months)
    .bind(now_text())
    .bind(id)
    .execute(&mut *tx)
    .await
    .map_err(name_taken)?;
    write_chains(&mut tx, id, plan).await?;
    tx.commit().await.map_err(db_error)?;
    Ok(())
}

fn chain_from_row(row: &AnyRow) -> Result<ValueChain, Error> {
    let text = |name: &str| row.try_get::<String, _>(name).map_err(db_error);
    let crop = text("crop")?;
    let channel = text("market_channel")?;
    let curve: Vec<String> =
        serde_json::from_str(&text("yield_curve")?).map_err(|_| corrupt("yield curve", "json"))?;
    Ok(ValueChain {
        crop: AlternativeCrop::from_code(&crop).ok_or_else(|| corrupt("crop", &crop))?,
        hectares: decimal(&text("hectares")?)?,
        planting_month: parse_date(&text("planting_month")?)?,
        yield_curve: curve.iter().map(|v| decimal(v)).collect::<Result<_, _>>()?,
        price_per_kg: decimal(&text("price_per_kg")?)?,
        market_channel: MarketChannel::from_code(&channel)
            .ok_or_else(|| corrupt("market channel", &channel))?,
        certification: row.try_get("certification").map_err(db_error)?,
    })
}

fn plan_from_row(row: &AnyRow, chains: Vec<ValueChain>) -> Result<LivelihoodPlan, Error> {
    let text = |name: &str| row.try_get::<String, _>(name).map_err(db_error);
    Ok(LivelihoodPlan {
        id: row.try_get("id").map_err(db_error)?,
        project_id: row.try_get("project_id").map_err(db_error)?,
        community_id: row.try_get("community_id").map_err(db_error)?,
        name: text("name")?,
        households: row.try_get("households").map_err(db_error)?,
        illicit_income_monthly: decimal(&text("illicit_income_monthly")?)?,
        currency: text("currency")?,
        eradication_month: parse_date(&text("eradication_month")?)?,
        horizon_months: row.try_get("horizon_months").map_err(db_error)?,
        value_chains: chains,
    })
}

const COLUMNS: &str = "id, project_id, community_id, name, households, illicit_income_monthly, \
     currency, eradication_month, horizon_months";

/// The plans of a project (all when `project_id` is `None`), by name, with their value chains.
pub async fn list(conn: &mut Conn, project_id: Option<i64>) -> Result<Vec<LivelihoodPlan>, Error> {
    let (plans_sql, chains_sql) = match project_id {
        Some(_) => (
            format!("SELECT {COLUMNS} FROM livelihood_plans WHERE project_id = $1 ORDER BY lower(name), id"),
            "SELECT v.* FROM livelihood_value_chains v JOIN livelihood_plans p ON p.id = v.plan_id \
             WHERE p.project_id = $1 ORDER BY v.plan_id, v.position"
                .to_owned(),
        ),
        None => (
            format!("SELECT {COLUMNS} FROM livelihood_plans ORDER BY lower(name), id"),
            "SELECT v.* FROM livelihood_value_chains v ORDER BY v.plan_id, v.position".to_owned(),
        ),
    };
    let mut chains: HashMap<i64, Vec<ValueChain>> = HashMap::new();
    for row in crate::db::query_for(&chains_sql, project_id)
        .fetch_all(&mut *conn)
        .await
        .map_err(db_error)?
    {
        let plan: i64 = row.try_get("plan_id").map_err(db_error)?;
        chains.entry(plan).or_default().push(chain_from_row(&row)?);
    }
    crate::db::query_for(&plans_sql, project_id)
        .fetch_all(&mut *conn)
        .await
        .map_err(db_error)?
        .iter()
        .map(|row| {
            let id: i64 = row.try_get("id").map_err(db_error)?;
            plan_from_row(row, chains.remove(&id).unwrap_or_default())
        })
        .collect()
}

/// One plan, or `NotFound`.
pub async fn get(conn: &mut Conn, id: i64) -> Result<LivelihoodPlan, Error> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM livelihood_plans WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_error)?
    .ok_or(Error::NotFound)?;
    let chains =
        sqlx::query("SELECT * FROM livelihood_value_chains WHERE plan_id = $1 ORDER BY position")
            .bind(id)
            .fetch_all(&mut *conn)
            .await
            .map_err(db_error)?
            .iter()
            .map(chain_from_row)
            .collect::<Result<Vec<_>, _>>()?;
    plan_from_row(&row, chains)
}
