//! Households' plots and what grows on them. Rights are those of the plot's household (its
//! community): a field monitor sees and records plots of its communities only, donor viewers
//! none. A plot's exact place leads to a farm: it is answered only to callers who may see
//! personal data there, each answer that shows places is recorded in the audit trail, and the
//! audit trail itself never holds a place.

use crate::Error;
use crate::db::{self, households::RecordedBy, plots::PlotRow};
use crate::service::{Services, json, project_place};
use shared::auth::{Action, Caller, Place};
use shared::household::HouseholdStatus;
use shared::plot::{
    NewPlot, Plot, PlotForm, PlotPlace, PlotUse, PlotUseForm, PlotView, fits_plot, plot_days,
};
use shared::validation::{FieldError, Problem};

/// The plot without its place, as the audit trail and readers without the right keep it.
fn placeless(plot: &Plot) -> Plot {
    let mut plot = plot.clone();
    plot.location = None;
    plot
}

/// The plot as the caller may see it: with its place only where the caller may see the
/// household and personal data.
fn as_seen(plot: Plot, caller: &Caller, place: &Place) -> Plot {
    if plot_shows_place(caller, place) {
        plot
    } else {
        placeless(&plot)
    }
}

/// Checks a boundary and measures it; a point stays as typed.
fn placed(new: &NewPlot) -> Result<PlotRow<'_>, Error> {
    let (measured, boundary, location) = match &new.place {
        PlotPlace::Point(lon, lat) => (None, None, (*lon, *lat)),
        PlotPlace::Boundary(text) => {
            let area = shared::geometry::area_from_text(text).map_err(|problems| {
                Error::Invalid(
                    problems
                        .into_iter()
                        .map(|detail| {
                            FieldError::new("boundary", Problem::InvalidGeometry { detail })
                        })
                        .collect(),
                )
            })?;
            let hectares = area.hectares_decimal();
            if hectares > shared::plot::plot_hectares_max() {
                return Err(Error::Invalid(vec![FieldError::new(
                    "boundary",
                    Problem::TooLarge {
                        max: shared::plot::plot_hectares_max().to_string(),
                    },
                )]));
            }
            let centroid = area.centroid().ok_or_else(|| {
                Error::Invalid(vec![FieldError::new("boundary", Problem::Required)])
            })?;
            (Some(hectares), Some(area.to_geojson()), centroid)
        }
    };
    Ok(PlotRow {
        name: &new.name,
        declared_hectares: new.declared_hectares,
        measured_hectares: measured,
        boundary,
        location,
    })
}

impl Services {
    /// A plot and where it sits, checked for `action` on its household; its place removed
    /// unless the caller may see personal data there.
    async fn plot_at(
        &self,
        caller: &Caller,
        id: i64,
        action: Action,
    ) -> Result<(Plot, Place, shared::project::Project, HouseholdStatus), Error> {
        crate::service::signed_in(caller)?;
        let plot = db::plots::get(&mut *self.db.conn().await?, id).await?;
        let (household, place, project) =
            self.household_at(caller, plot.household_id, action).await?;
        Ok((
            as_seen(plot, caller, &place),
            place,
            project,
            household.household.status,
        ))
    }

    async fn plot_view(
        &self,
        caller: &Caller,
        plot: Plot,
        place: &Place,
    ) -> Result<PlotView, Error> {
        let uses = db::plots::uses(&mut *self.db.conn().await?, plot.id).await?;
        let records: Vec<PlotUse> = uses.iter().map(|u| u.record.clone()).collect();
        Ok(PlotView {
            days: plot_days(&records),
            uses,
            can_edit: caller.may(Action::EditHouseholds, place),
            plot,
        })
    }

