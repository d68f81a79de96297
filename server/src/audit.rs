//! The append-only audit trail: who created, changed, approved, exported or viewed personal data,
//! when, with old and new values. The database refuses updates and deletes of its rows.

use crate::db::{Db, db_error, now_text};
use app::error::AppError;
use shared::auth::Caller;

/// One event to record.
#[derive(Debug, Clone)]
pub struct Event<'a> {
    /// What happened: `create`, `update`, `approve`, `export`, `view_personal_data`, `sign_in`,
    /// `sign_in_failed`, `sign_out`.
    pub action: &'a str,
    /// What it happened to: `program`, `project`, `user`, `session`, `api_token`.
    pub entity_type: &'a str,
    /// Which one.
    pub entity_id: Option<String>,
    /// A sentence for people.
    pub summary: String,
    /// The value before (JSON), for changes.
    pub old_value: Option<String>,
    /// The value after (JSON).
    pub new_value: Option<String>,
}

/// Appends an event done by `caller` (or, when nobody is signed in, by `actor_email`).
pub async fn record(
    db: &Db,
    caller: &Caller,
    actor_email: &str,
    event: Event<'_>,
) -> Result<(), AppError> {
    let email = if caller.email.is_empty() {
        actor_email
    } else {
        caller.email.as_str()
    };
    sqlx::query(
        "INSERT INTO audit_events (at, actor_user_id, actor_email, action, entity_type, \
         entity_id, summary, old_value, new_value) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(now_text())
    .bind(caller.user_id)
    .bind(email)
    .bind(event.action)
    .bind(event.entity_type)
    .bind(event.entity_id)
    .bind(event.summary)
    .bind(event.old_value)
    .bind(event.new_value)
    .execute(&db.pool)
    .await
    .map(|_| ())
    .map_err(db_error)
}
