//! Donor reports: a request (a donor, an agreement or projects, and a period) resolved to the
//! projects and agreements it covers, the records gathered, and the report worked out by
//! `shared::donor_report`. Making, writing and issuing one needs `publish_reports` on every
//! project it covers; an issued report is read back exactly as it was issued, by the same
//! people and by the viewers of its donor.

use crate::Error;
use crate::db;
use crate::service::{Services, project_place, signed_in};
use shared::auth::{Action, Caller, Place};
use shared::donor_report::{
    AgreementRecords, DonorReport, Issued, NarrativesForm, ProjectRecords, ReportChoices,
    ReportForm, ReportInput, ReportList, ReportProject, ReportScope, ReportSpec, ReportSummaryRow,
    SavedReport, donor_report,
};
use shared::funding_agreement::FundingAgreement;
use shared::fx::RateTable;
use shared::project::Project;
use shared::validation::{FieldError, Problem};

fn invalid(field: &str, problem: Problem) -> Error {
    Error::Invalid(vec![FieldError::new(field, problem)])
}

/// What a request covers.
pub(crate) struct Covered {
    pub(crate) donor: Option<(i64, String)>,
    pub(crate) projects: Vec<Project>,
    pub(crate) agreements: Vec<FundingAgreement>,
}

impl Services {
    fn report_organisation(caller: &Caller) -> Result<i64, Error> {
        signed_in(caller)?;
        caller.organisation_id.ok_or(Error::Forbidden)
    }

    /// The projects and agreements a request covers, each of the caller's organisation; a
    /// donor, agreement or project that is not is a field error.
    async fn covered(&self, organisation: i64, spec: &ReportSpec) -> Result<Covered, Error> {
        let mut project_ids: Vec<i64> = Vec::new();
        let mut agreements: Vec<FundingAgreement> = Vec::new();
        let mut donor = None;
        match spec.scope {
            ReportScope::Donor => {
                let id = spec
                    .donor_id
                    .ok_or_else(|| invalid("donor_id", Problem::Required))?;
                let found = match db::donors::get(&mut *self.db.conn().await?, id).await {
                    Ok(d) if d.organisation_id == organisation => d,
                    Ok(_) | Err(Error::NotFound) => {
                        return Err(invalid("donor_id", Problem::UnknownChoice));
                    }
                    Err(e) => return Err(e),
                };
                project_ids = db::donors::project_ids(&mut *self.db.conn().await?, id).await?;
                agreements = db::funding::agreements(
                    &mut *self.db.conn().await?,
                    organisation,
                    db::funding::AgreementFilter {
                        donor: Some(id),
                        ..Default::default()
                    },
                )
                .await?;
                donor = Some((id, found.name));
            }
            ReportScope::Agreement => {
                let id = spec
                    .agreement_id
                    .ok_or_else(|| invalid("agreement_id", Problem::Required))?;
                let agreement = match db::funding::agreement(&mut *self.db.conn().await?, id).await
                {
                    Ok(a) if a.organisation_id == organisation => a,
                    Ok(_) | Err(Error::NotFound) => {
                        return Err(invalid("agreement_id", Problem::UnknownChoice));
                    }
                    Err(e) => return Err(e),
                };
                project_ids = match agreement.earmark.project_id {
                    Some(project) => vec![project],
                    None => db::projects::list_for_program(
                        &mut *self.db.conn().await?,
                        agreement.earmark.program_id,
                    )
                    .await?
                    .into_iter()
                    .map(|p| p.id)
                    .collect(),
                };
                donor = Some((agreement.donor_id, agreement.donor_name.clone()));
                agreements.push(agreement);
            }
            ReportScope::Projects => {
                for id in &spec.project_ids {
                    project_ids.push(*id);
                    for a in db::funding::agreements(
                        &mut *self.db.conn().await?,
                        organisation,
                        db::funding::AgreementFilter {
                            project: Some(*id),
                            ..Default::default()
                        },
                    )
                    .await?
                    {
                        if !agreements.iter().any(|b| b.id == a.id) {
                            agreements.push(a);
                        }
                    }
                }
            }
        }
        project_ids.sort_unstable();
        project_ids.dedup();
        let mut projects = Vec::new();
        for id in project_ids {
            let project = match db::projects::get(&mut *self.db.conn().await?, id).await {
                Ok(p) if p.organisation_id == Some(organisation) => p,
                Ok(_) | Err(Error::NotFound) => {
                    return Err(invalid("project_ids", Problem::UnknownChoice));
                }
                Err(e) => return Err(e),
            };
            projects.push(project);
        }
        projects.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        agreements.sort_by(|a, b| a.start_date.cmp(&b.start_date).then(a.id.cmp(&b.id)));
        Ok(Covered {
            donor,
            projects,
            agreements,
        })
    }

