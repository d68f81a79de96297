//! The results framework: goal, outcomes and outputs, indicators (from the library or defined
//! by the project) and their targets per reporting period. Program officers and M&E officers
//! change it.

use crate::Error;
use crate::db;
use crate::service::{Services, json};
use shared::auth::{Action, Caller};
use shared::results::{
    Indicator, IndicatorForm, ResultForm, ResultNode, ResultsFramework, TargetsForm,
};
use shared::validation::{FieldError, Problem};

impl Services {
    pub(crate) async fn load_framework(
        &self,
        conn: &mut crate::db::Conn,
        project_id: i64,
    ) -> Result<ResultsFramework, Error> {
        Ok(ResultsFramework {
            results: db::results::list_results(&mut *conn, project_id).await?,
            indicators: db::results::list_indicators(&mut *conn, project_id).await?,
            approved: db::actuals::approved_for_project(&mut *conn, project_id).await?,
        })
    }
}

impl Services {
    /// A project's results and indicators.
    pub async fn results_framework(
        &self,
        caller: &Caller,
        project_id: i64,
    ) -> Result<ResultsFramework, Error> {
        self.visible_project(caller, project_id).await?;
        self.load_framework(&mut *self.db.conn().await?, project_id)
            .await
    }

    /// Adds a result (`id` `None`) or changes one.
    pub async fn save_result(
        &self,
        caller: &Caller,
        project_id: i64,
        id: Option<i64>,
        form: ResultForm,
    ) -> Result<ResultNode, Error> {
        let (project, place) = self
            .editable_project(caller, project_id, Action::EditResultsFramework)
            .await?;
        let framework = self
            .load_framework(&mut *self.db.conn().await?, project_id)
            .await?;
        if let Some(id) = id
            && framework.result(id).is_none()
        {
            return Err(Error::NotFound);
        }
        let parent_level = form
            .parent_id
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|parent| Some(*parent) != id)
            .and_then(|parent| framework.level_of(parent));
        let result = form.validate(parent_level).map_err(Error::Invalid)?;
        let mut tx = self.db.begin().await?;
        if let Some(id) = id {
            let old = framework.result(id).cloned();
            // A result with results under it keeps its level, so they stay where they belong.
            let has_children = framework.results.iter().any(|r| r.parent_id == Some(id));
            if has_children && old.as_ref().is_some_and(|o| o.level != result.level) {
                return Err(Error::Invalid(vec![FieldError::new(
                    "level",
                    Problem::WrongLevel,
                )]));
            }
            db::results::update_result(&mut tx, id, &result).await?;
            let stored = self
                .load_framework(&mut tx, project_id)
                .await?
                .result(id)
                .cloned()
                .ok_or(Error::Internal)?;
            self.log(
                &mut tx,
                caller,
                place,
                "update",
                "result",
                Some(id),
                format!(
                    "Result “{}” of project “{}”",
                    stored.reference(),
                    project.name
                ),
                old.as_ref().and_then(json),
                json(&stored),
            )
            .await?;
            tx.commit().await?;
            return Ok(stored);
        }
        let id = db::results::insert_result(&mut tx, project_id, &result).await?;
        let stored = self
            .load_framework(&mut tx, project_id)
            .await?
            .result(id)
            .cloned()
            .ok_or(Error::Internal)?;
        self.log(
            &mut tx,
            caller,
            place,
            "create",
            "result",
            Some(id),
            format!(
                "Result “{}” added to project “{}”",
                stored.reference(),
                project.name
            ),
            None,
            json(&stored),
        )
        .await?;
        tx.commit().await?;
        Ok(stored)
    }

    /// Adds an indicator (`id` `None`) or changes one.
    pub async fn save_indicator(
        &self,
        caller: &Caller,
        project_id: i64,
        id: Option<i64>,
        form: IndicatorForm,
    ) -> Result<Indicator, Error> {
        let (project, place) = self
            .editable_project(caller, project_id, Action::EditResultsFramework)
            .await?;
        if let Some(id) = id
            && db::results::indicator_project(&mut *self.db.conn().await?, id).await? != project_id
        {
            return Err(Error::NotFound);
        }
        let indicator = form.validate(project.end_date).map_err(Error::Invalid)?;
        let framework = self
            .load_framework(&mut *self.db.conn().await?, project_id)
            .await?;
        if framework.result(indicator.result_id).is_none() {
            return Err(Error::Invalid(vec![FieldError::new(
                "result_id",
                Problem::UnknownReference,
            )]));
        }
        let old = match id {
            Some(id) => Some(framework.indicator(id).cloned().ok_or(Error::NotFound)?),
            None => None,
        };
        if let Some(old) = &old
            && old.unit != indicator.unit
        {
            // The stored targets must still be figures of the new unit.
            let periods = old.periods(project.start_date, project.end_date);
            let current = TargetsForm::for_periods(&periods, &old.targets);
            if current.validate(&periods, indicator.unit).is_err() {
                return Err(Error::Invalid(vec![FieldError::new(
                    "unit",
                    Problem::TargetsDoNotFitUnit,
                )]));
            }
        }
        let mut tx = self.db.begin().await?;
        let id = match id {
            Some(id) => {
                db::results::update_indicator(&mut tx, id, &indicator).await?;
                id
            }
            None => db::results::insert_indicator(&mut tx, project_id, &indicator).await?,
        };
        let stored = self
            .load_framework(&mut tx, project_id)
            .await?
            .indicator(id)
            .cloned()
            .ok_or(Error::Internal)?;
        self.log(
            &mut tx,
            caller,
            place,
            if old.is_some() { "update" } else { "create" },
            "indicator",
            Some(id),
            format!(
                "Indicator “{}” of project “{}”",
                stored.display_name(shared::i18n::Locale::En),
                project.name
            ),
            old.as_ref().and_then(json),
            json(&stored),
        )
        .await?;
        tx.commit().await?;
        Ok(stored)
    }

    /// Replaces an indicator's targets.
    pub async fn set_targets(
        &self,
        caller: &Caller,
        project_id: i64,
        indicator_id: i64,
        form: TargetsForm,
    ) -> Result<Indicator, Error> {
        let (project, place) = self
            .editable_project(caller, project_id, Action::EditResultsFramework)
            .await?;
        if db::results::indicator_project(&mut *self.db.conn().await?, indicator_id).await?
            != project_id
        {
            return Err(Error::NotFound);
        }
        let framework = self
            .load_framework(&mut *self.db.conn().await?, project_id)
            .await?;
        let old = framework
            .indicator(indicator_id)
            .cloned()
            .ok_or(Error::NotFound)?;
        let periods = old.periods(project.start_date, project.end_date);
        let targets = form.validate(&periods, old.unit).map_err(Error::Invalid)?;
        let mut tx = self.db.begin().await?;
        db::results::set_targets(&mut tx, indicator_id, &targets).await?;
        let stored = self
            .load_framework(&mut tx, project_id)
            .await?
            .indicator(indicator_id)
            .cloned()
            .ok_or(Error::Internal)?;
        self.log(
            &mut tx,
            caller,
            place,
            "update",
            "indicator_targets",
            Some(indicator_id),
            format!(
                "Targets of indicator “{}” of project “{}”: {} periods",
                stored.display_name(shared::i18n::Locale::En),
                project.name,
                stored.targets.len()
            ),
            json(&old.targets),
            json(&stored.targets),
        )
        .await?;
        tx.commit().await?;
        Ok(stored)
    }

    /// Deletes a result with nothing under it (its outputs and indicators are deleted first;
    /// [`shared::validation::Problem::NotEmpty`] otherwise).
    pub async fn delete_result(
        &self,
        caller: &Caller,
        project_id: i64,
        id: i64,
    ) -> Result<(), Error> {
        let (project, place) = self
            .editable_project(caller, project_id, Action::EditResultsFramework)
            .await?;
        let framework = self
            .load_framework(&mut *self.db.conn().await?, project_id)
            .await?;
        let old = framework.result(id).cloned().ok_or(Error::NotFound)?;
        let mut tx = self.db.begin().await?;
        if !db::results::delete_empty_result(&mut tx, id).await? {
            return Err(Error::Invalid(vec![FieldError::new(
                "result",
                Problem::NotEmpty,
            )]));
        }
        self.log(
            &mut tx,
            caller,
            place,
            "delete",
            "result",
            Some(id),
            format!(
                "Result “{}” of project “{}” deleted",
                old.reference(),
                project.name
            ),
            json(&old),
            None,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Deletes an indicator with its targets.
    pub async fn delete_indicator(
        &self,
        caller: &Caller,
        project_id: i64,
        id: i64,
    ) -> Result<(), Error> {
        let (project, place) = self
            .editable_project(caller, project_id, Action::EditResultsFramework)
            .await?;
        let framework = self
            .load_framework(&mut *self.db.conn().await?, project_id)
            .await?;
        let old = framework.indicator(id).cloned().ok_or(Error::NotFound)?;
        let mut tx = self.db.begin().await?;
        db::results::delete_indicator(&mut tx, id).await?;
        self.log(
            &mut tx,
            caller,
            place,
            "delete",
            "indicator",
            Some(id),
            format!(
                "Indicator “{}” of project “{}” deleted with its {} targets",
                old.display_name(shared::i18n::Locale::En),
                project.name,
                old.targets.len()
            ),
            json(&old),
            None,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
