//! Queries about an organisation's exchange rates.

use crate::Error;
use crate::db::Conn;
use crate::db::households::RecordedBy;
use crate::db::{db_error, now_text, parse_date};
use rust_decimal::Decimal;
use shared::fx::{Rate, RateSource, RateSpan};
use sqlx::Connection;
use sqlx::Row;
use sqlx::any::AnyRow;
use std::str::FromStr;

fn corrupt(column: &str, value: &str) -> Error {
    tracing::error!(column, value, "unreadable value in the exchange rates");
    Error::Internal
}

fn span_code(span: RateSpan) -> &'static str {
    match span {
        RateSpan::Day => "day",
        RateSpan::Year => "year",
    }
}

fn rate_from_row(row: &AnyRow) -> Result<Rate, Error> {
    let text = |c: &str| row.try_get::<String, _>(c).map_err(db_error);
    let (span, source, rate) = (text("span")?, text("source")?, text("rate")?);
    Ok(Rate {
        base: text("base")?,
        quote: text("quote")?,
        day: parse_date(&text("day")?)?,
        rate: Decimal::from_str(&rate).map_err(|_| corrupt("rate", &rate))?,
        span: match span.as_str() {
            "day" => RateSpan::Day,
            "year" => RateSpan::Year,
            _ => return Err(corrupt("span", &span)),
        },
        source: RateSource::from_code(&source).ok_or_else(|| corrupt("source", &source))?,
    })
}

/// Stores rates of an organisation in one transaction; a rate of the same pair, day, span and
/// source replaces the one stored. Answers how many were stored.
pub async fn upsert(
    conn: &mut Conn,
    organisation_id: i64,
    rates: &[Rate],
    by: &RecordedBy<'_>,
) -> Result<u32, Error> {
    let mut tx = conn.begin().await.map_err(db_error)?;
    let now = now_text();
    for rate in rates {
        sqlx::query(
            "INSERT INTO exchange_rates (organisation_id, base, quote, day, span, source, rate, \
             recorded_by, recorded_by_name, recorded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
             ON CONFLICT (organisation_id, base, quote, day, span, source) DO UPDATE SET \
             rate = excluded.rate, recorded_by = excluded.recorded_by, \
             recorded_by_name = excluded.recorded_by_name, recorded_at = excluded.recorded_at",
        )
        .bind(organisation_id)
        .bind(&rate.base)
        .bind(&rate.quote)
        .bind(rate.day.to_string())
        .bind(span_code(rate.span))
        .bind(rate.source.code())
        .bind(rate.rate.normalize().to_string())
        .bind(by.user_id)
        .bind(by.name)
        .bind(&now)
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
    }
    tx.commit().await.map_err(db_error)?;
    Ok(u32::try_from(rates.len()).unwrap_or(u32::MAX))
}

const SELECT: &str =
    "SELECT base, quote, day, span, source, rate FROM exchange_rates WHERE organisation_id = $1";

/// Every rate of an organisation (to convert with).
pub async fn all(conn: &mut Conn, organisation_id: i64) -> Result<Vec<Rate>, Error> {
    let rows = sqlx::query(SELECT)
        .bind(organisation_id)
        .fetch_all(&mut *conn)
        .await
        .map_err(db_error)?;
    rows.iter().map(rate_from_row).collect()
}

/// An organisation's rates involving `currency` (all when empty), newest day first, at most
/// `limit`; and how many it has in all.
pub async fn list(
    conn: &mut Conn,
    organisation_id: i64,
    currency: &str,
    limit: i64,
) -> Result<(Vec<Rate>, u32), Error> {
    let rows = sqlx::query(&format!(
        "{SELECT} AND ($2 = '' OR base = $2 OR quote = $2) \
         ORDER BY day DESC, base, quote, source LIMIT $3"
    ))
    .bind(organisation_id)
    .bind(currency)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;
    let total: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM exchange_rates WHERE organisation_id = $1")
            .bind(organisation_id)
            .fetch_one(&mut *conn)
            .await
            .map_err(db_error)?;
    Ok((
        rows.iter().map(rate_from_row).collect::<Result<_, _>>()?,
        u32::try_from(total).unwrap_or(u32::MAX),
    ))
}