    /// Whether the caller may make and write a report covering these projects.
    fn may_publish(caller: &Caller, organisation: i64, projects: &[Project]) -> bool {
        if projects.is_empty() {
            caller.may(Action::PublishReports, &Place::organisation(organisation))
        } else {
            projects
                .iter()
                .all(|p| caller.may(Action::PublishReports, &project_place(p)))
        }
    }

    /// Whether the caller may publish reports of every one of these stored projects.
    async fn may_publish_ids(
        &self,
        caller: &Caller,
        organisation: i64,
        ids: &[i64],
    ) -> Result<bool, Error> {
        let mut projects = Vec::new();
        for id in ids {
            match db::projects::get(&mut *self.db.conn().await?, *id).await {
                Ok(p) => projects.push(p),
                Err(Error::NotFound) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(Self::may_publish(caller, organisation, &projects))
    }

    /// Whether the caller reads this donor's issued reports as its viewer.
    fn donor_viewer_of(caller: &Caller, organisation: i64, donor: Option<i64>) -> bool {
        donor.is_some_and(|d| {
            caller.may(
                Action::ViewFunding,
                &Place::organisation(organisation).of_donor(Some(d)),
            )
        })
    }

    /// Why an issued report cannot be written: it is locked for who could have written it, and
    /// not the caller's to write otherwise.
    async fn not_writable(&self, caller: &Caller, saved: &SavedReport) -> Result<Error, Error> {
        let organisation = Self::report_organisation(caller)?;
        let ids: Vec<i64> = saved.report.projects.iter().map(|p| p.id).collect();
        Ok(if self.may_publish_ids(caller, organisation, &ids).await? {
            invalid("report", Problem::PeriodLocked)
        } else {
            Error::Forbidden
        })
    }

    /// Gathers the records and works the report out now.
    async fn work_out(
        &self,
        organisation: i64,
        spec: &ReportSpec,
        covered: &Covered,
        narratives: Vec<shared::donor_report::Narrative>,
    ) -> Result<DonorReport, Error> {
        Ok(donor_report(
            &self
                .report_input(organisation, spec, covered, narratives)
                .await?,
        ))
    }

    /// Gathers the records a report (or a dashboard) of these projects and agreements is
    /// worked out from.
    pub(crate) async fn report_input(
        &self,
        organisation: i64,
        spec: &ReportSpec,
        covered: &Covered,
        narratives: Vec<shared::donor_report::Narrative>,
    ) -> Result<ReportInput, Error> {
        let mut projects = Vec::new();
        for project in &covered.projects {
            let communities =
                db::communities::list_for_project(&mut *self.db.conn().await?, project.id).await?;
            let mut municipalities: Vec<String> = communities
                .iter()
                .filter_map(|c| c.municipality.clone())
                .collect();
            municipalities.sort();
            municipalities.dedup();
            let area = db::areas::get(&mut *self.db.conn().await?, project.id)
                .await?
                .and_then(|a| shared::geometry::Area::from_stored(&a.geometry.to_string()))
                .map(|a| {
                    let map = a.map_area(project.name.clone());
                    shared::donor_report::ReportArea {
                        label: map.label,
                        polygons: map.polygons,
                    }
                });
            let mut indicators = Vec::new();
            for indicator in
                db::results::list_indicators(&mut *self.db.conn().await?, project.id).await?
            {
                let revisions =
                    db::actuals::list_for_indicator(&mut *self.db.conn().await?, indicator.id)
                        .await?;
                indicators.push((indicator, revisions));
            }
            projects.push(ProjectRecords {
                project: ReportProject {
                    id: project.id,
                    name: project.name.clone(),
                    country: project.country.clone(),
                    start_date: project.start_date,
                    end_date: project.end_date,
                    municipalities,
                    communities: u32::try_from(communities.len()).unwrap_or(u32::MAX),
                },
                digests: db::digests::for_project(&self.db, project.id).await?,
                results: db::results::list_results(&mut *self.db.conn().await?, project.id).await?,
                indicators,
                currency: project.currency.clone(),
                area,
                communities: communities
                    .iter()
                    .map(|c| shared::donor_report::CommunityPlace {
                        id: c.id,
                        municipality: c.municipality.clone(),
                        point: c.longitude.zip(c.latitude),
                    })
                    .collect(),
            });
        }
        let mut agreements = Vec::new();
        for agreement in &covered.agreements {
            agreements.push(AgreementRecords {
                tranches: db::funding::tranches(&mut *self.db.conn().await?, agreement.id).await?,
                transactions: db::funding::transactions(
                    &mut *self.db.conn().await?,
                    organisation,
                    db::funding::TransactionFilter {
                        agreement: Some(agreement.id),
                        ..Default::default()
                    },
                )
                .await?,
                agreement: agreement.clone(),
            });
        }
        let organisation_name = db::organisations::get(&mut *self.db.conn().await?, organisation)
            .await?
            .name;
        Ok(ReportInput {
            spec: spec.clone(),
            organisation: organisation_name,
            donor: covered.donor.as_ref().map(|(_, name)| name.clone()),
            projects,
            agreements,
            rates: RateTable::new(db::rates::all(&mut *self.db.conn().await?, organisation).await?),
            narratives,
            now: chrono::Utc::now(),
        })
    }

    /// A saved report as the caller may read it.
    async fn saved(&self, caller: &Caller, id: i64) -> Result<SavedReport, Error> {
        let organisation = Self::report_organisation(caller)?;
        let stored = db::donor_reports::get(&mut *self.db.conn().await?, id).await?;
        if stored.organisation_id != organisation {
            return Err(Error::NotFound);
        }
        if let Some(report) = stored.issued {
            let reads = self
                .may_publish_ids(caller, organisation, &stored.project_ids)
                .await?
                || Self::donor_viewer_of(caller, organisation, stored.donor_id);
            if !reads {
                return Err(Error::Forbidden);
            }
            return Ok(SavedReport {
                id,
                report,
                can_edit: false,
            });
        }
        let covered = self.covered(organisation, &stored.spec).await?;
        if !Self::may_publish(caller, organisation, &covered.projects) {
            return Err(Error::Forbidden);
        }
        let report = self
            .work_out(organisation, &stored.spec, &covered, stored.narratives)
            .await?;
        Ok(SavedReport {
            id,
            report,
            can_edit: true,
        })
    }
}

impl Services {
    /// What the new-report form offers: the donors, agreements and projects the caller may
    /// report on.
    pub async fn report_choices(&self, caller: &Caller) -> Result<ReportChoices, Error> {
        let organisation = Self::report_organisation(caller)?;
        if !caller.may_somewhere(Action::PublishReports) {
            return Err(Error::Forbidden);
        }
        let mut choices = ReportChoices::default();
        for program in self.list_programs(caller).await? {
            for summary in
                db::projects::list_for_program(&mut *self.db.conn().await?, program.id).await?
            {
                let project = db::projects::get(&mut *self.db.conn().await?, summary.id).await?;
                if project.organisation_id == Some(organisation)
                    && caller.may(Action::PublishReports, &project_place(&project))
                {
                    choices.projects.push((project.id, project.name));
                }
            }
        }
        choices.projects.sort_by(|a, b| a.1.cmp(&b.1));
        choices.donors = db::donors::list(&mut *self.db.conn().await?, Some(organisation))
            .await?
            .into_iter()
            .map(|d| (d.id, d.name))
            .collect();
        choices.agreements = db::funding::agreements(
            &mut *self.db.conn().await?,
            organisation,
            Default::default(),
        )
        .await?
        .into_iter()
        .map(|a| (a.id, format!("{} — {}", a.title, a.donor_name)))
        .collect();
        Ok(choices)
    }

    /// The saved reports the caller may read, newest first.
    pub async fn list_reports(&self, caller: &Caller) -> Result<ReportList, Error> {
        let organisation = Self::report_organisation(caller)?;
        let mut reports = Vec::new();
        for (stored, issued_at) in
            db::donor_reports::list(&mut *self.db.conn().await?, organisation).await?
        {
            let reads = self
                .may_publish_ids(caller, organisation, &stored.project_ids)
                .await?
                || (issued_at.is_some()
                    && Self::donor_viewer_of(caller, organisation, stored.donor_id));
            if !reads {
                continue;
            }
            reports.push(ReportSummaryRow {
                id: stored.id,
                title: stored.spec.title.clone(),
                scope: stored.spec.scope,
                period_start: stored.spec.period_start,
                period_end: stored.spec.period_end,
                issued_at,
                created_by: stored.created_by_name,
            });
        }
        Ok(ReportList {
            reports,
            can_create: caller.may_somewhere(Action::PublishReports),
        })
    }

    /// Validates and saves a new draft report; its id.
    pub async fn create_report(&self, caller: &Caller, form: ReportForm) -> Result<i64, Error> {
        let organisation = Self::report_organisation(caller)?;
        if !caller.may_somewhere(Action::PublishReports) {
            return Err(Error::Forbidden);
        }
        let spec = form.validate().map_err(Error::Invalid)?;
        let covered = self.covered(organisation, &spec).await?;
        if !Self::may_publish(caller, organisation, &covered.projects) {
            return Err(Error::Forbidden);
        }
        let ids: Vec<i64> = covered.projects.iter().map(|p| p.id).collect();
        let mut tx = self.db.begin().await?;
        let id = db::donor_reports::insert(
            &mut tx,
            organisation,
            &spec,
            covered.donor.as_ref().map(|(id, _)| *id),
            &ids,
            caller.user_id,
            &caller.display_name,
        )
        .await?;
        self.log(
            &mut tx,
            caller,
            Place::organisation(organisation).of_donor(covered.donor.as_ref().map(|d| d.0)),
            "create",
            "donor_report",
            Some(id),
            format!(
                "Donor report \"{}\" started ({} to {}, {} projects)",
                spec.title,
                spec.period_start,
                spec.period_end,
                ids.len()
            ),
            None,
            serde_json::to_string(&spec).ok(),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// A saved report: a draft worked out now, an issued one as issued.
    pub async fn get_report(&self, caller: &Caller, id: i64) -> Result<SavedReport, Error> {
        self.saved(caller, id).await
    }

    /// A saved report to be written out as a file in `format` (recorded in the audit trail).
    pub async fn export_report(
        &self,
        caller: &Caller,
        id: i64,
        format: &str,
    ) -> Result<SavedReport, Error> {
        let saved = self.saved(caller, id).await?;
        let organisation = Self::report_organisation(caller)?;
        self.log(
            &mut *self.db.conn().await?,
            caller,
            Place::organisation(organisation),
            "export",
            "donor_report",
            Some(id),
            format!(
                "Donor report \"{}\" written as {format}{}",
                saved.report.spec.title,
                if saved.report.issued.is_some() {
                    " (as issued)"
                } else {
                    " (draft)"
                }
            ),
            None,
            None,
        )
        .await?;
        Ok(saved)
    }

    /// Saves a draft's narratives.
    pub async fn save_narratives(
        &self,
        caller: &Caller,
        id: i64,
        form: NarrativesForm,
    ) -> Result<SavedReport, Error> {
        let mut before = self.saved(caller, id).await?;
        if !before.can_edit {
            return Err(self.not_writable(caller, &before).await?);
        }
        let narratives = form.validate().map_err(Error::Invalid)?;
        let ids: Vec<i64> = before.report.projects.iter().map(|p| p.id).collect();
        let mut tx = self.db.begin().await?;
        if !db::donor_reports::save_narratives(&mut tx, id, &narratives, &ids).await? {
            return Err(invalid("report", Problem::PeriodLocked));
        }
        let organisation = Self::report_organisation(caller)?;
        self.log(
            &mut tx,
            caller,
            Place::organisation(organisation),
            "update",
            "donor_report",
            Some(id),
            format!(
                "Narratives of donor report \"{}\" saved",
                before.report.spec.title
            ),
            serde_json::to_string(&before.report.narratives).ok(),
            serde_json::to_string(&narratives).ok(),
        )
        .await?;
        tx.commit().await?;
        // The figures were just worked out; only the narratives changed.
        before.report.narratives = narratives;
        Ok(before)
    }

    /// Issues a draft: from now on it reopens exactly as it is.
    pub async fn issue_report(&self, caller: &Caller, id: i64) -> Result<SavedReport, Error> {
        let mut saved = self.saved(caller, id).await?;
        if !saved.can_edit {
            return Err(self.not_writable(caller, &saved).await?);
        }
        // `can_edit`: the caller may publish reports of every project the draft covers.
        let organisation = Self::report_organisation(caller)?;
        saved.report.issued = Some(Issued {
            at: chrono::Utc::now(),
            by: caller.display_name.clone(),
        });
        let mut tx = self.db.begin().await?;
        if !db::donor_reports::issue(&mut tx, id, &saved.report, &caller.display_name).await? {
            return Err(invalid("report", Problem::PeriodLocked));
        }
        self.log(
            &mut tx,
            caller,
            Place::organisation(organisation),
            "issue",
            "donor_report",
            Some(id),
            format!("Donor report \"{}\" issued", saved.report.spec.title),
            None,
            None,
        )
        .await?;
        tx.commit().await?;
        self.saved(caller, id).await
    }
}
