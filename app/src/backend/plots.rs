//! Households' plots and what grows on them. Each operation checks the caller's rights on the
//! household's community; exact places (boundaries and GPS points) are answered only to callers
//! who may see personal data there.

use crate::error::AppError;
use shared::auth::Caller;
use shared::plot::{Plot, PlotForm, PlotUseForm, PlotView};

/// Plots.
#[async_trait::async_trait]
pub trait PlotsBackend {
    /// One plot with everything recorded on it.
    async fn plot(&self, caller: &Caller, id: i64) -> Result<PlotView, AppError>;
    /// Adds a plot to a household.
    async fn add_plot(
        &self,
        caller: &Caller,
        household_id: i64,
        form: PlotForm,
    ) -> Result<Plot, AppError>;
    /// Changes a plot's name, declared area or place.
    async fn update_plot(&self, caller: &Caller, id: i64, form: PlotForm)
    -> Result<Plot, AppError>;
    /// Records what grew on a plot on a day (the same crop on the same day replaces the figure).
    async fn record_plot_use(
        &self,
        caller: &Caller,
        id: i64,
        form: PlotUseForm,
    ) -> Result<PlotView, AppError>;
    /// Deletes a record made in error.
    async fn delete_plot_use(
        &self,
        caller: &Caller,
        id: i64,
        use_id: i64,
    ) -> Result<PlotView, AppError>;
    /// The plots of a project's households that the caller may see (none for donor viewers),
    /// with their places where the caller may see personal data.
    async fn project_plots(&self, caller: &Caller, project_id: i64) -> Result<Vec<Plot>, AppError>;
}
