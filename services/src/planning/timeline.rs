//! The timeline tab's operations: components, activities, milestones and budget lines.

use crate::Error;
use crate::db;
use crate::service::{Services, json};
use shared::auth::{Action, Caller};
use shared::currency::Currency;
use shared::timeline::{
    Activity, ActivityForm, BudgetLine, BudgetLineForm, Component, ComponentForm, Milestone,
    MilestoneForm, ProjectSpan, Timeline,
};

impl Services {
    /// The project's timeline as stored.
    pub(crate) async fn load_timeline(
        &self,
        conn: &mut crate::db::Conn,
        project_id: i64,
    ) -> Result<Timeline, Error> {
        Ok(Timeline::assemble(
            db::timeline::list_components(&mut *conn, project_id).await?,
            db::timeline::list_activities(&mut *conn, project_id).await?,
            db::timeline::list_milestones(&mut *conn, project_id).await?,
            db::timeline::list_budget_lines(&mut *conn, project_id).await?,
        ))
    }
}

/// The problems with a record's references, as an error when there are any.
fn refs(problems: Vec<shared::validation::FieldError>) -> Result<(), Error> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(problems))
    }
}

/// `NotFound` unless the record belongs to the project.
fn of_project(record_project: i64, project_id: i64) -> Result<(), Error> {
    if record_project == project_id {
        Ok(())
    } else {
        Err(Error::NotFound)
    }
}

impl Services {
    /// A project's components with their activities, its milestones and budget lines.
    pub async fn project_timeline(
        &self,
        caller: &Caller,
        project_id: i64,
    ) -> Result<Timeline, Error> {
        self.visible_project(caller, project_id).await?;
        self.load_timeline(&mut *self.db.conn().await?, project_id)
            .await
    }

    /// Adds a component (`id` `None`) or changes one.
    pub async fn save_component(
        &self,
        caller: &Caller,
        project_id: i64,
        id: Option<i64>,
        form: ComponentForm,
    ) -> Result<Component, Error> {
        let (project, place) = self
            .editable_project(caller, project_id, Action::EditProject)
            .await?;
        if let Some(id) = id {
            of_project(
                db::timeline::get_component(&mut *self.db.conn().await?, id)
                    .await?
                    .project_id,
                project_id,
            )?;
        }
        let component = form.validate().map_err(Error::Invalid)?;
        let mut tx = self.db.begin().await?;
        let (id, old) = match id {
            Some(id) => {
                let old = db::timeline::get_component(&mut tx, id).await?;
                of_project(old.project_id, project_id)?;
                db::timeline::update_component(&mut tx, id, &component).await?;
                (id, Some(old))
            }
            None => (
                db::timeline::insert_component(&mut tx, project_id, &component).await?,
                None,
            ),
        };
        let stored = db::timeline::get_component(&mut tx, id).await?;
        self.log(
            &mut tx,
            caller,
            place,
            if old.is_some() { "update" } else { "create" },
            "component",
            Some(id),
            format!("Component “{}” of project “{}”", stored.name, project.name),
            old.as_ref().and_then(json),
            json(&stored),
        )
        .await?;
        tx.commit().await?;
        Ok(stored)
    }

