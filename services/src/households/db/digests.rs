//! Community digests ([`shared::digest`]): kept beside each community with the
//! `records_version` they were worked out from. The triggers of migration 0019 move a
//! community's version on with every write to its records, so a digest is used only while it is
//! current; a stale or missing one is worked out again from that community's raw records (a few
//! hundred households: milliseconds) and stored. Each app server also keeps the digests it has
//! read in memory, checked against the versions on every read, so a dashboard reads a few
//! thousand small rows and no records.

use crate::Error;
use crate::db::records::{Scope, for_scope};
use crate::db::{Db, db_error, now_text};
use shared::digest::RecordsDigest;
use sqlx::Row;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The digests this server has read, by community, with the version each is of.
#[derive(Default)]
pub struct DigestCache {
    digests: Mutex<HashMap<i64, (i64, Arc<RecordsDigest>)>>,
}

impl std::fmt::Debug for DigestCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let held = self.digests.lock().map_or(0, |d| d.len());
        write!(f, "DigestCache({held} communities)")
    }
}

impl DigestCache {
    fn get(&self, community: i64, version: i64) -> Option<Arc<RecordsDigest>> {
        let held = self.digests.lock().ok()?;
        held.get(&community)
            .filter(|(v, _)| *v == version)
            .map(|(_, d)| Arc::clone(d))
    }

    fn put(&self, community: i64, version: i64, digest: Arc<RecordsDigest>) {
        if let Ok(mut held) = self.digests.lock() {
            let newer = held.get(&community).is_some_and(|(v, _)| *v > version);
            if !newer {
                held.insert(community, (version, digest));
            }
        }
    }
}

fn unreadable(community: i64, error: &serde_json::Error) -> Error {
    tracing::error!(community, %error, "unreadable community digest");
    Error::Internal
}

/// Works out a community's digest from its raw records and stores it as of `version` (the
/// version read before the records: a write in between only makes it look stale).
async fn work_out(db: &Db, community: i64, version: i64) -> Result<RecordsDigest, Error> {
    let facts = for_scope(&mut *db.conn().await?, Scope::Community(community), "").await?;
    let plots: i64 = sqlx::query(
        "SELECT COUNT(*) AS n FROM plots p JOIN households h ON h.id = p.household_id \
         WHERE h.community_id = $1",
    )
    .bind(community)
    .fetch_one(&db.pool)
    .await
    .map_err(db_error)?
    .try_get("n")
    .map_err(db_error)?;
    let digest = RecordsDigest::of(community, &facts, u64::try_from(plots).unwrap_or(0));
    let text = serde_json::to_string(&digest).map_err(|e| unreadable(community, &e))?;
    let stored = sqlx::query(
        "INSERT INTO community_digests (community_id, records_version, digest, worked_out_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (community_id) DO UPDATE SET \
         records_version = excluded.records_version, digest = excluded.digest, \
         worked_out_at = excluded.worked_out_at \
         WHERE community_digests.records_version <= excluded.records_version",
    )
    .bind(community)
    .bind(version)
    .bind(text)
    .bind(now_text())
    .execute(&db.pool)
    .await;
    if let Err(error) = stored {
        // The digest is right for this answer; the next reader works it out again.
        tracing::warn!(community, %error, "community digest not stored");
    }
    Ok(digest)
}

/// The digests of a project's communities as their records are now, by community id.
pub async fn for_project(db: &Db, project_id: i64) -> Result<Vec<Arc<RecordsDigest>>, Error> {
    let rows = sqlx::query(
        "SELECT c.id, c.records_version, d.records_version AS digest_version \
         FROM communities c LEFT JOIN community_digests d ON d.community_id = c.id \
         WHERE c.project_id = $1 ORDER BY c.id",
    )
    .bind(project_id)
    .fetch_all(&db.pool)
    .await
    .map_err(db_error)?;
    let mut out = Vec::with_capacity(rows.len());
    let mut stored_wanted = Vec::new();
    let mut stale = Vec::new();
    for row in &rows {
        let id: i64 = row.try_get("id").map_err(db_error)?;
        let version: i64 = row.try_get("records_version").map_err(db_error)?;
        let stored: Option<i64> = row.try_get("digest_version").map_err(db_error)?;
        if let Some(digest) = db.digests.get(id, version) {
            out.push(digest);
        } else if stored == Some(version) {
            stored_wanted.push((id, version));
        } else {
            stale.push((id, version));
        }
    }
    if !stored_wanted.is_empty() {
        let wanted: HashMap<i64, i64> = stored_wanted.iter().copied().collect();
        let rows = sqlx::query(
            "SELECT d.community_id, d.records_version, d.digest FROM community_digests d \
             JOIN communities c ON c.id = d.community_id WHERE c.project_id = $1",
        )
        .bind(project_id)
        .fetch_all(&db.pool)
        .await
        .map_err(db_error)?;
        let mut found: HashMap<i64, Arc<RecordsDigest>> = HashMap::new();
        for row in &rows {
            let id: i64 = row.try_get("community_id").map_err(db_error)?;
            let version: i64 = row.try_get("records_version").map_err(db_error)?;
            if wanted.get(&id) == Some(&version) {
                let text: String = row.try_get("digest").map_err(db_error)?;
                let digest: RecordsDigest =
                    serde_json::from_str(&text).map_err(|e| unreadable(id, &e))?;
                found.insert(id, Arc::new(digest));
            }
        }
        for (id, version) in stored_wanted {
            match found.remove(&id) {
                Some(digest) => {
                    db.digests.put(id, version, Arc::clone(&digest));
                    out.push(digest);
                }
                // Written meanwhile: worked out again below.
                None => stale.push((id, version)),
            }
        }
    }
    for (id, version) in stale {
        let digest = Arc::new(work_out(db, id, version).await?);
        db.digests.put(id, version, Arc::clone(&digest));
        out.push(digest);
    }
    out.sort_by_key(|d| d.community_id);
    Ok(out)
}

/// Works out every digest that is missing or stale (after a bulk load); answers how many.
pub async fn refresh_all(db: &Db) -> Result<u64, Error> {
    let rows = sqlx::query(
        "SELECT c.id, c.records_version FROM communities c \
         LEFT JOIN community_digests d ON d.community_id = c.id \
         WHERE d.records_version IS NULL OR d.records_version <> c.records_version ORDER BY c.id",
    )
    .fetch_all(&db.pool)
    .await
    .map_err(db_error)?;
    let mut done = 0;
    for row in &rows {
        let id: i64 = row.try_get("id").map_err(db_error)?;
        let version: i64 = row.try_get("records_version").map_err(db_error)?;
        work_out(db, id, version).await?;
        done += 1;
    }
    Ok(done)
}
