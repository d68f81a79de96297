//! Outcomes over time, from the field records of the projects the caller may read them of.

use crate::Error;
use crate::db;
use crate::service::{Services, authorize, program_place, project_place};
use shared::auth::{Action, Caller};
use shared::computed::RecordFacts;
use shared::outcomes::OutcomeSeries;

impl Services {
    /// A project's series, from its start to today (or its end).
    pub async fn project_outcomes(
        &self,
        caller: &Caller,
        project_id: i64,
    ) -> Result<OutcomeSeries, Error> {
        let (project, place) = self.visible_project(caller, project_id).await?;
        authorize(caller, Action::ViewHouseholds, &place)?;
        let facts =
            db::records::for_project(&mut *self.db.conn().await?, project.id, &project.currency)
                .await?;
        Ok(OutcomeSeries::of(
            &project.name,
            project.start_date,
            crate::today().min(project.end_date),
            &facts.plots,
            &facts.agreements,
        ))
    }

    /// A program's series over the projects whose households the caller may see.
    pub async fn program_outcomes(
        &self,
        caller: &Caller,
        program_id: i64,
    ) -> Result<OutcomeSeries, Error> {
        let detail = self.get_program(caller, program_id).await?;
        let mut all = RecordFacts::default();
        let (mut from, mut until) = (None, None);
        for summary in detail.projects {
            let project = db::projects::get(&mut *self.db.conn().await?, summary.id).await?;
            if !caller.may(Action::ViewHouseholds, &project_place(&project)) {
                continue;
            }
            let facts = db::records::for_project(
                &mut *self.db.conn().await?,
                project.id,
                &project.currency,
            )
            .await?;
            all.plots.extend(facts.plots);
            all.agreements.extend(facts.agreements);
            from = Some(from.map_or(project.start_date, |f: chrono::NaiveDate| {
                f.min(project.start_date)
            }));
            until = Some(until.map_or(project.end_date, |u: chrono::NaiveDate| {
                u.max(project.end_date)
            }));
        }
        let (Some(from), Some(until)) = (from, until) else {
            // No project counted: a program without projects yet reads as empty to who may
            // read its households; to anyone else it is not theirs to read.
            let program = db::programs::get(&mut *self.db.conn().await?, program_id).await?;
            authorize(caller, Action::ViewHouseholds, &program_place(&program))?;
            return Ok(OutcomeSeries::of(
                &detail.program.name,
                crate::today(),
                crate::today(),
                &[],
                &[],
            ));
        };
        Ok(OutcomeSeries::of(
            &detail.program.name,
            from,
            crate::today().min(until),
            &all.plots,
            &all.agreements,
        ))
    }
}
