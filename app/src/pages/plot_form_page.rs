//! Adding a plot to a household (`/households/:id/plots/new`) or changing one
//! (`/plots/:id/edit`): its name, the area the household declares, and where it is — a GPS
//! point (filled from the device's GPS when the browser has one) or a boundary walked with a GPS
//! (GeoJSON or KML, measured on the server). A plain form post; what was typed comes back with
//! every problem named next to its field.

use crate::api::plots::{get_new_plot, get_plot};
use crate::api::projects::ProjectHead;
use crate::components::error_view::{ErrorNotice, ErrorSummary};
use crate::components::field::{TextArea, TextField};
use crate::components::form::{CsrfField, FormState};
use crate::components::locate::LocateButton;
use crate::components::project_header::{ProjectHeader, ProjectTab};
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_params_map};
use shared::i18n::{Locale, Msg};
use shared::plot::PlotForm;

/// The id of a field's input (`declared_hectares` → `plot-declared-hectares`).
pub fn plot_field_id(field: &str) -> String {
    format!("plot-{}", field.replace('_', "-"))
}

/// The label of a field, for the error summary.
pub fn plot_field_label(field: &str, locale: Locale) -> String {
    locale
        .t(match field {
            "name" => Msg::PlotName,
            "declared_hectares" => Msg::DeclaredHectares,
            "longitude" => Msg::Longitude,
            "latitude" => Msg::Latitude,
            _ => Msg::PlotBoundary,
        })
        .to_owned()
}

/// What the form starts from.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
struct Start {
    head: ProjectHead,
    household: (i64, String),
    /// The plot's id and name when changing one.
    plot: Option<(i64, String)>,
    form: PlotForm,
    /// Whether the reader may see and change the place (otherwise it stays as stored).
    place: bool,
}

/// The page, for a new plot or an existing one.
#[component]
pub fn PlotFormPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let location = use_location();
    let key = Memo::new(move |_| {
        let id = params.read().get("id").and_then(|v| v.parse::<i64>().ok());
        // `/plots/:id/edit` changes a plot; `/households/:id/plots/new` adds one.
        (id, location.pathname.read().starts_with("/plots/"))
    });
    let data = Resource::new(
        move || key.get(),
        move |(id, existing)| async move {
            let id = id.ok_or(crate::error::AppError::NotFound)?;
            if existing {
                let page = get_plot(id, locale).await?;
                if !page.view.can_edit {
                    return Err(crate::error::AppError::Forbidden);
                }
                let plot = page.view.plot;
                Ok(Start {
                    head: page.head,
                    household: (plot.household_id, plot.household_code.clone()),
                    place: plot.location.is_some(),
                    form: PlotForm::of(&plot),
                    plot: Some((plot.id, plot.name)),
                })
            } else {
                let page = get_new_plot(id).await?;
                Ok(Start {
                    head: page.head,
                    household: (page.household.id, page.household.code),
                    plot: None,
                    form: PlotForm::default(),
                    place: true,
                })
            }
        },
    );
    view! {
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(start) => view! { <PlotFormView start /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PlotFormView(start: Start) -> impl IntoView {
    let locale = use_locale();
    let (submitted, state) = FormState::from_submission::<PlotForm>();
    let initial = if submitted != PlotForm::default() {
        submitted
    } else {
        start.form.clone()
    };
    let errors = state.errors;
    let (household_id, household_code) = start.household.clone();
    let (action, title, cancel) = match &start.plot {
        Some((id, name)) => (
            format!("/plots/{id}/edit"),
            format!("{} “{name}”", locale.t(Msg::EditPlot)),
            format!("/plots/{id}"),
        ),
        None => (
            format!("/households/{household_id}/plots/new"),
            format!("{} — {household_code}", locale.t(Msg::AddPlot)),
            format!("/households/{household_id}"),
        ),
    };
    let place = start.place.then(|| {
        view! {
            <fieldset class="field fieldset" aria-describedby="plot-place-hint">
                <legend>
                    {locale.t(Msg::PlotPlaceLegend)}
                    <span class="required" aria-hidden="true">" *"</span>
                </legend>
                <p class="hint" id="plot-place-hint">{locale.t(Msg::PlotPlaceHint)}</p>
                <div class="form__row">
                    <TextField
                        id="plot-longitude"
                        name="longitude"
                        label=Msg::Longitude
                        value=initial.longitude.clone()
                        errors
                        inputmode="decimal"
                    />
                    <TextField
                        id="plot-latitude"
                        name="latitude"
                        label=Msg::Latitude
                        value=initial.latitude.clone()
                        errors
                        inputmode="decimal"
                    />
                </div>
                <LocateButton
                    id="plot-locate"
                    longitude_input="plot-longitude"
                    latitude_input="plot-latitude"
                />
                <TextArea
                    id="plot-boundary"
                    name="boundary"
                    label=Msg::PlotBoundary
                    value=initial.boundary.clone()
                    errors
                />
            </fieldset>
        }
    });
    view! {
        <Title text=title.clone() />
        <ProjectHeader head=start.head.clone() tab=ProjectTab::Households />
        <h2>{title}</h2>
        <form id="plot-form" class="form" method="post" action=action novalidate>
            <CsrfField />
            <ErrorSummary
                errors
                general=state.general
                field_id=plot_field_id
                field_label=plot_field_label
            />
            <div class="form__row">
                <TextField
                    id="plot-name"
                    name="name"
                    label=Msg::PlotName
                    hint=Msg::PlotNameHint
                    value=initial.name.clone()
                    errors
                    required=true
                    maxlength=200
                />
                <TextField
                    id="plot-declared-hectares"
                    name="declared_hectares"
                    label=Msg::DeclaredHectares
                    value=initial.declared_hectares.clone()
                    errors
                    inputmode="decimal"
                    required=true
                />
            </div>
            {place}
            {(!start.place).then(|| view! { <p class="hint">{locale.t(Msg::PlotPlaceHidden)}</p> })}
            <div class="form__actions">
                <button id="plot-submit" type="submit" class="button button--primary">
                    {locale.t(Msg::SavePlot)}
                </button>
                <a class="button button--secondary" href=cancel>{locale.t(Msg::Cancel)}</a>
            </div>
        </form>
    }
}
