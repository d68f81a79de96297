//! The household registry. Rights are checked on each household's community (a field monitor
//! sees and registers households of its communities only; donor viewers see no household
//! records); names and phone numbers are sealed before they are stored, opened only for callers
//! who may see personal data there, never written to the audit trail, and each answer that shows
//! them is recorded in it.

use crate::Error;
use crate::db::{self, households::RecordedBy, households::Sealed, households::StoredHousehold};
use crate::sealing::Sealer;
use crate::service::{Services, authorize, json, project_place};
use shared::auth::{Action, Caller, Place};
use shared::gender::GenderView;
use shared::household::{
    Household, HouseholdDetail, HouseholdFilter, HouseholdForm, HouseholdRegistry, HouseholdStatus,
    HouseholdView, NewHousehold, PersonalData, StatusForm, household_code, parse_household_code,
};
use shared::validation::{FieldError, Problem};

/// A project's households, support and visit income, as the gender view reads them.
type GenderRecords = (
    Vec<Household>,
    Vec<shared::agreement::Support>,
    Vec<(i64, String, rust_decimal::Decimal)>,
);

/// How many codes to draw before giving up (a clash is about one in a trillion per draw).
const CODE_DRAWS: usize = 16;

fn context(code: &str, field: &str) -> String {
    format!("household:{code}:{field}")
}

fn seal(sealer: &Sealer, code: &str, personal: &PersonalData) -> Sealed {
    Sealed {
        name: personal
            .name
            .as_deref()
            .map(|n| sealer.seal(&context(code, "name"), n)),
        phone: personal
            .phone
            .as_deref()
            .map(|p| sealer.seal(&context(code, "phone"), p)),
    }
}

fn open(sealer: &Sealer, code: &str, field: &str, sealed: Option<&str>) -> Option<String> {
    let sealed = sealed?;
    match sealer.open(&context(code, field), sealed) {
        Ok(plain) => Some(plain),
        Err(error) => {
            tracing::error!(code, field, %error, "personal data does not open: is the key the one it was sealed with?");
            None
        }
    }
}

impl Services {
    /// The households, support and income of a project that the caller may see, for the
    /// gender view; `None` when it may see no households there.
    async fn gender_records(
        &self,
        caller: &Caller,
        project: &shared::project::Project,
    ) -> Result<Option<GenderRecords>, Error> {
        let place = project_place(project);
        let communities =
            db::communities::list_for_project(&mut *self.db.conn().await?, project.id).await?;
        let sees =
            |community: i64| caller.may(Action::ViewHouseholds, &place.with_community(community));
        if !caller.may(Action::ViewHouseholds, &place) && !communities.iter().any(|c| sees(c.id)) {
            return Ok(None);
        }
        let households: Vec<Household> =
            db::households::list(&mut *self.db.conn().await?, project.id, None, None, None)
                .await?
                .into_iter()
                .map(|s| s.household)
                .filter(|h| sees(h.community_id))
                .collect();
        let support = db::agreements::support_for_project(&mut *self.db.conn().await?, project.id)
            .await?
            .into_values()
            .flatten()
            .collect();
        let income =
            db::visits::income_for_project(&mut *self.db.conn().await?, project.id).await?;
        Ok(Some((households, support, income)))
    }

    /// The household with its personal data opened when `reveal`.
    fn revealed(&self, stored: StoredHousehold, reveal: bool) -> Household {
        let mut household = stored.household;
        if reveal {
            household.personal = Some(PersonalData {
                name: open(
                    &self.sealer,
                    &household.code,
                    "name",
                    stored.name_sealed.as_deref(),
                ),
                phone: open(
                    &self.sealer,
                    &household.code,
                    "phone",
                    stored.phone_sealed.as_deref(),
                ),
            });
        }
        household
    }

