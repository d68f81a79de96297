//! Livelihood plans: the value chains households take up, their income transition against the
//! illicit income given up, and the bridging support the valley needs, offered as budget lines.

use crate::Error;
use crate::db;
use crate::service::{Services, json};
use shared::auth::{Action, Caller};
use shared::currency::Currency;
use shared::i18n::Locale;
use shared::livelihood::{LivelihoodPlan, LivelihoodPlanForm};
use shared::timeline::{BudgetLine, BudgetOrigin, ProjectSpan};
use shared::validation::{FieldError, Problem};

impl Services {
    /// The livelihood plans of a project.
    pub async fn list_livelihood_plans(
        &self,
        caller: &Caller,
        project_id: i64,
    ) -> Result<Vec<LivelihoodPlan>, Error> {
        self.visible_project(caller, project_id).await?;
        db::livelihood::list(&mut *self.db.conn().await?, Some(project_id)).await
    }

    /// One livelihood plan.
    pub async fn get_livelihood_plan(
        &self,
        caller: &Caller,
        project_id: i64,
        id: i64,
    ) -> Result<LivelihoodPlan, Error> {
        self.visible_project(caller, project_id).await?;
        let plan = db::livelihood::get(&mut *self.db.conn().await?, id).await?;
        if plan.project_id != project_id {
            return Err(Error::NotFound);
        }
        Ok(plan)
    }

    /// Adds a plan (`id` `None`) or changes one.
    pub async fn save_livelihood_plan(
        &self,
        caller: &Caller,
        project_id: i64,
        id: Option<i64>,
        form: LivelihoodPlanForm,
    ) -> Result<LivelihoodPlan, Error> {
        let (project, place) = self
            .editable_project(caller, project_id, Action::EditProject)
            .await?;
        if let Some(id) = id
            && db::livelihood::get(&mut *self.db.conn().await?, id)
                .await?
                .project_id
                != project_id
        {
            return Err(Error::NotFound);
        }
        let currency = Currency::from_code(&project.currency).ok_or(Error::Internal)?;
        let plan = form
            .validate(project.start_date, project.end_date, currency)
            .map_err(Error::Invalid)?;
        if let Some(community) = plan.community_id {
            match db::communities::get(&mut *self.db.conn().await?, community).await {
                Ok(c) if c.project_id == project_id => {}
                Ok(_) | Err(Error::NotFound) => {
                    return Err(Error::Invalid(vec![FieldError::new(
                        "community_id",
                        Problem::UnknownReference,
                    )]));
                }
                Err(other) => return Err(other),
            }
        }
        let mut tx = self.db.begin().await?;
        let (id, old) = match id {
            Some(id) => {
                let old = db::livelihood::get(&mut tx, id).await?;
                if old.project_id != project_id {
                    return Err(Error::NotFound);
                }
                db::livelihood::update(&mut tx, id, &plan).await?;
                (id, Some(old))
            }
            None => (
                db::livelihood::insert(&mut tx, project_id, &plan).await?,
                None,
            ),
        };
        let stored = db::livelihood::get(&mut tx, id).await?;
        let summary = stored.summary();
        self.log(
            &mut tx,
            caller,
            place,
            if old.is_some() { "update" } else { "create" },
            "livelihood_plan",
            Some(id),
            format!(
                "Livelihood plan “{}” of project “{}”: {} households, income valley of {} \
                 months, bridging support {} {}",
                stored.name,
                project.name,
                stored.households,
                summary.total.valley_months,
                summary.total.bridging_support,
                stored.currency
            ),
            old.as_ref().and_then(json),
            json(&stored),
        )
        .await?;
        tx.commit().await?;
        Ok(stored)
    }

    /// Adds the plan's bridging support to the project's budget, one line per year (replacing
    /// lines made from this plan before); answers the lines.
    pub async fn budget_bridging_support(
        &self,
        caller: &Caller,
        project_id: i64,
        plan_id: i64,
        component_id: Option<i64>,
    ) -> Result<Vec<BudgetLine>, Error> {
        let (project, place) = self
            .editable_project(caller, project_id, Action::EditProject)
            .await?;
        let plan = db::livelihood::get(&mut *self.db.conn().await?, plan_id).await?;
        if plan.project_id != project_id {
            return Err(Error::NotFound);
        }
        let timeline = self
            .load_timeline(&mut *self.db.conn().await?, project.id)
            .await?;
        if let Some(component) = component_id
            && timeline.component(component).is_none()
        {
            return Err(Error::Invalid(vec![FieldError::new(
                "component_id",
                Problem::UnknownReference,
            )]));
        }
        let old: Vec<BudgetLine> = timeline
            .budget_lines
            .iter()
            .filter(|l| l.livelihood_plan_id == Some(plan_id))
            .cloned()
            .collect();
        let tx_lines = shared::livelihood::bridging_budget_lines(
            &plan,
            ProjectSpan::from(&project),
            component_id,
            Locale::Es,
        )
        .map_err(Error::Invalid)?;
        let mut tx = self.db.begin().await?;
        let ids = db::timeline::replace_plan_budget_lines(&mut tx, project.id, plan_id, &tx_lines)
            .await?;
        let mut made = Vec::new();
        for id in ids {
            made.push(db::timeline::get_budget_line(&mut tx, id).await?);
        }
        let total: rust_decimal::Decimal = made.iter().map(|l| l.amount).sum();
        self.log(
            &mut tx,
            caller,
            place,
            "create",
            "budget_line",
            None,
            format!(
                "Bridging support of livelihood plan “{}” budgeted in project “{}”: {} lines, \
                 {total} {}",
                plan.name,
                project.name,
                made.len(),
                plan.currency
            ),
            json(&old),
            json(&made),
        )
        .await?;
        tx.commit().await?;
        debug_assert!(
            made.iter()
                .all(|l| l.origin == BudgetOrigin::BridgingSupport)
        );
        Ok(made)
    }
}
