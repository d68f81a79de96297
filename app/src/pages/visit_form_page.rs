//! The monitoring visit form (`/households/:id/visits/new`), made for a phone in the field: the
//! day, the device's GPS position, one short group of fields per plot (illicit crop standing,
//! licit crop established and surviving), the harvest, sales and income, and a note. A plain
//! form post, so it works without JavaScript; what was typed comes back with every problem named
//! next to its field. The entry's id travels with the form: sending it twice stores one visit.

use super::id_param;
use crate::api::visits::{NewVisitPage, get_new_visit};
use crate::components::error_view::{ErrorNotice, ErrorSummary};
use crate::components::field::{SelectField, TextArea, TextField, coded_options as options};
use crate::components::form::{CsrfField, FormState};
use crate::components::locate::LocateButton;
use crate::components::project_header::{ProjectHeader, ProjectTab};
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::crop::{AlternativeCrop, IllicitCrop};
use shared::format;
use shared::i18n::{Locale, Msg};
use shared::visit::{SalesChannel, VisitForm, VisitPlotForm};

/// The id of a field's input (`plots[0].illicit_hectares` → `visit-plots-0-illicit-hectares`).
pub fn visit_field_id(field: &str) -> String {
    let parts: Vec<&str> = field
        .split(['[', ']', '.', '_'])
        .filter(|p| !p.is_empty())
        .collect();
    format!("visit-{}", parts.join("-"))
}

fn visit_field_label(field: &str, locale: Locale) -> String {
    let name = field.rsplit('.').next().unwrap_or(field);
    let label = locale.t(match name {
        "client_id" => Msg::VisitTitle,
        "visited_on" => Msg::VisitedOn,
        "longitude" => Msg::Longitude,
        "latitude" => Msg::Latitude,
        "plot_id" => Msg::PlotTitle,
        "illicit_crop" => Msg::IllicitStanding,
        "illicit_hectares" => Msg::IllicitStandingHectares,
        "licit_crop" => Msg::LicitCropLabel,
        "established_hectares" => Msg::EstablishedHectares,
        "surviving_hectares" => Msg::SurvivingHectares,
        "crop" => Msg::HarvestCrop,
        "harvested_kg" => Msg::HarvestedKg,
        "sold_kg" => Msg::SoldKg,
        "price_per_kg" => Msg::PricePerKg,
        "currency" => Msg::Currency,
        "sales_channel" => Msg::SalesChannelLabel,
        "income" => Msg::Income,
        _ => Msg::Note,
    });
    match field
        .strip_prefix("plots[")
        .and_then(|rest| rest.split_once(']'))
        .and_then(|(i, _)| i.parse::<usize>().ok())
    {
        Some(i) => format!("{} {}: {label}", locale.t(Msg::PlotTitle), i + 1),
        None => label.to_owned(),
    }
}