    /// The plot as stored now, with its place only where the caller may see it.
    async fn fresh_plot_view(
        &self,
        caller: &Caller,
        id: i64,
        place: &Place,
    ) -> Result<PlotView, Error> {
        let plot = db::plots::get(&mut *self.db.conn().await?, id).await?;
        self.plot_view(caller, as_seen(plot, caller, place), place)
            .await
    }

    /// A household's plots as the caller may see them.
    pub(crate) async fn plots_of_household(
        &self,
        caller: &Caller,
        household_id: i64,
        place: &Place,
    ) -> Result<Vec<Plot>, Error> {
        Ok(
            db::plots::list_for_household(&mut *self.db.conn().await?, household_id)
                .await?
                .into_iter()
                .map(|p| as_seen(p, caller, place))
                .collect(),
        )
    }
}

impl Services {
    /// One plot with everything recorded on it.
    pub async fn plot(&self, caller: &Caller, id: i64) -> Result<PlotView, Error> {
        let (plot, place, _, _) = self.plot_at(caller, id, Action::ViewHouseholds).await?;
        if plot.location.is_some() {
            self.log(
                &mut *self.db.conn().await?,
                caller,
                place,
                "view_personal_data",
                "plot",
                Some(id),
                format!(
                    "Place of plot “{}” of household {} shown",
                    plot.name, plot.household_code
                ),
                None,
                None,
            )
            .await?;
        }
        self.plot_view(caller, plot, &place).await
    }

    /// Adds a plot to a household.
    pub async fn add_plot(
        &self,
        caller: &Caller,
        household_id: i64,
        form: PlotForm,
    ) -> Result<Plot, Error> {
        let (household, place, project) = self
            .household_at(caller, household_id, Action::EditHouseholds)
            .await?;
        let new = form.validate().map_err(Error::Invalid)?;
        if household.household.status == HouseholdStatus::Withdrawn {
            return Err(Error::Invalid(vec![FieldError::new(
                "name",
                Problem::HouseholdWithdrawn,
            )]));
        }
        let row = placed(&new)?;
        let mut tx = self.db.begin().await?;
        let id = db::plots::insert(&mut tx, household_id, &row).await?;
        let plot = db::plots::get(&mut tx, id).await?;
        self.log(
            &mut tx,
            caller,
            place,
            "create",
            "plot",
            Some(id),
            format!(
                "Plot “{}” ({} ha declared) added to household {} (project “{}”)",
                plot.name, plot.declared_hectares, plot.household_code, project.name
            ),
            None,
            json(&placeless(&plot)),
        )
        .await?;
        tx.commit().await?;
        Ok(as_seen(plot, caller, &place))
    }

    /// Changes a plot's name, declared area or place.
    pub async fn update_plot(
        &self,
        caller: &Caller,
        id: i64,
        mut form: PlotForm,
    ) -> Result<Plot, Error> {
        let (before, place, project, _) = self.plot_at(caller, id, Action::EditHouseholds).await?;
        let reveal = caller.may(Action::ViewPersonalData, &place);
        if !reveal {
            // A place one may not see stays as stored, whatever the form says.
            let stored = PlotForm::of(&db::plots::get(&mut *self.db.conn().await?, id).await?);
            form.boundary = stored.boundary;
            form.longitude = stored.longitude;
            form.latitude = stored.latitude;
        }
        let new = form.validate().map_err(Error::Invalid)?;
        let row = placed(&new)?;
        let mut tx = self.db.begin().await?;
        db::plots::update(&mut tx, id, &row).await?;
        let after = db::plots::get(&mut tx, id).await?;
        let mut summary = format!(
            "Plot “{}” of household {} changed (project “{}”)",
            after.name, after.household_code, project.name
        );
        if reveal && before.location != after.location {
            summary.push_str("; its place changed");
        }
        self.log(
            &mut tx,
            caller,
            place,
            "update",
            "plot",
            Some(id),
            summary,
            json(&placeless(&before)),
            json(&placeless(&after)),
        )
        .await?;
        tx.commit().await?;
        Ok(as_seen(after, caller, &place))
    }

