//! The plan tab's operations: illicit-crop baselines (typed or imported from a published table)
//! and safeguards, with the warnings the plan raises.

use crate::Error;
use crate::db::{self};
use crate::service::{Services, json};
use shared::auth::{Action, Caller};
use shared::baseline::read_table;
use shared::baseline_record::{
    Baseline, BaselineForm, BaselineImportForm, ImportPreview, KnownPlace, NewBaseline,
    plan_import, table_problem,
};
use shared::i18n::Locale;
use shared::safeguard::{
    CommunityFact, PlanFacts, PlanSequencing, Safeguard, SafeguardForm, SafeguardKind,
    SafeguardWarning, warnings,
};
use shared::validation::{FieldError, Problem};

impl Services {
    /// The facts the safeguard warnings are worked out from.
    async fn plan_facts(&self, caller: &Caller, project_id: i64) -> Result<PlanFacts, Error> {
        let project = db::projects::get(&mut *self.db.conn().await?, project_id).await?;
        let communities = self.list_communities(caller, project_id).await?;
        let budget =
            db::timeline::list_budget_lines(&mut *self.db.conn().await?, project_id).await?;
        let plans = db::livelihood::list(&mut *self.db.conn().await?, Some(project_id)).await?;
        Ok(PlanFacts {
            kind: project.kind,
            illicit_crops: project.illicit_crops.clone(),
            communities: communities
                .into_iter()
                .map(|c| CommunityFact {
                    name: c.name,
                    indigenous: c.indigenous,
                })
                .collect(),
            safeguards: db::safeguards::list(&mut *self.db.conn().await?, project_id).await?,
            livelihood_plans: plans
                .iter()
                .map(|plan| PlanSequencing {
                    name: plan.name.clone(),
                    eradication_month: plan.eradication_month,
                    first_support_month: plan.first_support_month(),
                    valley_months: i64::from(plan.household_transition().valley_months),
                    bridging_budgeted: budget
                        .iter()
                        .any(|line| line.livelihood_plan_id == Some(plan.id)),
                })
                .collect(),
            alternative_crops: project.planned_crops.iter().map(|c| c.crop).collect(),
            eradicated_before_support: self.sequencing_breaches(project_id).await?,
        })
    }

    /// Checks a baseline's community belongs to the project and names the figure after it.
    async fn with_community(
        &self,
        project_id: i64,
        mut figure: NewBaseline,
    ) -> Result<NewBaseline, Error> {
        if let Some(id) = figure.community_id {
            match db::communities::get(&mut *self.db.conn().await?, id).await {
                Ok(c) if c.project_id == project_id => figure.place = c.name,
                Ok(_) | Err(Error::NotFound) => {
                    return Err(Error::Invalid(vec![FieldError::new(
                        "community_id",
                        Problem::UnknownReference,
                    )]));
                }
                Err(other) => return Err(other),
            }
        }
        Ok(figure)
    }
}

impl Services {
    /// The baseline figures of a project.
    pub async fn list_baselines(
        &self,
        caller: &Caller,
        project_id: i64,
    ) -> Result<Vec<Baseline>, Error> {
        self.visible_project(caller, project_id).await?;
        let visible: Vec<i64> = self
            .list_communities(caller, project_id)
            .await?
            .iter()
            .map(|c| c.id)
            .collect();
        // A community's figure is shown only to those who may see the community.
        Ok(db::baselines::list(&mut *self.db.conn().await?, project_id)
            .await?
            .into_iter()
            .filter(|b| b.community_id.is_none_or(|c| visible.contains(&c)))
            .collect())
    }

    /// Stores one figure (or replaces the one for the same place, crop, year and source).
    pub async fn save_baseline(
        &self,
        caller: &Caller,
        project_id: i64,
        form: BaselineForm,
    ) -> Result<Baseline, Error> {
        let (project, place) = self
            .editable_project(caller, project_id, Action::EditProject)
            .await?;
        let figure = form.validate().map_err(Error::Invalid)?;
        let figure = self.with_community(project_id, figure).await?;
        let mut tx = self.db.begin().await?;
        let (id, old) = db::baselines::upsert(&mut tx, project_id, &figure).await?;
        let stored = db::baselines::get(&mut tx, id).await?;
        self.log(
            &mut tx,
            caller,
            place,
            if old.is_some() { "update" } else { "create" },
            "baseline",
            Some(id),
            format!(
                "Baseline of project “{}”: {} ha of {} in {} ({})",
                project.name,
                stored.hectares,
                stored.crop.code(),
                stored.place,
                stored.year
            ),
            old.map(|h| h.to_string()),
            json(&stored),
        )
        .await?;
        tx.commit().await?;
        Ok(stored)
    }

