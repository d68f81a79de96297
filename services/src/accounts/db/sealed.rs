//! The sealed personal data as a whole: the key's check value, a sample of what is sealed, and
//! every sealed value for a change of key (`sembrar rotate-key`).

use crate::Error;
use crate::db::Conn;
use crate::db::{db_error, now_text};
use sqlx::Connection;
use sqlx::Row;

/// The check value stored with the data: a fixed text sealed with the key the data is sealed
/// with.
pub async fn key_check(conn: &mut Conn) -> Result<Option<String>, Error> {
    sqlx::query_scalar("SELECT check_value FROM sealing_key_check WHERE id = 1")
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_error)
}

/// Stores the check value when there is none yet.
pub async fn store_key_check(conn: &mut Conn, check: &str) -> Result<(), Error> {
    sqlx::query(
        "INSERT INTO sealing_key_check (id, check_value, created_at) VALUES (1, $1, $2) \
         ON CONFLICT (id) DO NOTHING",
    )
    .bind(check)
    .bind(now_text())
    .execute(&mut *conn)
    .await
    .map(|_| ())
    .map_err(db_error)
}

/// A sealed value of a household: its code, the field and the sealed text.
#[derive(Clone, Debug)]
pub struct SealedValue {
    /// The household's id.
    pub household_id: i64,
    /// The household's code (part of the sealing context).
    pub code: String,
    /// `name` or `phone`.
    pub field: &'static str,
    /// The sealed text.
    pub sealed: String,
}

fn values_of(row: &sqlx::any::AnyRow) -> Result<Vec<SealedValue>, Error> {
    let household_id: i64 = row.try_get("id").map_err(db_error)?;
    let code: String = row.try_get("code").map_err(db_error)?;
    let mut values = Vec::new();
    for (column, field) in [("name_sealed", "name"), ("phone_sealed", "phone")] {
        if let Some(sealed) = row.try_get::<Option<String>, _>(column).map_err(db_error)? {
            values.push(SealedValue {
                household_id,
                code: code.clone(),
                field,
                sealed,
            });
        }
    }
    Ok(values)
}

/// One sealed value, if the database holds any.
pub async fn a_sealed_value(conn: &mut Conn) -> Result<Option<SealedValue>, Error> {
    let row = sqlx::query(
        "SELECT id, code, name_sealed, phone_sealed FROM households \
         WHERE name_sealed IS NOT NULL OR phone_sealed IS NOT NULL ORDER BY id LIMIT 1",
    )
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_error)?;
    Ok(match row {
        Some(row) => values_of(&row)?.into_iter().next(),
        None => None,
    })
}

/// Seals every sealed value again in one transaction: `reseal` turns each old sealed text into
/// the new one (or refuses, and nothing changes), and the check value becomes `check`.
/// Answers how many values were sealed again.
pub async fn reseal_all(
    conn: &mut Conn,
    check: &str,
    reseal: impl Fn(&SealedValue) -> Result<String, String>,
) -> Result<Result<usize, String>, Error> {
    let mut tx = conn.begin().await.map_err(db_error)?;
    let rows = sqlx::query(
        "SELECT id, code, name_sealed, phone_sealed FROM households \
         WHERE name_sealed IS NOT NULL OR phone_sealed IS NOT NULL ORDER BY id",
    )
    .fetch_all(&mut *tx)
    .await
    .map_err(db_error)?;
    let mut count = 0;
    for row in &rows {
        for value in values_of(row)? {
            let new = match reseal(&value) {
                Ok(new) => new,
                Err(refusal) => return Ok(Err(refusal)),
            };
            let sql = format!(
                "UPDATE households SET {}_sealed = $1 WHERE id = $2",
                value.field
            );
            sqlx::query(&sql)
                .bind(new)
                .bind(value.household_id)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
            count += 1;
        }
    }
    sqlx::query(
        "INSERT INTO sealing_key_check (id, check_value, created_at) VALUES (1, $1, $2) \
         ON CONFLICT (id) DO UPDATE SET check_value = $1, created_at = $2",
    )
    .bind(check)
    .bind(now_text())
    .execute(&mut *tx)
    .await
    .map_err(db_error)?;
    tx.commit().await.map_err(db_error)?;
    Ok(Ok(count))
}