    /// A household, where it sits, checked for `action`.
    pub(crate) async fn household_at(
        &self,
        caller: &Caller,
        id: i64,
        action: Action,
    ) -> Result<(StoredHousehold, Place, shared::project::Project), Error> {
        crate::service::signed_in(caller)?;
        let stored = db::households::get(&mut *self.db.conn().await?, id).await?;
        let project =
            db::projects::get(&mut *self.db.conn().await?, stored.household.project_id).await?;
        let place = project_place(&project).with_community(stored.household.community_id);
        if !caller.may(Action::ViewHouseholds, &place) {
            // Say nothing about households one may not see.
            return Err(
                if self.sees_project(caller, &project_place(&project)).await? {
                    Error::Forbidden
                } else {
                    Error::NotFound
                },
            );
        }
        authorize(caller, action, &place)?;
        Ok((stored, place, project))
    }

    /// Checks that the community is the project's and that the caller may register households
    /// in it.
    async fn check_community(
        &self,
        caller: &Caller,
        project: &shared::project::Project,
        household: &NewHousehold,
    ) -> Result<Place, Error> {
        let place = project_place(project).with_community(household.community_id);
        let community =
            match db::communities::get(&mut *self.db.conn().await?, household.community_id).await {
                Ok(c) if c.project_id == project.id => c,
                Ok(_) | Err(Error::NotFound) => {
                    return Err(Error::Invalid(vec![FieldError::new(
                        "community_id",
                        Problem::UnknownReference,
                    )]));
                }
                Err(error) => return Err(error),
            };
        authorize(
            caller,
            Action::EditHouseholds,
            &place.with_community(community.id),
        )?;
        Ok(place)
    }

    async fn record_personal_data_shown(
        &self,
        caller: &Caller,
        place: Place,
        summary: String,
    ) -> Result<(), Error> {
        self.log(
            &mut *self.db.conn().await?,
            caller,
            place,
            "view_personal_data",
            "household",
            None,
            summary,
            None,
            None,
        )
        .await
    }
}

impl Services {
    /// The households of a project the caller may see.
    pub async fn household_registry(
        &self,
        caller: &Caller,
        project_id: i64,
        filter: HouseholdFilter,
    ) -> Result<HouseholdRegistry, Error> {
        let (project, place) = self.visible_project(caller, project_id).await?;
        let communities: Vec<_> = self
            .list_communities(caller, project_id)
            .await?
            .into_iter()
            .filter(|c| caller.may(Action::ViewHouseholds, &place.with_community(c.id)))
            .collect();
        if communities.is_empty() && !caller.may(Action::ViewHouseholds, &place) {
            return Err(Error::Forbidden);
        }
        let community = match filter.community.trim() {
            "" => None,
            text => Some(
                text.parse::<i64>()
                    .ok()
                    .filter(|id| *id > 0)
                    .ok_or_else(|| {
                        Error::Invalid(vec![FieldError::new(
                            "community",
                            Problem::UnknownReference,
                        )])
                    })?,
            ),
        };
        let status = match filter.status.trim() {
            "" => None,
            code => Some(HouseholdStatus::from_code(code).ok_or_else(|| {
                Error::Invalid(vec![FieldError::new("status", Problem::UnknownChoice)])
            })?),
        };
        let code = match filter.code.trim() {
            "" => None,
            text => Some(parse_household_code("code", text).map_err(|e| Error::Invalid(vec![e]))?),
        };
        let stored = db::households::list(
            &mut *self.db.conn().await?,
            project_id,
            community,
            status,
            code.as_deref(),
        )
        .await?;
        let mut shown_personal = 0_usize;
        let households: Vec<Household> = stored
            .into_iter()
            .filter(|s| {
                caller.may(
                    Action::ViewHouseholds,
                    &place.with_community(s.household.community_id),
                )
            })
            .map(|s| {
                let reveal = caller.may(
                    Action::ViewPersonalData,
                    &place.with_community(s.household.community_id),
                );
                if reveal && (s.name_sealed.is_some() || s.phone_sealed.is_some()) {
                    shown_personal += 1;
                }
                self.revealed(s, reveal)
            })
            .collect();
        let shows_personal_data = communities
            .iter()
            .any(|c| caller.may(Action::ViewPersonalData, &place.with_community(c.id)));
        if shown_personal > 0 {
            self.record_personal_data_shown(
                caller,
                place,
                format!(
                    "Names or phone numbers of {shown_personal} households of project “{}” shown",
                    project.name
                ),
            )
            .await?;
        }
        let can_register_in = communities
            .iter()
            .filter(|c| caller.may(Action::EditHouseholds, &place.with_community(c.id)))
            .map(|c| c.id)
            .collect();
        Ok(HouseholdRegistry {
            households,
            communities,
            can_register_in,
            shows_personal_data,
        })
    }