    /// Deletes one figure.
    pub async fn delete_baseline(
        &self,
        caller: &Caller,
        project_id: i64,
        id: i64,
    ) -> Result<(), Error> {
        let (project, place) = self
            .editable_project(caller, project_id, Action::EditProject)
            .await?;
        let figure = db::baselines::get(&mut *self.db.conn().await?, id).await?;
        if figure.project_id != project_id {
            return Err(Error::NotFound);
        }
        let mut tx = self.db.begin().await?;
        db::baselines::delete(&mut tx, id).await?;
        self.log(
            &mut tx,
            caller,
            place,
            "delete",
            "baseline",
            Some(id),
            format!(
                "Baseline of project “{}” deleted: {} ha in {} ({})",
                project.name, figure.hectares, figure.place, figure.year
            ),
            json(&figure),
            None,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Reads a published table: previews it, or stores it when the form says so (all rows that
    /// can be read, in one transaction; the answer lists every row that cannot).
    pub async fn import_baselines(
        &self,
        caller: &Caller,
        project_id: i64,
        form: BaselineImportForm,
        locale: Locale,
    ) -> Result<ImportPreview, Error> {
        let (project, place) = self
            .editable_project(caller, project_id, Action::EditProject)
            .await?;
        let settings = form.validate().map_err(Error::Invalid)?;
        let table = read_table(&form.table, settings.crop)
            .map_err(|p| Error::Invalid(vec![table_problem(&p)]))?;
        let communities: Vec<KnownPlace> =
            db::communities::list_for_project(&mut *self.db.conn().await?, project_id)
                .await?
                .into_iter()
                .map(|c| KnownPlace {
                    community_id: c.id,
                    name: c.name,
                })
                .collect();
        let stored = db::baselines::stored_figures(&mut *self.db.conn().await?, project_id).await?;
        let mut preview = plan_import(&table, &settings, &communities, &stored, locale);
        if !settings.commit || preview.rows.is_empty() {
            return Ok(preview);
        }
        let mut tx = self.db.begin().await?;
        for row in &preview.rows {
            let figure = NewBaseline {
                community_id: row.community_id,
                place: row
                    .community_name
                    .clone()
                    .unwrap_or_else(|| row.place.clone()),
                crop: row.crop,
                year: row.year,
                hectares: row.hectares,
                source: settings.source,
                note: settings.note.clone(),
            };
            db::baselines::upsert(&mut tx, project_id, &figure).await?;
        }
        preview.committed = true;
        let (new, replaced) = preview.counts();
        self.log(
            &mut tx,
            caller,
            place,
            "import",
            "baseline",
            None,
            format!(
                "Baselines imported into project “{}”: {new} new, {replaced} replaced, {} lines \
                 with problems",
                project.name,
                preview.lines_with_problems()
            ),
            None,
            json(&preview.rows),
        )
        .await?;
        tx.commit().await?;
        Ok(preview)
    }

    /// Every safeguard of a project (kinds not recorded are "not assessed") and the warnings the
    /// plan raises.
    pub async fn project_safeguards(
        &self,
        caller: &Caller,
        project_id: i64,
    ) -> Result<(Vec<Safeguard>, Vec<SafeguardWarning>), Error> {
        self.visible_project(caller, project_id).await?;
        let facts = self.plan_facts(caller, project_id).await?;
        Ok((Safeguard::complete(&facts.safeguards), warnings(&facts)))
    }

    /// Records a safeguard's status and evidence.
    pub async fn set_safeguard(
        &self,
        caller: &Caller,
        project_id: i64,
        kind: SafeguardKind,
        form: SafeguardForm,
    ) -> Result<Safeguard, Error> {
        let (project, place) = self
            .editable_project(caller, project_id, Action::EditProject)
            .await?;
        let today = crate::today();
        let safeguard = form.validate(kind, today).map_err(Error::Invalid)?;
        let old = db::safeguards::list(&mut *self.db.conn().await?, project_id)
            .await?
            .into_iter()
            .find(|s| s.kind == kind);
        let mut tx = self.db.begin().await?;
        db::safeguards::upsert(&mut tx, project_id, &safeguard, caller.user_id).await?;
        self.log(
            &mut tx,
            caller,
            place,
            "update",
            "safeguard",
            Some(project_id),
            format!(
                "Safeguard “{}” of project “{}”: {}",
                kind.code(),
                project.name,
                safeguard.status.code()
            ),
            old.as_ref().and_then(json),
            json(&safeguard),
        )
        .await?;
        tx.commit().await?;
        Ok(safeguard)
    }
}