    /// Deletes a component with its activities (its milestones and budget lines stay, under no
    /// component).
    pub async fn delete_component(
        &self,
        caller: &Caller,
        project_id: i64,
        id: i64,
    ) -> Result<(), Error> {
        let (project, place) = self
            .editable_project(caller, project_id, Action::EditProject)
            .await?;
        let timeline = self
            .load_timeline(&mut *self.db.conn().await?, project_id)
            .await?;
        let old = timeline
            .components
            .iter()
            .find(|c| c.component.id == id)
            .cloned()
            .ok_or(Error::NotFound)?;
        let mut tx = self.db.begin().await?;
        db::timeline::delete_component(&mut tx, id).await?;
        self.log(
            &mut tx,
            caller,
            place,
            "delete",
            "component",
            Some(id),
            format!(
                "Component “{}” of project “{}” deleted with its {} activities",
                old.component.name,
                project.name,
                old.activities.len()
            ),
            json(&old),
            None,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Adds an activity (`id` `None`) or changes one.
    pub async fn save_activity(
        &self,
        caller: &Caller,
        project_id: i64,
        id: Option<i64>,
        form: ActivityForm,
    ) -> Result<Activity, Error> {
        let (project, place) = self
            .editable_project(caller, project_id, Action::EditProject)
            .await?;
        if let Some(id) = id {
            of_project(
                db::timeline::get_activity(&mut *self.db.conn().await?, id)
                    .await?
                    .1,
                project_id,
            )?;
        }
        let activity = form
            .validate(ProjectSpan::from(&project))
            .map_err(Error::Invalid)?;
        let timeline = self
            .load_timeline(&mut *self.db.conn().await?, project_id)
            .await?;
        refs(timeline.check_activity(&activity))?;
        let mut tx = self.db.begin().await?;
        let (id, old) = match id {
            Some(id) => {
                let (old, old_project) = db::timeline::get_activity(&mut tx, id).await?;
                of_project(old_project, project_id)?;
                db::timeline::update_activity(&mut tx, id, &activity).await?;
                (id, Some(old))
            }
            None => (
                db::timeline::insert_activity(&mut tx, &activity).await?,
                None,
            ),
        };
        let (stored, _) = db::timeline::get_activity(&mut tx, id).await?;
        self.log(
            &mut tx,
            caller,
            place,
            if old.is_some() { "update" } else { "create" },
            "activity",
            Some(id),
            format!(
                "Activity “{}” of project “{}” ({} – {})",
                stored.name, project.name, stored.start_date, stored.end_date
            ),
            old.as_ref().and_then(json),
            json(&stored),
        )
        .await?;
        tx.commit().await?;
        Ok(stored)
    }

    /// Deletes an activity.
    pub async fn delete_activity(
        &self,
        caller: &Caller,
        project_id: i64,
        id: i64,
    ) -> Result<(), Error> {
        let (project, place) = self
            .editable_project(caller, project_id, Action::EditProject)
            .await?;
        let (old, old_project) =
            db::timeline::get_activity(&mut *self.db.conn().await?, id).await?;
        of_project(old_project, project_id)?;
        let mut tx = self.db.begin().await?;
        db::timeline::delete_activity(&mut tx, id).await?;
        self.log(
            &mut tx,
            caller,
            place,
            "delete",
            "activity",
            Some(id),
            format!(
                "Activity “{}” of project “{}” deleted",
                old.name, project.name
            ),
            json(&old),
            None,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Adds a milestone (`id` `None`) or changes one.
    pub async fn save_milestone(
        &self,
        caller: &Caller,
        project_id: i64,
        id: Option<i64>,
        form: MilestoneForm,
    ) -> Result<Milestone, Error> {
        let (project, place) = self
            .editable_project(caller, project_id, Action::EditProject)
            .await?;
        if let Some(id) = id {
            of_project(
                db::timeline::get_milestone(&mut *self.db.conn().await?, id)
                    .await?
                    .project_id,
                project_id,
            )?;
        }
        let milestone = form
            .validate(ProjectSpan::from(&project))
            .map_err(Error::Invalid)?;
        let timeline = self
            .load_timeline(&mut *self.db.conn().await?, project_id)
            .await?;
        refs(timeline.check_milestone(&milestone))?;
        let mut tx = self.db.begin().await?;
        let (id, old) = match id {
            Some(id) => {
                let old = db::timeline::get_milestone(&mut tx, id).await?;
                of_project(old.project_id, project_id)?;
                db::timeline::update_milestone(&mut tx, id, &milestone).await?;
                (id, Some(old))
            }
            None => (
                db::timeline::insert_milestone(&mut tx, project_id, &milestone).await?,
                None,
            ),
        };
        let stored = db::timeline::get_milestone(&mut tx, id).await?;
        self.log(
            &mut tx,
            caller,
            place,
            if old.is_some() { "update" } else { "create" },
            "milestone",
            Some(id),
            format!(
                "Milestone “{}” of project “{}” due {}",
                stored.name, project.name, stored.due_date
            ),
            old.as_ref().and_then(json),
            json(&stored),
        )
        .await?;
        tx.commit().await?;
        Ok(stored)
    }

    /// Deletes a milestone.
    pub async fn delete_milestone(
        &self,
        caller: &Caller,
        project_id: i64,
        id: i64,
    ) -> Result<(), Error> {
        let (project, place) = self
            .editable_project(caller, project_id, Action::EditProject)
            .await?;
        let old = db::timeline::get_milestone(&mut *self.db.conn().await?, id).await?;
        of_project(old.project_id, project_id)?;
        let mut tx = self.db.begin().await?;
        db::timeline::delete_milestone(&mut tx, id).await?;
        self.log(
            &mut tx,
            caller,
            place,
            "delete",
            "milestone",
            Some(id),
            format!(
                "Milestone “{}” of project “{}” deleted",
                old.name, project.name
            ),
            json(&old),
            None,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Adds a budget line (`id` `None`) or changes one.
    pub async fn save_budget_line(
        &self,
        caller: &Caller,
        project_id: i64,
        id: Option<i64>,
        form: BudgetLineForm,
    ) -> Result<BudgetLine, Error> {
        let (project, place) = self
            .editable_project(caller, project_id, Action::EditProject)
            .await?;
        if let Some(id) = id {
            of_project(
                db::timeline::get_budget_line(&mut *self.db.conn().await?, id)
                    .await?
                    .project_id,
                project_id,
            )?;
        }
        let currency = Currency::from_code(&project.currency).ok_or(Error::Internal)?;
        let line = form
            .validate(ProjectSpan::from(&project), currency)
            .map_err(Error::Invalid)?;
        let timeline = self
            .load_timeline(&mut *self.db.conn().await?, project_id)
            .await?;
        refs(timeline.check_budget_line(&line))?;
        let mut tx = self.db.begin().await?;
        let (id, old) = match id {
            Some(id) => {
                let old = db::timeline::get_budget_line(&mut tx, id).await?;
                of_project(old.project_id, project_id)?;
                db::timeline::update_budget_line(&mut tx, id, &line).await?;
                (id, Some(old))
            }
            None => (
                db::timeline::insert_budget_line(&mut tx, project_id, &line).await?,
                None,
            ),
        };
        let stored = db::timeline::get_budget_line(&mut tx, id).await?;
        self.log(
            &mut tx,
            caller,
            place,
            if old.is_some() { "update" } else { "create" },
            "budget_line",
            Some(id),
            format!(
                "Budget line {} of project “{}”: {} {}",
                stored.code, project.name, stored.amount, stored.currency
            ),
            old.as_ref().and_then(json),
            json(&stored),
        )
        .await?;
        tx.commit().await?;
        Ok(stored)
    }

    /// Deletes a budget line.
    pub async fn delete_budget_line(
        &self,
        caller: &Caller,
        project_id: i64,
        id: i64,
    ) -> Result<(), Error> {
        let (project, place) = self
            .editable_project(caller, project_id, Action::EditProject)
            .await?;
        let old = db::timeline::get_budget_line(&mut *self.db.conn().await?, id).await?;
        of_project(old.project_id, project_id)?;
        let mut tx = self.db.begin().await?;
        db::timeline::delete_budget_line(&mut tx, id).await?;
        self.log(
            &mut tx,
            caller,
            place,
            "delete",
            "budget_line",
            Some(id),
            format!(
                "Budget line {} of project “{}” deleted",
                old.code, project.name
            ),
            json(&old),
            None,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
