//! Indicator actuals and their approval workflow: draft → submitted → approved, or returned with
//! a comment. An approved revision never changes (the period is locked); a correction is a new
//! revision, visible beside the approved one. Every step is in the audit trail.

use crate::Error;
use crate::db::{self, households::RecordedBy};
use crate::service::{Services, json};
use shared::actuals::{
    Actual, ActualForm, ActualStep, IndicatorActuals, StepForm, step, step_comment,
};
use shared::auth::{Action, Caller};
use shared::computed::{ComputedActual, computation_of, compute};
use shared::i18n::Locale;
use shared::validation::{FieldError, Problem};

impl Services {
    /// A project's indicator, or `NotFound` (an indicator of another project included).
    async fn indicator_in(
        &self,
        project_id: i64,
        indicator_id: i64,
    ) -> Result<shared::results::Indicator, Error> {
        self.load_framework(&mut *self.db.conn().await?, project_id)
            .await?
            .indicator(indicator_id)
            .cloned()
            .ok_or(Error::NotFound)
    }

    async fn actual_of(
        &self,
        conn: &mut crate::db::Conn,
        indicator_id: i64,
        id: i64,
    ) -> Result<Actual, Error> {
        db::actuals::list_for_indicator(&mut *conn, indicator_id)
            .await?
            .into_iter()
            .find(|a| a.id == id)
            .ok_or(Error::Internal)
    }
}

impl Services {
    /// An indicator's periods and every revision of its actuals.
    pub async fn indicator_actuals(
        &self,
        caller: &Caller,
        project_id: i64,
        indicator_id: i64,
    ) -> Result<IndicatorActuals, Error> {
        let (project, place) = self.visible_project(caller, project_id).await?;
        let indicator = self.indicator_in(project_id, indicator_id).await?;
        Ok(IndicatorActuals {
            periods: indicator.periods(project.start_date, project.end_date),
            actuals: db::actuals::list_for_indicator(&mut *self.db.conn().await?, indicator_id)
                .await?,
            can_enter: caller.may(Action::EnterActuals, &place),
            can_approve: caller.may(Action::ApproveActuals, &place),
            computation: computation_of(&indicator),
            indicator,
        })
    }

    /// A period's actual worked out from the project's records, for an indicator the records
    /// define (see [`shared::computed`]): offered as a draft, stored only when saved. Needs
    /// `enter_actuals`; answers `not_computed` for other indicators and `unknown_period` for a
    /// period the indicator does not report.
    pub async fn computed_actual(
        &self,
        caller: &Caller,
        project_id: i64,
        indicator_id: i64,
        period: &str,
        locale: Locale,
    ) -> Result<ComputedActual, Error> {
        let (project, _) = self
            .editable_project(caller, project_id, Action::EnterActuals)
            .await?;
        let indicator = self.indicator_in(project_id, indicator_id).await?;
        let computation = computation_of(&indicator).ok_or_else(|| {
            Error::Invalid(vec![FieldError::new("indicator", Problem::NotComputed)])
        })?;
        let periods = indicator.periods(project.start_date, project.end_date);
        let period = periods
            .iter()
            .find(|p| p.code == period.trim())
            .ok_or_else(|| {
                Error::Invalid(vec![FieldError::new("period", Problem::UnknownPeriod)])
            })?;
        let facts =
            db::records::for_project(&mut *self.db.conn().await?, project_id, &project.currency)
                .await?;
        Ok(compute(
            computation,
            period,
            indicator.disaggregation,
            &facts,
            crate::today(),
            locale,
        ))
    }