    /// The gender view of a project's households that the caller may see.
    pub async fn project_gender(
        &self,
        caller: &Caller,
        project_id: i64,
    ) -> Result<GenderView, Error> {
        let (project, _) = self.visible_project(caller, project_id).await?;
        let (households, support, income) = self
            .gender_records(caller, &project)
            .await?
            .ok_or(Error::Forbidden)?;
        Ok(shared::gender::gender_view(&households, &support, &income))
    }

    /// The gender view of a program: its projects whose households the caller may see.
    pub async fn program_gender(
        &self,
        caller: &Caller,
        program_id: i64,
    ) -> Result<GenderView, Error> {
        let detail = self.get_program(caller, program_id).await?;
        let (mut households, mut support, mut income) = (Vec::new(), Vec::new(), Vec::new());
        let mut any = false;
        for summary in detail.projects {
            let project = db::projects::get(&mut *self.db.conn().await?, summary.id).await?;
            if let Some((h, s, i)) = self.gender_records(caller, &project).await? {
                any = true;
                households.extend(h);
                support.extend(s);
                income.extend(i);
            }
        }
        if !any {
            return Err(Error::Forbidden);
        }
        Ok(shared::gender::gender_view(&households, &support, &income))
    }

    /// One household with its history.
    pub async fn household(&self, caller: &Caller, id: i64) -> Result<HouseholdView, Error> {
        let (stored, place, project) = self
            .household_at(caller, id, Action::ViewHouseholds)
            .await?;
        let reveal = caller.may(Action::ViewPersonalData, &place);
        let has_personal = stored.name_sealed.is_some() || stored.phone_sealed.is_some();
        let household = self.revealed(stored, reveal);
        if reveal && has_personal {
            self.record_personal_data_shown(
                caller,
                place,
                format!("Name or phone number of household {} shown", household.code),
            )
            .await?;
        }
        let can_edit = caller.may(Action::EditHouseholds, &place);
        let (agreements, support) = self.household_agreements(id).await?;
        let project_place = project_place(&project);
        let communities = if can_edit {
            self.list_communities(caller, project.id)
                .await?
                .into_iter()
                .filter(|c| caller.may(Action::EditHouseholds, &project_place.with_community(c.id)))
                .collect()
        } else {
            Vec::new()
        };
        Ok(HouseholdView {
            detail: HouseholdDetail {
                history: db::households::history(&mut *self.db.conn().await?, id).await?,
                household,
            },
            can_edit,
            communities,
            plots: self.plots_of_household(caller, id, &place).await?,
            agreements,
            support,
            visits: self.household_visits(caller, id, &place).await?,
        })
    }

    /// Registers a household in one of the project's communities, with a new code.
    pub async fn register_household(
        &self,
        caller: &Caller,
        project_id: i64,
        form: HouseholdForm,
    ) -> Result<Household, Error> {
        let (project, _) = self.visible_project(caller, project_id).await?;
        let new = form.validate(crate::today()).map_err(Error::Invalid)?;
        let place = self.check_community(caller, &project, &new).await?;
        let by = RecordedBy {
            user_id: caller.user_id,
            name: &caller.display_name,
        };
        let mut tx = self.db.begin().await?;
        let mut id = None;
        for _ in 0..CODE_DRAWS {
            let Some(code) = household_code(random_bits()) else {
                continue;
            };
            let sealed = seal(&self.sealer, &code, &new.personal);
            id = db::households::insert(&mut tx, project_id, &code, &new, &sealed, &by).await?;
            if id.is_some() {
                break;
            }
        }
        let id = id.ok_or_else(|| {
            tracing::error!("no free household code after {CODE_DRAWS} draws");
            Error::Internal
        })?;
        let household = self.revealed(db::households::get(&mut tx, id).await?, true);
        let mut recorded = household.clone();
        recorded.personal = None;
        self.log(
            &mut tx,
            caller,
            place,
            "create",
            "household",
            Some(id),
            format!(
                "Household {} registered in {} (project “{}”)",
                household.code, household.community_name, project.name
            ),
            None,
            json(&recorded),
        )
        .await?;
        tx.commit().await?;
        Ok(household)
    }

