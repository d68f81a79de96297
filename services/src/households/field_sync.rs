//! Offline field entry. A device is given the households, plots and agreements of the communities
//! where its user may record visits — codes and figures, never names, phone numbers or places —
//! and sends back batches of visits. Each entry goes through the visit form's own operation
//! (rights, validation, the plot-area checks, the audit trail) at most once: its device-made id
//! is the visit's `client_id`. An entry whose household changed on the server since the device
//! copied it is answered as a conflict and stored only when the monitor sends it again knowingly.

use crate::Error;
use crate::db;
use crate::service::Services;
use shared::agreement::Agreement;
use shared::auth::{Action, Caller};
use shared::field_sync::{
    FieldAgreement, FieldBundle, FieldCommunity, FieldHousehold, MAX_BUNDLE_HOUSEHOLDS,
    MAX_SYNC_ENTRIES, SyncBatch, SyncEntry, SyncOutcome, SyncReport, SyncResult, household_version,
    is_entry_id,
};
use shared::i18n::Locale;
use shared::plot::Plot;
use shared::project::ProjectFilter;
use shared::validation::{FieldError, Problem};
use std::collections::HashMap;

fn field_agreement(agreement: &Agreement) -> FieldAgreement {
    FieldAgreement {
        id: agreement.id,
        crop: agreement.agreement.crop.code().to_owned(),
        committed_hectares: agreement.agreement.committed_hectares,
        verified_hectares: agreement.verified_hectares,
        eradicate_by: agreement.agreement.eradicate_by,
        status: agreement.status.code().to_owned(),
    }
}

fn result(client_id: &str, outcome: SyncOutcome) -> SyncResult {
    SyncResult {
        client_id: client_id.to_owned(),
        outcome,
        visit_id: None,
        error: None,
        household: None,
    }
}

impl Services {
    /// One entry of a batch: stored now, stored before, or in conflict; an error refuses it.
    async fn sync_entry(&self, caller: &Caller, entry: SyncEntry) -> Result<SyncResult, Error> {
        let client_id = entry.client_id.trim().to_owned();
        if !is_entry_id(&client_id) {
            return Err(Error::Invalid(vec![FieldError::new(
                "client_id",
                Problem::InvalidClientId,
            )]));
        }
        let (stored, _, project) = self
            .household_at(caller, entry.household_id, Action::EditHouseholds)
            .await?;
        let mut form = entry.visit;
        form.client_id.clone_from(&client_id);
        // Sent before: answered as stored, whatever changed since.
        if db::visits::by_client_id(&mut *self.db.conn().await?, &client_id)
            .await?
            .is_none()
            && !entry.keep_mine
            && !entry.base_version.trim().is_empty()
        {
            let plots =
                db::plots::list_for_household(&mut *self.db.conn().await?, stored.household.id)
                    .await?;
            if household_version(&stored.household, &plots) != entry.base_version.trim() {
                let agreements = self
                    .project_agreements(caller, project.id)
                    .await?
                    .agreements
                    .iter()
                    .filter(|a| a.household_id == stored.household.id)
                    .map(field_agreement)
                    .collect();
                return Ok(SyncResult {
                    household: Some(FieldHousehold::of(&stored.household, &plots, agreements)),
                    ..result(&client_id, SyncOutcome::Conflict)
                });
            }
        }
        let (visit, created) = self.record_visit(caller, entry.household_id, form).await?;
        Ok(SyncResult {
            visit_id: Some(visit.id),
            ..result(
                &client_id,
                if created {
                    SyncOutcome::Stored
                } else {
                    SyncOutcome::AlreadyStored
                },
            )
        })
    }
}

