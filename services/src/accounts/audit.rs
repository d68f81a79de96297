//! The append-only audit trail: who created, changed, approved, exported or viewed personal data,
//! when, with old and new values. The database refuses updates and deletes of its rows.

use crate::Error;
use crate::db::{Conn, db_error, now_text};
use shared::auth::{Caller, Place};

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
    /// Where it happened; when empty, the actor's organisation.
    pub place: Place,
}

/// Appends an event done by `caller` (or, when nobody is signed in, by `actor_email`).
pub async fn record(
    conn: &mut Conn,
    caller: &Caller,
    actor_email: &str,
    event: Event<'_>,
) -> Result<(), Error> {
    let place = if event.place == Place::default() {
        Place {
            organisation: caller.organisation_id,
            ..Place::default()
        }
    } else {
        event.place
    };
    let email = if caller.email.is_empty() {
        actor_email
    } else {
        caller.email.as_str()
    };
    sqlx::query(
        "INSERT INTO audit_events (at, actor_user_id, actor_email, action, entity_type, \
         entity_id, summary, old_value, new_value, organisation_id, program_id, project_id, \
         community_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
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
    .bind(place.organisation)
    .bind(place.program)
    .bind(place.project)
    .bind(place.community)
    .execute(&mut *conn)
    .await
    .map(|_| ())
    .map_err(db_error)
}

/// The most events one listing shows.
pub const LIST_LIMIT: usize = 500;

/// The newest events (at most [`LIST_LIMIT`]) that match `filter` and that `visible` lets the
/// reader see, given where each happened and who did it.
pub async fn list(
    conn: &mut Conn,
    filter: &shared::account::AuditFilter,
    visible: impl Fn(&Place, Option<i64>) -> bool,
) -> Result<Vec<shared::account::AuditEvent>, Error> {
    use sqlx::Row;
    let (from, to) = filter.days().map_err(Error::Invalid)?;
    let from = from.map(|d| format!("{d}T00:00:00")).unwrap_or_default();
    let to = to
        .map(|d| format!("{d}T23:59:59.999999Z"))
        .unwrap_or_else(|| "9999".to_owned());
    let rows = sqlx::query(
        "SELECT id, at, actor_email, action, entity_type, entity_id, summary, old_value, \
         new_value, organisation_id, program_id, project_id, community_id, actor_user_id \
         FROM audit_events \
         WHERE ($1 = '' OR actor_email LIKE $2) AND ($3 = '' OR action = $3) \
         AND ($4 = '' OR entity_type = $4) AND at >= $5 AND at <= $6 \
         ORDER BY id DESC LIMIT 5000",
    )
    .bind(filter.actor.trim())
    .bind(format!("%{}%", filter.actor.trim().to_lowercase()))
    .bind(filter.action.trim())
    .bind(filter.entity_type.trim())
    .bind(from)
    .bind(to)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;
    let mut events = Vec::new();
    for r in &rows {
        let place = Place {
            organisation: r.try_get("organisation_id").map_err(db_error)?,
            program: r.try_get("program_id").map_err(db_error)?,
            project: r.try_get("project_id").map_err(db_error)?,
            community: r.try_get("community_id").map_err(db_error)?,
            donor: None,
        };
        let actor: Option<i64> = r.try_get("actor_user_id").map_err(db_error)?;
        if !visible(&place, actor) {
            continue;
        }
        events.push({
            let at: String = r.try_get("at").map_err(db_error)?;
            shared::account::AuditEvent {
                id: r.try_get("id").map_err(db_error)?,
                at: crate::db::parse_timestamp(&at)?,
                actor_email: r.try_get("actor_email").map_err(db_error)?,
                action: r.try_get("action").map_err(db_error)?,
                entity_type: r.try_get("entity_type").map_err(db_error)?,
                entity_id: r.try_get("entity_id").map_err(db_error)?,
                summary: r.try_get("summary").map_err(db_error)?,
                old_value: r.try_get("old_value").map_err(db_error)?,
                new_value: r.try_get("new_value").map_err(db_error)?,
            }
        });
        if events.len() == LIST_LIMIT {
            break;
        }
    }
    Ok(events)
}