    /// Records what grew on a plot on a day (the same crop on the same day replaces the figure).
    pub async fn record_plot_use(
        &self,
        caller: &Caller,
        id: i64,
        form: PlotUseForm,
    ) -> Result<PlotView, Error> {
        let (plot, place, project, _) = self.plot_at(caller, id, Action::EditHouseholds).await?;
        let record = form.validate(crate::today()).map_err(Error::Invalid)?;
        let kept: Vec<PlotUse> = db::plots::uses(&mut *self.db.conn().await?, id)
            .await?
            .into_iter()
            .map(|u| u.record)
            .collect();
        fits_plot(plot.reference_hectares(), &kept, &record)
            .map_err(|e| Error::Invalid(vec![e]))?;
        let by = RecordedBy {
            user_id: caller.user_id,
            name: &caller.display_name,
        };
        let mut tx = self.db.begin().await?;
        let use_id = db::plots::record_use(&mut tx, id, &record, &by).await?;
        self.log(
            &mut tx,
            caller,
            place,
            "record",
            "plot_use",
            Some(use_id),
            format!(
                "{} ha of {} on {} recorded on plot “{}” of household {} (project “{}”)",
                record.hectares,
                record.crop.code(),
                record.observed_on,
                plot.name,
                plot.household_code,
                project.name
            ),
            None,
            json(&record),
        )
        .await?;
        tx.commit().await?;
        self.fresh_plot_view(caller, id, &place).await
    }

    /// Deletes a record made in error.
    pub async fn delete_plot_use(
        &self,
        caller: &Caller,
        id: i64,
        use_id: i64,
    ) -> Result<PlotView, Error> {
        let (plot, place, project, _) = self.plot_at(caller, id, Action::EditHouseholds).await?;
        let mut tx = self.db.begin().await?;
        let deleted = db::plots::delete_use(&mut tx, id, use_id).await?;
        self.log(
            &mut tx,
            caller,
            place,
            "delete",
            "plot_use",
            Some(use_id),
            format!(
                "Record of {} ha of {} on {} deleted from plot “{}” of household {} (project “{}”)",
                deleted.record.hectares,
                deleted.record.crop.code(),
                deleted.record.observed_on,
                plot.name,
                plot.household_code,
                project.name
            ),
            json(&deleted.record),
            None,
        )
        .await?;
        tx.commit().await?;
        self.fresh_plot_view(caller, id, &place).await
    }

    /// The plots of a project's households that the caller may see (none for donor viewers),
    /// with their places where the caller may see personal data.
    pub async fn project_plots(
        &self,
        caller: &Caller,
        project_id: i64,
    ) -> Result<Vec<Plot>, Error> {
        let (project, place) = self.visible_project(caller, project_id).await?;
        let plots: Vec<Plot> = db::plots::list_for_project(&mut *self.db.conn().await?, project_id)
            .await?
            .into_iter()
            .filter(|p| {
                caller.may(
                    Action::ViewHouseholds,
                    &place.with_community(p.community_id),
                )
            })
            .map(|p| {
                let at = place.with_community(p.community_id);
                as_seen(p, caller, &at)
            })
            .collect();
        let placed = plots.iter().filter(|p| p.location.is_some()).count();
        if placed > 0 {
            self.log(
                &mut *self.db.conn().await?,
                caller,
                project_place(&project),
                "view_personal_data",
                "plot",
                None,
                format!(
                    "Places of {placed} plots of project “{}” shown",
                    project.name
                ),
                None,
                None,
            )
            .await?;
        }
        Ok(plots)
    }
}

/// Whether a plot's place may be shown to the caller: it must see the household and personal
/// data in its community.
fn plot_shows_place(caller: &Caller, place: &Place) -> bool {
    caller.may(Action::ViewHouseholds, place) && caller.may(Action::ViewPersonalData, place)
}