/// The page.
#[component]
pub fn VisitFormPage() -> impl IntoView {
    let locale = use_locale();
    let id = id_param();
    let data = Resource::new(
        move || id.get(),
        |id| async move { get_new_visit(id?).await },
    );
    view! {
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <VisitFormView page /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn VisitFormView(page: NewVisitPage) -> impl IntoView {
    let locale = use_locale();
    let household = page.household.clone();
    let id = household.id;
    let (submitted, state) = FormState::from_submission::<VisitForm>();
    let errors = state.errors;
    let again = submitted != VisitForm::default();
    let value = |typed: &str, first: String| if again { typed.to_owned() } else { first };
    let title = format!("{} — {}", locale.t(Msg::VisitTitle), household.code);
    let illicit = options(
        IllicitCrop::ALL,
        IllicitCrop::code,
        IllicitCrop::name,
        locale,
    );
    let licit = options(
        AlternativeCrop::ALL,
        AlternativeCrop::code,
        AlternativeCrop::name,
        locale,
    );
    let channels = options(
        SalesChannel::ALL,
        SalesChannel::code,
        SalesChannel::name,
        locale,
    );
    let currencies = crate::components::field::currency_options(locale);
    let plot_groups = page
        .plots
        .iter()
        .enumerate()
        .map(|(i, plot)| {
            let typed = submitted
                .plots
                .get(i)
                .cloned()
                .unwrap_or_else(VisitPlotForm::default);
            let name = |part: &str| format!("plots[{i}].{part}");
            let field_id = |part: &str| visit_field_id(&name(part));
            let legend = format!(
                "{} ({} ha)",
                plot.name,
                format::decimal(plot.reference_hectares(), locale)
            );
            view! {
                <fieldset class="field fieldset visit-plot" id=format!("visit-plot-{i}")>
                    <legend>{legend}</legend>
                    <input type="hidden" name=name("plot_id") value=plot.id.to_string() />
                    <div class="form__row">
                        <SelectField
                            id=field_id("illicit_crop")
                            name=name("illicit_crop")
                            label=Msg::IllicitStanding
                            options=illicit.clone()
                            selected=typed.illicit_crop.clone()
                            errors
                            placeholder=Msg::NoneOption
                        />
                        <TextField
                            id=field_id("illicit_hectares")
                            name=name("illicit_hectares")
                            label=Msg::IllicitStandingHectares
                            value=typed.illicit_hectares.clone()
                            errors
                            inputmode="decimal"
                        />
                    </div>
                    <div class="form__row">
                        <SelectField
                            id=field_id("licit_crop")
                            name=name("licit_crop")
                            label=Msg::LicitCropLabel
                            options=licit.clone()
                            selected=typed.licit_crop.clone()
                            errors
                            placeholder=Msg::NoneOption
                        />
                        <TextField
                            id=field_id("established_hectares")
                            name=name("established_hectares")
                            label=Msg::EstablishedHectares
                            value=typed.established_hectares.clone()
                            errors
                            inputmode="decimal"
                        />
                        <TextField
                            id=field_id("surviving_hectares")
                            name=name("surviving_hectares")
                            label=Msg::SurvivingHectares
                            value=typed.surviving_hectares.clone()
                            errors
                            inputmode="decimal"
                        />
                    </div>
                </fieldset>
            }
        })
        .collect_view();
    let no_plots = page.plots.is_empty();
    let currency = value(&submitted.currency, page.head.project.currency.clone());
    view! {
        <Title text=title.clone() />
        <ProjectHeader head=page.head.clone() tab=ProjectTab::Households />
        <h2>{title}</h2>
        <form
            id="visit-form"
            class="form form--field"
            method="post"
            action=format!("/households/{id}/visits")
            novalidate
        >
            <CsrfField />
            <input type="hidden" name="client_id" value=value(&submitted.client_id, page.entry_id.clone()) />
            <ErrorSummary
                errors
                general=state.general
                field_id=visit_field_id
                field_label=visit_field_label
            />
            <TextField
                id="visit-visited-on"
                name="visited_on"
                label=Msg::VisitedOn
                kind="date"
                value=value(&submitted.visited_on, page.today.to_string())
                errors
                required=true
            />
            <fieldset class="field fieldset" aria-describedby="visit-gps-hint">
                <legend>{locale.t(Msg::VisitGpsLegend)}</legend>
                <p class="hint" id="visit-gps-hint">{locale.t(Msg::VisitGpsHint)}</p>
                <LocateButton
                    id="visit-locate"
                    longitude_input="visit-longitude"
                    latitude_input="visit-latitude"
                />
                <div class="form__row">
                    <TextField
                        id="visit-longitude"
                        name="longitude"
                        label=Msg::Longitude
                        value=submitted.longitude.clone()
                        errors
                        inputmode="decimal"
                    />
                    <TextField
                        id="visit-latitude"
                        name="latitude"
                        label=Msg::Latitude
                        value=submitted.latitude.clone()
                        errors
                        inputmode="decimal"
                    />
                </div>
            </fieldset>
            <h3>{locale.t(Msg::VisitPlotsLegend)}</h3>
            <p class="hint">
                {locale.t(if no_plots { Msg::NoPlotsForVisit } else { Msg::VisitPlotsHint })}
            </p>
            {plot_groups}
            <fieldset class="field fieldset" aria-describedby="visit-production-hint">
                <legend>{locale.t(Msg::ProductionLegend)}</legend>
                <p class="hint" id="visit-production-hint">{locale.t(Msg::ProductionHint)}</p>
                <div class="form__row">
                    <SelectField
                        id="visit-crop"
                        name="crop"
                        label=Msg::HarvestCrop
                        options=licit
                        selected=submitted.crop.clone()
                        errors
                        placeholder=Msg::NoneOption
                    />
                    <TextField
                        id="visit-harvested-kg"
                        name="harvested_kg"
                        label=Msg::HarvestedKg
                        value=submitted.harvested_kg.clone()
                        errors
                        inputmode="decimal"
                    />
                    <TextField
                        id="visit-sold-kg"
                        name="sold_kg"
                        label=Msg::SoldKg
                        value=submitted.sold_kg.clone()
                        errors
                        inputmode="decimal"
                    />
                </div>
                <div class="form__row">
                    <TextField
                        id="visit-price-per-kg"
                        name="price_per_kg"
                        label=Msg::PricePerKg
                        value=submitted.price_per_kg.clone()
                        errors
                        inputmode="decimal"
                    />
                    <SelectField
                        id="visit-currency"
                        name="currency"
                        label=Msg::Currency
                        options=currencies
                        selected=currency
                        errors
                    />
                    <SelectField
                        id="visit-sales-channel"
                        name="sales_channel"
                        label=Msg::SalesChannelLabel
                        options=channels
                        selected=submitted.sales_channel.clone()
                        errors
                        placeholder=Msg::ChooseOption
                    />
                </div>
                <TextField
                    id="visit-income"
                    name="income"
                    label=Msg::Income
                    hint=Msg::IncomeHint
                    value=submitted.income.clone()
                    errors
                    inputmode="decimal"
                />
            </fieldset>
            <TextArea
                id="visit-note"
                name="note"
                label=Msg::Note
                value=submitted.note.clone()
                errors
                maxlength=shared::visit::VISIT_NOTE_MAX
            />
            <div class="form__actions">
                <button id="visit-submit" type="submit" class="button button--primary">
                    {locale.t(Msg::SaveVisit)}
                </button>
                <a class="button button--secondary" href=format!("/households/{id}#visits")>
                    {locale.t(Msg::Cancel)}
                </a>
            </div>
        </form>
    }
}
