//! Server functions for the plot pages.

use crate::api::projects::ProjectHead;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use shared::household::Household;
use shared::i18n::Locale;
use shared::plot::PlotView;

/// A plot's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlotPage {
    /// The plot's project and the reader's rights there.
    pub head: ProjectHead,
    /// The plot and its records.
    pub view: PlotView,
    /// The plot on a map, when the reader may see its place.
    pub map_svg: Option<String>,
}

/// The form to add a plot to a household.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewPlotPage {
    /// The household's project and the reader's rights there.
    pub head: ProjectHead,
    /// The household.
    pub household: Household,
}

/// One plot, with its map drawn in the reader's language.
#[server(prefix = "/rpc", endpoint = "get_plot")]
pub async fn get_plot(id: i64, locale: Locale) -> Result<PlotPage, AppError> {
    use crate::context::{answer, services_and_caller};
    let (services, caller) = services_and_caller()?;
    let view = answer(services.plot(&caller, id).await)?;
    let head = crate::api::projects::project_head(&services, &caller, view.plot.project_id).await?;
    let map_svg = view.plot.map_plot().map(|plot| {
        let title = format!("{} — {}", view.plot.name, view.plot.household_code);
        let mut options = shared::mapview::MapOptions::new(title, locale);
        if let Some(tiles) = services.tile_layer() {
            options = tiles.apply(options);
        }
        let layers = shared::mapview::MapLayers {
            plots: vec![plot],
            ..Default::default()
        };
        shared::mapview::map_svg(&layers, &options)
    });
    Ok(PlotPage {
        head,
        view,
        map_svg,
    })
}

/// What the form to add a plot to a household needs; refused to readers who may not change it.
#[server(prefix = "/rpc", endpoint = "get_new_plot")]
pub async fn get_new_plot(household: i64) -> Result<NewPlotPage, AppError> {
    use crate::context::{answer, services_and_caller};
    let (services, caller) = services_and_caller()?;
    let view = answer(services.household(&caller, household).await)?;
    if !view.can_edit {
        return answer(Err(AppError::Forbidden));
    }
    let head =
        crate::api::projects::project_head(&services, &caller, view.detail.household.project_id)
            .await?;
    Ok(NewPlotPage {
        head,
        household: view.detail.household,
    })
}