    /// Changes a household's facts.
    pub async fn update_household(
        &self,
        caller: &Caller,
        id: i64,
        form: HouseholdForm,
    ) -> Result<Household, Error> {
        let (stored, place, project) = self
            .household_at(caller, id, Action::EditHouseholds)
            .await?;
        let new = form.validate(crate::today()).map_err(Error::Invalid)?;
        if new.community_id != stored.household.community_id {
            self.check_community(caller, &project, &new).await?;
        }
        let code = stored.household.code.clone();
        // Personal data only changes for callers who may see it; others keep what is stored.
        let sealed = if caller.may(Action::ViewPersonalData, &place) {
            let fresh = seal(&self.sealer, &code, &new.personal);
            // A stored value that does not open was shown empty: left empty, it stays as it
            // is (to open once its key is back), never sealed again as nothing.
            let keep = |field: &str, stored: &Option<String>, fresh: Option<String>| match stored {
                Some(old)
                    if fresh.is_none()
                        && self.sealer.open(&context(&code, field), old).is_err() =>
                {
                    Some(old.clone())
                }
                _ => fresh,
            };
            Sealed {
                name: keep("name", &stored.name_sealed, fresh.name),
                phone: keep("phone", &stored.phone_sealed, fresh.phone),
            }
        } else {
            Sealed {
                name: stored.name_sealed.clone(),
                phone: stored.phone_sealed.clone(),
            }
        };
        let mut tx = self.db.begin().await?;
        db::households::update(&mut tx, id, &new, &sealed).await?;
        let after = db::households::get(&mut tx, id).await?;
        let mut summary = format!("Household {code} changed (project “{}”)", project.name);
        if sealed.name.is_some() != stored.name_sealed.is_some()
            || sealed.phone.is_some() != stored.phone_sealed.is_some()
            || caller.may(Action::ViewPersonalData, &place)
                && (new.personal
                    != PersonalData {
                        name: open(&self.sealer, &code, "name", stored.name_sealed.as_deref()),
                        phone: open(&self.sealer, &code, "phone", stored.phone_sealed.as_deref()),
                    })
        {
            summary.push_str("; its personal data changed");
        }
        let reveal = caller.may(Action::ViewPersonalData, &place);
        self.log(
            &mut tx,
            caller,
            place,
            "update",
            "household",
            Some(id),
            summary,
            json(&stored.household),
            json(&after.household),
        )
        .await?;
        tx.commit().await?;
        Ok(self.revealed(after, reveal))
    }

    /// Records a change of a household's status.
    pub async fn change_household_status(
        &self,
        caller: &Caller,
        id: i64,
        form: StatusForm,
    ) -> Result<HouseholdDetail, Error> {
        let (stored, place, project) = self
            .household_at(caller, id, Action::EditHouseholds)
            .await?;
        let before = &stored.household;
        let change = form
            .validate(before.status, before.status_since, crate::today())
            .map_err(Error::Invalid)?;
        let by = RecordedBy {
            user_id: caller.user_id,
            name: &caller.display_name,
        };
        let mut tx = self.db.begin().await?;
        db::households::change_status(&mut tx, id, &change, &by).await?;
        let after = db::households::get(&mut tx, id).await?;
        self.log(
            &mut tx,
            caller,
            place,
            "status",
            "household",
            Some(id),
            format!(
                "Household {} {} → {} on {} (project “{}”)",
                before.code,
                before.status.code(),
                change.status.code(),
                change.changed_on,
                project.name
            ),
            json(&before.status),
            json(&change.status),
        )
        .await?;
        tx.commit().await?;
        let reveal = caller.may(Action::ViewPersonalData, &place);
        Ok(HouseholdDetail {
            household: self.revealed(after, reveal),
            history: db::households::history(&mut *self.db.conn().await?, id).await?,
        })
    }
}

/// 40 random bits for a household code.
fn random_bits() -> u64 {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    OsRng.next_u64()
}
