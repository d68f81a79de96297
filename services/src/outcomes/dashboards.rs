//! Dashboards: the records a donor report is worked out from, gathered for the projects the
//! caller may read, filtered by period, municipality and donor, and worked out by
//! [`shared::dashboard::dashboard`].

use crate::Error;
use crate::db;
use crate::outcomes::donor_reports::Covered;
use crate::service::{Services, authorize, program_place, project_place, signed_in};
use shared::auth::{Action, Caller, Place};
use shared::dashboard::{
    Dashboard, DashboardChoices, DashboardInput, DashboardKind, DashboardQuery, MAP_PLOTS_MAX,
    PlotLayer, dashboard,
};
use shared::donor_report::{ReportScope, ReportSpec};
use shared::funding_agreement::FundingAgreement;
use shared::i18n::Locale;
use shared::project::Project;

/// Whose dashboard, and what it may show.
struct Subject {
    kind: DashboardKind,
    id: i64,
    name: String,
    organisation: i64,
    projects: Vec<Project>,
    /// The agreements the caller may read, of these projects (or of the donor).
    agreements: Vec<FundingAgreement>,
    /// The donor, for a donor's dashboard.
    donor: Option<(i64, String)>,
    /// Whether plots are drawn on the map.
    plots: bool,
}

impl Services {
    /// The agreements earmarked for these projects or for their whole programs that the caller
    /// may read.
    async fn readable_agreements(
        &self,
        caller: &Caller,
        organisation: i64,
        projects: &[Project],
    ) -> Result<Vec<FundingAgreement>, Error> {
        let mut out: Vec<FundingAgreement> = Vec::new();
        for project in projects {
            let earmarked = db::funding::agreements(
                &mut *self.db.conn().await?,
                organisation,
                db::funding::AgreementFilter {
                    project: Some(project.id),
                    ..Default::default()
                },
            )
            .await?;
            let program_wide = db::funding::agreements(
                &mut *self.db.conn().await?,
                organisation,
                db::funding::AgreementFilter {
                    program: Some(project.program_id),
                    ..Default::default()
                },
            )
            .await?
            .into_iter()
            .filter(|a| a.earmark.project_id.is_none());
            for a in earmarked.into_iter().chain(program_wide) {
                let place = project_place(project).of_donor(Some(a.donor_id));
                if caller.may(Action::ViewFunding, &place) && !out.iter().any(|b| b.id == a.id) {
                    out.push(a);
                }
            }
        }
        out.sort_by(|a, b| a.start_date.cmp(&b.start_date).then(a.id.cmp(&b.id)));
        Ok(out)
    }

    async fn work_out_dashboard(
        &self,
        subject: Subject,
        query: &DashboardQuery,
        locale: Locale,
    ) -> Result<Dashboard, Error> {
        let Subject {
            kind,
            id,
            name,
            organisation,
            mut projects,
            mut agreements,
            donor,
            plots,
        } = subject;
        let mut municipalities = Vec::new();
        for p in &projects {
            for c in db::communities::list_for_project(&mut *self.db.conn().await?, p.id).await? {
                municipalities.extend(c.municipality);
            }
        }
        municipalities.sort();
        municipalities.dedup();
        let mut donors: Vec<(i64, String)> = Vec::new();
        if donor.is_none() {
            let funders = projects
                .iter()
                .flat_map(|p| p.donors.iter().map(|d| (d.id, d.name.clone())));
            let paying = agreements
                .iter()
                .map(|a| (a.donor_id, a.donor_name.clone()));
            for (id, name) in funders.chain(paying) {
                if !donors.iter().any(|(d, _)| *d == id) {
                    donors.push((id, name));
                }
            }
            donors.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
        }
        let choices = DashboardChoices {
            municipalities,
            donors,
        };
        let start = projects
            .iter()
            .map(|p| p.start_date)
            .min()
            .unwrap_or_else(crate::today);
        let end = projects
            .iter()
            .map(|p| p.end_date)
            .max()
            .unwrap_or_else(crate::today)
            .min(crate::today());
        let filter = query
            .validate(start, end, &choices)
            .map_err(Error::Invalid)?;
        let mut covered_donor = donor.clone();
        if let Some(d) = filter.donor_id {
            let funded = db::donors::project_ids(&mut *self.db.conn().await?, d).await?;
            projects.retain(|p| funded.contains(&p.id));
            agreements.retain(|a| a.donor_id == d);
            covered_donor = choices.donors.iter().find(|(i, _)| *i == d).cloned();
        }
        let spec = ReportSpec {
            title: name.clone(),
            scope: if covered_donor.is_some() {
                ReportScope::Donor
            } else {
                ReportScope::Projects
            },
            donor_id: covered_donor.as_ref().map(|(d, _)| *d),
            agreement_id: None,
            project_ids: projects.iter().map(|p| p.id).collect(),
            period_start: filter.from,
            period_end: filter.until,
            language: locale,
        };
        let covered = Covered {
            donor: covered_donor,
            projects,
            agreements,
        };
        let report = self
            .report_input(organisation, &spec, &covered, Vec::new())
            .await?;
        let mut plans = Vec::new();
        for p in &covered.projects {
            plans.extend(db::livelihood::list(&mut *self.db.conn().await?, Some(p.id)).await?);
        }
        let mut layer = PlotLayer::default();
        if plots && kind != DashboardKind::Donor {
            // The plots of the communities the region filter keeps, drawn when few enough.
            let kept: Vec<&shared::digest::RecordsDigest> = report
                .projects
                .iter()
                .flat_map(|p| {
                    p.digests.iter().filter(|d| {
                        filter.municipality.is_none()
                            || p.communities.iter().any(|c| {
                                c.id == d.community_id && c.municipality == filter.municipality
                            })
                    })
                })
                .map(|d| &**d)
                .collect();
            let count: u64 = kept.iter().map(|d| d.plots).sum();
            if count > MAP_PLOTS_MAX as u64 {
                layer.left_out = count;
            } else {
                for d in kept {
                    layer.points.extend(
                        db::plots::points_for_community(
                            &mut *self.db.conn().await?,
                            d.community_id,
                        )
                        .await?,
                    );
                    layer.records.extend(
                        db::records::for_scope(
                            &mut *self.db.conn().await?,
                            db::records::Scope::Community(d.community_id),
                            "",
                        )
                        .await?
                        .plots,
                    );
                }
            }
        }
        Ok(dashboard(DashboardInput {
            kind,
            id,
            subject: name,
            filter,
            choices,
            report,
            plans,
            plots: layer,
        }))
    }
}

