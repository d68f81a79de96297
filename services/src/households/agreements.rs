//! Eradication agreements, their verification visits, and the support delivered to households.
//! Rights are those of the household (its community): field monitors record in their
//! communities, donor viewers see none of it. Each agreement is shown with what its
//! verifications make of it (status, replanting) and the sequencing check against the
//! household's support (Guiding Principles 18(k)).

use crate::Error;
use crate::db::{self, agreements::StoredAgreement, households::RecordedBy};
use crate::service::{Services, json};
use shared::agreement::{
    Agreement, AgreementForm, AgreementView, ProjectAgreements, Support, SupportForm, Verification,
    VerificationForm, agreement_status, mark_replanting, sequencing, summarize, verified_hectares,
};
use shared::auth::{Action, Caller};
use shared::household::HouseholdStatus;
use shared::validation::{FieldError, Problem};

/// The agreement with what its verifications and the household's support make of it.
pub(crate) fn shown(
    stored: &StoredAgreement,
    visits: &[Verification],
    support: &[Support],
) -> Agreement {
    Agreement {
        id: stored.id,
        household_id: stored.household_id,
        household_code: stored.household_code.clone(),
        project_id: stored.project_id,
        agreement: stored.agreement.clone(),
        verified_hectares: verified_hectares(visits),
        status: agreement_status(&stored.agreement, visits, crate::today()),
        sequencing: sequencing(visits, support),
        created_at: stored.created_at,
    }
}

impl Services {
    /// A household's agreements and support, for its page.
    pub(crate) async fn household_agreements(
        &self,
        household_id: i64,
    ) -> Result<(Vec<Agreement>, Vec<Support>), Error> {
        let support =
            db::agreements::support_for_household(&mut *self.db.conn().await?, household_id)
                .await?;
        let mut agreements = Vec::new();
        for stored in
            db::agreements::list_for_household(&mut *self.db.conn().await?, household_id).await?
        {
            let visits = mark_replanting(
                db::agreements::verifications(&mut *self.db.conn().await?, stored.id).await?,
                stored.agreement.committed_hectares,
            );
            agreements.push(shown(&stored, &visits, &support));
        }
        Ok((agreements, support))
    }

    /// How many of a project's agreements were eradicated before any support reached the
    /// household (a count, for the safeguard warnings).
    pub(crate) async fn sequencing_breaches(&self, project_id: i64) -> Result<u32, Error> {
        let agreements =
            db::agreements::list_for_project(&mut *self.db.conn().await?, project_id).await?;
        let visits =
            db::agreements::verifications_for_project(&mut *self.db.conn().await?, project_id)
                .await?;
        let support =
            db::agreements::support_for_project(&mut *self.db.conn().await?, project_id).await?;
        let breaches = agreements
            .iter()
            .filter(|a| {
                sequencing(
                    visits.get(&a.id).map_or(&[][..], Vec::as_slice),
                    support.get(&a.household_id).map_or(&[][..], Vec::as_slice),
                )
                .is_breach()
            })
            .count();
        Ok(u32::try_from(breaches).unwrap_or(u32::MAX))
    }

    async fn agreement_view(
        &self,
        caller: &Caller,
        stored: &StoredAgreement,
        place: &shared::auth::Place,
    ) -> Result<AgreementView, Error> {
        let support =
            db::agreements::support_for_household(&mut *self.db.conn().await?, stored.household_id)
                .await?;
        let visits = mark_replanting(
            db::agreements::verifications(&mut *self.db.conn().await?, stored.id).await?,
            stored.agreement.committed_hectares,
        );
        Ok(AgreementView {
            agreement: shown(stored, &visits, &support),
            verifications: visits,
            support,
            can_edit: caller.may(Action::EditHouseholds, place),
        })
    }
}

impl Services {
    /// The agreements of a project's households that the caller may see, with their figures.
    pub async fn project_agreements(
        &self,
        caller: &Caller,
        project_id: i64,
    ) -> Result<ProjectAgreements, Error> {
        let (_, place) = self.visible_project(caller, project_id).await?;
        let stored =
            db::agreements::list_for_project(&mut *self.db.conn().await?, project_id).await?;
        let visible: Vec<StoredAgreement> = stored
            .into_iter()
            .filter(|a| {
                caller.may(
                    Action::ViewHouseholds,
                    &place.with_community(a.community_id),
                )
            })
            .collect();
        if visible.is_empty()
            && !caller.may(Action::ViewHouseholds, &place)
            && !self
                .list_communities(caller, project_id)
                .await?
                .iter()
                .any(|c| caller.may(Action::ViewHouseholds, &place.with_community(c.id)))
        {
            return Err(Error::Forbidden);
        }
        let mut visits =
            db::agreements::verifications_for_project(&mut *self.db.conn().await?, project_id)
                .await?;
        let support =
            db::agreements::support_for_project(&mut *self.db.conn().await?, project_id).await?;
        let agreements: Vec<Agreement> = visible
            .iter()
            .map(|a| {
                let marked = mark_replanting(
                    visits.remove(&a.id).unwrap_or_default(),
                    a.agreement.committed_hectares,
                );
                shown(
                    a,
                    &marked,
                    support.get(&a.household_id).map_or(&[][..], Vec::as_slice),
                )
            })
            .collect();
        Ok(ProjectAgreements {
            summary: summarize(&agreements),
            agreements,
        })
    }

