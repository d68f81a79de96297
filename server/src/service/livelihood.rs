//! Livelihood plans: the value chains households take up, their income transition against the
//! illicit income given up, and the bridging support the valley needs, offered as budget lines.

use super::{Services, json};
use crate::db;
use app::backend::livelihood::LivelihoodBackend;
use app::error::AppError;
use shared::auth::{Action, Caller};
use shared::currency::Currency;
use shared::i18n::Locale;
use shared::livelihood::{LivelihoodPlan, LivelihoodPlanForm};
use shared::timeline::{BudgetLine, BudgetOrigin, ProjectSpan};
use shared::validation::{FieldError, Problem};

#[async_trait::async_trait]
impl LivelihoodBackend for Services {
    async fn list_livelihood_plans(
        &self,
        caller: &Caller,
        project_id: i64,
    ) -> Result<Vec<LivelihoodPlan>, AppError> {
        self.visible_project(caller, project_id).await?;
        db::livelihood::list(&self.db, Some(project_id)).await
    }

    async fn get_livelihood_plan(
        &self,
        caller: &Caller,
        project_id: i64,
        id: i64,
    ) -> Result<LivelihoodPlan, AppError> {
        self.visible_project(caller, project_id).await?;
        let plan = db::livelihood::get(&self.db, id).await?;
        if plan.project_id != project_id {
            return Err(AppError::NotFound);
        }
        Ok(plan)
    }

    async fn save_livelihood_plan(
        &self,
        caller: &Caller,
        project_id: i64,
        id: Option<i64>,
        form: LivelihoodPlanForm,
    ) -> Result<LivelihoodPlan, AppError> {
        let (project, place) = self
            .editable_project(caller, project_id, Action::EditProject)
            .await?;
        if let Some(id) = id
            && db::livelihood::get(&self.db, id).await?.project_id != project_id
        {
            return Err(AppError::NotFound);
        }
        let currency = Currency::from_code(&project.currency).ok_or(AppError::Internal)?;
        let plan = form
            .validate(project.start_date, project.end_date, currency)
            .map_err(AppError::Invalid)?;
        if let Some(community) = plan.community_id {
            match db::communities::get(&self.db, community).await {
                Ok(c) if c.project_id == project_id => {}
                Ok(_) | Err(AppError::NotFound) => {
                    return Err(AppError::Invalid(vec![FieldError::new(
                        "community_id",
                        Problem::UnknownReference,
                    )]));
                }
                Err(other) => return Err(other),
            }
        }
        let (id, old) = match id {
            Some(id) => {
                let old = db::livelihood::get(&self.db, id).await?;
                if old.project_id != project_id {
                    return Err(AppError::NotFound);
                }
                db::livelihood::update(&self.db, id, &plan).await?;
                (id, Some(old))
            }
            None => (
                db::livelihood::insert(&self.db, project_id, &plan).await?,
                None,
            ),
        };
        let stored = db::livelihood::get(&self.db, id).await?;
        let summary = stored.summary();
        self.log(
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
        Ok(stored)
    }

    async fn budget_bridging_support(
        &self,
        caller: &Caller,
        project_id: i64,
        plan_id: i64,
        component_id: Option<i64>,
    ) -> Result<Vec<BudgetLine>, AppError> {
        let (project, place) = self
            .editable_project(caller, project_id, Action::EditProject)
            .await?;
        let plan = db::livelihood::get(&self.db, plan_id).await?;
        if plan.project_id != project_id {
            return Err(AppError::NotFound);
        }
        let timeline = self.load_timeline(project.id).await?;
        if let Some(component) = component_id
            && timeline.component(component).is_none()
        {
            return Err(AppError::Invalid(vec![FieldError::new(
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
        .map_err(AppError::Invalid)?;
        let ids = db::timeline::replace_plan_budget_lines(&self.db, project.id, plan_id, &tx_lines)
            .await?;
        let mut made = Vec::new();
        for id in ids {
            made.push(db::timeline::get_budget_line(&self.db, id).await?);
        }
        let total: rust_decimal::Decimal = made.iter().map(|l| l.amount).sum();
        self.log(
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
        debug_assert!(
            made.iter()
                .all(|l| l.origin == BudgetOrigin::BridgingSupport)
        );
        Ok(made)
    }
}
