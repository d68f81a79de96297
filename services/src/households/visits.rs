//! Monitoring visits. Rights are those of the visited household (its community). A visit writes
//! what it saw growing on each plot into the plot's history (a field verification), checked
//! against the plot's area like any other record; its GPS position is personal data: answered
//! only to callers who may see personal data there, never written to the audit trail.

use crate::Error;
use crate::db::{self, households::RecordedBy};
use crate::service::{Services, json};
use shared::activity::{ActivityReport, ProjectReports, ReportForm, total_attendance};
use shared::auth::{Action, Caller, Place};
use shared::baseline::BaselineSource;
use shared::plot::{Plot, PlotUse, fits_plot};
use shared::validation::{FieldError, Problem};
use shared::visit::{NewVisit, Visit, VisitForm};

/// The visit as the caller may see it: without its position unless personal data may be seen.
fn as_seen(mut visit: Visit, caller: &Caller, place: &Place) -> Visit {
    if !caller.may(Action::ViewPersonalData, place) {
        visit.visit.location = None;
    }
    visit
}

/// What the visit records as growing on each plot, each record checked against the plot's area
/// with what is already recorded that day; a record that does not fit is an error on its row.
async fn plot_records(
    services: &Services,
    visit: &NewVisit,
    form: &VisitForm,
    plots: &[Plot],
) -> Result<Vec<(i64, PlotUse)>, Error> {
    let mut records = Vec::new();
    let mut errors = Vec::new();
    for row in &visit.plots {
        let Some(plot) = plots.iter().find(|p| p.id == row.plot_id) else {
            continue;
        };
        // The row's index in the form, for the error's field.
        let index = form
            .plots
            .iter()
            .position(|r| r.plot_id.trim() == row.plot_id.to_string())
            .unwrap_or(0);
        let mut kept: Vec<PlotUse> = db::plots::uses(&mut *services.db.conn().await?, plot.id)
            .await?
            .into_iter()
            .map(|u| u.record)
            .collect();
        for (crop, hectares) in row.grows() {
            let record = PlotUse {
                observed_on: visit.visited_on,
                crop,
                hectares,
                source: BaselineSource::FieldVerification,
                note: None,
            };
            match fits_plot(plot.reference_hectares(), &kept, &record) {
                Ok(()) => {
                    kept.retain(|u| !(u.observed_on == record.observed_on && u.crop == crop));
                    kept.push(record.clone());
                    records.push((plot.id, record));
                }
                Err(error) => {
                    let field = if crop.is_illicit() {
                        "illicit_hectares"
                    } else {
                        "surviving_hectares"
                    };
                    errors.push(FieldError::new(
                        format!("plots[{index}].{field}"),
                        error.problem,
                    ));
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(records)
    } else {
        Err(Error::Invalid(errors))
    }
}

impl Services {
    /// A household's visits as the caller may see them, for its page.
    pub(crate) async fn household_visits(
        &self,
        caller: &Caller,
        household_id: i64,
        place: &Place,
    ) -> Result<Vec<Visit>, Error> {
        Ok(
            db::visits::list_for_household(&mut *self.db.conn().await?, household_id)
                .await?
                .into_iter()
                .map(|v| as_seen(v, caller, place))
                .collect(),
        )
    }
}

impl Services {
    /// Records a monitoring visit to a household, and what it saw growing into the plots'
    /// history. Answers the visit and whether it is new: an entry the device already sent (same
    /// client id) is answered as stored, not stored again.
    pub async fn record_visit(
        &self,
        caller: &Caller,
        household_id: i64,
        form: VisitForm,
    ) -> Result<(Visit, bool), Error> {
        let (household, place, project) = self
            .household_at(caller, household_id, Action::EditHouseholds)
            .await?;
        // An entry sent again is answered as stored, without checking it anew.
        if let Some(existing) = match form.client_id.trim() {
            "" => None,
            id => db::visits::by_client_id(&mut *self.db.conn().await?, id).await?,
        } {
            let stored = db::visits::get(&mut *self.db.conn().await?, existing).await?;
            if stored.household_id != household_id {
                return Err(Error::Invalid(vec![FieldError::new(
                    "client_id",
                    Problem::InvalidClientId,
                )]));
            }
            return Ok((as_seen(stored, caller, &place), false));
        }
        let plots =
            db::plots::list_for_household(&mut *self.db.conn().await?, household_id).await?;
        let plot_ids: Vec<i64> = plots.iter().map(|p| p.id).collect();
        let visit = form
            .validate(&plot_ids, crate::latest_day_anywhere())
            .map_err(Error::Invalid)?;
        let records = plot_records(self, &visit, &form, &plots).await?;
        let by = RecordedBy {
            user_id: caller.user_id,
            name: &caller.display_name,
        };
        let mut tx = self.db.begin().await?;
        let (id, created) =
            db::visits::insert(&mut tx, household_id, &visit, &records, &by).await?;
        let stored = db::visits::get(&mut tx, id).await?;
        if created {
            let mut recorded = stored.visit.clone();
            recorded.location = None;
            self.log(&mut tx,
                caller,
                place,
                "create",
                "visit",
                Some(id),
                format!(
                    "Monitoring visit to household {} on {}: {} plots, {} ha illicit, {} ha licit surviving (project “{}”)",
                    household.household.code,
                    visit.visited_on,
                    stored.visit.plots.len(),
                    stored.illicit_hectares(),
                    stored.surviving_hectares(),
                    project.name
                ),
                None,
                json(&recorded),
            )
            .await?;
            tx.commit().await?;
        }
        Ok((as_seen(stored, caller, &place), created))
    }

    /// A new entry id for a visit form (128 random bits as 32 hexadecimal digits): the form
    /// sends it with the visit, so a form sent twice stores one visit.
    pub fn new_entry_id(&self) -> String {
        use argon2::password_hash::rand_core::{OsRng, RngCore};
        let mut bytes = [0_u8; 16];
        OsRng.fill_bytes(&mut bytes);
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The activity reports of a project's communities that the caller may see, with their
    /// attendance added up.
    pub async fn project_reports(
        &self,
        caller: &Caller,
        project_id: i64,
    ) -> Result<ProjectReports, Error> {
        let (_, place) = self.visible_project(caller, project_id).await?;
        let communities = self.list_communities(caller, project_id).await?;
        let sees =
            |community: i64| caller.may(Action::ViewHouseholds, &place.with_community(community));
        if !communities.iter().any(|c| sees(c.id)) && !caller.may(Action::ViewHouseholds, &place) {
            return Err(Error::Forbidden);
        }
        let reports: Vec<ActivityReport> =
            db::activity::list_for_project(&mut *self.db.conn().await?, project_id)
                .await?
                .into_iter()
                .filter(|r| sees(r.report.community_id))
                .collect();
        Ok(ProjectReports {
            attendance: total_attendance(&reports).cells(),
            reports,
            can_report_in: communities
                .iter()
                .filter(|c| caller.may(Action::EditHouseholds, &place.with_community(c.id)))
                .map(|c| (c.id, c.name.clone()))
                .collect(),
        })
    }

    /// Records an activity report in one of a project's communities.
    pub async fn record_report(
        &self,
        caller: &Caller,
        project_id: i64,
        form: ReportForm,
    ) -> Result<ActivityReport, Error> {
        let (project, place) = self.visible_project(caller, project_id).await?;
        let report = form
            .validate(crate::latest_day_anywhere())
            .map_err(Error::Invalid)?;
        let community =
            match db::communities::get(&mut *self.db.conn().await?, report.community_id).await {
                Ok(c) if c.project_id == project_id => c,
                Ok(_) | Err(Error::NotFound) => {
                    return Err(Error::Invalid(vec![FieldError::new(
                        "community_id",
                        Problem::UnknownReference,
                    )]));
                }
                Err(error) => return Err(error),
            };
        let place = place.with_community(community.id);
        crate::service::authorize(caller, Action::EditHouseholds, &place)?;
        let by = RecordedBy {
            user_id: caller.user_id,
            name: &caller.display_name,
        };
        let mut tx = self.db.begin().await?;
        let id = db::activity::insert(&mut tx, &report, &by).await?;
        let stored = db::activity::get(&mut tx, id).await?;
        self.log(
            &mut tx,
            caller,
            place,
            "create",
            "activity_report",
            Some(id),
            format!(
                "{} “{}” in {} on {}: {} attending (project “{}”)",
                report.kind.code(),
                report.title,
                community.name,
                report.held_on,
                stored.attendance_total,
                project.name
            ),
            None,
            json(&report),
        )
        .await?;
        tx.commit().await?;
        Ok(stored)
    }

    /// One report.
    pub async fn report(&self, caller: &Caller, id: i64) -> Result<ActivityReport, Error> {
        crate::service::signed_in(caller)?;
        let report = db::activity::get(&mut *self.db.conn().await?, id).await?;
        let (_, place) = self.visible_project(caller, report.project_id).await?;
        crate::service::authorize(
            caller,
            Action::ViewHouseholds,
            &place.with_community(report.report.community_id),
        )?;
        Ok(report)
    }

    /// One visit.
    pub async fn visit(&self, caller: &Caller, id: i64) -> Result<Visit, Error> {
        crate::service::signed_in(caller)?;
        let visit = db::visits::get(&mut *self.db.conn().await?, id).await?;
        let (_, place, _) = self
            .household_at(caller, visit.household_id, Action::ViewHouseholds)
            .await?;
        Ok(as_seen(visit, caller, &place))
    }
}