    /// One agreement with its verifications and the household's support.
    pub async fn agreement(&self, caller: &Caller, id: i64) -> Result<AgreementView, Error> {
        crate::service::signed_in(caller)?;
        let stored = db::agreements::get(&mut *self.db.conn().await?, id).await?;
        let (_, place, _) = self
            .household_at(caller, stored.household_id, Action::ViewHouseholds)
            .await?;
        self.agreement_view(caller, &stored, &place).await
    }

    /// Records an agreement a household signed.
    pub async fn sign_agreement(
        &self,
        caller: &Caller,
        household_id: i64,
        form: AgreementForm,
    ) -> Result<Agreement, Error> {
        let (household, place, project) = self
            .household_at(caller, household_id, Action::EditHouseholds)
            .await?;
        let new = form.validate(crate::today()).map_err(Error::Invalid)?;
        if household.household.status == HouseholdStatus::Withdrawn {
            return Err(Error::Invalid(vec![FieldError::new(
                "signed_on",
                Problem::HouseholdWithdrawn,
            )]));
        }
        let mut tx = self.db.begin().await?;
        let id = db::agreements::insert(&mut tx, household_id, &new).await?;
        let stored = db::agreements::get(&mut tx, id).await?;
        self.log(
            &mut tx,
            caller,
            place,
            "create",
            "agreement",
            Some(id),
            format!(
                "Household {} agreed on {} to eradicate {} ha of {} by {} (project “{}”)",
                stored.household_code,
                new.signed_on,
                new.committed_hectares,
                new.crop.code(),
                new.eradicate_by,
                project.name
            ),
            None,
            json(&new),
        )
        .await?;
        tx.commit().await?;
        Ok(self
            .agreement_view(caller, &stored, &place)
            .await?
            .agreement)
    }

    /// Records a verification visit of an agreement.
    pub async fn record_verification(
        &self,
        caller: &Caller,
        id: i64,
        form: VerificationForm,
    ) -> Result<AgreementView, Error> {
        crate::service::signed_in(caller)?;
        let stored = db::agreements::get(&mut *self.db.conn().await?, id).await?;
        let (_, place, project) = self
            .household_at(caller, stored.household_id, Action::EditHouseholds)
            .await?;
        let visit = form
            .validate(
                stored.agreement.signed_on,
                stored.agreement.committed_hectares,
                crate::today(),
            )
            .map_err(Error::Invalid)?;
        let by = RecordedBy {
            user_id: caller.user_id,
            name: &caller.display_name,
        };
        let mut tx = self.db.begin().await?;
        let visit_id = db::agreements::insert_verification(&mut tx, id, &visit, &by).await?;
        self.log(&mut tx,
            caller,
            place,
            "verify",
            "agreement",
            Some(id),
            format!(
                "Agreement of household {} verified on {} ({}): {} ha eradicated, {} ha of illicit crops found (project “{}”)",
                stored.household_code,
                visit.visited_on,
                visit.method.code(),
                visit.eradicated_hectares,
                visit.illicit_hectares_found,
                project.name
            ),
            None,
            json(&serde_json::json!({ "verification_id": visit_id, "visit": visit })),
        )
        .await?;
        tx.commit().await?;
        self.agreement_view(caller, &stored, &place).await
    }

    /// Records support delivered to a household.
    pub async fn record_support(
        &self,
        caller: &Caller,
        household_id: i64,
        form: SupportForm,
    ) -> Result<Support, Error> {
        let (household, place, project) = self
            .household_at(caller, household_id, Action::EditHouseholds)
            .await?;
        let new = form.validate(crate::today()).map_err(Error::Invalid)?;
        let by = RecordedBy {
            user_id: caller.user_id,
            name: &caller.display_name,
        };
        let mut tx = self.db.begin().await?;
        let id = db::agreements::insert_support(&mut tx, household_id, &new, &by).await?;
        self.log(
            &mut tx,
            caller,
            place,
            "create",
            "support",
            Some(id),
            format!(
                "{} of {} {} delivered to household {} on {} (project “{}”)",
                new.kind.code(),
                new.value,
                new.currency,
                household.household.code,
                new.delivered_on,
                project.name
            ),
            None,
            json(&new),
        )
        .await?;
        tx.commit().await?;
        db::agreements::support_for_household(&mut *self.db.conn().await?, household_id)
            .await?
            .into_iter()
            .find(|s| s.id == id)
            .ok_or(Error::Internal)
    }
}