impl Services {
    /// The households, plots and agreements of the communities where the caller may record
    /// visits, as a device keeps them: codes, never names, phone numbers or places.
    pub async fn field_bundle(&self, caller: &Caller) -> Result<FieldBundle, Error> {
        let user_id = caller.user_id.ok_or(Error::Unauthorized)?;
        let projects = Services::list_projects(self, caller, &ProjectFilter::default()).await?;
        let mut communities = Vec::new();
        let mut households_given = 0_usize;
        let mut left_out = 0_u32;
        for summary in projects {
            let (project, place) = self.visible_project(caller, summary.id).await?;
            let mine: Vec<_> = self
                .list_communities(caller, project.id)
                .await?
                .into_iter()
                .filter(|c| caller.may(Action::EditHouseholds, &place.with_community(c.id)))
                .collect();
            if mine.is_empty() {
                continue;
            }
            if households_given >= MAX_BUNDLE_HOUSEHOLDS {
                left_out += u32::try_from(mine.len()).unwrap_or(u32::MAX);
                continue;
            }
            // Each household's plots and agreements, found once (not by a scan per household).
            let mut plots: HashMap<i64, Vec<Plot>> = HashMap::new();
            for plot in db::plots::list_for_project(&mut *self.db.conn().await?, project.id).await?
            {
                plots.entry(plot.household_id).or_default().push(plot);
            }
            let mut agreements: HashMap<i64, Vec<FieldAgreement>> = HashMap::new();
            for agreement in self
                .project_agreements(caller, project.id)
                .await?
                .agreements
            {
                agreements
                    .entry(agreement.household_id)
                    .or_default()
                    .push(field_agreement(&agreement));
            }
            for community in mine {
                if households_given >= MAX_BUNDLE_HOUSEHOLDS {
                    left_out += 1;
                    continue;
                }
                let kept: Vec<FieldHousehold> = db::households::list(
                    &mut *self.db.conn().await?,
                    project.id,
                    Some(community.id),
                    None,
                    None,
                )
                .await?
                .into_iter()
                .map(|h| {
                    let id = h.household.id;
                    FieldHousehold::of(
                        &h.household,
                        plots.get(&id).map_or(&[][..], Vec::as_slice),
                        agreements.remove(&id).unwrap_or_default(),
                    )
                })
                .collect();
                households_given += kept.len();
                communities.push(FieldCommunity {
                    id: community.id,
                    name: community.name,
                    municipality: community.municipality,
                    project_id: project.id,
                    project_name: project.name.clone(),
                    currency: project.currency.clone(),
                    households: kept,
                });
            }
        }
        Ok(FieldBundle {
            user_id,
            made_at: chrono::Utc::now(),
            communities,
            left_out_communities: left_out,
        })
    }

    /// Stores a batch of visits entered on a device, each at most once (by its entry id), with
    /// the visit form's validation and rights; an entry whose household changed since the device
    /// copied it comes back as a conflict, unstored. Refusals are described in `locale`.
    pub async fn sync_visits(
        &self,
        caller: &Caller,
        batch: SyncBatch,
        locale: Locale,
    ) -> Result<SyncReport, Error> {
        crate::service::signed_in(caller)?;
        if batch.entries.len() > MAX_SYNC_ENTRIES {
            return Err(Error::Invalid(vec![FieldError::new(
                "entries",
                Problem::TooMany {
                    max: MAX_SYNC_ENTRIES as u32,
                },
            )]));
        }
        let mut report = SyncReport::default();
        for entry in batch.entries {
            let client_id = entry.client_id.trim().to_owned();
            match self.sync_entry(caller, entry).await {
                Ok(done) => report.push(done),
                // The entry's own problems: refused, for the monitor to correct.
                Err(
                    error @ (Error::Invalid(_)
                    | Error::Forbidden
                    | Error::NotFound
                    | Error::BadRequest(_)),
                ) => report.push(SyncResult {
                    error: Some(error.body(locale).error),
                    ..result(&client_id, SyncOutcome::Rejected)
                }),
                // The server's: the device keeps the rest and sends it again (entries stored so
                // far are answered as stored then).
                Err(other) => return Err(other),
            }
        }
        Ok(report)
    }
}