    /// Saves a period's actual as a draft: a new one, or the draft or returned revision
    /// changed. An approved period is locked (start a revision); a submitted one waits.
    pub async fn save_actual(
        &self,
        caller: &Caller,
        project_id: i64,
        indicator_id: i64,
        form: ActualForm,
    ) -> Result<Actual, Error> {
        let (project, place) = self
            .editable_project(caller, project_id, Action::EnterActuals)
            .await?;
        let indicator = self.indicator_in(project_id, indicator_id).await?;
        let periods = indicator.periods(project.start_date, project.end_date);
        let actual = form
            .validate(&periods, indicator.unit, indicator.disaggregation)
            .map_err(Error::Invalid)?;
        let by = RecordedBy {
            user_id: caller.user_id,
            name: &caller.display_name,
        };
        let latest = db::actuals::list_for_indicator(&mut *self.db.conn().await?, indicator_id)
            .await?
            .into_iter()
            .filter(|a| a.actual.period == actual.period)
            .max_by_key(|a| a.revision);
        let mut tx = self.db.begin().await?;
        let id = match &latest {
            None => {
                db::actuals::insert(&mut tx, indicator_id, 1, &actual, ActualStep::Save, &by)
                    .await?
            }
            Some(current) => {
                step(current.status, ActualStep::Save)
                    .map_err(|p| Error::Invalid(vec![FieldError::new("period", p)]))?;
                db::actuals::update_values(&mut tx, current.id, &actual, &by).await?;
                current.id
            }
        };
        let saved = self.actual_of(&mut tx, indicator_id, id).await?;
        self.log(
            &mut tx,
            caller,
            place,
            "save",
            "indicator_actual",
            Some(id),
            format!(
                "Actual of “{}” for {} saved as a draft (revision {}): {} (project “{}”)",
                indicator.display_name(shared::i18n::Locale::En),
                saved.actual.period,
                saved.revision,
                saved.actual.total,
                project.name
            ),
            latest.as_ref().and_then(|a| json(&a.actual)),
            json(&saved.actual),
        )
        .await?;
        tx.commit().await?;
        Ok(saved)
    }

    /// Takes a workflow step on an actual: submit, approve, return (with a comment) or revise
    /// (a new draft revision of an approved period).
    pub async fn actual_step(
        &self,
        caller: &Caller,
        project_id: i64,
        actual_id: i64,
        form: StepForm,
    ) -> Result<Actual, Error> {
        let (project, place) = self.visible_project(caller, project_id).await?;
        let wanted = match ActualStep::from_code(form.step.trim()) {
            Some(s) if s != ActualStep::Save => s,
            _ => {
                return Err(Error::Invalid(vec![FieldError::new(
                    "step",
                    Problem::UnknownChoice,
                )]));
            }
        };
        let needed = match wanted {
            ActualStep::Approve | ActualStep::Return => Action::ApproveActuals,
            _ => Action::EnterActuals,
        };
        crate::service::authorize(caller, needed, &place)?;
        let indicator_id =
            db::actuals::indicator_of(&mut *self.db.conn().await?, actual_id).await?;
        // An actual of another project's indicator is not this project's.
        let indicator = self.indicator_in(project_id, indicator_id).await?;
        let revisions =
            db::actuals::list_for_indicator(&mut *self.db.conn().await?, indicator_id).await?;
        let current = revisions
            .iter()
            .find(|a| a.id == actual_id)
            .cloned()
            .ok_or(Error::NotFound)?;
        let comment = step_comment(wanted, &form.comment).map_err(|e| Error::Invalid(vec![e]))?;
        let to = step(current.status, wanted)
            .map_err(|p| Error::Invalid(vec![FieldError::new("step", p)]))?;
        let by = RecordedBy {
            user_id: caller.user_id,
            name: &caller.display_name,
        };
        let mut tx = self.db.begin().await?;
        let id = if wanted == ActualStep::Revise {
            // Only the latest revision of a period is revised.
            let last = revisions
                .iter()
                .filter(|a| a.actual.period == current.actual.period)
                .map(|a| a.revision)
                .max()
                .unwrap_or(current.revision);
            if last != current.revision {
                return Err(Error::Invalid(vec![FieldError::new(
                    "step",
                    Problem::NotAllowedNow,
                )]));
            }
            db::actuals::insert(
                &mut tx,
                indicator.id,
                current.revision + 1,
                &current.actual,
                ActualStep::Revise,
                &by,
            )
            .await?
        } else {
            let moved = db::actuals::set_status(
                &mut tx,
                current.id,
                current.status,
                wanted,
                to,
                comment.as_deref(),
                &by,
            )
            .await?;
            if !moved {
                // Someone took a step meanwhile.
                return Err(Error::Invalid(vec![FieldError::new(
                    "step",
                    Problem::NotAllowedNow,
                )]));
            }
            current.id
        };
        let after = self.actual_of(&mut tx, indicator.id, id).await?;
        self.log(
            &mut tx,
            caller,
            place,
            wanted.code(),
            "indicator_actual",
            Some(id),
            format!(
                "Actual of “{}” for {} (revision {}): {} → {}{} (project “{}”)",
                indicator.display_name(shared::i18n::Locale::En),
                after.actual.period,
                after.revision,
                current.status.code(),
                after.status.code(),
                comment.map(|c| format!(": {c}")).unwrap_or_default(),
                project.name
            ),
            json(&current.status),
            json(&after.status),
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }
}