impl Services {
    /// A program's dashboard over the projects whose households the caller may see.
    pub async fn program_dashboard(
        &self,
        caller: &Caller,
        program_id: i64,
        query: &DashboardQuery,
        locale: Locale,
    ) -> Result<Dashboard, Error> {
        let detail = self.get_program(caller, program_id).await?;
        let program = db::programs::get(&mut *self.db.conn().await?, program_id).await?;
        let mut projects = Vec::new();
        for summary in &detail.projects {
            let project = db::projects::get(&mut *self.db.conn().await?, summary.id).await?;
            if caller.may(Action::ViewHouseholds, &project_place(&project)) {
                projects.push(project);
            }
        }
        if projects.is_empty() {
            // A program without projects yet reads as empty to who may read its households;
            // to anyone else it is not theirs to read.
            authorize(caller, Action::ViewHouseholds, &program_place(&program))?;
        }
        let plots = projects
            .iter()
            .all(|p| caller.may(Action::ViewPersonalData, &project_place(p)));
        let organisation = program.organisation_id.ok_or(Error::NotFound)?;
        let agreements = self
            .readable_agreements(caller, organisation, &projects)
            .await?;
        self.work_out_dashboard(
            Subject {
                kind: DashboardKind::Program,
                id: program_id,
                name: program.name,
                organisation,
                projects,
                agreements,
                donor: None,
                plots,
            },
            query,
            locale,
        )
        .await
    }

    /// A project's dashboard.
    pub async fn project_dashboard(
        &self,
        caller: &Caller,
        project_id: i64,
        query: &DashboardQuery,
        locale: Locale,
    ) -> Result<Dashboard, Error> {
        let (project, place) = self.visible_project(caller, project_id).await?;
        authorize(caller, Action::ViewHouseholds, &place)?;
        let organisation = project.organisation_id.ok_or(Error::NotFound)?;
        let plots = caller.may(Action::ViewPersonalData, &place);
        let agreements = self
            .readable_agreements(caller, organisation, std::slice::from_ref(&project))
            .await?;
        self.work_out_dashboard(
            Subject {
                kind: DashboardKind::Project,
                id: project_id,
                name: project.name.clone(),
                organisation,
                projects: vec![project],
                agreements,
                donor: None,
                plots,
            },
            query,
            locale,
        )
        .await
    }

    /// A donor's dashboard over the projects it funds.
    pub async fn donor_dashboard(
        &self,
        caller: &Caller,
        donor_id: i64,
        query: &DashboardQuery,
        locale: Locale,
    ) -> Result<Dashboard, Error> {
        signed_in(caller)?;
        let donor = db::donors::get(&mut *self.db.conn().await?, donor_id).await?;
        if caller.organisation_id != Some(donor.organisation_id) {
            return Err(Error::NotFound);
        }
        authorize(
            caller,
            Action::ViewFunding,
            &Place::organisation(donor.organisation_id).of_donor(Some(donor_id)),
        )?;
        let mut projects = Vec::new();
        for id in db::donors::project_ids(&mut *self.db.conn().await?, donor_id).await? {
            let project = db::projects::get(&mut *self.db.conn().await?, id).await?;
            if project.organisation_id == Some(donor.organisation_id) {
                projects.push(project);
            }
        }
        projects.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        let agreements = db::funding::agreements(
            &mut *self.db.conn().await?,
            donor.organisation_id,
            db::funding::AgreementFilter {
                donor: Some(donor_id),
                ..Default::default()
            },
        )
        .await?;
        self.work_out_dashboard(
            Subject {
                kind: DashboardKind::Donor,
                id: donor_id,
                name: donor.name.clone(),
                organisation: donor.organisation_id,
                projects,
                agreements,
                donor: Some((donor_id, donor.name)),
                plots: false,
            },
            query,
            locale,
        )
        .await
    }
}
